// The service under load while its PostgreSQL server is restarted, stopped, hung, starved of connections, and while
// one of two replicas is frozen holding the cluster's write lock: every request gets an answer within a bounded time,
// only 2xx or a 503 that says when to retry (never a 500), /health says 503 while the database fails and 200 once it
// serves again, and nothing acknowledged is lost. On a cluster of the test's own (tests/support/postgresql-cluster.ts),
// so the rest of the suite's database is never touched. Runs with the PostgreSQL suite (npm run test:postgresql).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, PostgresqlCluster } from '../support/postgresql-cluster.js';
import { expectNothingAcknowledgedLost, expectOnlyDocumentedAnswers, healthyAgain, underLoad, type LoadTargets } from '../support/fault-load.js';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../support/server-process.js';
import { testEngine } from '../support/test-database.js';

const KEY = 'fault-test-key-0123456789abcdef';
const SOURCE = 'microsoft-a-systems-company';
const onPostgres = testEngine() === 'postgresql';
if (onPostgres && !clusterAvailable && process.env.CI === 'true') throw new Error('PostgreSQL 15 server binaries are missing: CI must install them (see .ci/run)');

/** The most any request may wait for its answer while the database fails: a write group's 10 s twice, and slack. */
const ANSWER_BOUND_MS = 25_000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let cluster: PostgresqlCluster;
let a: ServerProcess;
let b: ServerProcess;

function targets(...servers: ServerProcess[]): LoadTargets {
  return { bases: servers.map((server) => server.base), key: KEY, source: SOURCE };
}

describe.runIf(onPostgres && clusterAvailable)('PostgreSQL faults under load', () => {
  beforeAll(async () => {
    cluster = await PostgresqlCluster.start();
    await cluster.query('CREATE DATABASE atlas');
    const env = { DATABASE_URL: cluster.url('atlas'), API_KEYS: `curator:${KEY}` };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a && stopServerProcess(a, 'SIGKILL'), b && stopServerProcess(b, 'SIGKILL')]);
    await cluster?.remove();
  });

  it.each([
    ['restarted (fast)', () => cluster.restart('fast')],
    ['restarted (immediate, as after a crash)', () => cluster.restart('immediate')],
  ])('%s: 2xx or 503 with Retry-After, nothing acknowledged lost', async (_name, fault) => {
    const report = await underLoad(targets(a, b), fault);
    console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
    expect(report.counts['read 500'] ?? 0).toBe(0);
    await healthyAgain(a.base);
    await healthyAgain(b.base);
    await expectNothingAcknowledgedLost(report, a.base);
  }, 120_000);

  it('stopped for seconds: 503s say so at once, /health says 503, then all serve again', async () => {
    const report = await underLoad(targets(a), async () => {
      await cluster.stopServer('fast');
      await pause(4000);
      await cluster.startServer();
    });
    console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
    expect(report.counts['read 503'] ?? 0, JSON.stringify(report.counts)).toBeGreaterThan(0);
    expect(report.counts['write 503'] ?? 0, JSON.stringify(report.counts)).toBeGreaterThan(0);
    expect(report.health).toContain(503);
    await healthyAgain(a.base);
    await expectNothingAcknowledgedLost(report, a.base);
  }, 120_000);

  it('hung (every server process stopped by SIGSTOP): every request is answered within a bound, 503 while it hangs', async () => {
    const report = await underLoad(targets(a), async () => {
      const pids = cluster.hang();
      try {
        await pause(8000);
      } finally {
        cluster.resume(pids);
      }
    });
    console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
    expect(report.counts['read 503'] ?? 0, JSON.stringify(report.counts)).toBeGreaterThan(0);
    expect(report.health).toContain(503);
    expect(report.slowest.read, 'slowest read (ms)').toBeLessThan(ANSWER_BOUND_MS);
    expect(report.slowest.write, 'slowest write (ms)').toBeLessThan(ANSWER_BOUND_MS);
    expect(report.slowest.health, 'slowest health check (ms)').toBeLessThan(ANSWER_BOUND_MS);
    await healthyAgain(a.base);
    await expectNothingAcknowledgedLost(report, a.base);
  }, 120_000);

  it('out of connections: requests that cannot get one are 503s, and /health says 503 while writes fail', async () => {
    // Six connections for two replicas that want up to ten each.
    await cluster.restart('fast', { maxConnections: 6 });
    try {
      const report = await underLoad(targets(a, b), () => pause(5000), { readers: 6 });
      console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
      const refused = (report.counts['read 503'] ?? 0) + (report.counts['write 503'] ?? 0);
      expect(refused, JSON.stringify(report.counts)).toBeGreaterThan(0);
      expect(report.health, 'health while requests fail').toContain(503);
      // Read back once connections are plentiful again (reading may itself be refused while they are short); the
      // writer may have found no connection at all, so none acknowledged is possible.
      await cluster.restart('fast');
      await healthyAgain(a.base);
      await expectNothingAcknowledgedLost(report, a.base, { someAcknowledged: false });
    } finally {
      await cluster.restart('fast').catch(() => undefined);
    }
  }, 120_000);

  it("a replica frozen mid-write frees the cluster's write lock: the other replica's writes go on while it is frozen", async () => {
    let frozenFrom = 0;
    let frozenUntil = 0;
    const lateWrites: number[] = [];
    const report = await underLoad(
      { ...targets(a), bases: [a.base] },
      async () => {
        // Writes on B while A, busy writing, is frozen; B's writes after A's lock is freed (5 s idle) must succeed.
        a.child.kill('SIGSTOP');
        frozenFrom = performance.now();
        try {
          const writesOnB = underLoad(targets(b), () => pause(12_000), { readers: 1, writers: 2, settleMs: 0 });
          const report = await writesOnB;
          console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
          lateWrites.push(report.counts['write 201'] ?? 0);
          await expectNothingAcknowledgedLost(report, b.base);
        } finally {
          a.child.kill('SIGCONT');
          frozenUntil = performance.now();
        }
      },
      { writers: 6, settleMs: 5000 },
    );
    expect(frozenUntil - frozenFrom).toBeGreaterThan(12_000);
    expect(lateWrites[0], "B's acknowledged writes while A was frozen").toBeGreaterThan(10);
    // A's own requests were held while it was frozen; each was answered once it woke, and what it acknowledged stands.
    console.info(expect.getState().currentTestName, JSON.stringify(report.counts));
    expectOnlyDocumentedAnswers(report);
    await healthyAgain(a.base);
    await expectNothingAcknowledgedLost(report, b.base);
  }, 120_000);
});
