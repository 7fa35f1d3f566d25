// The page's two languages: the names the API gives (English, and the Korean as the article writes it) and the
// page's own words, headings, labels, vocabularies and dates, so that 한국어 reads as a Korean page, not an English
// one with Korean names. Every section re-renders from what it has when the language changes; nothing is fetched.

export type Language = 'en' | 'ko';

let language: Language = 'en';
const listeners: (() => void)[] = [];

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  document.documentElement.lang = next;
  translatePage();
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/** A text in both languages. */
export type Words = { en: string; ko: string };

/** The page's own words, by key. */
const UI = {
  title: { en: 'AI Chip Atlas', ko: 'AI 칩 아틀라스' },
  lede: {
    en: 'The AI-chip market as one Korean magazine article (late 2023) tells it: who designs which chip, who funds whom, who buys from whom. Every fact opens the sentence it comes from.',
    ko: '2023년 말 한 한국 잡지 기사가 전하는 AI 반도체 시장: 누가 어떤 칩을 설계하고, 누가 누구에게 투자하고, 누가 누구의 칩을 쓰는지. 모든 사실은 근거가 된 문장으로 이어집니다.',
  },
  namesIn: { en: 'Names in', ko: '이름 표기' },
  explorer: { en: 'API explorer', ko: 'API 탐색기' },
  chips: { en: 'Chips', ko: '칩' },
  filterChips: { en: 'Filter chips', ko: '칩 거르기' },
  chip: { en: 'Chip', ko: '칩' },
  designer: { en: 'Designer', ko: '설계사' },
  kind: { en: 'Kind', ko: '종류' },
  purpose: { en: 'Purpose', ko: '용도' },
  announced: { en: 'Announced', ko: '발표' },
  available: { en: 'Available', ko: '출시' },
  source: { en: 'Source', ko: '출처' },
  allDesigners: { en: 'All designers', ko: '모든 설계사' },
  moreDesigners: { en: 'More designers…', ko: '설계사 더 보기…' },
  allKinds: { en: 'All kinds', ko: '모든 종류' },
  allPurposes: { en: 'All purposes', ko: '모든 용도' },
  notStated: { en: 'not stated', ko: '기사에 없음' },
  noChip: { en: 'No chip matches these filters.', ko: '조건에 맞는 칩이 없습니다.' },
  previous: { en: 'Previous', ko: '이전' },
  next: { en: 'Next', ko: '다음' },
  loadingChips: { en: 'Loading chips…', ko: '칩을 불러오는 중…' },
  funding: { en: 'Funding by company', ko: '기업별 투자 유치' },
  fundingNote: {
    en: "Total raised, in US dollars: each round converted at the rate it states (a won round at the Bank of Korea's average for its year). Tap or hover a bar for the original currency; select it for the rounds and their sentences.",
    ko: '유치한 투자 총액(미국 달러). 각 라운드는 밝힌 환율로 환산했습니다(원화 라운드는 그해 한국은행 평균 환율). 막대를 누르거나 가리키면 원래 통화가, 선택하면 라운드와 근거 문장이 나옵니다.',
  },
  moreCompanies: { en: 'Show more companies', ko: '기업 더 보기' },
  timeline: { en: 'Timeline', ko: '연표' },
  laterEvents: { en: 'Show later events', ko: '이후 사건 더 보기' },
  graph: { en: 'Who invests in, designs for and buys from whom', ko: '누가 누구에게 투자하고, 설계하고, 사는가' },
  kindsOfRelation: { en: 'Kinds of relation', ko: '관계의 종류' },
  moreRelations: { en: 'Show more relations', ko: '관계 더 보기' },
  graphHint: {
    en: 'Select a company to see only its relations; select a relation for its sentences.',
    ko: '기업을 선택하면 그 기업의 관계만, 관계를 선택하면 근거 문장이 나옵니다.',
  },
  graphScroll: { en: 'Scroll sideways to see the whole graph.', ko: '옆으로 밀어 전체 그래프를 보세요.' },
  around: { en: 'Around', ko: '중심:' },
  everyCompany: { en: 'Show every company', ko: '모든 기업 보기' },
  openCompany: { en: 'Open the company', ko: '기업 정보 열기' },
  colophon: {
    en: 'Served by the AI Chip Atlas API from its own data; nothing on this page comes from anywhere else. Dates keep the article\'s precision; stances say whether it states, reports, plans or estimates.',
    ko: 'AI 칩 아틀라스 API가 자체 데이터로 제공합니다. 이 페이지의 어떤 내용도 다른 곳에서 오지 않습니다. 날짜는 기사가 밝힌 정밀도를 따르며, 각 문장이 사실인지 보도·계획·예상인지 표시합니다.',
  },
  inTheArticle: { en: 'In its sources', ko: '근거 문장' },
  close: { en: 'Close', ko: '닫기' },
  loadingSentences: { en: 'Loading the sentences…', ko: '문장을 불러오는 중…' },
  citesNothing: { en: 'The record cites no passage.', ko: '이 기록이 인용한 문장이 없습니다.' },
  asJson: { en: 'as JSON', ko: 'JSON으로 보기' },
  atCharacter: { en: 'at character {n} of its document', ko: '문서의 {n}번째 글자' },
  openDocument: { en: 'Open the document at this sentence', ko: '이 문장 위치에서 문서 열기' },
  documents: { en: 'Documents', ko: '문서' },
  documentsNote: {
    en: 'What the atlas quotes: each document with its text, every cited sentence marked and linked to the records resting on it.',
    ko: '아틀라스가 인용하는 문서: 각 문서의 원문과, 인용된 모든 문장을 그 문장에 근거한 기록과 함께 표시합니다.',
  },
  moreDocuments: { en: 'Show more documents', ko: '문서 더 보기' },
  noDocument: { en: 'No document yet.', ko: '아직 문서가 없습니다.' },
  citingRecords: { en: '{n} records rest on it', ko: '근거로 삼은 기록 {n}개' },
  document: { en: 'Document', ko: '문서' },
  documentKind: { en: 'Kind', ko: '종류' },
  authors: { en: 'Authors', ko: '저자' },
  publisher: { en: 'Publisher', ko: '발행처' },
  published: { en: 'Published', ko: '발행' },
  address: { en: 'Address', ko: '주소' },
  documentNote: {
    en: '{n} cited sentences are marked in the text; choose one for how the document frames it and what rests on it.',
    ko: '본문에 인용된 문장 {n}개가 표시되어 있습니다. 문장을 고르면 문서가 어떻게 서술하는지와 그 문장에 근거한 기록을 보여 줍니다.',
  },
  pickPassage: { en: 'Choose a marked sentence.', ko: '표시된 문장을 고르세요.' },
  restingOnIt: { en: 'Resting on it:', ko: '근거로 삼은 기록:' },
  restsOnNothing: { en: 'No record rests on it.', ko: '이 문장에 근거한 기록이 없습니다.' },
  company: { en: 'Company', ko: '기업' },
  country: { en: 'Country', ko: '국가' },
  founded: { en: 'Founded', ko: '설립' },
  founders: { en: 'Founders', ko: '창업자' },
  roles: { en: 'Roles', ko: '역할' },
  parent: { en: 'Part of', ko: '소속' },
  architecture: { en: 'Architecture', ko: '아키텍처' },
  generation: { en: 'Generation', ko: '세대' },
  partners: { en: 'Partners', ko: '파트너' },
  specs: { en: 'Specifications', ko: '사양' },
  deployments: { en: 'Where it runs', ko: '도입처' },
  chipsDesigned: { en: 'Chips it designs', ko: '설계한 칩' },
  chipPartnerships: { en: 'Chips it works on', ko: '참여한 칩' },
  roundsRaised: { en: 'Rounds it raised', ko: '유치한 투자' },
  investments: { en: 'Its investments', ko: '투자한 곳' },
  deals: { en: 'Deals', ko: '거래' },
  metrics: { en: 'Other figures', ko: '기타 수치' },
  sentences: { en: 'The article’s sentences', ko: '기사 문장' },
  curatedNote: {
    en: 'Marked ✎: the curator’s, not the article’s ({fields}).',
    ko: '✎ 표시는 기사가 아닌 큐레이터가 더한 것입니다({fields}).',
  },
  loading: { en: 'Loading…', ko: '불러오는 중…' },
  noRecord: { en: 'Nothing found under this name.', ko: '해당 기록이 없습니다.' },
  none: { en: 'none the article names', ko: '기사에 언급 없음' },
  chipBy: { en: '{chip} — chip by {designer}', ko: '{chip} — {designer}의 칩' },
  fundingRounds: { en: 'funding rounds', ko: '투자 유치' },
  amountNotStated: { en: 'amount not stated', ko: '금액 미공개' },
  noFunding: { en: 'No company has raised a round.', ko: '투자를 유치한 기업이 없습니다.' },
  noEvent: { en: 'No dated event.', ko: '날짜가 있는 사건이 없습니다.' },
  noRelation: { en: 'No relation of these kinds.', ko: '이 종류의 관계가 없습니다.' },
} satisfies Record<string, Words>;

