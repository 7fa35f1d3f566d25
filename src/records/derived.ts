// Derived rows and columns (amounts in US dollars, the timeline's events, the graph's edges, search entries, the statistics' totals) kept in step with
// the records: a write refreshes the rows of each record it creates or changes, in its own transaction, through
// `refreshDerived`; deleting a record deletes its own rows by foreign-key cascade. Totals belong to groups (a
// company's rounds, a designer's chips), so a write first notes the groups its records were in (`groupsOf`) and
// recomputes those and the ones they are in after it. `rebuildDerived` recomputes everything, for the seed and for a database
// whose rows were built by older rules (DerivedState.version below DERIVED_VERSION).
import { RESOURCES, type ResourceName } from '../domain/resources.js';
import { deriveChipEvents, deriveDealEvents, deriveRoundEvents, deriveVendorEvents } from '../events/derive.js';
import { deriveChipEdges, deriveDealEdges, deriveRoundEdges } from '../graph/derive.js';
import { deriveChipSearch, deriveDealSearch, deriveDocumentSearch, deriveRoundSearch, deriveVendorSearch } from '../search/derive.js';
import { addChipGroups, addRoundGroups, allStatsGroups, noStatsGroups, recomputeTotals, type StatsGroups } from '../stats/derive.js';
import { deriveUsdAmounts } from '../currency-rates/usd-amounts.js';
import { first, identifier, sql, type SqlReader, type SqlWriter } from '../db/sql.js';

/** Bump whenever what is derived, or how, changes: databases built by older rules are rebuilt at startup. */
export const DERIVED_VERSION = 6;

export type DerivedResource = ResourceName;

/**
 * `refresh`: one written record, and what is derived from it elsewhere (a company's rounds and deals go by its
 * names). `rebuild`: every record in turn, so what depends on another record is rebuilt in its own pass.
 */
type Mode = 'refresh' | 'rebuild';
type Derive = (db: SqlWriter, ids: readonly number[], mode: Mode) => Promise<void>;

/** The statistics' groups a record is in, for the resources that have totals. */
const GROUPED: Partial<Record<DerivedResource, (db: SqlReader, ids: readonly number[], into: StatsGroups) => Promise<void>>> = {
  chip: addChipGroups,
  fundingRound: addRoundGroups,
};

const DERIVERS: Record<DerivedResource, { table: string; derive: Derive[] }> = {
  vendor: { table: RESOURCES.vendor.table, derive: [deriveVendorEvents, (db, ids, mode) => deriveVendorSearch(db, ids, { dependents: mode === 'refresh' })] },
  chip: { table: RESOURCES.chip.table, derive: [deriveChipEvents, deriveChipEdges, deriveChipSearch] },
  fundingRound: { table: RESOURCES.fundingRound.table, derive: [(db, ids) => deriveUsdAmounts(db, 'FundingRound', ids), deriveRoundEvents, deriveRoundEdges, deriveRoundSearch] },
  deal: { table: RESOURCES.deal.table, derive: [(db, ids) => deriveUsdAmounts(db, 'Deal', ids), deriveDealEvents, deriveDealEdges, deriveDealSearch] },
  // A passage derives nothing itself; records that lose a citation to it are refreshed as records.
  source: { table: RESOURCES.source.table, derive: [] },
  // A document's search entry (title and text); what cites its passages is refreshed when those records change.
  document: { table: RESOURCES.document.table, derive: [deriveDocumentSearch] },
  // A statement is in no list but its own.
  statement: { table: RESOURCES.statement.table, derive: [] },
};

async function idOf(db: SqlReader, resource: DerivedResource, slug: string): Promise<number | undefined> {
  return (await first<{ id: number }>(db, sql`SELECT "id" FROM ${identifier(DERIVERS[resource].table)} WHERE "slug" = ${slug}`))?.id;
}

/** The statistics' groups a record is in now: note them before changing or deleting it. */
export async function groupsOf(db: SqlReader, resource: DerivedResource, slug: string, into: StatsGroups = noStatsGroups()): Promise<StatsGroups> {
  const add = GROUPED[resource];
  const id = add ? await idOf(db, resource, slug) : undefined;
  if (add && id !== undefined) await add(db, [id], into);
  return into;
}

/**
 * Recomputes the derived rows of one record after a write to it in the same transaction, and the totals of the
 * groups it was in before (`before`, from groupsOf) and is in now.
 */
export async function refreshDerived(db: SqlWriter, resource: DerivedResource, slug: string, before: StatsGroups = noStatsGroups()): Promise<void> {
  await refreshRecordRows(db, resource, slug, before);
  await recomputeTotals(db, before);
}

/**
 * The rows of one record only, adding the groups it is in now to `groups` for the caller to recompute once: a
 * cascade changes many records whose groups overlap.
 */
export async function refreshRecordRows(db: SqlWriter, resource: DerivedResource, slug: string, groups: StatsGroups): Promise<void> {
  const id = await idOf(db, resource, slug);
  if (id === undefined) return;
  for (const step of DERIVERS[resource].derive) await step(db, [id], 'refresh');
  await GROUPED[resource]?.(db, [id], groups);
}

/** After records are deleted: recomputes the totals of the groups they were in (noted by groupsOf beforehand). */
export async function refreshTotals(db: SqlWriter, groups: StatsGroups): Promise<void> {
  await recomputeTotals(db, groups);
}

/** Records per batch while rebuilding: each batch is a handful of queries with one list parameter. */
const REBUILD_BATCH = 500;

/** Recomputes every derived row from the records, and records the rules' version. */
export async function rebuildDerived(db: SqlWriter): Promise<void> {
  await db.run(sql`DELETE FROM "TimelineEvent"`);
  await db.run(sql`DELETE FROM "GraphEdge"`);
  await db.run(sql`DELETE FROM "SearchRecord"`);
  await db.run(sql`DELETE FROM "FundingTotal"`);
  await db.run(sql`DELETE FROM "ChipTotal"`);
  for (const { table, derive } of Object.values(DERIVERS)) {
    if (derive.length === 0) continue;
    const ids = (await db.all<{ id: number }>(sql`SELECT "id" FROM ${identifier(table)} ORDER BY "id"`)).map((row) => row.id);
    for (let start = 0; start < ids.length; start += REBUILD_BATCH) {
      for (const step of derive) await step(db, ids.slice(start, start + REBUILD_BATCH), 'rebuild');
    }
  }
  await recomputeTotals(db, await allStatsGroups(db));
  await markDerivedCurrent(db);
}

/** Records that every derived row was built by the current rules. */
export async function markDerivedCurrent(db: SqlWriter): Promise<void> {
  await db.run(sql`DELETE FROM "DerivedState"`);
  await db.run(sql`INSERT INTO "DerivedState" ("id", "version") VALUES (1, ${DERIVED_VERSION})`);
}

/** Whether the database holds any record (a company is the first thing any dataset has). */
export async function holdsData(reader: SqlReader): Promise<boolean> {
  return (await first(reader, sql`SELECT 1 AS "found" FROM "Vendor" LIMIT 1`)) !== undefined;
}

/** Whether the derived rows were built by the current rules. */
export async function derivedIsCurrent(db: SqlReader): Promise<boolean> {
  const state = await first<{ version: number }>(db, sql`SELECT "version" FROM "DerivedState" WHERE "id" = 1`);
  return state?.version === DERIVED_VERSION;
}
