// The totals /v1/stats shows, kept as groups: what each company's, investor's and year's rounds add up to, and how
// many chips each designer, kind and purpose has. A write recomputes, from the records, every group the records it
// touched belonged to before it and belong to after it (src/records/derived.ts), so /v1/stats reads groups in the order
// it shows them instead of aggregating every round and chip on every request.
//
// Money stays exact: a 64-bit sum is taken as two sums of parts below 10^9 (SQLite's SUM fails on overflow, and a
// float would round) and kept as high × 10^9 + low.
import { joinSql, literal, raw, sql, valuesList, type Sql, type SqlReader, type SqlWriter } from '../db/sql.js';
import { sameAs, sumInteger } from '../db/dialect.js';

export const PART = raw('1000000000');
export const PART_BIG = 1_000_000_000n;

/** The groups a set of records belongs to: what a write must recompute. */
export interface StatsGroups {
  companies: Set<number>;
  investors: Set<number>;
  years: Set<number | null>;
  designers: Set<number>;
  kinds: Set<string>;
  purposes: Set<string | null>;
}

export function noStatsGroups(): StatsGroups {
  return { companies: new Set(), investors: new Set(), years: new Set(), designers: new Set(), kinds: new Set(), purposes: new Set() };
}

/** Adds the groups of these rounds, as they stand now, to `into`. */
export async function addRoundGroups(db: SqlReader, roundIds: readonly number[], into: StatsGroups): Promise<void> {
  const ids = valuesList(roundIds);
  const [rounds, investors] = await Promise.all([
    db.all<{ companyId: number; year: string | null }>(sql`SELECT "companyId", substr("dateStart", 1, 4) AS "year" FROM "FundingRound" WHERE "id" IN ${ids}`),
    db.all<{ vendorId: number }>(sql`SELECT "B" AS "vendorId" FROM "_RoundInvestors" WHERE "A" IN ${ids}`),
  ]);
  for (const round of rounds) {
    into.companies.add(round.companyId);
    into.years.add(round.year === null ? null : Number(round.year));
  }
  for (const investor of investors) into.investors.add(investor.vendorId);
}

/** Adds the groups of these chips, as they stand now, to `into`. */
export async function addChipGroups(db: SqlReader, chipIds: readonly number[], into: StatsGroups): Promise<void> {
  const chips = await db.all<{ designerId: number; kind: string; purpose: string | null }>(
    sql`SELECT "designerId", "kind", "purpose" FROM "Chip" WHERE "id" IN ${valuesList(chipIds)}`,
  );
  for (const chip of chips) {
    into.designers.add(chip.designerId);
    into.kinds.add(chip.kind);
    into.purposes.add(chip.purpose);
  }
}

/**
 * A round's USD figure in SQL, exactly as toMoney computes it (amount / rate, rounded half up), for each stated
 * rate: amount·d/n = (amount div n)·d + (2·(amount mod n)·d + n) div 2n, which never leaves 64 bits for the 18-digit
 * amounts writes allow (amount·d would). Null where there is no amount, or no basis for a non-USD one.
 */
async function usdOfRound(db: SqlReader): Promise<Sql> {
  const rates = await db.all<{ id: number; unitsPerUsd: string }>(sql`SELECT "id", "unitsPerUsd" FROM "CurrencyRate" ORDER BY "id"`);
  const branches = rates.map((rate) => {
    const [whole, fraction = ''] = rate.unitsPerUsd.split('.');
    const n = BigInt(`${whole}${fraction}`);
    const d = 10n ** BigInt(fraction.length);
    return sql` WHEN r."rateId" = ${literal(rate.id)} THEN (r."amount" / ${literal(n)}) * ${literal(d)} + (2 * (r."amount" % ${literal(n)}) * ${literal(d)} + ${literal(n)}) / ${literal(2n * n)}`;
  });
  return sql`(CASE WHEN r."amount" IS NULL OR r."currency" IS NULL THEN NULL WHEN r."currency" = 'USD' THEN r."amount"${raw(branches.map((branch) => branch.text).join(''))} ELSE NULL END)`;
}