export type UiKey = keyof typeof UI;

/** The page's words for `key` in the current language, `{name}` placeholders filled from `values`. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return fill(UI[key][language], values);
}

/** One of `words` in the current language. */
export function pick(words: Words): string {
  return words[language];
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** How many of something: `12 chips`, `1 sentence`; in Korean the counter word, which has no plural. */
export function count(n: number, noun: keyof typeof NOUNS): string {
  const forms = NOUNS[noun];
  const number = n.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  return language === 'ko' ? `${number}${forms.ko}` : `${number} ${n === 1 ? forms.one : forms.many}`;
}

const NOUNS = {
  chip: { one: 'chip', many: 'chips', ko: '개의 칩' },
  sentence: { one: 'sentence', many: 'sentences', ko: '개 문장' },
  round: { one: 'round', many: 'rounds', ko: '개 라운드' },
  event: { one: 'event', many: 'events', ko: '개 사건' },
  relation: { one: 'relation', many: 'relations', ko: '개 관계' },
  fundedCompany: { one: 'funded company', many: 'funded companies', ko: '개 투자 유치 기업' },
  node: { one: 'company and chip', many: 'companies and chips', ko: '개 기업·칩' },
  document: { one: 'document', many: 'documents', ko: '개 문서' },
} as const;

/** "{from}–{to} of {total}" for a page of a list. */
export function pageSummary(from: number, to: number, total: string): string {
  const locale = language === 'ko' ? 'ko-KR' : 'en-US';
  const range = `${from.toLocaleString(locale)}–${to.toLocaleString(locale)}`;
  return language === 'ko' ? `${total} 중 ${range}` : `${range} of ${total}`;
}

/** "{shown} of {total}" for a list shown so far. */
export function shownOf(shown: number, total: string): string {
  const number = shown.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  return language === 'ko' ? `${total} 중 ${number}` : `${number} of ${total}`;
}

/** The page's static text, marked in the HTML with `data-i18n` (its text) and `data-i18n-label` (its aria-label). */
export function translatePage(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as UiKey);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel as UiKey));
  }
}
