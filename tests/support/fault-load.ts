// Reads, writes and health checks against running services while a fault is made, every answer counted: what a
// client heard (status, Retry-After, how long it waited), which writes were acknowledged, and which requests got no
// answer at all. The fault tests then check that nothing acknowledged was lost.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

export interface LoadTargets {
  /** Services to read from and write to, each by its base URL; requests go round them. */
  bases: string[];
  key: string;
  /** Passage every written company cites. */
  source: string;
}

export interface LoadReport {
  /** `read 200`, `write 503`, `health 503`…: how many of each. */
  counts: Record<string, number>;
  /** Every 503 and 507 without a Retry-After header of whole seconds. */
  withoutRetryAfter: number;
  /** Requests that got no HTTP answer (reset, or nothing within the client's 60 s), with the error. */
  unanswered: string[];
  /** The longest wait for an answer, by kind of request, in ms. */
  slowest: Record<'read' | 'write' | 'health', number>;
  /** Slugs of the companies whose create was answered 201, and the base that answered. */
  acknowledged: { slug: string; base: string }[];
  /** Health statuses in the order they came. */
  health: number[];
}

const CLIENT_TIMEOUT_MS = 60_000;

/**
 * Every other read a list page the response cache may hold (as most reads are), the others a search no cache has
 * seen, which must reach the database.
 */
function readPath(n: number): string {
  return n % 2 === 0 ? '/v1/chips?limit=3' : `/v1/vendors?limit=2&q=${String.fromCharCode(97 + (n % 26), 97 + ((n >> 5) % 26), 97 + ((n >> 10) % 26))}`;
}

/**
 * Runs `readers` readers and `writers` writers on every base, and a health poller, from before `fault` starts until
 * `settleMs` after it ends.
 */
export async function underLoad(targets: LoadTargets, fault: () => Promise<void>, { readers = 3, writers = 3, settleMs = 3000 } = {}): Promise<LoadReport> {
  const report: LoadReport = { counts: {}, withoutRetryAfter: 0, unanswered: [], slowest: { read: 0, write: 0, health: 0 }, acknowledged: [], health: [] };
  const tag = randomUUID().slice(0, 8);
  let written = 0;
  let running = true;

  async function one(kind: 'read' | 'write' | 'health', base: string): Promise<void> {
    const started = performance.now();
    const slug = `fault-${tag}-${(written += 1)}`;
    try {
      const response =
        kind === 'write'
          ? await fetch(`${base}/v1/vendors`, {
              method: 'POST',
              headers: { authorization: `Bearer ${targets.key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ slug, name: `Fault ${slug}`, kind: 'startup', sources: [targets.source] }),
              signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
            })
          : await fetch(`${base}${kind === 'health' ? '/health' : readPath(written)}`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      await response.arrayBuffer();
      const key = `${kind} ${response.status}`;
      report.counts[key] = (report.counts[key] ?? 0) + 1;
      if ((response.status === 503 || response.status === 507) && !/^[1-9]\d*$/.test(response.headers.get('retry-after') ?? '')) report.withoutRetryAfter += 1;
      if (kind === 'write' && response.status === 201) report.acknowledged.push({ slug, base });
      if (kind === 'health') report.health.push(response.status);
    } catch (error) {
      report.unanswered.push(`${kind} ${base}: ${String((error as Error).cause ?? error)}`);
    }
    report.slowest[kind] = Math.max(report.slowest[kind], performance.now() - started);
  }

  async function loop(kind: 'read' | 'write' | 'health', base: string, pauseMs: number): Promise<void> {
    while (running) {
      await one(kind, base);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  const loops = targets.bases.flatMap((base) => [
    ...Array.from({ length: readers }, () => loop('read', base, 20)),
    ...Array.from({ length: writers }, () => loop('write', base, 20)),
    loop('health', base, 250),
  ]);
  // Load first, so the fault meets requests in flight.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  try {
    await fault();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    running = false;
    await Promise.all(loops);
  }
  return report;
}

/** What every fault must leave true: only the documented answers, each refusal saying when to retry, none unanswered. */
export function expectOnlyDocumentedAnswers(report: LoadReport, allowed: readonly number[] = [200, 201, 503]): void {
  const statuses = new Set(Object.keys(report.counts).map((key) => Number(key.split(' ')[1])));
  expect([...statuses].filter((status) => !allowed.includes(status)), JSON.stringify(report.counts)).toEqual([]);
  expect(report.withoutRetryAfter, 'refusals without Retry-After').toBe(0);
  expect(report.unanswered, 'requests without an answer').toEqual([]);
}

/**
 * Every acknowledged write is there, read back from `base` once the service serves again. `someAcknowledged`: the
 * fault left some writes through (else the check would hold of nothing).
 */
export async function expectNothingAcknowledgedLost(report: LoadReport, base: string, { someAcknowledged = true } = {}): Promise<void> {
  if (someAcknowledged) expect(report.acknowledged.length, 'some writes were acknowledged').toBeGreaterThan(0);
  const missing: string[] = [];
  for (const { slug } of report.acknowledged) {
    // A 503 says nothing of the record: the service cannot read just now (a probe after an outage). Asked again.
    let status = 503;
    for (let attempt = 0; status === 503 && attempt < 100; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 300));
      const response = await fetch(`${base}/v1/vendors/${slug}?fields=slug`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      await response.arrayBuffer();
      status = response.status;
    }
    if (status !== 200) missing.push(`${slug}: ${status}`);
  }
  expect(missing, 'acknowledged writes missing').toEqual([]);
}

/** Polls /health until it says 200 (the service serves again), within `withinMs`. */
export async function healthyAgain(base: string, withinMs = 30_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    await response?.arrayBuffer();
    if (response?.status === 200) return;
    if (performance.now() - started > withinMs) throw new Error(`${base}/health still not 200 after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
