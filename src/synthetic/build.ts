// A database holding the article's dataset plus a synthetic dataset `scale` times its size, written through the
// write API: a new SQLite file, or an empty PostgreSQL database. Used by `npm run db:synthetic`, the 100× test and
// the benchmark.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.js';
import { databaseEngine, databaseFilePath } from '../config.js';
import { openReadConnection } from '../db/client.js';
import { holdsData } from '../records/derived.js';
import { migrateDatabase, prepareDatabase } from '../seed/prepare.js';
import { readDataset } from '../seed/dataset.js';
import { syntheticDataset } from './dataset.js';
import { loadThroughApi, type LoadReport } from './load.js';

export interface BuildSyntheticOptions {
  /** The database to fill: a `file:` URL of a file that does not exist yet, or a PostgreSQL database with no data. */
  databaseUrl: string;
  scale: number;
  seed?: number;
  seedDir?: string;
  migrationsDir?: string;
}

export async function buildSyntheticDatabase(options: BuildSyntheticOptions): Promise<LoadReport> {
  const { databaseUrl } = options;
  if (databaseEngine(databaseUrl) === 'sqlite' && existsSync(databaseFilePath(databaseUrl))) {
    throw new Error(`${databaseFilePath(databaseUrl)} exists already; the synthetic dataset goes into a new database`);
  }
  const seedDir = path.resolve(options.seedDir ?? 'seed');
  const config = { DATABASE_URL: databaseUrl, MIGRATIONS_DIR: options.migrationsDir, SEED_DIR: seedDir, SEED_ON_START: 'always' } as const;
  // Migrated first so that the check below can read; preparing then finds nothing left to migrate.
  await migrateDatabase(config);
  const read = openReadConnection(databaseUrl);
  try {
    if (await holdsData(read.reader)) throw new Error('the database holds data already; the synthetic dataset goes into a new database');
  } finally {
    await read.close();
  }
  await prepareDatabase(config, { info() {} });
  const { dataset } = await readDataset(seedDir);
  const records = syntheticDataset(dataset, { scale: options.scale, ...(options.seed !== undefined && { seed: options.seed }) });
  // A key for this run only: revisions name the writer `synthetic`.
  const key = randomBytes(24).toString('base64url');
  const app = await buildApp({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    REQUEST_TIMEOUT_MS: 60_000,
    SEED_DIR: seedDir,
    API_KEYS: [{ name: 'synthetic', sha256: createHash('sha256').update(key).digest() }],
    RATE_LIMIT_WRITES_PER_MINUTE: 0,
    RATE_LIMIT_READS_PER_MINUTE: 0,
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
    OVERLOAD_MAX_HEAP_USED_MB: 0,
  });
  try {
    return await loadThroughApi(app, records, key);
  } finally {
    await app.close();
  }
}
