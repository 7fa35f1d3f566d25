// `npm run bench`: the service at 1×, 100× and 1,000× the article's data, every scenario against a reference measured
// in the same run (absolute figures drift from run to run on a shared 2-core machine; ratios do not):
//   - Fastify sending the very bytes the API sends (hot list, hot detail) and answering the same 304;
//   - a hand-written better-sqlite3 route producing the same bytes for the uncached list page;
//   - the same list page at 1× (for the scale ratios) and the hot list without writes (for the list under writes).
// The API runs as in production (`node --max-semi-space-size=4 dist/server.js`), each server in its own process,
// loopback only, every run bounded in time. Targets are checked here, never by timed assertions in the test suite.
//
//   npm run bench                         every scale (1,000× is generated once, then reused from data/bench/)
//   BENCH_SCALES=1,100 npm run bench      some scales (BENCH_SCALES= none: only npm start and the explorer)
//   BENCH_SECONDS=10 npm run bench        longer runs
//   npm run bench -- --smoke              1× only, one second a scenario, no targets: that it all still runs (CI)
//   npm run bench:postgresql              the same on a throwaway PostgreSQL 15 cluster (BENCH_ENGINE=postgresql
//                                         with BENCH_DATABASE_URL, or TEST_DATABASE_URL, naming a server to use)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../browser/support/chromium.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openReadConnection } from '../../src/db/client.js';
import { prepareDatabase } from '../../src/seed/prepare.js';
import { raw } from '../../src/db/sql.js';
import { buildSyntheticDatabase } from '../../src/synthetic/build.js';
import { EXPORT_SLOTS } from '../../src/plugins/client-ledger.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SMOKE = process.argv.includes('--smoke');
// An empty BENCH_SCALES runs only the scenarios that are not per scale (npm start, the explorer).
const SCALES = SMOKE ? [1] : (process.env.BENCH_SCALES ?? '1,100,1000').split(',').filter(Boolean).map(Number);
const SECONDS = SMOKE ? 1 : Number(process.env.BENCH_SECONDS ?? 5);
/** As the issue measured: 20 connections keep a 2-core machine busy without queueing for its own sake. */
const CONNECTIONS = 20;
/** Seconds of load before each measured run, unrecorded: JIT compilation and caches warm up first. */
const WARMUP_SECONDS = SMOKE ? 0 : 2;
const KEY = 'bench-key-0123456789abcdefghij';
/** How the production image and `npm start` run the server (see the Dockerfile). */
const NODE_FLAGS = ['--max-semi-space-size=4'];
/** The engine measured: the embedded SQLite default, or a PostgreSQL server (the one several replicas share). */
const ENGINE = process.env.BENCH_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';
const POSTGRES_SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
if (ENGINE === 'postgresql' && !POSTGRES_SERVER) throw new Error('BENCH_ENGINE=postgresql needs BENCH_DATABASE_URL (or run npm run bench:postgresql)');

/** A database the bench runs against: its URL, and on SQLite its file. */
interface BenchDatabase {
  url: string;
  file: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Servers

interface Server {
  address: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /health. */
  startMs: number;
  peakRssMiB: number;
  stopSampling(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) / 1024);
}

