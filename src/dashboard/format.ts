// How the dashboard words and formats what the API returns: names and vocabularies in the chosen language, dates at
// the precision the article gives, money exactly (amounts are integer strings) or compactly, and the article's
// passages as a reader expects them.
import type { components, PartialDate } from '../client/index.js';
import { currentLanguage, pick, type Language, type Words } from './i18n.js';

export { currentLanguage, onLanguageChange, setLanguage, type Language } from './i18n.js';

type Schemas = components['schemas'];

/** A name in the chosen language: the Korean as the article writes it, where it gives one. */
export function nameOf(record: { name: string; nameKo?: string | null }): string {
  return currentLanguage() === 'ko' && record.nameKo ? record.nameKo : record.name;
}

/** The `lang` of a name as shown, so Korean text is marked (and rendered) as Korean. */
export function langOf(record: { name: string; nameKo?: string | null }): Language {
  return currentLanguage() === 'ko' && record.nameKo ? 'ko' : 'en';
}

/** A vocabulary's label in the chosen language. */
export function label<K extends string>(vocabulary: Record<K, Words>, value: K): string {
  return pick(vocabulary[value]);
}

export const CHIP_KINDS: Record<Schemas['ChipKind'], Words> = {
  ai_accelerator: { en: 'AI accelerator', ko: 'AI 가속기' },
  gpu: { en: 'GPU', ko: 'GPU' },
  cpu: { en: 'CPU', ko: 'CPU' },
  tpu: { en: 'TPU', ko: 'TPU' },
  npu: { en: 'NPU', ko: 'NPU' },
  network_interface: { en: 'Network interface', ko: '네트워크 인터페이스' },
  processor: { en: 'Processor', ko: '프로세서' },
};

export const CHIP_PURPOSES: Record<Schemas['ChipPurpose'], Words> = {
  training: { en: 'Training', ko: '학습' },
  inference: { en: 'Inference', ko: '추론' },
  training_and_inference: { en: 'Training & inference', ko: '학습·추론' },
  general_compute: { en: 'General compute', ko: '범용 연산' },
  networking: { en: 'Networking', ko: '네트워킹' },
};

export const VENDOR_KINDS: Record<Schemas['VendorKind'], Words> = {
  big_tech: { en: 'Big tech', ko: '빅테크' },
  startup: { en: 'Startup', ko: '스타트업' },
  semiconductor: { en: 'Semiconductor company', ko: '반도체 기업' },
  conglomerate: { en: 'Conglomerate', ko: '대기업 집단' },
  investor: { en: 'Investor', ko: '투자사' },
  financial: { en: 'Financial group', ko: '금융사' },
  advisory: { en: 'Advisory firm', ko: '자문사' },
  telecom: { en: 'Telecom', ko: '통신사' },
  media: { en: 'Media', ko: '언론사' },
  other: { en: 'Other', ko: '기타' },
};

export const VENDOR_ROLES: Record<Schemas['VendorRole'], Words> = {
  designer: { en: 'designs chips', ko: '칩 설계' },
  investor: { en: 'invests', ko: '투자' },
  funded: { en: 'raised funding', ko: '투자 유치' },
  partner: { en: 'partners on chips', ko: '칩 협력' },
  customer: { en: 'runs chips', ko: '칩 도입' },
  acquirer: { en: 'acquires', ko: '인수' },
  acquired: { en: 'was acquired', ko: '피인수' },
};

/** How the article frames a passage, with the Korean ending that marks it. */
export const STANCES: Record<Schemas['Stance'], { label: Words; marker: string | null }> = {
  fact: { label: { en: 'Fact', ko: '사실' }, marker: null },
  report: { label: { en: 'Reported', ko: '보도' }, marker: '알려졌다' },
  plan: { label: { en: 'Planned', ko: '계획' }, marker: '계획이다' },
  estimate: { label: { en: 'Estimated', ko: '예상' }, marker: '예상된다' },
};

export const EVENT_TYPES: Record<Schemas['EventType'], Words> = {
  founding: { en: 'Founded', ko: '설립' },
  chip_announcement: { en: 'Chip announced', ko: '칩 발표' },
  chip_availability: { en: 'Chip available', ko: '칩 출시' },
  deployment: { en: 'Deployment', ko: '도입' },
  funding_round: { en: 'Funding', ko: '투자' },
  deal: { en: 'Deal', ko: '거래' },
};

export const ROUND_TYPES: Record<Schemas['RoundType'], Words> = {
  seed: { en: 'Seed', ko: '시드' },
  series_a: { en: 'Series A', ko: '시리즈 A' },
  series_b: { en: 'Series B', ko: '시리즈 B' },
  series_c: { en: 'Series C', ko: '시리즈 C' },
  series_d: { en: 'Series D', ko: '시리즈 D' },
  strategic: { en: 'Strategic', ko: '전략적 투자' },
  undisclosed: { en: 'Undisclosed round', ko: '비공개 라운드' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const QUALIFIERS: Record<NonNullable<PartialDate['qualifier']>, Words> = {
  early: { en: 'early', ko: '초' },
  mid: { en: 'mid', ko: '중반' },
  late: { en: 'late', ko: '말' },
};

/**
 * A date as precise as the article gives it: `15 Nov 2023`, `Sep 2023`, `Q1 2024`, `early 2024`, `2015`; in Korean
 * `2023년 11월 15일`, `2024년 초`.
 */
export function formatDate(date: PartialDate | null | undefined): string {
  if (!date) return '—';
  const [year = '', second = '', day] = date.value.split('-');
  if (currentLanguage() === 'ko') {
    let text: string;
    if (date.precision === 'day') text = `${year}년 ${Number(second)}월 ${Number(day)}일`;
    else if (date.precision === 'month') text = `${year}년 ${Number(second)}월`;
    else if (date.precision === 'quarter') text = `${year}년 ${second.slice(1)}분기`;
    else text = `${year}년`;
    return date.qualifier ? `${text} ${pick(QUALIFIERS[date.qualifier])}` : text;
  }
  let text: string;
  if (date.precision === 'day') text = `${Number(day)} ${MONTHS[Number(second) - 1]} ${year}`;
  else if (date.precision === 'month') text = `${MONTHS[Number(second) - 1]} ${year}`;
  else if (date.precision === 'quarter') text = `${second} ${year}`;
  else text = year;
  return date.qualifier ? `${pick(QUALIFIERS[date.qualifier])} ${text}` : text;
}

const COMPACT_USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/** `$1B`, `$335M`, `$48M`: for axes and bar labels. Amounts this large lose nothing that matters at this size. */
export function compactUsd(amount: number): string {
  return COMPACT_USD.format(amount);
}

/** An exact amount in its currency, digits grouped: `KRW 62,000,000,000`. BigInt: no rounding past 2^53. */
export function exactAmount(amount: string, currency: string): string {
  return `${currency} ${BigInt(amount).toLocaleString('en-US')}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

export { readableQuote } from './quotes.js';
