// The chips table: a page at a time (the list is keyset-paged; a 100× database holds over a thousand chips),
// narrowed by designer, kind and purpose. Each chip opens the sentences it comes from.
import type { AtlasClient, Chip, components, PageInfo, Stats } from '../client/index.js';
import { byId, h, replace } from './dom.js';
import { CHIP_KINDS, CHIP_PURPOSES, formatDate, langOf, nameOf, onLanguageChange, plural } from './format.js';
import { openSources } from './sources.js';
import { showError } from './status.js';

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

export function initChips(atlas: AtlasClient, stats: Stats): Promise<void> {
  const designers: DesignerCount[] = [...stats.chips.byDesigner];
  /** The cursor of the designers not listed yet, from /v1/stats's `more` link. */
  let moreDesigners = cursorOf(stats.chips.byDesigner.length > 0 ? stats.more.chipsByDesigner : null);
  const filters: Filters = {};
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
      h('option', { value: '' }, 'All designers'),
      designers.map((entry) =>
        h('option', { value: entry.designer.slug, selected: filters.vendor === entry.designer.slug }, `${nameOf(entry.designer)} (${entry.chipCount})`),
      ),
      moreDesigners ? h('option', { value: MORE_DESIGNERS }, 'More designers…') : null,
    );
    replace(
      kindSelect,
      h('option', { value: '' }, 'All kinds'),
      stats.chips.byKind
        .filter((entry) => entry.chipCount > 0)
        .map((entry) => h('option', { value: entry.kind, selected: filters.kind === entry.kind }, `${CHIP_KINDS[entry.kind]} (${entry.chipCount})`)),
    );
    replace(
      purposeSelect,
      h('option', { value: '' }, 'All purposes'),
      stats.chips.byPurpose.flatMap((entry) =>
        entry.purpose !== null && entry.chipCount > 0
          ? [h('option', { value: entry.purpose, selected: filters.purpose === entry.purpose }, `${CHIP_PURPOSES[entry.purpose]} (${entry.chipCount})`)]
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
        ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No chip matches these filters.'))
        : rows.map((chip) =>
            h(
              'tr',
              { 'data-slug': chip.slug },
              h('th', { scope: 'row', lang: langOf(chip), class: 'chip-name' }, nameOf(chip)),
              h('td', { lang: langOf(chip.designer) }, nameOf(chip.designer)),
              h('td', {}, CHIP_KINDS[chip.kind]),
              h('td', {}, chip.purpose ? CHIP_PURPOSES[chip.purpose] : h('span', { class: 'muted' }, 'not stated')),
              h('td', { class: 'date' }, chip.announced ? h('time', { datetime: chip.announced.start }, formatDate(chip.announced)) : '—'),
              h('td', { class: 'date' }, chip.available ? h('time', { datetime: chip.available.start }, formatDate(chip.available)) : '—'),
              h(
                'td',
                { class: 'numeric' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'cite',
                    'aria-label': `The sentences about ${chip.name}`,
                    onclick: () => void openSources(h('span', { lang: langOf(chip) }, `${nameOf(chip)} — chip by ${nameOf(chip.designer)}`), chip.sources),
                  },
                  plural(chip.sources.length, 'sentence'),
                ),
              ),
            ),
          ),
    );
    const total = page.page.totalCount ?? rows.length;
    const first = rows.length === 0 ? 0 : offset + 1;
    replace(byId('chips-summary'), `${first.toLocaleString('en-US')}–${(offset + rows.length).toLocaleString('en-US')} of ${plural(total, 'chip')}`);
    byId<HTMLButtonElement>('chips-prev').disabled = page.page.prevCursor === null;
    byId<HTMLButtonElement>('chips-next').disabled = page.page.nextCursor === null;
  }

  function filterChanged(): void {
    filters.vendor = designerSelect.value || undefined;
    filters.kind = (kindSelect.value || undefined) as ChipKind | undefined;
    filters.purpose = (purposeSelect.value || undefined) as ChipPurpose | undefined;
    offset = 0;
    void load();
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

  replace(
    byId('chips-filters'),
    h('label', {}, h('span', {}, 'Designer'), designerSelect),
    h('label', {}, h('span', {}, 'Kind'), kindSelect),
    h('label', {}, h('span', {}, 'Purpose'), purposeSelect),
  );
  renderFilters();
  onLanguageChange(() => {
    renderFilters();
    render();
  });
  return load();
}

/** The `cursor` of a `more` link such as `/v1/stats/chips-by-designer?limit=20&cursor=…`. */
function cursorOf(link: string | null): string | undefined {
  if (!link) return undefined;
  return new URL(link, 'http://local').searchParams.get('cursor') ?? undefined;
}
