// What must happen before the service answers: the schema is migrated, and the article's dataset is loaded
// into a database that has none.
import path from 'node:path';
import { databaseFilePath, type Config } from '../config.js';
import { createWriterClient, type Database } from './client.js';
import type { SqlWriter } from './sql.js';
import { derivedIsCurrent, rebuildDerived } from './derived.js';
import { applyMigrations } from './migrate.js';
import { WriteQueue } from './write-queue.js';
import { readDataset } from '../seed/dataset.js';
import { seedDatabase } from '../seed/load.js';

type PrepareConfig = Pick<Config, 'DATABASE_URL' | 'MIGRATIONS_DIR' | 'SEED_DIR' | 'SEED_ON_START'>;

/** The one logging call preparation makes; Fastify's logger and a CLI's console both fit it. */
export interface PrepareLog {
  info(fields: object, message: string): void;
}

export async function prepareDatabase(config: PrepareConfig, log: PrepareLog): Promise<void> {
  const { applied } = await applyMigrations(databaseFilePath(config.DATABASE_URL), path.resolve(config.MIGRATIONS_DIR));
  log.info({ applied }, applied.length > 0 ? 'applied migrations' : 'database schema is up to date');

  const { client: db, reader } = createWriterClient(config.DATABASE_URL);
  try {
    await seedIfWanted(config, log, db, reader);
    // Rows derived by older rules (or by none, before their tables existed) are rebuilt before anything reads them.
    await db.$connect();
    if (!(await derivedIsCurrent(reader()))) {
      await db.$transaction(() => rebuildDerived(reader()), { timeout: 600_000, maxWait: 10_000 });
      log.info({}, 'rebuilt the derived rows (timeline, graph, search, statistics)');
    }
  } finally {
    await db.$disconnect();
  }
}

async function seedIfWanted(config: PrepareConfig, log: PrepareLog, db: Database, reader: () => SqlWriter): Promise<void> {
  if (config.SEED_ON_START === 'never') return;
  if (config.SEED_ON_START === 'auto' && (await db.vendor.count()) > 0) {
    log.info({}, 'database already holds data; not seeding (set SEED_ON_START=always to re-apply the seed)');
    return;
  }
  const { dataset, article } = await readDataset(path.resolve(config.SEED_DIR));
  // Nothing else writes yet (the service does not listen until this is done): the queue only gives the seed the
  // stores' write session.
  const report = await seedDatabase(new WriteQueue(db, reader), dataset, article);
  log.info({ ...report }, 'seeded the article dataset');
}
