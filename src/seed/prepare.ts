// What must happen before the service answers: the schema is migrated, and the article's dataset is loaded
// into a database that has none.
import path from 'node:path';
import { databaseEngine, databaseFilePath, migrationsDirectory, type Config } from '../config.js';
import { createWriterClient, openReadConnection } from '../db/client.js';
import { derivedIsCurrent, holdsData, rebuildDerived } from '../records/derived.js';
import { applyMigrations } from '../db/migrate.js';
import { WriteQueue } from '../db/write-queue.js';
import { applyPostgresMigrations } from '../db/migrate-postgresql.js';
import { readDataset } from './dataset.js';
import { seedDatabase } from './load.js';

/**
 * How long startup's seed or rebuild may hold its transaction (and another replica wait for it): rebuilding every
 * derived row of a 1,000× database takes minutes on a slow machine; past this it is stuck.
 */
const STARTUP_TRANSACTION_MS = 600_000;

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

  const writer = createWriterClient(config.DATABASE_URL, { statementTimeoutMs: STARTUP_TRANSACTION_MS, idleInTransactionTimeoutMs: 0 });
  try {
    // Startup's writes go through the one write path: under the write lock, so replicas starting together seed and
    // rebuild one after the other, and each later one finds the work done.
    const writes = new WriteQueue(writer, { transactionMs: STARTUP_TRANSACTION_MS });
    if (seeding) {
      const { dataset, documents } = await readDataset(path.resolve(config.SEED_DIR));
      // The service does not listen until this is done; the second replica finds every record as the seed describes it.
      const report = await seedDatabase(writes, dataset, documents);
      log.info({ ...report }, 'seeded the article dataset');
    }
    // Rows derived by older rules (or by none, before their tables existed) are rebuilt before anything reads them,
    // so no read or write meets a half-built state.
    const rebuilt = await writes.run(async (w) => {
      if (await derivedIsCurrent(w.db)) {
        w.wroteNothing();
        return false;
      }
      await rebuildDerived(w.db);
      w.wrote();
      return true;
    });
    if (rebuilt) log.info({}, 'rebuilt the derived rows (timeline, graph, search, statistics)');
  } finally {
    await writer.close();
  }
}
