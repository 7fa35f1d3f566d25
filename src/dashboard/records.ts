// A chip's or a company's own view: everything the API holds about it (a chip's designer, partners, specs and where
// it runs; a company's chips, rounds, investments, deals and figures), every fact with the sentences it comes from,
// and every other chip or company it names one click away. Opened from any name on the page; its slug goes in the
// URL (`#chip=azure-maia-100`), so a view can be linked to and Back closes it.
import type { AtlasClient, Chip, Money, Source, Vendor } from '../client/index.js';
import { byId, h, replace, type Child } from './dom.js';
import { CHIP_KINDS, CHIP_PURPOSES, exactAmount, formatDate, label, langOf, nameOf, ROUND_TYPES, STANCES, VENDOR_KINDS, VENDOR_ROLES } from './format.js';
import { onLanguageChange, pick, t, type Words } from './i18n.js';
import { sourceFigure } from './sources.js';
import { describeError } from './status.js';
import { writeState, type ViewState } from './view-state.js';

type Named = { slug: string; name: string; nameKo?: string | null };

export type RecordKind = 'chip' | 'vendor';

/** The event a name sends to open its record: any part of the page can ask, the record view answers. */
const OPEN_RECORD = 'atlas:open-record';

/** Opens a chip's or a company's view, as a new step in the history. */
export function openRecord(kind: RecordKind, slug: string): void {
  document.dispatchEvent(new CustomEvent<{ kind: RecordKind; slug: string }>(OPEN_RECORD, { detail: { kind, slug } }));
}

/** A name that opens its record's view. */
export function recordLink(kind: RecordKind, record: Named): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'record-link', lang: langOf(record), 'data-record': `${kind}:${record.slug}`, onclick: () => openRecord(kind, record.slug) },
    nameOf(record),
  );
}

/** `✎` after a value the curator added, with what it means. */
function curatedMark(curated: readonly string[], field: string): Child {
  return curated.includes(field) ? h('span', { class: 'curated', title: t('curatedNote', { fields: field }) }, ' ✎') : null;
}

function fields(rows: [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'record-fields' },
    rows.filter(([, value]) => value !== null && value !== undefined && value !== '').map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
  );
}

function section(heading: string, content: Child, empty = false, kind = ''): Child {
  if (empty) return null;
  return h('section', { class: `record-section ${kind}`.trim() }, h('h3', {}, heading), content);
}

/** A fact with a link to its one passage, inline: the passage opens in place. */
function cited(fact: Child, source: Source): HTMLElement {
  return h('li', {}, fact, h('details', { class: 'cited' }, h('summary', {}, pick(STANCES[source.stance].label)), sourceFigure(source)));
}

function money(value: Money | null): string {
  if (!value) return t('amountNotStated');
  const stated = `${exactAmount(value.amount, value.currency)}${value.notation ? ` (${value.notation})` : ''}`;
  return value.usd && value.currency !== 'USD' ? `${stated} ≈ ${exactAmount(value.usd.amount, 'USD')}` : stated;
}

const BOUNDS: Record<NonNullable<Chip['specs']>[number]['bound'], Words> = {
  exact: { en: '', ko: '' },
  at_least: { en: 'at least ', ko: '최소 ' },
  up_to: { en: 'up to ', ko: '최대 ' },
  approximate: { en: 'about ', ko: '약 ' },
};

/** A spec as a reader takes it in: `at least 102,000,000,000 transistors`, or its words where it is not a number. */
function specValue(spec: NonNullable<Chip['specs']>[number]): string {
  if (spec.value === null) return spec.text ?? '';
  const number = `${pick(BOUNDS[spec.bound])}${spec.value.toLocaleString('en-US')}${spec.unit ? ` ${spec.unit}` : ''}`;
  return spec.text ? `${number}: ${spec.text}` : number;
}

function chipView(chip: Chip): Child[] {
  const curated = chip.curated ?? [];
  return [
    h('h3', { class: 'record-name', lang: langOf(chip) }, nameOf(chip), curatedMark(curated, 'name')),
    fields([
      [t('designer'), recordLink('vendor', chip.designer)],
      [t('kind'), label(CHIP_KINDS, chip.kind)],
      [t('purpose'), chip.purpose ? [label(CHIP_PURPOSES, chip.purpose), curatedMark(curated, 'purpose')] : h('span', { class: 'muted' }, t('notStated'))],
      [t('architecture'), chip.architecture],
      [t('generation'), chip.generation === null ? null : String(chip.generation)],
      [t('announced'), chip.announced ? formatDate(chip.announced) : null],
      [t('available'), chip.available ? formatDate(chip.available) : null],
    ]),
    chip.description ? h('p', { class: 'record-description' }, chip.description) : null,
    section(
      t('partners'),
      h('ul', { class: 'record-list' }, (chip.partners ?? []).map((partner) => cited([recordLink('vendor', partner.vendor), ` · ${partner.role.replace('_', '-')}`], partner.source))),
      (chip.partners ?? []).length === 0,
    ),
    section(
      t('specs'),
      h(
        'ul',
        { class: 'record-list' },
        (chip.specs ?? []).map((spec) =>
          cited([h('strong', {}, spec.key.replaceAll('_', ' ')), ': ', specValue(spec), spec.notation ? h('span', { class: 'muted', lang: 'ko' }, ` (${spec.notation})`) : null], spec.source),
        ),
      ),
      (chip.specs ?? []).length === 0,
    ),
    section(
      t('deployments'),
      h(
        'ul',
        { class: 'record-list' },
        (chip.deployments ?? []).map((deployment) =>
          cited(
            [h('span', { lang: langOf(deployment) }, nameOf(deployment)), deployment.vendor ? [' · ', recordLink('vendor', deployment.vendor)] : null, deployment.start ? ` · ${formatDate(deployment.start)}` : ''],
            deployment.source,
          ),
        ),
      ),
      (chip.deployments ?? []).length === 0,
    ),
    section(t('sentences'), chip.sources.map(sourceFigure), false, 'record-sentences'),
  ];
}

