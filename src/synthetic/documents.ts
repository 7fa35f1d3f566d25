// Synthetic documents: about two per company, a press release or a news story in English or Korean, from a few
// hundred bytes' worth of sentences to 100 KB, most of them short (as press releases are) and a few long (as reports
// are). Each names its company, some of its chips and other companies (so mentions and text search have something
// to find) and holds two sentences found nowhere else, which become passages its company cites. Deterministic, like
// the rest of the synthetic dataset.
import type { z } from 'zod';
import type { DocumentInputSchema } from '../documents/schemas.js';
import type { SourceInputSchema } from '../sources/schemas.js';

export type DocumentInput = z.input<typeof DocumentInputSchema>;
export type SourceInput = z.input<typeof SourceInputSchema>;

export interface DocumentRandom {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** A company as its documents name it, with what it designs and whom it deals with. */
export interface DocumentSubject {
  slug: string;
  name: string;
  nameKo: string | null;
  chips: readonly string[];
  others: readonly { name: string; nameKo: string | null }[];
}

/** The smallest and largest text, in UTF-8 bytes. */
const MIN_BYTES = 1024;
const MAX_BYTES = 100 * 1024;

/** A size skewed to the small end: the median about 1.2 KB, the mean about 6 KB, one in thirty past 50 KB. */
function textSize(random: DocumentRandom): number {
  return Math.round(MIN_BYTES * (MAX_BYTES / MIN_BYTES) ** (random.next() ** 5));
}

type Sentence = (subject: DocumentSubject, random: DocumentRandom) => string;

const ENGLISH: readonly Sentence[] = [
  (s, r) => `${s.name} said its ${chipOf(s, r)} accelerator is now shipping to data-centre customers.`,
  (s, r) => `The ${chipOf(s, r)} delivers ${r.int(50, 900)} TOPS at ${r.int(15, 400)} W, according to ${s.name}.`,
  (s, r) => `${otherOf(s, r).name} is testing the ${chipOf(s, r)} in its own servers.`,
  (s, r) => `${s.name} and ${otherOf(s, r).name} agreed to work together on inference hardware.`,
  () => `Analysts expect demand for AI accelerators to keep growing as companies put large language models into products.`,
  (s, r) => `${s.name} plans to open ${r.int(2, 9)} new design centres over the next ${r.int(2, 5)} years.`,
  (s) => `Supply of advanced packaging remains tight, and ${s.name} said it has secured capacity for next year.`,
  (s, r) => `Investors in ${s.name} include ${otherOf(s, r).name}.`,
];

const KOREAN: readonly Sentence[] = [
  (s, r) => `${koOf(s)}는 자사 ${chipOf(s, r)} 가속기를 데이터센터 고객에게 공급하기 시작했다고 밝혔다.`,
  (s, r) => `${koOf(s)}에 따르면 ${chipOf(s, r)}는 ${r.int(15, 400)}W에서 ${r.int(50, 900)} TOPS의 성능을 낸다.`,
  (s, r) => `${koName(otherOf(s, r))}는 자체 서버에서 ${chipOf(s, r)}를 시험하고 있다.`,
  (s, r) => `${koOf(s)}와 ${koName(otherOf(s, r))}는 추론용 하드웨어 협력에 합의했다.`,
  () => `기업들이 대규모 언어 모델을 제품에 넣으면서 AI 가속기 수요는 계속 늘어날 것으로 예상된다.`,
  (s, r) => `${koOf(s)}는 앞으로 ${r.int(2, 5)}년 동안 설계 센터 ${r.int(2, 9)}곳을 새로 열 계획이다.`,
  (s) => `첨단 패키징 공급은 여전히 빠듯하며, ${koOf(s)}는 내년 생산 능력을 확보했다고 말했다.`,
  (s, r) => `${koOf(s)}의 투자자로는 ${koName(otherOf(s, r))} 등이 있다.`,
];

const chipOf = (subject: DocumentSubject, random: DocumentRandom) => (subject.chips.length > 0 ? random.pick(subject.chips) : `${subject.name} accelerator`);
const otherOf = (subject: DocumentSubject, random: DocumentRandom) => (subject.others.length > 0 ? random.pick(subject.others) : { name: 'a cloud company', nameKo: '한 클라우드 기업' });
const koName = (named: { name: string; nameKo: string | null }) => named.nameKo ?? named.name;
const koOf = (subject: DocumentSubject) => koName(subject);

/** The two sentences of a document found nowhere else: what its passages quote. */
function ownSentences(subject: DocumentSubject, slug: string, korean: boolean): [string, string] {
  return korean
    ? [`${koOf(subject)}는 ${slug} 문서의 첫 번째 항목에서 제품 계획을 설명했다.`, `${koOf(subject)}는 ${slug} 문서의 두 번째 항목에서 투자 계획을 밝혔다.`]
    : [`In item one of ${slug}, ${subject.name} described its product plans.`, `In item two of ${slug}, ${subject.name} set out its investment plans.`];
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A company's documents and the passages of them it cites, slugs from `unique` (which keeps them apart from every
 * other record's).
 */
export function companyDocuments(
  random: DocumentRandom,
  subject: DocumentSubject,
  unique: (base: string) => string,
): { documents: DocumentInput[]; sources: SourceInput[] } {
  const documents: DocumentInput[] = [];
  const sources: SourceInput[] = [];
  const count = random.pick([1, 2, 2, 2, 3]);
  for (let index = 0; index < count; index += 1) {
    const korean = random.chance(0.5);
    const pressRelease = random.chance(0.5);
    const slug = unique(`${subject.slug}-${pressRelease ? 'press-release' : 'news'}`);
    const year = random.int(2019, 2025);
    const month = String(random.int(1, 12)).padStart(2, '0');
    const title = korean
      ? `${koOf(subject)}, ${chipOf(subject, random)} ${pressRelease ? '출시 발표' : '공급 확대'}`
      : `${subject.name} ${pressRelease ? 'announces' : 'expands supply of'} ${chipOf(subject, random)}`;
    const own = ownSentences(subject, slug, korean);
    const templates = korean ? KOREAN : ENGLISH;
    const wanted = textSize(random);
    const paragraphs: string[] = [];
    let paragraph: string[] = [];
    let size = byteLength(title) + own.reduce((sum, sentence) => sum + byteLength(sentence) + 1, 0);
    // Where the document's own sentences go: early on, as a press release states what it is about.
    const ownAt = [random.int(0, 3), random.int(4, 8)];
    for (let sentenceIndex = 0; size < wanted || sentenceIndex <= ownAt[1]!; sentenceIndex += 1) {
      const sentence = ownAt.includes(sentenceIndex) ? own[ownAt.indexOf(sentenceIndex)]! : random.pick(templates)(subject, random);
      paragraph.push(sentence);
      size += byteLength(sentence) + 1;
      if (paragraph.length >= random.int(3, 6)) {
        paragraphs.push(paragraph.join(' '));
        paragraph = [];
      }
    }
    if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
    documents.push({
      slug,
      title,
      ...(korean && { titleEn: `${subject.name} ${pressRelease ? 'announces' : 'expands supply of'} its accelerator` }),
      kind: pressRelease ? 'press_release' : 'article',
      publisher: pressRelease ? subject.name : korean ? '가상 반도체 신문' : 'The Fictional Chip Journal',
      language: korean ? 'ko' : 'en',
      published: { value: `${year}-${month}` },
      text: `${title}\n\n${paragraphs.join('\n\n')}\n`,
    });
    own.forEach((quote, item) => sources.push({ slug: unique(`${slug}-item-${item + 1}`), document: slug, quote, stance: item === 0 ? 'fact' : 'plan' }));
  }
  return { documents, sources };
}
