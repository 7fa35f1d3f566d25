// A database file holding the article's dataset plus a synthetic dataset `scale` times its size, written through
// the write API. Used by `npm run db:synthetic`, the 100× test and the benchmark.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.js';
import { prepareDatabase } from '../db/prepare.js';
import { readDataset } from '../seed/dataset.js';
import { syntheticDataset } from './dataset.js';
import { loadThroughApi, type LoadReport } from './load.js';

export interface BuildSyntheticOptions {
  /** The database file to create; it must not exist yet. */
  file: string;
  scale: number;
  seed?: number;
  seedDir?: string;
  migrationsDir?: string;
}

export async function buildSyntheticDatabase(options: BuildSyntheticOptions): Promise<LoadReport> {
  if (existsSync(options.file)) throw new Error(`${options.file} exists already; the synthetic dataset goes into a new database`);
  const seedDir = path.resolve(options.seedDir ?? 'seed');
  const databaseUrl = `file:${path.resolve(options.file)}`;
  await prepareDatabase(
    { DATABASE_URL: databaseUrl, MIGRATIONS_DIR: options.migrationsDir ?? 'prisma/migrations', SEED_DIR: seedDir, SEED_ON_START: 'always' },
    { info() {} },
  );
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
