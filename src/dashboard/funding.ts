// Funding by company, as a bar chart: each company's total in US dollars (each round converted at the rate it
// states), the original currencies in the bar's tooltip, and its rounds with their sentences on selection. The
// companies come a page at a time, most USD first, from the totals the API keeps.
import type { AtlasClient, CompanyFundingTotals, FundingRound } from '../client/index.js';
import { byId, h, onActivationKey, replace, s } from './dom.js';
import { compactUsd, exactAmount, formatDate, label, langOf, nameOf, onLanguageChange, plural, ROUND_TYPES } from './format.js';
import { count, shownOf, t } from './i18n.js';
import { recordLink } from './records.js';
import { openCitations } from './sources.js';
import { showError } from './status.js';

const PAGE_SIZE = 12;

// The chart's geometry, in pixels: the SVG is drawn at its container's width, so its text is the stylesheet's size.
const FALLBACK_WIDTH = 560;
/** Room for the company names and the value after the bar; less of both on a phone, where every pixel is the bar's. */
const LABEL_WIDTH = { wide: 150, narrow: 96 };
const VALUE_WIDTH = { wide: 84, narrow: 58 };
/** Below this drawing width the chart is laid out for a phone. */
const NARROW = 480;
/** The least room an axis label needs ("$250M" at 11 px, and a gap): fewer ticks when the plot is narrower. */
const TICK_ROOM = 64;
const ROW_HEIGHT = 32;
const BAR_HEIGHT = 18;
const AXIS_HEIGHT = 26;

/** A step of 1, 2, 2.5 or 5 × 10ⁿ that cuts 0..max into about `count` intervals: ticks a reader can add up. */
function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2; tick += step) ticks.push(tick);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

function usdOf(row: CompanyFundingTotals): number | null {
  return row.usd.amount === null ? null : Number(row.usd.amount);
}

/** The tooltip: what was raised as the article states it, and the dollar figure with its basis. */
function tooltip(row: CompanyFundingTotals): string {
  const lines = [`${row.company.name}${row.company.nameKo ? ` (${row.company.nameKo})` : ''}: ${plural(row.roundCount, 'round')}`];
  for (const total of row.byCurrency) lines.push(`Raised ${exactAmount(total.amount, total.currency)} in ${plural(total.roundCount, 'round')}`);
  if (row.usd.amount !== null) lines.push(`= ${exactAmount(row.usd.amount, 'USD')}, each round at the rate it states`);
  if (row.roundsWithoutAmount > 0) lines.push(`${plural(row.roundsWithoutAmount, 'round')} without a stated amount`);
  if (row.usd.roundsNotConverted > 0) lines.push(`${plural(row.usd.roundsNotConverted, 'round')} with no stated USD rate (not in the bar)`);
  return lines.join('\n');
}

/** A round as a heading in the dialog: its type and date, the amount as stated and in dollars on its basis. */
function roundHeading(round: FundingRound): string {
  const parts = [`${label(ROUND_TYPES, round.roundType)}, ${formatDate(round.date)}`];
  const amount = round.amount;
  if (!amount) parts.push(t('amountNotStated'));
  else {
    parts.push(`${exactAmount(amount.amount, amount.currency)}${amount.notation ? ` (${amount.notation})` : ''}`);
    if (amount.usd && amount.currency !== 'USD') {
      parts.push(`= ${exactAmount(amount.usd.amount, 'USD')} at ${amount.usd.unitsPerUsd} ${amount.currency} per dollar (${amount.usd.basis})`);
    }
  }
  return parts.join(' · ');
}

