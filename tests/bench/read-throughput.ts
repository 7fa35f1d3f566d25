// `npm run bench`: hot-read throughput of the API against Fastify's own ceiling on this machine — a bare
// Fastify route sending the same bytes — plus the server's resident memory after the load. Targets are checked
// here, never by timed assertions in the test suite. Each server runs in its own process (see serve.ts), so the
// load generator here does not steal its event loop; loopback only; every run is bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { prepareDatabase } from '../../src/db/prepare.js';

/** Share of the bare-Fastify ceiling a hot read must reach. */
const TARGET_RATIO = Number(process.env.BENCH_TARGET_RATIO ?? 0.5);
/** Resident memory the API server may hold after the load, in MiB. */
const TARGET_RSS_MIB = Number(process.env.BENCH_TARGET_RSS_MIB ?? 300);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const ROUTES = ['/v1/chips', '/v1/chips/sambanova-sn40l', '/v1/vendors?role=investor&limit=50', '/v1/funding-rounds?include=investors'];

interface Server {
  address: string;
  process: ChildProcess;
}

async function startServer(mode: 'app' | 'bare', argument: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve.ts'), mode, argument], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 30 s`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { address: firstLine.trim(), process: child };
}

async function stopServer(server: Server) {
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return Math.round(kib / 1024);
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 };
}

const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-'));
const databaseUrl = `file:${path.join(directory, 'atlas.db')}`;
await prepareDatabase({ DATABASE_URL: databaseUrl, MIGRATIONS_DIR: 'prisma/migrations', SEED_DIR: 'seed', SEED_ON_START: 'always' }, { info() {} });
const api = await startServer('app', databaseUrl);

const rows: { route: string; requestsPerSecond: number; ceiling: number; ratio: number; p99Ms: number }[] = [];
let failed = false;
try {
  for (const route of ROUTES) {
    // The ceiling for this route: Fastify sending the very bytes the API sends.
    const response = await fetch(`${api.address}${route}`);
    if (!response.ok) throw new Error(`${route}: ${response.status}`);
    const bodyFile = path.join(directory, 'body.json');
    await writeFile(bodyFile, await response.text());
    const bare = await startServer('bare', bodyFile);
    const ceiling = await load(`${bare.address}${route}`).finally(() => stopServer(bare));

    const measured = await load(`${api.address}${route}`);
    const ratio = measured.requestsPerSecond / ceiling.requestsPerSecond;
    rows.push({
      route,
      requestsPerSecond: Math.round(measured.requestsPerSecond),
      ceiling: Math.round(ceiling.requestsPerSecond),
      ratio: Number(ratio.toFixed(2)),
      p99Ms: measured.p99Ms,
    });
    if (ratio < TARGET_RATIO) failed = true;
  }
  const rssMiB = await residentMiB(api.process.pid!);
  console.table(rows);
  console.log(
    `API server resident memory after load: ${rssMiB} MiB (target ≤ ${TARGET_RSS_MIB} MiB); ` +
      `throughput target ≥ ${TARGET_RATIO} of the bare-Fastify ceiling`,
  );
  if (rssMiB > TARGET_RSS_MIB) failed = true;
} finally {
  await stopServer(api);
  await rm(directory, { recursive: true, force: true });
}
if (failed) {
  console.error('benchmark targets missed');
  process.exit(1);
}
