// What must happen before the service answers: the schema is migrated, and the article's dataset is loaded
// into a database that has none.
import path from 'node:path';
import { databaseFilePath, type Config } from '../config.js';
import { createDatabaseClient } from './client.js';
import { applyMigrations } from './migrate.js';
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
  if (config.SEED_ON_START === 'never') return;

  const db = createDatabaseClient(config.DATABASE_URL);
  try {
    if (config.SEED_ON_START === 'auto' && (await db.vendor.count()) > 0) {
      log.info({}, 'database already holds data; not seeding (set SEED_ON_START=always to re-apply the seed)');
      return;
    }
    const { dataset, article } = await readDataset(path.resolve(config.SEED_DIR));
    const report = await seedDatabase(db, dataset, article);
    log.info({ ...report }, 'seeded the article dataset');
  } finally {
    await db.$disconnect();
  }
}
