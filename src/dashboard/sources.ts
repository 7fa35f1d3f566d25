// The source dialog: every fact on the page opens here, showing the sentences of the documents it comes from,
// verbatim, with how each document frames them (fact, reported, planned, estimated), which document it is (title,
// publisher, date) and where the sentence stands in it; the document's title opens its text at that sentence.
import type { Source } from '../client/index.js';
import { byId, h, replace, type Child } from './dom.js';
import { formatDate, readableQuote, STANCES } from './format.js';
import { pick, t } from './i18n.js';
import { describeError } from './status.js';

/** The event a passage sends to open its document: the document view (documents.ts) answers. */
export const OPEN_DOCUMENT = 'atlas:open-document';
export interface OpenDocumentDetail {
  slug: string;
  /** The passage to show selected. */
  passage?: string;
}

/** Opens a document's view, at a passage. */
export function openDocument(slug: string, passage?: string): void {
  document.dispatchEvent(new CustomEvent<OpenDocumentDetail>(OPEN_DOCUMENT, { detail: { slug, passage } }));
}

/** A quote in Korean: the page has no other way to know a passage's language. */
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** Which document a passage is from: its title (opening it at the passage), publisher and date. */
function documentLine(source: Source): HTMLElement {
  const { document: from } = source;
  return h(
    'p',
    { class: 'source-document' },
    h(
      'button',
      { type: 'button', class: 'record-link', 'data-document': from.slug, onclick: () => openDocument(from.slug, source.slug), title: t('openDocument') },
      from.title,
    ),
    [from.publisher, from.published ? formatDate(from.published) : null].filter(Boolean).map((part) => h('span', { class: 'muted' }, ` · ${part}`)),
  );
}

/** One passage: its words as a reader expects them (the article's layout breaks undone), how it is framed, where. */
export function sourceFigure(source: Source): HTMLElement {
  const stance = STANCES[source.stance];
  return h(
    'figure',
    { class: 'source', 'data-source': source.slug },
    h('blockquote', { lang: HANGUL.test(source.quote) ? 'ko' : 'en' }, readableQuote(source.quote)),
    documentLine(source),
    h(
      'figcaption',
      {},
      h('span', { class: `stance stance-${source.stance}` }, pick(stance.label), stance.marker ? h('span', { lang: 'ko' }, ` · ${stance.marker}`) : null),
      h('span', { class: 'muted' }, ` ${t('atCharacter', { n: (source.selector[1]?.type === 'TextPositionSelector' ? source.selector[1].start : source.startOffset).toLocaleString('en-US') })} · `),
      h('a', { href: `/v1/sources/${encodeURIComponent(source.slug)}`, target: '_blank', rel: 'noopener' }, t('asJson')),
    ),
  );
}

/** Passages under a heading: a funding round's, say, among a company's rounds. */
export interface CitationGroup {
  heading: Child;
  sources: readonly Source[];
}

/**
 * Opens the dialog for one fact. What it cites may still be loading (an edge names its passages by slug, a
 * company's rounds are fetched on demand): the dialog opens at once and fills in.
 */
export async function openCitations(fact: Child, groups: readonly CitationGroup[] | Promise<readonly CitationGroup[]>): Promise<void> {
  const dialog = byId<HTMLDialogElement>('source-dialog');
  const body = byId('source-body');
  replace(byId('source-fact'), fact);
  replace(body, h('p', { class: 'muted' }, t('loadingSentences')));
  if (!dialog.open) dialog.showModal();
  try {
    const loaded = await groups;
    replace(
      body,
      loaded.map((group) => [
        group.heading === null ? null : h('h3', { class: 'citation-heading' }, group.heading),
        group.sources.length === 0 ? h('p', { class: 'muted' }, t('citesNothing')) : group.sources.map(sourceFigure),
      ]),
    );
  } catch (error) {
    replace(body, h('p', { class: 'error' }, `Could not load the sentences: ${describeError(error)}`));
  }
}

/** Opens the dialog for one fact and the passages it comes from. */
export function openSources(fact: Child, sources: readonly Source[] | Promise<readonly Source[]>): Promise<void> {
  return openCitations(fact, Promise.resolve(sources).then((loaded) => [{ heading: null, sources: loaded }]));
}

export function initSourceDialog(): void {
  const dialog = byId<HTMLDialogElement>('source-dialog');
  byId('source-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
}
