// The project's own migration runner. Prisma 7's CLI needs a native schema engine that cannot be downloaded here,
// so migrations are applied with better-sqlite3 directly. It keeps Prisma's `_prisma_migrations` table exactly as
// Prisma's engine writes it (same DDL, checksum, id and timestamp formats), so `prisma migrate status` and
// `prisma migrate deploy` agree with it wherever the engine is available.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Byte for byte the statement Prisma's SQLite connector runs: Prisma reads this table back, and a different
// declaration would be reported as drift by `prisma migrate diff --from-migrations`.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// A second process (another instance starting, or the service's own Prisma connection) may hold the write lock
// for a moment; without a timeout SQLite answers SQLITE_BUSY at once and startup fails for no real reason.
// 5000 ms is what @prisma/adapter-better-sqlite3 uses, so both sides wait alike.
const BUSY_TIMEOUT_MS = 5000;

export interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
}

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

/**
 * Applies the migrations under `migrationsDir` that `databaseFile` has not had yet, oldest name first.
 * Throws, naming the migration, when an applied migration's file has changed since, when the history holds a
 * failed migration, or when a migration fails (that migration then leaves no trace).
 */
export async function applyMigrations(databaseFile: string, migrationsDir: string): Promise<{ applied: string[] }> {
  const migrations = readLocalMigrations(migrationsDir);
  mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });

  const db = new Database(databaseFile);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The journal mode is stored in the file, so setting it here makes every later connection (the service's
    // Prisma adapter included) use WAL: readers then never block the writer.
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new Error(`Could not switch ${databaseFile} to WAL journal mode (SQLite answered "${String(journalMode)}")`);
    }
    // `synchronous` is per connection. In WAL mode NORMAL can lose the last commits on power loss; FULL makes a
    // migration durable before the service starts writing against the schema it created.
    db.pragma('synchronous = FULL');
    // better-sqlite3 turns foreign key enforcement on, and `PRAGMA foreign_keys` is a no-op inside a transaction.
    // Prisma's table-redefinition migrations (`DROP TABLE` + rename) rely on it being off: with it on, dropping a
    // parent table would cascade-delete or reject its children's rows. Integrity is checked before each commit.
    db.pragma('foreign_keys = OFF');

    ensureHistoryTable(db);
    const history = readHistory(db);
    checkHistory(history, migrations);

    const applied: string[] = [];
    const appliedNames = new Set(history.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
    for (const migration of migrations) {
      if (appliedNames.has(migration.name)) continue;
      if (applyOne(db, migration)) applied.push(migration.name);
    }
    return { applied };
  } finally {
    db.close();
  }
}

export function readLocalMigrations(migrationsDir: string): LocalMigration[] {
  let entries;
  try {
    entries = readdirSync(migrationsDir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`Cannot read the migrations folder ${migrationsDir}`, { cause: error });
  }
  // Names start with a UTC timestamp, so code-unit order is creation order and does not depend on the locale.
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const file = path.join(migrationsDir, name, 'migration.sql');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new Error(`Migration ${name} has no readable migration.sql (${file})`, { cause: error });
    }
    // Prisma's checksum is the SHA-256 of the file's bytes, hex-encoded.
    return { name, script: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
  });
}

function ensureHistoryTable(db: Database.Database): void {
  // IMMEDIATE takes the write lock first, so two instances starting together cannot both try to create it.
  db.transaction(() => {
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!exists) db.exec(CREATE_MIGRATIONS_TABLE);
  }).immediate();
}

function readHistory(db: Database.Database): HistoryRow[] {
  // Rows marked rolled back (`prisma migrate resolve --rolled-back`) no longer count, as in Prisma.
  return db
    .prepare(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
    )
    .all() as HistoryRow[];
}

export function checkHistory(history: HistoryRow[], migrations: LocalMigration[]): void {
  const local = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of history) {
    if (row.finished_at === null) {
      // The schema is in an unknown, half-applied state: applying more on top would only bury the problem.
      throw new Error(
        `Migration ${row.migration_name} failed earlier and is recorded as unfinished in _prisma_migrations; ` +
          'repair the database, then mark it with `prisma migrate resolve --applied` or `--rolled-back`',
      );
    }
    const migration = local.get(row.migration_name);
    if (!migration) {
      throw new Error(
        `Migration ${row.migration_name} is applied to the database but missing from the migrations folder ` +
          '(is this an older build than the one that migrated the database?)',
      );
    }
    if (migration.checksum !== row.checksum) {
      // The database was built from other SQL than the file now says: the schema can no longer be trusted to
      // match schema.prisma, so the service must not start on it.
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied ` +
          `(checksum in database ${row.checksum}, file ${migration.checksum})`,
      );
    }
  }
}

/** Applies one migration together with its history row; false when another process applied it meanwhile. */
function applyOne(db: Database.Database, migration: LocalMigration): boolean {
  const run = db.transaction((): boolean => {
    // Re-read under the write lock: another instance may have applied it since the history was read.
    const done = db
      .prepare(
        `SELECT checksum FROM "_prisma_migrations"
         WHERE migration_name = ? AND rolled_back_at IS NULL AND finished_at IS NOT NULL`,
      )
      .get(migration.name) as { checksum: string } | undefined;
    if (done) {
      if (done.checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was applied by another process from a different file`);
      }
      return false;
    }

    const startedAt = prismaTimestamp(new Date());
    db.exec(migration.script);
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(`leaves ${violations.length} row(s) violating foreign keys, e.g. ${JSON.stringify(violations[0])}`);
    }
    // Prisma counts a whole migration.sql as one step.
    db.prepare(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(randomUUID(), migration.checksum, prismaTimestamp(new Date()), migration.name, startedAt);
    return true;
  });

  try {
    return run.immediate();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`Migration ${migration.name} `)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

/** The timestamp text Prisma's engine stores in SQLite, e.g. 2026-11-28T10:17:48.459+00:00. */
function prismaTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '+00:00');
}
