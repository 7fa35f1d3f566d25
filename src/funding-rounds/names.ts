// A round has no name of its own; it goes by its company's name and its type, in both languages. Search hits
// show that name, and the list's `q=`/`name[contains]` filters search it (src/search/derive.ts), so 'Series A' and
// '시리즈 A' find rounds.
import type { z } from 'zod';
import type { RoundTypeSchema } from '../domain/vocabulary.js';

// Every round type has its names: a type added to the vocabulary without them does not compile.
const ROUND_TYPE_LABELS: Record<z.infer<typeof RoundTypeSchema>, { en: string; ko: string }> = {
  seed: { en: 'seed round', ko: '시드 투자' },
  series_a: { en: 'Series A', ko: '시리즈 A' },
  series_b: { en: 'Series B', ko: '시리즈 B' },
  series_c: { en: 'Series C', ko: '시리즈 C' },
  series_d: { en: 'Series D', ko: '시리즈 D' },
  strategic: { en: 'strategic investment', ko: '전략적 투자' },
  undisclosed: { en: 'investment', ko: '투자 유치' },
};

interface CompanyNames {
  name: string;
  nameKo?: string | null;
}

export function roundName(company: CompanyNames, roundType: string): { name: string; nameKo: string | null } {
  const label = ROUND_TYPE_LABELS[roundType as keyof typeof ROUND_TYPE_LABELS] ?? { en: roundType, ko: roundType };
  return { name: `${company.name} ${label.en}`, nameKo: company.nameKo ? `${company.nameKo} ${label.ko}` : null };
}
