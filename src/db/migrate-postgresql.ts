// The migration runner for PostgreSQL, the counterpart of src/db/migrate.ts: it applies prisma/postgresql/migrations
// with node-postgres and keeps Prisma's `_prisma_migrations` table as Prisma's PostgreSQL connector writes it, so
// `prisma migrate status` and `prisma migrate deploy` agree with it wherever Prisma's engine is available.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { checkHistory, readLocalMigrations, type HistoryRow, type LocalMigration } from './migrate.js';

// The statement Prisma's PostgreSQL connector runs to create its history table.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The session-level advisory lock Prisma's own `migrate deploy` takes on PostgreSQL: replicas starting together, or
 * this runner and Prisma's, migrate one at a time; the others wait, then find nothing left to apply.
 */
const MIGRATION_LOCK = 72707369;

/**
 * Sorting and keyset cursors compare text byte by byte in SQLite; PostgreSQL compares by the database's collation.
 * Under any other than C (code point order), a list sorted by name would come out in another order on each engine.
 * The character classes must know Unicode (a UTF-8 ctype, not plain C), or the trigram index would skip Korean.
 * Since PostgreSQL 15 a database may take its default collation from ICU instead of the C library: the ICU locale
 * then decides the order whatever datcollate says, and no ICU locale sorts by code point. The provider is read through
 * to_jsonb because its column does not exist before PostgreSQL 15.
 */
async function checkLocale(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ collate: string; ctype: string; encoding: string; provider: string | null; providerLocale: string | null }>(
    `SELECT datcollate AS collate, datctype AS ctype, pg_encoding_to_char(encoding) AS encoding,
            to_jsonb(d) ->> 'datlocprovider' AS provider,
            coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') AS "providerLocale"
     FROM pg_database d WHERE datname = current_database()`,
  );
  const { collate, ctype, encoding, provider, providerLocale } = rows[0]!;
  const libc = provider === null || provider === 'c';
  const codePointOrder = libc && /^(C|POSIX|C\.UTF-?8)$/i.test(collate);
  const unicodeClasses = /utf-?8/i.test(ctype);
  if (encoding !== 'UTF8' || !codePointOrder || !unicodeClasses) {
    const collation = libc ? collate : `${providerLocale ?? '?'} (locale provider ${provider === 'i' ? 'icu' : provider})`;
    throw new Error(
      `The PostgreSQL database must be UTF8 with code point collation and a UTF-8 ctype (found encoding ${encoding}, ` +
        `collation ${collation}, ctype ${ctype}). Create it with: CREATE DATABASE atlas TEMPLATE template0 ENCODING 'UTF8' ` +
        `${libc ? '' : 'LOCALE_PROVIDER libc '}LOCALE 'C.UTF-8' (or initdb --locale=C.UTF-8).`,
    );
  }
}

/**
 * Applies the migrations under `migrationsDir` that the database behind `connectionString` has not had yet, oldest
 * name first, each in a transaction of its own together with its history row. Throws, naming the migration, on a
 * changed or failed migration, as the SQLite runner does.
 */
export async function applyPostgresMigrations(connectionString: string, migrationsDir: string): Promise<{ applied: string[] }> {
  const migrations = readLocalMigrations(migrationsDir);
  const client = new pg.Client({ connectionString, application_name: 'atlas-migrate' });
  await client.connect();
  try {
    await checkLocale(client);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const history = (
        await client.query<HistoryRow>(
          `SELECT migration_name, checksum, finished_at::text AS finished_at FROM "_prisma_migrations"
           WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
        )
      ).rows;
      checkHistory(history, migrations);
      const done = new Set(history.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    // A migration file holds several statements: sent as one simple query, they run in this transaction.
    await client.query(migration.script);
    // Prisma counts a whole migration.sql as one step. Both times come from the server's clock, as Prisma's are:
    // now() is when this transaction, so the migration, began; clock_timestamp() is the moment it finished (now()
    // there would record the start again, and a migration that ran for minutes would show as taking none).
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}