/** How the rounds of each grouping are reached, and which column or expression is the group's key. */
const FUNDING_GROUPINGS = {
  company: { rounds: raw('"FundingRound" r'), key: raw('r."companyId"'), vendor: true },
  investor: { rounds: raw('"_RoundInvestors" i JOIN "FundingRound" r ON r."id" = i."A"'), key: raw('i."B"'), vendor: true },
  year: { rounds: raw('"FundingRound" r'), key: raw('CAST(substr(r."dateStart", 1, 4) AS INTEGER)'), vendor: false },
} as const;
type FundingGrouping = keyof typeof FUNDING_GROUPINGS;

/** `expression` is one of `keys`, a null key meaning null. */
function among(expression: Sql, keys: readonly (number | string | null)[]): Sql {
  const known = keys.filter((value): value is number | string => value !== null);
  const parts: Sql[] = [];
  if (known.length > 0) parts.push(sql`${expression} IN ${valuesList(known)}`);
  if (keys.includes(null)) parts.push(sql`${expression} IS NULL`);
  return parts.length === 1 ? parts[0]! : sql`(${parts[0]!} OR ${parts[1]!})`;
}

/**
 * The rounds of these groups. A year's are found by a range of `dateStart` (its first day at any precision, as
 * YYYY-MM-DD), which its index answers; the year computed from each round's date would be read from every round.
 */
function roundsOf(grouping: FundingGrouping, keys: readonly (number | null)[]): Sql {
  if (grouping !== 'year') return among(FUNDING_GROUPINGS[grouping].key, keys);
  const ranges = keys.map((year) =>
    year === null ? sql`r."dateStart" IS NULL` : sql`(r."dateStart" >= ${String(year).padStart(4, '0')} AND r."dateStart" < ${String(year + 1).padStart(4, '0')})`,
  );
  return sql`(${joinSql(ranges, ' OR ')})`;
}

/** Replaces the totals of these groups with what their rounds now add up to (no row for a group left empty). */
async function recomputeFunding(db: SqlWriter, grouping: FundingGrouping, keys: readonly (number | null)[], usd: Sql): Promise<void> {
  if (keys.length === 0) return;
  const { rounds, key, vendor } = FUNDING_GROUPINGS[grouping];
  const owner = vendor ? raw('"vendorId"') : raw('"year"');
  await db.run(sql`DELETE FROM "FundingTotal" WHERE "grouping" = ${grouping} AND ${among(owner, keys)}`);
  const withAmount = sql`x."amount" IS NOT NULL AND x."currency" IS NOT NULL`;
  await db.run(
    sql`INSERT INTO "FundingTotal" ("grouping", "vendorId", "slug", "year", "roundCount", "roundsWithoutAmount", "roundsNotConverted", "usdHigh", "usdLow")
        SELECT ${grouping}, ${vendor ? sql`x."groupKey"` : sql`NULL`}, ${vendor ? sql`(SELECT v."slug" FROM "Vendor" v WHERE v."id" = x."groupKey")` : sql`NULL`},
               ${vendor ? sql`NULL` : sql`x."groupKey"`}, COUNT(*),
               SUM(CASE WHEN ${withAmount} THEN 0 ELSE 1 END),
               SUM(CASE WHEN ${withAmount} AND x."usd" IS NULL THEN 1 ELSE 0 END),
               COALESCE(${sumInteger(sql`x."usd" / ${PART}`)}, 0) + COALESCE(${sumInteger(sql`x."usd" % ${PART}`)}, 0) / ${PART},
               COALESCE(${sumInteger(sql`x."usd" % ${PART}`)}, 0) % ${PART}
        FROM (SELECT ${key} AS "groupKey", r."amount", r."currency", ${usd} AS "usd" FROM ${rounds} WHERE ${roundsOf(grouping, keys)}) x
        GROUP BY x."groupKey"`,
  );
  await db.run(
    sql`INSERT INTO "FundingCurrencyTotal" ("totalId", "currency", "high", "low", "roundCount")
        SELECT t."id", x."currency", ${sumInteger(sql`x."amount" / ${PART}`)} + ${sumInteger(sql`x."amount" % ${PART}`)} / ${PART},
               ${sumInteger(sql`x."amount" % ${PART}`)} % ${PART}, COUNT(*)
        FROM (SELECT ${key} AS "groupKey", r."amount", r."currency" FROM ${rounds}
              WHERE ${roundsOf(grouping, keys)} AND r."amount" IS NOT NULL AND r."currency" IS NOT NULL) x
        JOIN "FundingTotal" t ON t."grouping" = ${grouping} AND ${sameAs(sql`t.${owner}`, sql`x."groupKey"`)}
        GROUP BY t."id", x."currency"`,
  );
}

