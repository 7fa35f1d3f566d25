// What must happen before the service answers: the schema is migrated, and the article's dataset is loaded
// into a database that has none.
import path from 'node:path';
import { databaseEngine, databaseFilePath, migrationsDirectory, type Config } from '../config.js';
import { createWriterClient, openReadConnection } from './client.js';
import { first, sql, type SqlReader } from './sql.js';
import { derivedIsCurrent, rebuildDerived } from './derived.js';
import { applyMigrations } from './migrate.js';
import { ClosableSql, lockWrites, WriteQueue } from './write-queue.js';

import { applyPostgresMigrations } from './migrate-postgresql.js';
import { readDataset } from '../seed/dataset.js';
import { seedDatabase } from '../seed/load.js';

/** Rebuilding every derived row of a 1,000× database takes minutes on a slow machine; past this it is stuck. */
const REBUILD_TIMEOUT_MS = 600_000;

type PrepareConfig = Pick<Config, 'DATABASE_URL' | 'MIGRATIONS_DIR' | 'SEED_DIR' | 'SEED_ON_START'>;

/** The one logging call preparation makes; Fastify's logger and a CLI's console both fit it. */
export interface PrepareLog {
  info(fields: object, message: string): void;
}

/** Applies the engine's pending migrations to the database behind DATABASE_URL. */
export async function migrateDatabase(config: Pick<Config, 'DATABASE_URL' | 'MIGRATIONS_DIR'>): Promise<{ applied: string[] }> {
  const directory = migrationsDirectory(config);
  return databaseEngine(config.DATABASE_URL) === 'postgresql'
    ? applyPostgresMigrations(config.DATABASE_URL, directory)
    : applyMigrations(databaseFilePath(config.DATABASE_URL), directory);
}

export async function prepareDatabase(config: PrepareConfig, log: PrepareLog): Promise<void> {
  const { applied } = await migrateDatabase(config);
  log.info({ applied }, applied.length > 0 ? 'applied migrations' : 'database schema is up to date');

  // What needs doing is read first, with plain SQL: on a database that has its data and current derived rows (every
  // start but the first), Prisma is never loaded here, and startup takes a fraction of a second.
  const read = openReadConnection(config.DATABASE_URL);
  let seeding: boolean;
  let current: boolean;
  try {
    seeding = config.SEED_ON_START === 'always' || (config.SEED_ON_START === 'auto' && !(await holdsData(read.reader)));
    current = await derivedIsCurrent(read.reader);
  } finally {
    await read.close();
  }
  if (config.SEED_ON_START === 'auto' && !seeding) {
    log.info({}, 'database already holds data; not seeding (set SEED_ON_START=always to re-apply the seed)');
  }
  if (!seeding && current) return;

  const writer = createWriterClient(config.DATABASE_URL);
  try {
    if (seeding) {
      const { dataset, article } = await readDataset(path.resolve(config.SEED_DIR));
      // The service does not listen until this is done; replicas starting together seed one after the other (the
      // write lock), and the second finds every record already as the seed describes it.
      const report = await seedDatabase(new WriteQueue(writer), dataset, article);
      log.info({ ...report }, 'seeded the article dataset');
    }
    // Rows derived by older rules (or by none, before their tables existed) are rebuilt before anything reads them;
    // under the write lock, so replicas starting together rebuild once and no write meets a half-built state.
    await writer.client.$connect();
    // Past its deadline (a minute before Prisma's) the rebuild's SQL refuses to run: a statement sent after Prisma
    // rolled back would commit on its own, and could mark rows current that were never rebuilt.
    let db: ClosableSql | undefined;
    const deadline = setTimeout(() => db?.close(), REBUILD_TIMEOUT_MS - 60_000);
    const rebuilt = await writer.client
      .$transaction(
        async (tx) => {
          db = new ClosableSql(writer.sqlIn(tx));
          // Another replica may be rebuilding: wait for it as long as a rebuild may take, then find the rows current.
          await lockWrites(db, REBUILD_TIMEOUT_MS);
          if (await derivedIsCurrent(db)) return false;
          await rebuildDerived(db);
          return true;
        },
        { timeout: REBUILD_TIMEOUT_MS, maxWait: 10_000 },
      )
      .finally(() => {
        clearTimeout(deadline);
        db?.close();
      });
    if (rebuilt) log.info({}, 'rebuilt the derived rows (timeline, graph, search, statistics)');
  } finally {
    await writer.close();
  }
}

/** Whether the database holds any record (a company is the first thing any dataset has). */
async function holdsData(reader: SqlReader): Promise<boolean> {
  return (await first(reader, sql`SELECT 1 AS "found" FROM "Vendor" LIMIT 1`)) !== undefined;
}
