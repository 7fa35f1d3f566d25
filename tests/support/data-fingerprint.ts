// What a test's database holds, read through a separate connection: proof that a refused request changed nothing
// anywhere (records, relations, revisions, idempotency records), not only in the list or record a test happens to
// look at.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { TestDatabase } from './test-database.js';

export interface Fingerprint {
  /**
   * Changes whenever a transaction writes, even one rewriting equal values, so an equal value before and after a
   * request proves the request committed no write at all. SQLite: `PRAGMA data_version`. PostgreSQL: each table's
   * newest row version (`xmin`, the id of the transaction that wrote it) and row count.
   */
  commits: number | string;
  /** Rows per table, to show where a change landed. */
  rows: Record<string, number>;
}

/** Opens the database for the rest of the test file; call at the top level. */
export async function fingerprintReader(database: TestDatabase): Promise<() => Promise<Fingerprint>> {
  if (database.file !== null) {
    const db = new Database(database.file, { readonly: true, fileMustExist: true });
    afterAll(() => db.close());
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map(({ name }) => name);
    const counts = db.prepare(
      `SELECT ${tables.map((name, index) => `(SELECT count(*) FROM "${name.replaceAll('"', '""')}") AS t${index}`).join(', ')}`,
    );
    return async () => {
      const row = counts.get() as Record<string, number>;
      return {
        commits: db.pragma('data_version', { simple: true }) as number,
        rows: Object.fromEntries(tables.map((name, index) => [name, row[`t${index}`]!])),
      };
    };
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  afterAll(() => client.end());
  const tables = (
    await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
  ).rows.map(({ name }) => name);
  const query = `SELECT ${tables
    .map((name, index) => `(SELECT count(*)::int FROM "${name}") AS t${index}, (SELECT coalesce(max(xmin::text::bigint), 0)::text FROM "${name}") AS x${index}`)
    .join(', ')}`;
  return async () => {
    const row = (await client.query<Record<string, number | string>>(query)).rows[0]!;
    return {
      commits: tables.map((_, index) => `${row[`t${index}`]}:${row[`x${index}`]}`).join(','),
      rows: Object.fromEntries(tables.map((name, index) => [name, Number(row[`t${index}`])])),
    };
  };
}