/** Replaces the chip counts of these groups. */
async function recomputeChips(db: SqlWriter, grouping: 'designer' | 'kind' | 'purpose', keys: readonly (number | string | null)[]): Promise<void> {
  if (keys.length === 0) return;
  const column = { designer: raw('"designerId"'), kind: raw('"kind"'), purpose: raw('"purpose"') }[grouping];
  const owner = grouping === 'designer' ? raw('"vendorId"') : raw('"value"');
  await db.run(sql`DELETE FROM "ChipTotal" WHERE "grouping" = ${grouping} AND ${among(owner, keys)}`);
  await db.run(
    sql`INSERT INTO "ChipTotal" ("grouping", "vendorId", "slug", "value", "chipCount")
        SELECT ${grouping}, ${grouping === 'designer' ? sql`c."designerId"` : sql`NULL`},
               ${grouping === 'designer' ? sql`(SELECT v."slug" FROM "Vendor" v WHERE v."id" = c."designerId")` : sql`NULL`},
               ${grouping === 'designer' ? sql`NULL` : sql`c.${column}`}, COUNT(*)
        FROM "Chip" c WHERE ${among(sql`c.${column}`, keys)} GROUP BY c.${column}`,
  );
}

/** Recomputes every group in `groups` from the records as they now stand. */
export async function recomputeTotals(db: SqlWriter, groups: StatsGroups): Promise<void> {
  if (groups.companies.size + groups.investors.size + groups.years.size > 0) {
    const usd = await usdOfRound(db);
    await recomputeFunding(db, 'company', [...groups.companies], usd);
    await recomputeFunding(db, 'investor', [...groups.investors], usd);
    await recomputeFunding(db, 'year', [...groups.years], usd);
  }
  await recomputeChips(db, 'designer', [...groups.designers]);
  await recomputeChips(db, 'kind', [...groups.kinds]);
  await recomputeChips(db, 'purpose', [...groups.purposes]);
}

/** Every group of every record: what a rebuild recomputes. */
export async function allStatsGroups(db: SqlReader): Promise<StatsGroups> {
  const groups = noStatsGroups();
  const [companies, investors, years, chips] = await Promise.all([
    db.all<{ key: number }>(sql`SELECT DISTINCT "companyId" AS "key" FROM "FundingRound"`),
    db.all<{ key: number }>(sql`SELECT DISTINCT "B" AS "key" FROM "_RoundInvestors"`),
    db.all<{ key: string | null }>(sql`SELECT DISTINCT substr("dateStart", 1, 4) AS "key" FROM "FundingRound"`),
    db.all<{ designerId: number; kind: string; purpose: string | null }>(sql`SELECT DISTINCT "designerId", "kind", "purpose" FROM "Chip"`),
  ]);
  for (const row of companies) groups.companies.add(row.key);
  for (const row of investors) groups.investors.add(row.key);
  for (const row of years) groups.years.add(row.key === null ? null : Number(row.key));
  for (const chip of chips) {
    groups.designers.add(chip.designerId);
    groups.kinds.add(chip.kind);
    groups.purposes.add(chip.purpose);
  }
  return groups;
}
