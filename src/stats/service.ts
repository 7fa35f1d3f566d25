// Computes the statistics from the records on every request, in SQL, so a figure can never disagree with the rounds
// and chips behind it and no request loads the rows themselves. Money stays exact: every 64-bit sum is taken as two
// sums of parts below 10^9 (SQLite's SUM fails on overflow, and a float would round), recombined as BigInt here.
// Groupings that grow with the data (by company, investor, designer) are paged: keyset cursors over the groups.
import { and, joinSql, literal, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { keysetQuery, paginate, type SortOrder } from '../shared/list-query.js';
import type { Money } from '../shared/money.js';
import { grouped, toVendorSummary, vendorSummaryColumns, vendorSummaryOf } from '../shared/views.js';
import { ChipKindSchema, ChipPurposeSchema } from '../shared/vocabulary.js';
import type { CompanyFundingTotals, DesignerChipCount, FundingTotals, InvestorFundingTotals, Stats } from './schemas.js';

// A literal, not a parameter: better-sqlite3 binds JavaScript numbers as REAL, which would turn the integer
// divisions below into float ones.
const PART = raw('1000000000');
const PART_BIG = 1_000_000_000n;

/**
 * A round's USD figure in SQL, exactly as toMoney computes it (amount / rate, rounded half up), for each stated
 * rate: amount·d/n = (amount div n)·d + (2·(amount mod n)·d + n) div 2n, which never leaves 64 bits for the 18-digit
 * amounts writes allow (amount·d would). Null where there is no amount, or no basis for a non-USD one.
 */
async function usdOfRound(reader: SqlReader, round: string): Promise<Sql> {
  const rates = await reader.all<{ id: number; unitsPerUsd: string }>(sql`SELECT "id", "unitsPerUsd" FROM "CurrencyRate" ORDER BY "id"`);
  const amount = raw(`${round}."amount"`);
  const branches = rates.map((rate) => {
    const [whole, fraction = ''] = rate.unitsPerUsd.split('.');
    const n = BigInt(`${whole}${fraction}`);
    const d = 10n ** BigInt(fraction.length);
    return sql` WHEN ${raw(`${round}."rateId"`)} = ${literal(rate.id)} THEN (${amount} / ${literal(n)}) * ${literal(d)} + (2 * (${amount} % ${literal(n)}) * ${literal(d)} + ${literal(n)}) / ${literal(2n * n)}`;
  });
  return sql`(CASE WHEN ${amount} IS NULL OR ${raw(`${round}."currency"`)} IS NULL THEN NULL
                   WHEN ${raw(`${round}."currency"`)} = 'USD' THEN ${amount}${joinSql(branches, '')} ELSE NULL END)`;
}

/**
 * Per-group counts and the USD sum, over `rounds` (a FROM clause exposing the round as `r` and the group as
 * `groupKey`). The sum comes as `usdHigh`·10^9 + `usdLow` (usdLow < 10^9), which also orders groups exactly.
 */
function tallies(rounds: Sql, groupKey: Sql, usd: Sql): Sql {
  const withAmount = sql`x."amount" IS NOT NULL AND x."currency" IS NOT NULL`;
  return sql`SELECT x."groupKey", COUNT(*) AS "roundCount",
                    SUM(CASE WHEN ${withAmount} THEN 0 ELSE 1 END) AS "roundsWithoutAmount",
                    SUM(CASE WHEN ${withAmount} AND x."usd" IS NULL THEN 1 ELSE 0 END) AS "roundsNotConverted",
                    COALESCE(SUM(x."usd" / ${PART}), 0) + COALESCE(SUM(x."usd" % ${PART}), 0) / ${PART} AS "usdHigh",
                    COALESCE(SUM(x."usd" % ${PART}), 0) % ${PART} AS "usdLow"
             FROM (SELECT ${groupKey} AS "groupKey", r."amount", r."currency", ${usd} AS "usd" FROM ${rounds}) x
             GROUP BY x."groupKey"`;
}

interface TallyRow {
  groupKey: number | string | null;
  roundCount: number;
  roundsWithoutAmount: number;
  roundsNotConverted: number;
  usdHigh: number;
  usdLow: number;
}

/** Sums per currency for the given groups, exact (two sums of parts). */
async function currencySums(reader: SqlReader, rounds: Sql, groupKey: Sql, where: Sql) {
  const rows = await reader.all<{ groupKey: number | string | null; currency: Money['currency']; high: number; low: number; roundCount: number }>(
    sql`SELECT ${groupKey} AS "groupKey", r."currency", SUM(r."amount" / ${PART}) AS "high", SUM(r."amount" % ${PART}) AS "low", COUNT(*) AS "roundCount"
        FROM ${rounds} WHERE r."amount" IS NOT NULL AND r."currency" IS NOT NULL AND ${where}
        GROUP BY ${groupKey}, r."currency" ORDER BY r."currency"`,
  );
  return grouped(rows, (row) => row.groupKey);
}

function totalsOf(tally: TallyRow, currencies: { currency: Money['currency']; high: number; low: number; roundCount: number }[]): FundingTotals {
  const converted = tally.roundCount - tally.roundsWithoutAmount - tally.roundsNotConverted;
  return {
    roundCount: tally.roundCount,
    roundsWithoutAmount: tally.roundsWithoutAmount,
    byCurrency: currencies.map(({ currency, high, low, roundCount }) => ({
      currency,
      amount: (BigInt(high) * PART_BIG + BigInt(low)).toString(),
      roundCount,
    })),
    usd: {
      amount: converted > 0 ? (BigInt(tally.usdHigh) * PART_BIG + BigInt(tally.usdLow)).toString() : null,
      roundsNotConverted: tally.roundsNotConverted,
    },
  };
}

const ALL_ROUNDS = raw('"FundingRound" r');
const INVESTED_ROUNDS = raw('"_RoundInvestors" i JOIN "FundingRound" r ON r."id" = i."A"');

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

/** A page of groups (rows with `id` and the order's fields) from `groups`, by `order`, after the cursor. */
async function groupPage<Row extends { id: number } & Record<string, unknown>>(reader: SqlReader, groups: Sql, order: SortOrder, query: GroupPageQuery) {
  const keyset = keysetQuery(query.cursor, order);
  const fetched = await reader.all<Row>(
    sql`SELECT * FROM (${groups}) g WHERE ${and(keyset.where ? [keyset.where] : [])} ORDER BY ${keyset.orderBy} LIMIT ${literal(query.limit + 1)}`,
  );
  const page = paginate(fetched, query.limit, order, keyset);
  const totalCount =
    query.count === 'true' ? (await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM (${groups}) g`))[0]!.count : undefined;
  return { rows: page.rows, page: { limit: query.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(totalCount === undefined ? {} : { totalCount }) } };
}

/** Funding totals of companies (or investors), a page at a time, most USD first. */
async function fundingByVendor(reader: SqlReader, by: 'company' | 'investor', query: GroupPageQuery) {
  const usd = await usdOfRound(reader, 'r');
  const rounds = by === 'company' ? ALL_ROUNDS : INVESTED_ROUNDS;
  const key = by === 'company' ? raw('r."companyId"') : raw('i."B"');
  const groups = sql`SELECT t.*, t."groupKey" AS "id", v."slug", ${vendorSummaryColumns('v', 'vendor')}
                     FROM (${tallies(rounds, key, usd)}) t JOIN "Vendor" v ON v."id" = t."groupKey"`;
  const { rows, page } = await groupPage<TallyRow & { id: number } & Record<string, unknown>>(
    reader,
    groups,
    fundingOrder(by === 'company' ? 'stats/funding-by-company' : 'stats/funding-by-investor'),
    query,
  );
  const currencies = rows.length ? await currencySums(reader, rounds, key, sql`${key} IN ${valuesList(rows.map((row) => row.id))}`) : new Map();
  return {
    data: rows.map((row) => ({ vendor: toVendorSummary(vendorSummaryOf(row, 'vendor')!), totals: totalsOf(row, currencies.get(row.id) ?? []) })),
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
  const groups = sql`SELECT c."designerId" AS "id", v."slug", COUNT(*) AS "chipCount", ${vendorSummaryColumns('v', 'vendor')}
                     FROM "Chip" c JOIN "Vendor" v ON v."id" = c."designerId" GROUP BY c."designerId"`;
  const { rows, page } = await groupPage<{ id: number; chipCount: number } & Record<string, unknown>>(reader, groups, DESIGNER_ORDER, query);
  return { data: rows.map((row) => ({ designer: toVendorSummary(vendorSummaryOf(row, 'vendor')!), chipCount: row.chipCount })), page };
}

type PageInfo = { limit: number; nextCursor: string | null; prevCursor: string | null; totalCount?: number };

async function overallAndByYear(reader: SqlReader): Promise<Pick<Stats['funding'], 'overall' | 'byYear'>> {
  const usd = await usdOfRound(reader, 'r');
  const year = raw('substr(r."dateStart", 1, 4)');
  const [overall, years, overallCurrencies, yearCurrencies] = await Promise.all([
    reader.all<TallyRow>(tallies(ALL_ROUNDS, raw(`'all'`), usd)),
    reader.all<TallyRow>(tallies(ALL_ROUNDS, year, usd)),
    currencySums(reader, ALL_ROUNDS, raw(`'all'`), raw('1 = 1')),
    currencySums(reader, ALL_ROUNDS, year, raw('1 = 1')),
  ]);
  const none: TallyRow = { groupKey: 'all', roundCount: 0, roundsWithoutAmount: 0, roundsNotConverted: 0, usdHigh: 0, usdLow: 0 };
  return {
    overall: totalsOf(overall[0] ?? none, overallCurrencies.get('all') ?? []),
    // `dateStart` is the first day of the date's period (YYYY-MM-DD) at any precision, so its year is the round's.
    byYear: years
      .map((row) => ({ year: row.groupKey === null ? null : Number(row.groupKey), ...totalsOf(row, yearCurrencies.get(row.groupKey) ?? []) }))
      .sort((a, b) => (a.year === null ? 1 : b.year === null ? -1 : a.year - b.year)),
  };
}

async function chipCounts(reader: SqlReader): Promise<Omit<Stats['chips'], 'byDesigner'>> {
  const [total, kinds, purposes] = await Promise.all([
    reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "Chip"`),
    reader.all<{ kind: string; count: number }>(sql`SELECT "kind", COUNT(*) AS "count" FROM "Chip" GROUP BY "kind"`),
    reader.all<{ purpose: string | null; count: number }>(sql`SELECT "purpose", COUNT(*) AS "count" FROM "Chip" GROUP BY "purpose"`),
  ]);
  const kindCount = new Map(kinds.map((row) => [row.kind, row.count]));
  const purposeCount = new Map(purposes.map((row) => [row.purpose, row.count]));
  return {
    chipCount: total[0]!.count,
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