function vendorView(vendor: Vendor): Child[] {
  const curated = vendor.curated ?? [];
  const list = <T>(items: readonly T[] | undefined, render: (item: T) => Child) => h('ul', { class: 'record-list' }, (items ?? []).map(render));
  return [
    h('h3', { class: 'record-name', lang: langOf(vendor) }, nameOf(vendor), curatedMark(curated, 'name')),
    fields([
      [t('kind'), [label(VENDOR_KINDS, vendor.kind), curatedMark(curated, 'kind')]],
      [t('country'), vendor.country ? [vendor.country, curatedMark(curated, 'country')] : null],
      [t('founded'), vendor.foundedYear === null ? null : String(vendor.foundedYear)],
      [t('founders'), vendor.founders.length === 0 ? null : vendor.founders.map((founder) => nameOf(founder)).join(', ')],
      [t('roles'), vendor.roles.length === 0 ? null : vendor.roles.map((role) => label(VENDOR_ROLES, role)).join(', ')],
      [t('parent'), vendor.parent ? recordLink('vendor', vendor.parent) : null],
    ]),
    vendor.description ? h('p', { class: 'record-description' }, vendor.description) : null,
    section(t('chipsDesigned'), list(vendor.chips, (chip) => h('li', {}, recordLink('chip', chip), ` · ${label(CHIP_KINDS, chip.kind)}`)), (vendor.chips ?? []).length === 0),
    section(
      t('chipPartnerships'),
      list(vendor.chipPartnerships, (partnership) => cited([recordLink('chip', partnership.chip), ' · ', recordLink('vendor', partnership.designer)], partnership.source)),
      (vendor.chipPartnerships ?? []).length === 0,
    ),
    section(
      t('deployments'),
      list(vendor.deployments, (deployment) => cited([recordLink('chip', deployment.chip), ' · ', h('span', { lang: langOf(deployment) }, nameOf(deployment))], deployment.source)),
      (vendor.deployments ?? []).length === 0,
    ),
    section(
      t('roundsRaised'),
      list(vendor.fundingRounds, (round) => h('li', {}, `${label(ROUND_TYPES, round.roundType)} · ${formatDate(round.date)} · ${money(round.amount)}`)),
      (vendor.fundingRounds ?? []).length === 0,
    ),
    section(
      t('investments'),
      list(vendor.investments, (investment) =>
        h('li', {}, recordLink('vendor', investment.company), ` · ${label(ROUND_TYPES, investment.round.roundType)} · ${formatDate(investment.round.date)} · ${money(investment.round.amount)}`),
      ),
      (vendor.investments ?? []).length === 0,
    ),
    section(t('deals'), list(vendor.deals, (entry) => h('li', {}, `${entry.deal.title} · ${entry.role} · ${formatDate(entry.deal.date)}`)), (vendor.deals ?? []).length === 0),
    section(
      t('metrics'),
      list(vendor.metrics, (metric) =>
        cited([h('strong', {}, metric.key.replaceAll('_', ' ')), `: ${metric.notation ?? money(metric.min)}`, metric.period ? ` · ${formatDate(metric.period)}` : ''], metric.source),
      ),
      (vendor.metrics ?? []).length === 0,
    ),
    section(t('sentences'), vendor.sources.map(sourceFigure), false, 'record-sentences'),
  ];
}

/** The record view: a dialog that follows the URL's `chip` or `vendor`. */
export function initRecords(atlas: AtlasClient): { sync(state: ViewState): void } {
  const dialog = byId<HTMLDialogElement>('record-dialog');
  const body = byId('record-body');
  let shown: { kind: RecordKind; slug: string } | null = null;
  /** Only the latest view may draw: a slow answer for a record left behind must not replace the one opened after. */
  let latest = 0;

  async function show(kind: RecordKind, slug: string): Promise<void> {
    const request = ++latest;
    shown = { kind, slug };
    replace(byId('record-title'), t(kind === 'chip' ? 'chip' : 'company'));
    replace(body, h('p', { class: 'muted' }, t('loading')));
    if (!dialog.open) dialog.showModal();
    try {
      const view =
        kind === 'chip'
          ? chipView((await atlas.get('/v1/chips/{slug}', { path: { slug } })).data)
          : vendorView((await atlas.get('/v1/vendors/{slug}', { path: { slug } })).data);
      if (request !== latest) return;
      replace(body, view);
      body.scrollTop = 0;
    } catch (error) {
      if (request === latest) replace(body, h('p', { class: 'error' }, describeError(error)));
    }
  }

  function sync(state: ViewState): void {
    if (state.chip) void show('chip', state.chip);
    else if (state.vendor) void show('vendor', state.vendor);
    else {
      shown = null;
      if (dialog.open) dialog.close();
    }
  }

  document.addEventListener(OPEN_RECORD, (event) => {
    const { kind, slug } = (event as CustomEvent<{ kind: RecordKind; slug: string }>).detail;
    writeState({ chip: kind === 'chip' ? slug : undefined, vendor: kind === 'vendor' ? slug : undefined }, { push: true });
    void show(kind, slug);
  });
  // However it is closed (the button, Escape, the backdrop), the URL no longer names the record.
  dialog.addEventListener('close', () => {
    shown = null;
    writeState({ chip: undefined, vendor: undefined });
  });
  byId('record-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  onLanguageChange(() => {
    if (shown) void show(shown.kind, shown.slug);
  });
  return { sync };
}
