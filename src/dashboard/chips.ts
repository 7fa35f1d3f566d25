// The chips table: a page at a time (the list is keyset-paged; a 100× database holds over a thousand chips),
// narrowed by designer, kind and purpose. Each chip opens the sentences it comes from.
import type { AtlasClient, Chip, components, PageInfo, Stats } from '../client/index.js';
import { byId, h, replace } from './dom.js';
import { CHIP_KINDS, CHIP_PURPOSES, formatDate, label, langOf, nameOf, onLanguageChange } from './format.js';
import { count, pageSummary, t } from './i18n.js';
import { recordLink } from './records.js';
import { openSources } from './sources.js';
import { showError } from './status.js';
import { writeState, type ViewState } from './view-state.js';

type ChipKind = components['schemas']['ChipKind'];
type ChipPurpose = components['schemas']['ChipPurpose'];
type DesignerCount = components['schemas']['DesignerChipCount'];

const PAGE_SIZE = 10;
const MORE_DESIGNERS = '__more__';

interface Filters {
  vendor?: string;
  kind?: ChipKind;
  purpose?: ChipPurpose;
}

export interface ChipsView {
  /** Draws the first page for the filters the URL names (on load, and on Back and Forward). */
  sync(state: ViewState): Promise<void>;
}

export function initChips(atlas: AtlasClient, stats: Stats, initial: ViewState): { view: ChipsView; loaded: Promise<void> } {
  const designers: DesignerCount[] = [...stats.chips.byDesigner];
  /** The cursor of the designers not listed yet, from /v1/stats's `more` link. */
  let moreDesigners = cursorOf(stats.chips.byDesigner.length > 0 ? stats.more.chipsByDesigner : null);
  const filters: Filters = {};
  const kinds = new Set(stats.chips.byKind.map((entry) => entry.kind));
  const purposes = new Set(stats.chips.byPurpose.flatMap((entry) => (entry.purpose ? [entry.purpose] : [])));
  /** The filters a URL names, those it can name: an unknown kind is ignored, not sent to be refused. */
  function fromState(state: ViewState): Filters {
    return {
      ...(state.designer ? { vendor: state.designer } : {}),
      ...(state.kind && kinds.has(state.kind as ChipKind) ? { kind: state.kind as ChipKind } : {}),
      ...(state.purpose && purposes.has(state.purpose as ChipPurpose) ? { purpose: state.purpose as ChipPurpose } : {}),
    };
  }
  let page: { data: Chip[]; page: PageInfo } | undefined;
  /** The position of the page's first row: keyset pages know their neighbours, not their number. */
  let offset = 0;
  /** Only the latest request may draw: a slow answer to an older filter must not overwrite a newer one. */
  let latest = 0;

  const designerSelect = h('select', { id: 'filter-designer', name: 'designer' });
  const kindSelect = h('select', { id: 'filter-kind', name: 'kind' });
  const purposeSelect = h('select', { id: 'filter-purpose', name: 'purpose' });

  function renderFilters(): void {
    replace(
      designerSelect,
      h('option', { value: '' }, t('allDesigners')),
      // A designer the URL names that is not among the first listed is still shown as chosen.
      filters.vendor && !designers.some((entry) => entry.designer.slug === filters.vendor) ? h('option', { value: filters.vendor, selected: true }, filters.vendor) : null,
      designers.map((entry) =>
        h('option', { value: entry.designer.slug, selected: filters.vendor === entry.designer.slug }, `${nameOf(entry.designer)} (${entry.chipCount})`),
      ),
      moreDesigners ? h('option', { value: MORE_DESIGNERS }, t('moreDesigners')) : null,
    );
    replace(
      kindSelect,
      h('option', { value: '' }, t('allKinds')),
      stats.chips.byKind
        .filter((entry) => entry.chipCount > 0)
        .map((entry) => h('option', { value: entry.kind, selected: filters.kind === entry.kind }, `${label(CHIP_KINDS, entry.kind)} (${entry.chipCount})`)),
    );
    replace(
      purposeSelect,
      h('option', { value: '' }, t('allPurposes')),
      stats.chips.byPurpose.flatMap((entry) =>
        entry.purpose !== null && entry.chipCount > 0
          ? [h('option', { value: entry.purpose, selected: filters.purpose === entry.purpose }, `${label(CHIP_PURPOSES, entry.purpose)} (${entry.chipCount})`)]
          : [],
      ),
    );
  }

  async function loadMoreDesigners(): Promise<void> {
    if (!moreDesigners) return;
    const { data } = await atlas.get('/v1/stats/chips-by-designer', { query: { limit: 50, cursor: moreDesigners } });
    designers.push(...data.data);
    moreDesigners = data.page.nextCursor ?? undefined;
    renderFilters();
  }

  async function load(cursor?: string): Promise<void> {
    const request = ++latest;
    const table = byId('chips');
    table.setAttribute('aria-busy', 'true');
    try {
      const { data } = await atlas.get('/v1/chips', {
        query: {
          limit: PAGE_SIZE,
          count: 'true',
          ...(cursor ? { cursor } : {}),
          ...(filters.vendor ? { vendor: filters.vendor } : {}),
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.purpose ? { purpose: filters.purpose } : {}),
        },
      });
      if (request !== latest) return;
      page = data;
      render();
    } catch (error) {
      if (request === latest) showError(byId('chips-body'), error);
    } finally {
      if (request === latest) table.removeAttribute('aria-busy');
    }
  }

  function render(): void {
    if (!page) return;
    const rows = page.data;
    replace(
      byId('chips-body'),
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('noChip')))
        : rows.map((chip) =>
            h(
              'tr',
              { 'data-slug': chip.slug },
              // Each cell names its column for the card layout of narrow screens, where the header row is hidden.
              h('th', { scope: 'row', class: 'chip-name', 'data-label': t('chip') }, recordLink('chip', chip)),
              h('td', { 'data-label': t('designer') }, recordLink('vendor', chip.designer)),
              h('td', { 'data-label': t('kind') }, label(CHIP_KINDS, chip.kind)),
              h('td', { 'data-label': t('purpose') }, chip.purpose ? label(CHIP_PURPOSES, chip.purpose) : h('span', { class: 'muted' }, t('notStated'))),
              // `none`: a card leaves out the dates the article does not give.
              h('td', { class: chip.announced ? 'date' : 'date none', 'data-label': t('announced') }, chip.announced ? h('time', { datetime: chip.announced.start }, formatDate(chip.announced)) : '—'),
              h('td', { class: chip.available ? 'date' : 'date none', 'data-label': t('available') }, chip.available ? h('time', { datetime: chip.available.start }, formatDate(chip.available)) : '—'),
              h(
                'td',
                { class: 'numeric', 'data-label': t('source') },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'cite',
                    'aria-label': `The sentences about ${chip.name}`,
                    onclick: () => void openSources(h('span', { lang: langOf(chip) }, t('chipBy', { chip: nameOf(chip), designer: nameOf(chip.designer) })), chip.sources),
                  },
                  count(chip.sources.length, 'sentence'),
                ),
              ),
            ),
          ),
    );
    const total = page.page.totalCount ?? rows.length;
    const first = rows.length === 0 ? 0 : offset + 1;
    replace(byId('chips-summary'), pageSummary(first, offset + rows.length, count(total, 'chip')));
    byId<HTMLButtonElement>('chips-prev').disabled = page.page.prevCursor === null;
    byId<HTMLButtonElement>('chips-next').disabled = page.page.nextCursor === null;
  }

  function filterChanged(): void {
    filters.vendor = designerSelect.value || undefined;
    filters.kind = (kindSelect.value || undefined) as ChipKind | undefined;
    filters.purpose = (purposeSelect.value || undefined) as ChipPurpose | undefined;
    // The view is a link: the filters go in the URL, replacing the entry (a filter is no step to go Back to).
    writeState({ designer: filters.vendor, kind: filters.kind, purpose: filters.purpose });
    offset = 0;
    void load();
  }

  function sync(state: ViewState): Promise<void> {
    const next = fromState(state);
    if (next.vendor === filters.vendor && next.kind === filters.kind && next.purpose === filters.purpose && page) return Promise.resolve();
    filters.vendor = next.vendor;
    filters.kind = next.kind;
    filters.purpose = next.purpose;
    offset = 0;
    renderFilters();
    return load();
  }

  designerSelect.addEventListener('change', () => {
    if (designerSelect.value === MORE_DESIGNERS) {
      designerSelect.value = filters.vendor ?? '';
      void loadMoreDesigners().catch((error: unknown) => showError(byId('chips-body'), error));
      return;
    }
    filterChanged();
  });
  kindSelect.addEventListener('change', filterChanged);
  purposeSelect.addEventListener('change', filterChanged);
  byId('chips-prev').addEventListener('click', () => {
    if (!page?.page.prevCursor) return;
    offset = Math.max(0, offset - PAGE_SIZE);
    void load(page.page.prevCursor);
  });
  byId('chips-next').addEventListener('click', () => {
    if (!page?.page.nextCursor) return;
    offset += page.data.length;
    void load(page.page.nextCursor);
  });

  function renderLabels(): void {
    replace(
      byId('chips-filters'),
      h('label', {}, h('span', {}, t('designer')), designerSelect),
      h('label', {}, h('span', {}, t('kind')), kindSelect),
      h('label', {}, h('span', {}, t('purpose')), purposeSelect),
    );
  }
  renderLabels();
  onLanguageChange(() => {
    renderLabels();
    renderFilters();
    render();
  });
  Object.assign(filters, fromState(initial));
  renderFilters();
  return { view: { sync }, loaded: load() };
}

/** The `cursor` of a `more` link such as `/v1/stats/chips-by-designer?limit=20&cursor=…`. */
function cursorOf(link: string | null): string | undefined {
  if (!link) return undefined;
  return new URL(link, 'http://local').searchParams.get('cursor') ?? undefined;
}
