// The documents the atlas quotes, a page at a time, and a document's own view: what it is (kind, authors,
// publisher, date, the curator's part marked) and its text with every cited passage marked, each mark opening the
// passage, its stance and the records that rest on it. A passage shown anywhere on the page opens its document here.
import type { AtlasClient, components } from '../client/index.js';
import { byId, h, onActivationKey, replace, type Child } from './dom.js';
import { formatDate, label, STANCES } from './format.js';
import { count, onLanguageChange, pick, shownOf, t, type Words } from './i18n.js';
import { openRecord, type RecordKind } from './records.js';
import { OPEN_DOCUMENT, type OpenDocumentDetail } from './sources.js';
import { describeError, showError } from './status.js';

type DocumentItem = components['schemas']['Document'];
type Passage = components['schemas']['SourceRecord'];

const PAGE_SIZE = 10;
/** Passages read per request while marking a text: a document's passages come a page at a time. */
const PASSAGE_PAGE = 100;

export const DOCUMENT_KINDS: Record<DocumentItem['kind'], Words> = {
  article: { en: 'Article', ko: '기사' },
  press_release: { en: 'Press release', ko: '보도자료' },
  datasheet: { en: 'Datasheet', ko: '데이터시트' },
  filing: { en: 'Filing', ko: '공시' },
  report: { en: 'Report', ko: '보고서' },
  dataset: { en: 'Dataset', ko: '데이터셋' },
  web_page: { en: 'Web page', ko: '웹 페이지' },
  other: { en: 'Other', ko: '기타' },
};

/** The title a reader of the page's language wants first: the English one on the English page, where there is one. */
function titleOf(document: Pick<DocumentItem, 'title' | 'titleEn' | 'language'>): { text: string; lang: string } {
  if (pick({ en: 'en', ko: 'ko' }) === 'en' && document.titleEn) return { text: document.titleEn, lang: 'en' };
  return { text: document.title, lang: document.language };
}

