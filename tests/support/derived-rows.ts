// Every derived row (timeline events, their companies, graph edges, search terms, statistics' totals) as stored: what the write path's upkeep and a
// rebuild from the records must agree on. Row ids differ between the two; what the rows hold must not.
import Database from 'better-sqlite3';
import { createWriterClient } from '../../src/db/client.js';
import { rebuildDerived, refreshDerived, type DerivedResource } from '../../src/records/derived.js';
import { raw, type SqlReader } from '../../src/db/sql.js';
import type { TestDatabase } from './test-database.js';

export async function derivedRows(reader: SqlReader) {
  const withoutIds = (list: Record<string, unknown>[]) => list.map(({ id: _id, ...rest }) => rest);
  return {
    events: withoutIds(await reader.all(raw('SELECT * FROM "TimelineEvent" ORDER BY "key"'))),
    links: await reader.all(
      raw('SELECT e."key", l."vendorId", l."position" FROM "TimelineEventVendor" l JOIN "TimelineEvent" e ON e."id" = l."eventId" ORDER BY e."key", l."vendorId"'),
    ),
    edges: withoutIds(await reader.all(raw('SELECT * FROM "GraphEdge" ORDER BY "key"'))),
    search: await reader.all(
      raw(`SELECT r."type", r."slug", r."typeRank", r."name", r."nameKo", r."sortName", r."chipId", r."vendorId", r."fundingRoundId",
                  r."dealId", t."field", t."text", t."loose"
           FROM "SearchRecord" r JOIN "SearchTerm" t ON t."recordId" = r."id" ORDER BY r."type", r."slug", t."field", t."text"`),
    ),
    fundingTotals: await reader.all(
      raw(`SELECT t."grouping", t."vendorId", t."slug", t."year", t."roundCount", t."roundsWithoutAmount", t."roundsNotConverted",
                  t."usdHigh", t."usdLow", c."currency", c."high", c."low", c."roundCount" AS "currencyRounds"
           FROM "FundingTotal" t LEFT JOIN "FundingCurrencyTotal" c ON c."totalId" = t."id"
           ORDER BY t."grouping", t."vendorId", t."year", c."currency"`),
    ),
    chipTotals: withoutIds(await reader.all(raw('SELECT * FROM "ChipTotal" ORDER BY "grouping", "vendorId", "value"'))),
  };
}

/** Rebuilds every derived row of the database from its records, as startup does after a change of rules. */
export async function rebuildDerivedRows(database: TestDatabase): Promise<void> {
  const writer = createWriterClient(database.url);
  try {
    await writer.client.$connect();
    await writer.client.$transaction((tx) => rebuildDerived(writer.sqlIn(tx)), { timeout: 120_000 });
  } finally {
    await writer.close();
  }
}

/**
 * The search index's own check that it holds exactly the terms' rows (throws on any difference). SQLite: FTS5's
 * integrity check, since triggers must keep the trigram table in step through inserts, deletes and foreign-key
 * cascades alike. PostgreSQL keeps its trigram indexes itself; amcheck verifies the B-tree only, so there is
 * nothing of ours to check.
 */
export function checkSearchIndex(database: TestDatabase): void {
  if (database.file === null) return;
  const db = new Database(database.file);
  try {
    db.prepare(`INSERT INTO "SearchTermTrigram" ("SearchTermTrigram", "rank") VALUES ('integrity-check', 1)`).run();
  } finally {
    db.close();
  }
}

/**
 * The write path's upkeep for one record written behind the API's back (by a test that needs what the API refuses,
 * such as a line break in a name): what every write through the API does in its own transaction.
 */
export async function refreshDerivedRow(database: TestDatabase, resource: DerivedResource, slug: string): Promise<void> {
  const writer = createWriterClient(database.url);
  try {
    await writer.client.$connect();
    await writer.client.$transaction((tx) => refreshDerived(writer.sqlIn(tx), resource, slug));
  } finally {
    await writer.close();
  }
}
