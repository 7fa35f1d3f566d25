// What a test's database holds, read through a separate read-only connection: proof that a refused request
// changed nothing anywhere (records, relations, revisions, idempotency records), not only in the list or record a
// test happens to look at.
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';

export interface Fingerprint {
  /**
   * SQLite's `PRAGMA data_version`: changes whenever another connection commits a transaction, so an equal value
   * before and after a request proves the request committed no write at all (even one rewriting equal values).
   */
  commits: number;
  /** Rows per table, to show where a change landed. */
  rows: Record<string, number>;
}

/** Opens the database read-only for the rest of the test file; call at the top level. */
export function fingerprintReader(databaseFile: string): () => Fingerprint {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  afterAll(() => db.close());
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map(({ name }) => name);
  const counts = db.prepare(
    `SELECT ${tables.map((name, index) => `(SELECT count(*) FROM "${name.replaceAll('"', '""')}") AS t${index}`).join(', ')}`,
  );
  return () => {
    const row = counts.get() as Record<string, number>;
    return {
      commits: db.pragma('data_version', { simple: true }) as number,
      rows: Object.fromEntries(tables.map((name, index) => [name, row[`t${index}`]!])),
    };
  };
}