/** A document's kind, publisher and date on one line: `Article · 2023 (late)`. */
function byline(document: DocumentItem): string {
  return [label(DOCUMENT_KINDS, document.kind), document.publisher, document.published ? formatDate(document.published) : null]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** The text split into plain runs and marked passages, by code point as the selectors count. */
function markedText(text: string, passages: readonly Passage[], onSelect: (passage: Passage, mark: HTMLElement) => void): Child[] {
  const points = Array.from(text);
  const placed = passages
    .map((passage) => ({ passage, position: passage.selector.find((selector) => selector.type === 'TextPositionSelector') }))
    .filter((entry): entry is { passage: Passage; position: { type: 'TextPositionSelector'; start: number; end: number } } => entry.position !== undefined)
    .sort((a, b) => a.position.start - b.position.start);
  const runs: Child[] = [];
  let at = 0;
  for (const { passage, position } of placed) {
    // Passages never overlap (each quote stands once); one that did would be shown from where the last one ends.
    const start = Math.max(position.start, at);
    if (start >= position.end) continue;
    if (start > at) runs.push(points.slice(at, start).join(''));
    const mark: HTMLElement = h(
      'mark',
      {
        class: `passage stance-${passage.stance}`,
        'data-passage': passage.slug,
        tabindex: 0,
        role: 'button',
        'aria-label': `${pick(STANCES[passage.stance].label)}: ${passage.slug}`,
        onclick: () => onSelect(passage, mark),
        onkeydown: onActivationKey(() => onSelect(passage, mark)),
      },
      points.slice(start, position.end).join(''),
    );
    runs.push(mark);
    at = position.end;
  }
  if (at < points.length) runs.push(points.slice(at).join(''));
  return runs;
}

type Citations = components['schemas']['Citations'];

const CITING: [keyof Citations, RecordKind | null, string][] = [
  ['chips', 'chip', 'chips'],
  ['vendors', 'vendor', 'vendors'],
  ['fundingRounds', null, 'funding-rounds'],
  ['deals', null, 'deals'],
  ['statements', null, 'statements'],
];

/** The records resting on a passage: chips and companies open their view, the rest their JSON. */
function citingRecords(passage: Passage): Child {
  const cited = passage.citedBy;
  if (!cited) return null;
  const links = CITING.flatMap(([field, kind, path]) =>
    cited[field].map((slug) =>
      kind
        ? h('button', { type: 'button', class: 'record-link', 'data-record': `${kind}:${slug}`, onclick: () => openRecord(kind, slug) }, slug)
        : h('a', { href: `/v1/${path}/${encodeURIComponent(slug)}`, target: '_blank', rel: 'noopener' }, `${path}/${slug}`),
    ),
  );
  if (links.length === 0) return h('p', { class: 'muted' }, t('restsOnNothing'));
  return h('p', { class: 'citing' }, `${t('restingOnIt')} `, links.flatMap((link, index) => [index > 0 ? ', ' : null, link]));
}

export function initDocuments(atlas: AtlasClient): Promise<void> {
  const documents: DocumentItem[] = [];
  let nextCursor: string | null = null;
  let total = 0;

  function item(document: DocumentItem): HTMLElement {
    const title = titleOf(document);
    return h(
      'li',
      { class: 'document', 'data-document': document.slug },
      h('button', { type: 'button', class: 'record-link document-title', lang: title.lang, onclick: () => openDocument(document.slug) }, title.text),
      h('p', { class: 'muted' }, byline(document)),
      h('p', { class: 'muted' }, `${count(document.counts.passages, 'sentence')} · ${t('citingRecords', { n: document.counts.citingRecords })}`),
    );
  }

  function render(): void {
    replace(byId('documents-list'), documents.length === 0 ? h('li', { class: 'muted' }, t('noDocument')) : documents.map(item));
    replace(byId('documents-summary'), shownOf(documents.length, count(total, 'document')));
    byId<HTMLButtonElement>('documents-more').hidden = nextCursor === null;
  }

  async function load(): Promise<void> {
    const { data } = await atlas.get('/v1/documents', { query: { limit: PAGE_SIZE, count: 'true', ...(nextCursor ? { cursor: nextCursor } : {}) } });
    documents.push(...data.data);
    nextCursor = data.page.nextCursor;
    total = data.page.totalCount ?? documents.length;
    render();
  }

  /** Opens a document's view, its passages marked; with `passage`, that one selected and in sight. */
  async function openDocument(slug: string, passage?: string): Promise<void> {
    const dialog = byId<HTMLDialogElement>('document-dialog');
    const body = byId('document-body');
    replace(body, h('p', { class: 'muted' }, t('loading')));
    if (!dialog.open) dialog.showModal();
    try {
      const [{ data: document }, text, passages] = await Promise.all([
        atlas.get('/v1/documents/{slug}', { path: { slug } }),
        fetch(`/v1/documents/${encodeURIComponent(slug)}/text`).then(async (response) => {
          if (!response.ok) throw new Error(`the text answered ${response.status}`);
          return response.text();
        }),
        (async () => {
          const all: Passage[] = [];
          for await (const item of atlas.items('/v1/sources', { query: { document: slug, sort: 'position', limit: PASSAGE_PAGE }, include: ['citedBy'] })) all.push(item as Passage);
          return all;
        })(),
      ]);
      const title = titleOf(document);
      const selected = h('div', { id: 'document-passage', class: 'document-passage', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('pickPassage')));
      let current: HTMLElement | null = null;
      const select = (chosen: Passage, mark: HTMLElement) => {
        current?.classList.remove('selected');
        current = mark;
        mark.classList.add('selected');
        const stance = STANCES[chosen.stance];
        replace(
          selected,
          h('p', {}, h('span', { class: `stance stance-${chosen.stance}` }, pick(stance.label)), ' ', h('a', { href: `/v1/sources/${encodeURIComponent(chosen.slug)}`, target: '_blank', rel: 'noopener' }, chosen.slug)),
          citingRecords(chosen),
        );
      };
      const curated = document.curated ?? [];
      const mark = (field: string) => (curated.includes(field) ? h('span', { class: 'curated', title: t('curatedNote', { fields: field }) }, ' ✎') : null);
      const fields: [string, Child][] = [
        [t('documentKind'), [label(DOCUMENT_KINDS, document.kind), mark('kind')]],
        [t('authors'), document.authors.length ? document.authors.join(', ') : null],
        [t('publisher'), document.publisher],
        [t('published'), document.published ? [formatDate(document.published), mark('published')] : null],
        [t('address'), document.url ? h('a', { href: document.url, target: '_blank', rel: 'noopener noreferrer' }, document.url) : null],
      ];
      const text$ = h('div', { class: 'document-text', lang: document.language }, markedText(text, passages, select));
      replace(
        body,
        h('h3', { class: 'record-name', lang: title.lang }, title.text),
        title.text !== document.title ? h('p', { class: 'muted', lang: document.language }, document.title) : null,
        h('dl', { class: 'record-fields' }, fields.filter(([, value]) => value !== null).map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
        h('p', { class: 'note' }, t('documentNote', { n: passages.length })),
        selected,
        text$,
      );
      const wanted = passage ? text$.querySelector<HTMLElement>(`mark[data-passage="${CSS.escape(passage)}"]`) : null;
      const chosen = passage ? passages.find((candidate) => candidate.slug === passage) : undefined;
      if (wanted && chosen) {
        select(chosen, wanted);
        wanted.scrollIntoView({ block: 'center' });
      }
    } catch (error) {
      replace(body, h('p', { class: 'error' }, `Could not load the document: ${describeError(error)}`));
    }
  }

  const dialog = byId<HTMLDialogElement>('document-dialog');
  byId('document-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.addEventListener(OPEN_DOCUMENT, (event) => {
    const { slug, passage } = (event as CustomEvent<OpenDocumentDetail>).detail;
    void openDocument(slug, passage);
  });
  byId('documents-more').addEventListener('click', () => void load().catch((error: unknown) => showError(byId('documents-list'), error)));
  onLanguageChange(render);
  return load().catch((error: unknown) => showError(byId('documents-list'), error));
}