async function waitForHealth(base: string, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('server did not answer /health within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The API as production runs it, on an existing database (no seeding), with the per-client limits off. */
async function startApi(database: BenchDatabase, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, path.join(ROOT, 'dist', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'never',
      API_KEYS: `bench:${KEY}`,
      // One load generator on loopback is one client: a per-client limit would only measure the limiter, and
      // shedding load would measure this machine's noise.
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const address = `http://127.0.0.1:${port}`;
  const startMs = await waitForHealth(address, child, started);
  const server: Server = { address, process: child, startMs, peakRssMiB: 0, stopSampling: () => clearInterval(sampler) };
  const sampler = setInterval(() => {
    residentMiB(child.pid!).then((rss) => (server.peakRssMiB = Math.max(server.peakRssMiB, rss)), () => undefined);
  }, 100);
  return server;
}

/** A reference server (tests/bench/serve.ts), in its own process. */
async function startReference(...args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('reference server did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  return { address, process: child, startMs: 0, peakRssMiB: 0, stopSampling: () => undefined };
}

async function stop(server: Server): Promise<void> {
  server.stopSampling();
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface LoadOptions {
  /** Each request's path, when requests must differ; else `url` every time. */
  paths?: () => string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: () => string;
  connections?: number;
  /** What every answer must be: 2 (2xx, the default) or 3 (the 304 scenario). */
  statusClass?: 2 | 3;
}

async function load(url: string, options: LoadOptions = {}): Promise<Measured> {
  if (WARMUP_SECONDS > 0) await run(url, options, WARMUP_SECONDS);
  return run(url, options, SECONDS);
}

async function run(url: string, options: LoadOptions, seconds: number): Promise<Measured> {
  const { paths, body } = options;
  const result = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    method: options.method ?? 'GET',
    ...(options.headers && { headers: options.headers }),
    ...((paths || body) && {
      requests: [
        {
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            ...(paths && { path: paths() }),
            ...(body && { body: body() }),
          }),
        },
      ],
    }),
  });
  const expected = options.statusClass ?? 2;
  const answered = result[`${expected}xx` as '2xx'];
  if (result.errors > 0 || result.timeouts > 0 || answered !== result.requests.total) {
    throw new Error(`${url}: ${result.requests.total - answered} answers outside ${expected}xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** Cycles through `items` in order: request i gets item i mod n. */
function cycle<T>(items: readonly T[]): () => T {
  let index = 0;
  return () => items[index++ % items.length]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Data

/** What the synthetic databases are built from: a change to any of it builds them again. */
async function dataFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = async (directory: string): Promise<string[]> => {
    const entries = await readdir(directory, { withFileTypes: true });
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? files(path.join(directory, entry.name)) : [path.join(directory, entry.name)])));
    return nested.flat().sort();
  };
  for (const file of [
    ...(await files(path.join(ROOT, 'src'))),
    ...(await files(path.join(ROOT, 'prisma', 'migrations'))),
    ...(await files(path.join(ROOT, 'prisma', 'postgresql', 'migrations'))),
    ...(await files(path.join(ROOT, 'seed'))),
  ]) {
    if (file.includes(`${path.sep}generated${path.sep}`)) continue;
    hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 12);
}

/** A URL on the PostgreSQL server naming another database. */
function onServer(database: string): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function serverQuery(statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/** Databases this run copied on the PostgreSQL server, dropped at the end. */
const postgresCopies: string[] = [];

/**
 * A fresh copy of the database for `scale`: the seed at 1×, a synthetic dataset (built once, kept) above. On
 * PostgreSQL the kept one is a template database on the server, named by scale and the data's fingerprint.
 */
async function databaseFor(scale: number, directory: string): Promise<BenchDatabase> {
  if (ENGINE === 'postgresql') {
    const template = `atlas_bench_${scale}_${await dataFingerprint()}`;
    const exists = (await serverQuery('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount! > 0;
    if (!exists) {
      const building = `${template}_building_${randomUUID().slice(0, 8)}`;
      await serverQuery(`CREATE DATABASE "${building}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
      process.stdout.write(`building the ${scale}× database on PostgreSQL (once; kept as ${template})...\n`);
      if (scale === 1) {
        await prepareDatabase({ DATABASE_URL: onServer(building), SEED_DIR: 'seed', SEED_ON_START: 'always' }, { info() {} });
      } else {
        const report = await buildSyntheticDatabase({ databaseUrl: onServer(building), scale });
        process.stdout.write(`  ${JSON.stringify(report.created)} in ${report.seconds.toFixed(0)} s\n`);
      }
      await serverQuery(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
    const copy = `atlas_bench_run_${scale}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    await serverQuery(`CREATE DATABASE "${copy}" TEMPLATE "${template}"`);
    postgresCopies.push(copy);
    // Fresh statistics for the planner, as a server that has run for a while has them.
    const client = new pg.Client({ connectionString: onServer(copy) });
    await client.connect();
    await client.query('ANALYZE').finally(() => client.end());
    return { url: onServer(copy), file: null };
  }
  const file = path.join(directory, `atlas-${scale}.db`);
  if (scale === 1) {
    await prepareDatabase({ DATABASE_URL: `file:${file}`, MIGRATIONS_DIR: 'prisma/migrations', SEED_DIR: 'seed', SEED_ON_START: 'always' }, { info() {} });
    return { url: `file:${file}`, file };
  }
  const kept = path.join(ROOT, 'data', 'bench', `synthetic-${scale}-${await dataFingerprint()}.db`);
  if (!existsSync(kept)) {
    await mkdir(path.dirname(kept), { recursive: true });
    const building = `${kept}.${randomUUID()}.tmp`;
    process.stdout.write(`building the ${scale}× database (once; kept as ${path.relative(ROOT, kept)})...\n`);
    const report = await buildSyntheticDatabase({ databaseUrl: `file:${building}`, scale });
    process.stdout.write(`  ${JSON.stringify(report.created)} in ${report.seconds.toFixed(0)} s\n`);
    // Everything committed into the main file before it is kept: a copy without its -wal would be missing writes.
    const db = new Database(building);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    await rename(building, kept);
    await rm(`${building}-wal`, { force: true });
    await rm(`${building}-shm`, { force: true });
  }
  await copyFile(kept, file);
  return { url: `file:${file}`, file };
}

/**
 * What people type into a search box, as they type it: the first 3 to 8 characters of every name and of every word
 * in it, English and Korean, each term once, in a fixed order.
 */
async function searchTerms(database: BenchDatabase, count: number): Promise<string[]> {
  const read = openReadConnection(database.url);
  const names = (
    await read.reader.all<{ text: string }>(raw(`SELECT "text" FROM "SearchTerm" WHERE "field" IN ('name', 'nameKo', 'alias') ORDER BY "id"`))
  ).map((row) => row.text);
  await read.close();
  const terms = new Set<string>();
  for (let length = 3; length <= 8 && terms.size < count; length += 1) {
    for (const name of names) {
      for (const word of new Set([name, ...name.split(/\s+/)])) {
        const characters = [...word];
        if (characters.length >= length) terms.add(characters.slice(0, length).join(''));
        if (terms.size >= count) break;
      }
    }
  }
  return [...terms];
}

/**
 * Documents to read and phrases to look for in them: every document's slug (up to `count`, largest texts among
 * them), and two-word phrases from their texts, as someone searching for a sentence they remember types them.
 */
async function documentProbes(database: BenchDatabase, count: number): Promise<{ slugs: string[]; phrases: string[] }> {
  const read = openReadConnection(database.url);
  try {
    const rows = await read.reader.all<{ slug: string; text: string }>(
      raw(`SELECT "slug", "text" FROM "Document" ORDER BY ("id" * 7919) % 1000003 LIMIT ${Math.max(1, Math.floor(count))}`),
    );
    const phrases = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const words = row.text.split(/\s+/).filter((word) => [...word].length >= 2);
      if (words.length < 2) continue;
      const at = (index * 131) % (words.length - 1);
      phrases.add(`${words[at]} ${words[at + 1]}`.slice(0, 60));
    }
    return { slugs: rows.map((row) => row.slug), phrases: [...phrases] };
  } finally {
    await read.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The explorer

const EXPLORER_LOADS = 5;

/** The median, over a few fresh tabs, of the time from asking for `url` to Swagger UI showing its first tag. */
async function explorerListingMs(url: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const times: number[] = [];
    // One unmeasured load first: the browser's own start-up is not the explorer's.
    for (let attempt = 0; attempt <= EXPLORER_LOADS; attempt += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector('.opblock-tag', { timeout: 30_000 });
      if (attempt > 0) times.push(performance.now() - started);
      await context.close();
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  } finally {
    await browser.close();
  }
}

/** Swagger UI as @fastify/swagger-ui serves it, on a document with one operation. */
async function oneOperationExplorer(): Promise<{ address: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  await app.register(fastifySwagger, { openapi: { openapi: '3.1.0', info: { title: 'one operation', version: '1.0.0' } } });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/things', { schema: { tags: ['things'], response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { address, close: () => app.close() };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

interface Row {
  scale: number;
  scenario: string;
  measured: Measured;
  reference?: { name: string; requestsPerSecond: number };
  target?: { text: string; met: boolean };
}

const rows: Row[] = [];
const notes: string[] = [];
const failures: string[] = [];

function record(row: Row): void {
  rows.push(row);
  if (row.target && !row.target.met) failures.push(`${row.scale}× ${row.scenario}: ${row.target.text}`);
  const ratio = row.reference ? ` (${(row.measured.requestsPerSecond / row.reference.requestsPerSecond).toFixed(2)}× ${row.reference.name})` : '';
  process.stdout.write(
    `  ${row.scale}× ${row.scenario}: ${Math.round(row.measured.requestsPerSecond)} req/s, p50 ${row.measured.p50Ms} ms, p99 ${row.measured.p99Ms} ms${ratio}` +
      `${row.target ? ` — target ${row.target.text}: ${row.target.met ? 'met' : 'MISSED'}` : ''}\n`,
  );
}

function note(scale: number | null, text: string, target?: { text: string; met: boolean }): void {
  const line = `${scale === null ? '' : `${scale}× `}${text}${target ? ` — target ${target.text}: ${target.met ? 'met' : 'MISSED'}` : ''}`;
  notes.push(line);
  if (target && !target.met) failures.push(line);
  process.stdout.write(`  ${line}\n`);
}

/** Hop-by-hop and per-response headers the reference leaves to Node, as the API's server does. */
const NODE_OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The API's answer to `route` as the bare reference replays it: its headers (a request id of the same length) and body. */
async function responseFile(address: string, route: string, file: string): Promise<Response> {
  const response = await fetch(`${address}${route}`);
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !NODE_OWN_HEADERS.has(name)));
  headers['x-request-id'] = randomUUID();
  await writeFile(file, JSON.stringify({ headers, body: await response.clone().text() }));
  return response;
}

const ratio = (a: Measured, b: { requestsPerSecond: number }) => a.requestsPerSecond / b.requestsPerSecond;
// A smoke run is too short to judge a target by, so it reports none (and fails none).
const atLeast = (value: number, minimum: number, what: string) => (SMOKE ? undefined : { text: `${what} ≥ ${minimum}`, met: value >= minimum });
const atMost = (value: number, maximum: number, what: string) => (SMOKE ? undefined : { text: `${what} ≤ ${maximum}`, met: value <= maximum });

// ---------------------------------------------------------------------------------------------------------------
// The run

const build = spawnSync(process.execPath, [path.join(ROOT, 'src', 'cli', 'build-if-stale.mjs')], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('build failed');

const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-'));
/** The uncached list page at 1×, for the ratio of the same page at larger scales. */
let listPageAtOne: Measured | undefined;
const LIST_PAGES = Array.from({ length: 10 }, (_, index) => `/v1/chips?limit=${5 + index}`);
/** The first page at ten sizes: distinct queries whose events (edges) overlap, as the list pages' records do. */
const EVENT_PAGES = Array.from({ length: 10 }, (_, index) => `/v1/events?limit=${11 + index}`);
const GRAPH_PAGES = Array.from({ length: 10 }, (_, index) => `/v1/graph?limit=${41 + index}`);
/** Every list's `q=` and `[contains]` with the needles that once made SQLite's planner probe every term for every record. */
const WORST_LIST_SEARCHES = ['/v1/chips', '/v1/vendors', '/v1/funding-rounds', '/v1/deals'].flatMap((list) =>
  [' in', 'inc', 'ex ', 'ser', 'a', 'e'].flatMap((term) => [`${list}?q=${encodeURIComponent(term)}&limit=1`, `${list}?name%5Bcontains%5D=${encodeURIComponent(term)}&count=true`]),
);

try {
  for (const scale of SCALES) {
    process.stdout.write(`\n${scale}× the article\n`);
    const database = await databaseFor(scale, directory);
    const api = await startApi(database);
    const bodyFile = path.join(directory, 'body.json');

    // Hot reads, each against Fastify sending the same bytes (status line, headers and body).
    const first = (await (await fetch(`${api.address}/v1/chips?limit=1`)).json()) as { data: { slug: string }[] };
    for (const [scenario, route] of [
      ['hot list', '/v1/chips'],
      ['hot detail', `/v1/chips/${first.data[0]!.slug}`],
    ] as const) {
      await responseFile(api.address, route, bodyFile);
      const bare = await startReference('bare', bodyFile);
      const ceiling = await load(`${bare.address}${route}`).finally(() => stop(bare));
      const measured = await load(`${api.address}${route}`);
      record({ scale, scenario, measured, reference: { name: 'Fastify, same bytes', requestsPerSecond: ceiling.requestsPerSecond }, target: atLeast(ratio(measured, ceiling), 0.8, 'ratio') });
      if (scenario === 'hot list') {
        record({ scale, scenario: 'hot list p99', measured, target: atMost(measured.p99Ms, 5, 'p99 ms') });
      }
    }

    // Revalidation: If-None-Match with the current ETag, against Fastify answering the same 304.
    {
      const response = await responseFile(api.address, '/v1/chips', bodyFile);
      const etag = response.headers.get('etag')!;
      const bare = await startReference('bare', bodyFile);
      const headers = { 'if-none-match': etag };
      const ceiling = await load(`${bare.address}/v1/chips`, { headers, statusClass: 3 }).finally(() => stop(bare));
      const measured = await load(`${api.address}/v1/chips`, { headers, statusClass: 3 });
      record({ scale, scenario: '304 revalidation', measured, reference: { name: 'Fastify, same 304', requestsPerSecond: ceiling.requestsPerSecond }, target: atLeast(ratio(measured, ceiling), 0.8, 'ratio') });
    }

    // The hot list while a writer commits 10 writes a second, against the hot list alone in the same run.
    {
      const alone = await load(`${api.address}/v1/chips`);
      let written = 0;
      const writer = setInterval(() => {
        written += 1;
        void fetch(`${api.address}/v1/vendors`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug: `bench-steady-${process.pid}-${written}`, name: `Steady ${written}`, kind: 'startup', sources: ['microsoft-a-systems-company'] }),
        }).then((response) => response.arrayBuffer());
      }, 100);
      const measured = await load(`${api.address}/v1/chips`).finally(() => clearInterval(writer));
      record({ scale, scenario: 'hot list, 10 writes/s', measured, reference: { name: 'hot list alone', requestsPerSecond: alone.requestsPerSecond }, target: atLeast(ratio(measured, alone), 0.5, 'ratio') });
    }

    // The CSV export of every chip (streamed: never cached).
    {
      // Sized first: right after the load, its last exports may still hold the client's slots (a 429, not the CSV).
      const response = await fetch(`${api.address}/v1/chips?format=csv`);
      if (!response.ok) throw new Error(`CSV export: ${response.status}`);
      const size = (await response.arrayBuffer()).byteLength;
      // Two at once: a client's export slots (src/plugins/client-ledger.ts), beyond which it is told to wait (429).
      const exported = await load(`${api.address}/v1/chips?format=csv`, { connections: EXPORT_SLOTS.perClient });
      record({ scale, scenario: `CSV export of every chip (${(size / 1024).toFixed(0)} KiB)`, measured: exported });
    }

    // Creates, durable (synchronous=FULL), 20 writers at once.
    {
      let created = 0;
      const measured = await load(`${api.address}/v1/vendors`, {
        method: 'POST',
        connections: 20,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: () => JSON.stringify({ slug: `bench-create-${process.pid}-${scale}-${created++}`, name: `Bench ${created}`, kind: 'startup', sources: ['microsoft-a-systems-company'] }),
      });
      record({ scale, scenario: 'creates (durable)', measured, target: atLeast(measured.requestsPerSecond, 1000, 'creates/s') });
    }

    // 1,000 Origin and Accept variants of the largest answer: what the cache holds must not grow with them.
    {
      const largest = '/v1/vendors?limit=100&include=chips,chipPartnerships,deployments,fundingRounds,investments,deals,metrics';
      await (await fetch(`${api.address}${largest}`)).arrayBuffer();
      const before = await residentMiB(api.process.pid!);
      for (let variant = 0; variant < 1000; variant += 1) {
        const accept = ['application/json', '*/*', `application/json;q=0.${(variant % 9) + 1}`, 'application/json, text/plain'][variant % 4]!;
        await (await fetch(`${api.address}${largest}`, { headers: { origin: `https://frontend-${variant}.example`, accept } })).arrayBuffer();
      }
      const grown = (await residentMiB(api.process.pid!)) - before;
      note(scale, `1,000 Origin/Accept variants of the largest answer grew the RSS by ${grown} MiB`, atMost(grown, 30, 'MiB'));
    }

    // Without the response cache, as a page the cache misses is served: the list page against the hand-written
    // route, search, and the derived views. `uncachedApi` runs as production does, records' JSON kept between writes
    // (the pages of different queries share records; these pages share theirs); `builtApi` keeps none, so every
    // page builds every record, as the first page to show a record after a write does.
    const uncachedApi = await startApi(database, { RESPONSE_CACHE_MB: '0' });
    const builtApi = await startApi(database, { RESPONSE_CACHE_MB: '0', FRAGMENT_CACHE_MB: '0' });
    try {
      const handwritten = await startReference('handwritten', database.url);
      try {
        for (const page of LIST_PAGES) {
          const [ours, built, theirs] = await Promise.all(
            [uncachedApi, builtApi, handwritten].map((server) => fetch(`${server.address}${page}`).then((r) => r.text())),
          );
          if (ours !== theirs || built !== theirs) throw new Error(`the hand-written route does not send the API's bytes for ${page}`);
        }
        const reference = await load(`${handwritten.address}/v1/chips`, { paths: cycle(LIST_PAGES) });
        const byHand = { name: 'hand-written route', requestsPerSecond: reference.requestsPerSecond };
        const measured = await load(`${uncachedApi.address}/v1/chips`, { paths: cycle(LIST_PAGES) });
        record({ scale, scenario: 'uncached list page', measured, reference: byHand, target: atLeast(ratio(measured, reference), 0.5, 'ratio') });
        record({ scale, scenario: 'uncached list page p99', measured, target: atMost(measured.p99Ms, 25, 'p99 ms') });
        const everyRecordBuilt = await load(`${builtApi.address}/v1/chips`, { paths: cycle(LIST_PAGES) });
        record({ scale, scenario: 'uncached list page, every record built', measured: everyRecordBuilt, reference: byHand });
        if (scale === 1) listPageAtOne = measured;
        else if (listPageAtOne) {
          record({ scale, scenario: 'uncached list page vs 1×', measured, reference: { name: 'same page at 1×', requestsPerSecond: listPageAtOne.requestsPerSecond }, ...(scale === 1000 && { target: atLeast(ratio(measured, listPageAtOne), 0.8, 'ratio') }) });
        }
      } finally {
        await stop(handwritten);
      }
      // Search, a different term every request (as typed into a search box).
      const terms = await searchTerms(database, 20_000);
      const searched = await load(`${uncachedApi.address}/v1/search`, { paths: cycle(terms.map((term) => `/v1/search?q=${encodeURIComponent(term)}`)) });
      record({ scale, scenario: `uncached search (${terms.length} terms)`, measured: searched, target: atMost(searched.p99Ms, scale === 100 ? 20 : 25, 'p99 ms') });
      // The list filters' worst needles (short, common, spaces), which once stalled a server for a minute; and a
      // polite client's page while four connections send them, against that page alone.
      const worst = { paths: cycle(WORST_LIST_SEARCHES) };
      // One connection: what each costs. Twenty at once would measure the queue (SQLite reads one at a time in this
      // process: twenty 40 ms counts make an 800 ms p99 whatever each costs); fairness is the next scenario's.
      const worstSearches = await load(`${uncachedApi.address}/v1/chips`, { ...worst, connections: 1 });
      record({ scale, scenario: `list q= with the worst terms (${WORST_LIST_SEARCHES.length} URLs, uncached, one at a time)`, measured: worstSearches, target: atMost(worstSearches.p99Ms, 100, 'p99 ms') });
      {
        const politeAlone = await load(`${uncachedApi.address}/v1/chips`, { connections: 4, paths: cycle(LIST_PAGES) });
        const flood = run(`${uncachedApi.address}/v1/chips`, { ...worst, connections: 4 }, SECONDS + WARMUP_SECONDS);
        const polite = await load(`${uncachedApi.address}/v1/chips`, { connections: 4, paths: cycle(LIST_PAGES) });
        await flood;
        record({ scale, scenario: 'list page p99 beside 4 connections of worst-term searches', measured: polite, reference: { name: 'the page alone', requestsPerSecond: politeAlone.requestsPerSecond }, target: atMost(polite.p99Ms, 100, 'p99 ms') });
        // Exports as fast as a client can pull them (every relation, as many at once as its slots allow): a page
        // beside them waits its turn, never for a whole export.
        const exports = run(`${uncachedApi.address}/v1/chips?format=ndjson&include=partners,specs,deployments`, { connections: EXPORT_SLOTS.perClient }, SECONDS + WARMUP_SECONDS);
        const besideExports = await load(`${uncachedApi.address}/v1/chips`, { connections: 4, paths: cycle(LIST_PAGES) });
        await exports;
        record({ scale, scenario: `list page p99 beside ${EXPORT_SLOTS.perClient} exports streaming`, measured: besideExports, reference: { name: 'the page alone', requestsPerSecond: politeAlone.requestsPerSecond }, target: atMost(besideExports.p99Ms, 100, 'p99 ms') });
      }
      const timeline = { paths: cycle(EVENT_PAGES) };
      const events = await load(`${uncachedApi.address}/v1/events`, timeline);
      record({ scale, scenario: 'events pages of 11–20 (uncached)', measured: events, target: atMost(events.p99Ms, 25, 'p99 ms') });
      record({ scale, scenario: 'events pages of 11–20, every event told', measured: await load(`${builtApi.address}/v1/events`, timeline) });
      const graphPages = { paths: cycle(GRAPH_PAGES) };
      const graph = await load(`${uncachedApi.address}/v1/graph`, graphPages);
      record({ scale, scenario: 'graph pages of 41–50 edges (uncached)', measured: graph, target: atMost(graph.p99Ms, 25, 'p99 ms') });
      record({ scale, scenario: 'graph pages of 41–50 edges, every edge and node built', measured: await load(`${builtApi.address}/v1/graph`, graphPages) });
      const stats = await load(`${uncachedApi.address}/v1/stats`);
      record({ scale, scenario: 'stats (uncached)', measured: stats, target: atMost(stats.p99Ms, 25, 'p99 ms') });
      // Documents: search in their texts (a phrase from a text, a different one every request), the companies and
      // chips a document names, and its text served whole.
      const probes = await documentProbes(database, 2_000);
      const documentSearch = await load(`${uncachedApi.address}/v1/search`, {
        paths: cycle(probes.phrases.map((phrase) => `/v1/search?type=document&q=${encodeURIComponent(phrase)}`)),
      });
      record({ scale, scenario: `document search, a phrase of a text (${probes.phrases.length} phrases, uncached)`, measured: documentSearch, target: atMost(documentSearch.p99Ms, 25, 'p99 ms') });
      const mentions = await load(`${uncachedApi.address}/v1/documents`, { paths: cycle(probes.slugs.map((slug) => `/v1/documents/${slug}/mentions?limit=20`)) });
      record({ scale, scenario: `document mentions, first page (${probes.slugs.length} documents, uncached)`, measured: mentions, target: atMost(mentions.p99Ms, 25, 'p99 ms') });
      const texts = await load(`${uncachedApi.address}/v1/documents`, { paths: cycle(probes.slugs.map((slug) => `/v1/documents/${slug}/text`)) });
      record({ scale, scenario: `document text, whole (${probes.slugs.length} documents, uncached)`, measured: texts, target: atMost(texts.p99Ms, 25, 'p99 ms') });
    } finally {
      await stop(uncachedApi);
      await stop(builtApi);
    }

    const rss = await residentMiB(api.process.pid!);
    note(scale, `API resident memory after the whole bench: ${rss} MiB (peak ${api.peakRssMiB} MiB)`, scale === 100 ? atMost(rss, 150, 'MiB') : undefined);
    if (!SMOKE) {
      // Not judged: what the same process holds once idle, after V8's memory reducer has had time to run.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      note(scale, `API resident memory after 10 s idle: ${await residentMiB(api.process.pid!)} MiB`);
    }
    await stop(api);

    // Cold start on this database, as production starts (the median of three).
    if (!SMOKE) {
      const starts: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const again = await startApi(database);
        starts.push(again.startMs);
        await stop(again);
      }
      const median = starts.sort((a, b) => a - b)[1]!;
      note(scale, `cold start to the first /health 200: ${Math.round(median)} ms`, atMost(median, 1000, 'ms'));
    }
  }

  // The explorer: how long Swagger UI at /docs takes to list the operations in headless Chromium, against Swagger UI
  // on a one-operation document served in this process (the browser's and Swagger UI's own cost on this machine now).
  if (!SMOKE && ENGINE === 'sqlite') {
    if (!existsSync(CHROMIUM)) {
      note(null, `Swagger UI listing: not measured, no Chromium at ${CHROMIUM}`);
    } else {
      const api = await startApi(await databaseFor(1, directory));
      const reference = await oneOperationExplorer();
      try {
        const ours = await explorerListingMs(`${api.address}/docs`);
        const bare = await explorerListingMs(`${reference.address}/docs`);
        note(null, `Swagger UI lists the operations (median of ${EXPLORER_LOADS} loads): ${Math.round(ours)} ms; on a one-operation document ${Math.round(bare)} ms (${(ours / bare).toFixed(2)}×)`, atMost(Math.round(ours), 2000, 'ms'));
      } finally {
        await reference.close();
        await stop(api);
      }
    }
  }

  // `npm start` on an already built checkout (as after `npm ci`, whose prepare script builds dist/).
  if (!SMOKE && ENGINE === 'sqlite') {
    const { url } = await databaseFor(1, directory);
    const port = await freePort();
    const started = performance.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', SEED_ON_START: 'never' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    const elapsed = await waitForHealth(`http://127.0.0.1:${port}`, child, started);
    process.kill(-child.pid!, 'SIGTERM');
    note(null, `npm start to the first /health 200: ${Math.round(elapsed)} ms`, atMost(elapsed, 3000, 'ms'));
  }
} finally {
  await rm(directory, { recursive: true, force: true });
  for (const copy of postgresCopies) await serverQuery(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
}

// The table, as tests/bench/BENCHMARKS.md shows it.
const table = [
  '| scale | scenario | req/s | p50 ms | p99 ms | reference | ref req/s | ratio | target |',
  '|---|---|---:|---:|---:|---|---:|---:|---|',
  ...rows.map((row) =>
    [
      `${row.scale}×`,
      row.scenario,
      Math.round(row.measured.requestsPerSecond),
      row.measured.p50Ms,
      row.measured.p99Ms,
      row.reference?.name ?? '',
      row.reference ? Math.round(row.reference.requestsPerSecond) : '',
      row.reference ? (row.measured.requestsPerSecond / row.reference.requestsPerSecond).toFixed(2) : '',
      row.target ? `${row.target.text}: ${row.target.met ? 'met' : '**missed**'}` : '',
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
  ),
].join('\n');
process.stdout.write(`\n${ENGINE === 'postgresql' ? 'PostgreSQL' : 'SQLite'}\n\n${table}\n\n${notes.map((line) => `- ${line}`).join('\n')}\n`);
if (failures.length > 0) {
  process.stdout.write(`\ntargets missed:\n${failures.map((line) => `- ${line}`).join('\n')}\n`);
  process.exit(1);
}