export function initFunding(atlas: AtlasClient): Promise<void> {
  const rows: CompanyFundingTotals[] = [];
  let nextCursor: string | null = null;
  let total = 0;

  async function openRounds(row: CompanyFundingTotals): Promise<void> {
    const rounds = (async () => {
      const list: FundingRound[] = [];
      // A company's rounds are few; the page size bounds them all the same.
      for await (const round of atlas.items('/v1/funding-rounds', { query: { company: row.company.slug, limit: 50, sort: 'date' } })) {
        list.push(round);
        if (list.length >= 50) break;
      }
      return list.map((round) => ({ heading: roundHeading(round), sources: round.sources }));
    })();
    // The company's name opens its own view, with its investments and deals beside its rounds.
    await openCitations(h('span', {}, recordLink('vendor', row.company), ` — ${t('fundingRounds')}`), rounds);
  }

  function render(): void {
    const WIDTH = byId('funding-chart').clientWidth || FALLBACK_WIDTH;
    const size = WIDTH < NARROW ? 'narrow' : 'wide';
    const LABEL = LABEL_WIDTH[size];
    const plot = WIDTH - LABEL - VALUE_WIDTH[size];
    const converted = rows.map(usdOf).filter((usd): usd is number => usd !== null);
    // As many ticks as their labels have room for: on a phone "$0$250M$500M" ran together.
    const ticks = niceTicks(Math.max(0, ...converted), Math.max(1, Math.min(4, Math.floor(plot / TICK_ROOM))));
    const domain = ticks[ticks.length - 1]!;
    const x = (usd: number) => LABEL + (usd / domain) * plot;
    const nameRoom = Math.floor((LABEL - 14) / 7);
    const shortName = (name: string) => (name.length > nameRoom ? `${name.slice(0, nameRoom - 1).trimEnd()}…` : name);
    const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 6;
    const chart = s(
      'svg',
      {
        viewBox: `0 0 ${WIDTH} ${height}`,
        width: WIDTH,
        height,
        class: 'bar-chart',
        role: 'group',
        'aria-label': 'Funding raised by company, in US dollars at each round\'s stated rate',
      },
      s(
        'g',
        { class: 'axis', 'aria-hidden': 'true' },
        ticks.map((tick) => [
          s('line', { x1: x(tick), x2: x(tick), y1: AXIS_HEIGHT - 6, y2: height - 4, class: tick === 0 ? 'baseline' : 'gridline' }),
          s('text', { x: x(tick), y: AXIS_HEIGHT - 12, 'text-anchor': 'middle' }, compactUsd(tick)),
        ]),
      ),
      rows.map((row, index) => {
        const usd = usdOf(row);
        const top = AXIS_HEIGHT + index * ROW_HEIGHT;
        const middle = top + ROW_HEIGHT / 2;
        const open = () => void openRounds(row);
        return s(
          'g',
          {
            class: 'bar',
            'data-company': row.company.slug,
            tabindex: 0,
            role: 'button',
            'aria-label': `${row.company.name}: ${usd === null ? t('amountNotStated') : compactUsd(usd)}. Open its rounds and sources.`,
            onclick: open,
            onkeydown: onActivationKey(open),
          },
          s('title', {}, tooltip(row)),
          // The whole row answers the pointer, not only the bar: short bars are easy targets too.
          s('rect', { x: 0, y: top, width: WIDTH, height: ROW_HEIGHT, class: 'bar-hit' }),
          s('text', { x: LABEL - 10, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'bar-label', lang: langOf(row.company) }, shortName(nameOf(row.company))),
          s('rect', { x: LABEL, y: middle - BAR_HEIGHT / 2, width: usd === null ? 0 : Math.max(1, x(usd) - LABEL), height: BAR_HEIGHT, class: 'bar-fill', rx: 2 }),
          s(
            'text',
            { x: (usd === null ? LABEL : x(usd)) + 6, y: middle, 'dominant-baseline': 'central', class: usd === null ? 'bar-value muted' : 'bar-value' },
            usd === null ? t('amountNotStated') : compactUsd(usd),
          ),
        );
      }),
    );
    replace(byId('funding-chart'), rows.length === 0 ? h('p', { class: 'muted' }, t('noFunding')) : chart);
    replace(byId('funding-summary'), shownOf(rows.length, count(total, 'fundedCompany')));
    byId<HTMLButtonElement>('funding-more').hidden = nextCursor === null;
  }

  async function load(): Promise<void> {
    const { data } = await atlas.get('/v1/stats/funding-by-company', {
      query: { limit: PAGE_SIZE, count: 'true', ...(nextCursor ? { cursor: nextCursor } : {}) },
    });
    rows.push(...data.data);
    nextCursor = data.page.nextCursor;
    total = data.page.totalCount ?? rows.length;
    render();
  }

  let resizing: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(render, 150);
  });
  byId('funding-more').addEventListener('click', () => void load().catch((error: unknown) => showError(byId('funding-chart'), error)));
  onLanguageChange(render);
  return load().catch((error: unknown) => showError(byId('funding-chart'), error));
}
