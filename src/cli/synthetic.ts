// `npm run db:synthetic -- --scale 100 [--out data/synthetic-100.db | --out postgresql://…/empty] [--seed N]`: a
// new database (a SQLite file, or an empty PostgreSQL database) with the article's
// dataset and `scale` times as many synthetic records, for benchmarks and tests at size. Never the service's own
// database, never committed.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseEngine } from '../config.js';
import { buildSyntheticDatabase } from '../synthetic/build.js';

const USAGE = 'usage: npm run db:synthetic -- --scale <1 to 10000> [--out path/to/new.db | --out postgresql://host/empty-database] [--seed <integer>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(64); // EX_USAGE
}

let values: { scale?: string; out?: string; seed?: string };
try {
  ({ values } = parseArgs({
    options: { scale: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const scale = Number(values.scale);
if (values.scale === undefined || !Number.isFinite(scale) || scale <= 0 || scale > 10_000) fail('--scale must be a number above 0, at most 10000');
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isSafeInteger(seed)) fail('--seed must be an integer');
const out = values.out ?? `data/synthetic-${values.scale}.db`;
// A PostgreSQL URL names an empty database to fill; anything else is the path of a new SQLite file.
const databaseUrl = databaseEngine(out) === 'postgresql' ? out : `file:${path.resolve(out)}`;

try {
  const report = await buildSyntheticDatabase({ databaseUrl, scale, ...(seed !== undefined && { seed }) });
  process.stdout.write(`${out}: ${JSON.stringify(report.created)} in ${report.seconds.toFixed(1)} s\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
