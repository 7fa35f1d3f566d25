// Every derived row (timeline events, their companies, graph edges) as stored: what the write path's upkeep and a
// rebuild from the records must agree on. Row ids differ between the two; what the rows hold must not.
import { createWriterClient } from '../../src/db/client.js';
import { rebuildDerived } from '../../src/db/derived.js';
import { raw, type SqlReader } from '../../src/db/sql.js';

export async function derivedRows(reader: SqlReader) {
  const withoutIds = (list: Record<string, unknown>[]) => list.map(({ id: _id, ...rest }) => rest);
  return {
    events: withoutIds(await reader.all(raw('SELECT * FROM "TimelineEvent" ORDER BY "key"'))),
    links: await reader.all(
      raw('SELECT e."key", l."vendorId", l."position" FROM "TimelineEventVendor" l JOIN "TimelineEvent" e ON e."id" = l."eventId" ORDER BY e."key", l."vendorId"'),
    ),
    edges: withoutIds(await reader.all(raw('SELECT * FROM "GraphEdge" ORDER BY "key"'))),
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
