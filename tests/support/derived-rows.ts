// Every derived row (timeline events, their companies, graph edges, search terms, statistics' totals) as stored: what the write path's upkeep and a
// rebuild from the records must agree on. Row ids differ between the two; what the rows hold must not.
import Database from 'better-sqlite3';
import { createWriterClient } from '../../src/db/client.js';
import { rebuildDerived, refreshDerived, type DerivedResource } from '../../src/db/derived.js';
import { raw, type SqlReader } from '../../src/db/sql.js';

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

/** Rebuilds every derived row of the database file from its records, as startup does after a change of rules. */
export async function rebuildDerivedRows(databaseFile: string): Promise<void> {
  const { client, reader } = createWriterClient(`file:${databaseFile}`);
  try {
    await client.$connect();
    await client.$transaction(() => rebuildDerived(reader()), { timeout: 120_000 });
  } finally {
    await client.$disconnect();
  }
}

/**
 * FTS5's own check that the trigram index holds exactly the terms' rows (throws on any difference): the triggers
 * must keep it in step through inserts, deletes and foreign-key cascades alike.
 */
export function checkSearchIndex(databaseFile: string): void {
  const db = new Database(databaseFile);
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
export async function refreshDerivedRow(databaseFile: string, resource: DerivedResource, slug: string): Promise<void> {
  const { client, reader } = createWriterClient(`file:${databaseFile}`);
  try {
    await client.$connect();
    await client.$transaction(() => refreshDerived(reader(), resource, slug));
  } finally {
    await client.$disconnect();
  }
}
