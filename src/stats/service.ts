// Reads the statistics from the totals every write keeps (src/stats/derive.ts): a request reads the groups it
// shows, in the order it shows them, and never the rounds and chips behind them, so it costs the same at any size.
// Money stays exact: each sum is stored as high × 10^9 + low and recombined as BigInt here. Groupings that grow with
// the data (by company, investor, designer) are paged: keyset cursors over the groups, on the totals' indexes.
import { and, literal, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { keysetQuery, paginate, type SortOrder } from '../records/list-query.js';
import type { Money } from '../records/views.js';
import { grouped, toVendorSummary, vendorSummaryColumns, vendorSummaryOf } from '../records/views.js';
import { ChipKindSchema, ChipPurposeSchema } from '../domain/vocabulary.js';
import { PART_BIG } from './derive.js';
import type { CompanyFundingTotals, DesignerChipCount, FundingTotals, InvestorFundingTotals, Stats } from './schemas.js';

/** A FundingTotal row: one group's counts and USD sum. */
interface TotalRow {
  totalId: number;
  roundCount: number;
  roundsWithoutAmount: number;
  roundsNotConverted: number;
  usdHigh: number;
  usdLow: number;
}

interface CurrencyRow {
  totalId: number;
  currency: Money['currency'];
  high: number;
  low: number;
  roundCount: number;
}

const TOTAL_COLUMNS = sql`t."id" AS "totalId", t."roundCount", t."roundsWithoutAmount", t."roundsNotConverted", t."usdHigh", t."usdLow"`;

/**
 * The per-currency sums of these groups, by group, each group's in currency order. Matched by the groups' row ids,
 * which a recompute replaces: the routes read the groups and these through `SqlReader.consistent`, one snapshot.
 */
async function currenciesOf(reader: SqlReader, totalIds: readonly number[]): Promise<Map<number, CurrencyRow[]>> {
  if (totalIds.length === 0) return new Map();
  const rows = await reader.all<CurrencyRow>(
    sql`SELECT "totalId", "currency", "high", "low", "roundCount" FROM "FundingCurrencyTotal" WHERE "totalId" IN ${valuesList(totalIds)}
        ORDER BY "totalId", "currency"`,
  );
  return grouped(rows, (row) => row.totalId);
}

const exact = (high: number | bigint, low: number | bigint) => BigInt(high) * PART_BIG + BigInt(low);

/** A group's totals as shown; `usd` is the exact USD sum, `currencies` the exact sums per currency. */
function totalsOf(
  counts: Pick<TotalRow, 'roundCount' | 'roundsWithoutAmount' | 'roundsNotConverted'>,
  usd: bigint,
  currencies: { currency: Money['currency']; amount: bigint; roundCount: number }[],
): FundingTotals {
  const converted = counts.roundCount - counts.roundsWithoutAmount - counts.roundsNotConverted;
  return {
    roundCount: counts.roundCount,
    roundsWithoutAmount: counts.roundsWithoutAmount,
    byCurrency: currencies.map(({ currency, amount, roundCount }) => ({ currency, amount: amount.toString(), roundCount })),
    usd: { amount: converted > 0 ? usd.toString() : null, roundsNotConverted: counts.roundsNotConverted },
  };
}

function totalsOfRow(row: TotalRow, currencies: CurrencyRow[]): FundingTotals {
  return totalsOf(
    row,
    exact(row.usdHigh, row.usdLow),
    currencies.map((currency) => ({ currency: currency.currency, amount: exact(currency.high, currency.low), roundCount: currency.roundCount })),
  );
}

/** Most USD first, then by slug: what /v1/stats and the grouping lists order companies and investors by. */
function fundingOrder(list: string): SortOrder {
  return {
    list,
    name: '-usd,slug',
    keys: [
      { field: 'usdHigh', direction: 'desc', nullable: false, type: 'integer' },
      { field: 'usdLow', direction: 'desc', nullable: false, type: 'integer' },
      { field: 'slug', direction: 'asc', nullable: false, type: 'text' },
    ],
  };
}

const DESIGNER_ORDER: SortOrder = {
  list: 'stats/chips-by-designer',
  name: '-chipCount,slug',
  keys: [
    { field: 'chipCount', direction: 'desc', nullable: false, type: 'integer' },
    { field: 'slug', direction: 'asc', nullable: false, type: 'text' },
  ],
};

export interface GroupPageQuery {
  limit: number;
  cursor?: string | undefined;
  count?: 'true' | 'false' | undefined;
}

type PageInfo = { limit: number; nextCursor: string | null; prevCursor: string | null; totalCount?: number };

/**
 * A page of the groups of one grouping (`totals`: a FundingTotal or ChipTotal table as `t`, its rows as `id` (the
 * vendor), `slug` and the order's fields), by `order`, after the cursor: an index seek, whatever the groups' number.
 */
async function groupPage<Row extends { id: number } & Record<string, unknown>>(
  reader: SqlReader,
  groups: Sql,
  order: SortOrder,
  query: GroupPageQuery,
): Promise<{ rows: Row[]; page: PageInfo }> {
  const keyset = keysetQuery(query.cursor, order);
  const fetched = await reader.all<Row>(
    sql`SELECT * FROM (${groups}) g WHERE ${and(keyset.where ? [keyset.where] : [])} ORDER BY ${keyset.orderBy} LIMIT ${literal(query.limit + 1)}`,
  );
  const page = paginate(fetched, query.limit, order, keyset);
  const totalCount = query.count === 'true' ? (await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM (${groups}) g`))[0]!.count : undefined;
  return { rows: page.rows, page: { limit: query.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(totalCount === undefined ? {} : { totalCount }) } };
}

/** Funding totals of companies (or investors), a page at a time, most USD first. */
async function fundingByVendor(reader: SqlReader, grouping: 'company' | 'investor', query: GroupPageQuery) {
  const groups = sql`SELECT ${TOTAL_COLUMNS}, t."vendorId" AS "id", t."slug", ${vendorSummaryColumns('v', 'vendor')}
                     FROM "FundingTotal" t JOIN "Vendor" v ON v."id" = t."vendorId" WHERE t."grouping" = ${grouping}`;
  const list = grouping === 'company' ? 'stats/funding-by-company' : 'stats/funding-by-investor';
  const { rows, page } = await groupPage<TotalRow & { id: number } & Record<string, unknown>>(reader, groups, fundingOrder(list), query);
  const currencies = await currenciesOf(reader, rows.map((row) => row.totalId));
  return {
    data: rows.map((row) => ({ vendor: toVendorSummary(vendorSummaryOf(row, 'vendor')!), totals: totalsOfRow(row, currencies.get(row.totalId) ?? []) })),
    page,
  };
}

export async function fundingByCompany(reader: SqlReader, query: GroupPageQuery): Promise<{ data: CompanyFundingTotals[]; page: PageInfo }> {
  const { data, page } = await fundingByVendor(reader, 'company', query);
  return { data: data.map(({ vendor, totals }) => ({ company: vendor, ...totals })), page };
}

export async function fundingByInvestor(reader: SqlReader, query: GroupPageQuery): Promise<{ data: InvestorFundingTotals[]; page: PageInfo }> {
  const { data, page } = await fundingByVendor(reader, 'investor', query);
  return { data: data.map(({ vendor, totals }) => ({ investor: vendor, ...totals })), page };
}

export async function chipsByDesigner(reader: SqlReader, query: GroupPageQuery): Promise<{ data: DesignerChipCount[]; page: PageInfo }> {
  const groups = sql`SELECT t."vendorId" AS "id", t."slug", t."chipCount", ${vendorSummaryColumns('v', 'vendor')}
                     FROM "ChipTotal" t JOIN "Vendor" v ON v."id" = t."vendorId" WHERE t."grouping" = 'designer'`;
  const { rows, page } = await groupPage<{ id: number; chipCount: number } & Record<string, unknown>>(reader, groups, DESIGNER_ORDER, query);
  return { data: rows.map((row) => ({ designer: toVendorSummary(vendorSummaryOf(row, 'vendor')!), chipCount: row.chipCount })), page };
}

/**
 * Every year's totals, and overall ones as their sum: each round is in exactly one year's group (the undated in
 * year null's), so the years add up to every round.
 */
async function overallAndByYear(reader: SqlReader): Promise<Pick<Stats['funding'], 'overall' | 'byYear'>> {
  const years = await reader.all<TotalRow & { year: number | null }>(
    sql`SELECT ${TOTAL_COLUMNS}, t."year" FROM "FundingTotal" t WHERE t."grouping" = 'year' ORDER BY t."year" IS NULL, t."year"`,
  );
  const currencies = await currenciesOf(reader, years.map((row) => row.totalId));
  const counts = { roundCount: 0, roundsWithoutAmount: 0, roundsNotConverted: 0 };
  let usd = 0n;
  const byCurrency = new Map<Money['currency'], { currency: Money['currency']; amount: bigint; roundCount: number }>();
  for (const year of years) {
    counts.roundCount += year.roundCount;
    counts.roundsWithoutAmount += year.roundsWithoutAmount;
    counts.roundsNotConverted += year.roundsNotConverted;
    usd += exact(year.usdHigh, year.usdLow);
    for (const currency of currencies.get(year.totalId) ?? []) {
      const sum = byCurrency.get(currency.currency) ?? { currency: currency.currency, amount: 0n, roundCount: 0 };
      sum.amount += exact(currency.high, currency.low);
      sum.roundCount += currency.roundCount;
      byCurrency.set(currency.currency, sum);
    }
  }
  return {
    overall: totalsOf(counts, usd, [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))),
    // `dateStart` is the first day of the date's period (YYYY-MM-DD) at any precision, so its year is the round's.
    byYear: years.map((row) => ({ year: row.year, ...totalsOfRow(row, currencies.get(row.totalId) ?? []) })),
  };
}

async function chipCounts(reader: SqlReader): Promise<Omit<Stats['chips'], 'byDesigner'>> {
  const rows = await reader.all<{ grouping: 'kind' | 'purpose'; value: string | null; chipCount: number }>(
    sql`SELECT "grouping", "value", "chipCount" FROM "ChipTotal" WHERE "grouping" IN ('kind', 'purpose')`,
  );
  const kindCount = new Map(rows.filter((row) => row.grouping === 'kind').map((row) => [row.value, row.chipCount]));
  const purposeCount = new Map(rows.filter((row) => row.grouping === 'purpose').map((row) => [row.value, row.chipCount]));
  return {
    // Every chip has exactly one kind.
    chipCount: [...kindCount.values()].reduce((sum, count) => sum + count, 0),
    byKind: ChipKindSchema.options.map((kind) => ({ kind, chipCount: kindCount.get(kind) ?? 0 })),
    byPurpose: [
      ...ChipPurposeSchema.options.map((purpose) => ({ purpose, chipCount: purposeCount.get(purpose) ?? 0 })),
      { purpose: null, chipCount: purposeCount.get(null) ?? 0 },
    ],
  };
}

/** Where the rest of a grouping is, when /v1/stats shows only its first `limit` groups. */
function nextPageUrl(path: string, limit: number, page: PageInfo): string | null {
  return page.nextCursor === null ? null : `/v1/stats/${path}?limit=${limit}&cursor=${page.nextCursor}`;
}

export async function getStats(reader: SqlReader, query: { limit: number }): Promise<Stats> {
  const first = { limit: query.limit };
  const [funding, byCompany, byInvestor, chips, byDesigner] = await Promise.all([
    overallAndByYear(reader),
    fundingByCompany(reader, first),
    fundingByInvestor(reader, first),
    chipCounts(reader),
    chipsByDesigner(reader, first),
  ]);
  return {
    funding: { overall: funding.overall, byCompany: byCompany.data, byInvestor: byInvestor.data, byYear: funding.byYear },
    chips: { chipCount: chips.chipCount, byDesigner: byDesigner.data, byKind: chips.byKind, byPurpose: chips.byPurpose },
    more: {
      fundingByCompany: nextPageUrl('funding-by-company', query.limit, byCompany.page),
      fundingByInvestor: nextPageUrl('funding-by-investor', query.limit, byInvestor.page),
      chipsByDesigner: nextPageUrl('chips-by-designer', query.limit, byDesigner.page),
    },
  };
}
