// One client flooding the service with exports of every relation beside a polite client at another address: the
// flood runs out of its budget (an export weighs many pages) and hears 429, and while the server sheds load it sheds
// the client causing it; the polite client is served throughout. A client that stops reading an export is cut off,
// and no client holds more than two exports at once. Every status is counted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { EXPORT_SLOTS } from '../../src/plugins/client-ledger.js';
import { EXPORT_COST } from '../../src/http/resource-routes.js';
import { copyOfTemplate } from '../support/test-database.js';
import { createDatabaseClient } from '../../src/db/client.js';
import { rawExchange } from '../support/raw-http.js';

const FLOOD_URL = '/v1/vendors?format=ndjson&include=chips,chipPartnerships,deployments,fundingRounds,investments,deals,metrics';
const POLITE_URL = '/v1/chips?limit=5';
const apps: App[] = [];

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

/** The service on its own copy of the seeded database, listening on loopback, with the given limits. */
async function serve(config: Partial<Parameters<typeof buildApp>[0]>): Promise<{ app: App; port: number; databaseUrl: string }> {
  const database = await copyOfTemplate();
  const app = await buildApp({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', REQUEST_TIMEOUT_MS: 15_000, ...config });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port, databaseUrl: database.url };
}

/** A GET from `localAddress` (127.0.0.x: another client to the service), read to its end: the status. */
function get(port: number, path: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, localAddress, agent: false, timeout: 30_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
  });
}

/** Ten connections pulling exports from 127.0.0.1 and one polite client at 127.0.0.2, for `seconds`: every status. */
async function floodBesidePoliteClient(port: number, seconds: number) {
  const flood: Record<number, number> = {};
  const polite: Record<number, number> = {};
  const until = performance.now() + seconds * 1000;
  const flooder = async () => {
    while (performance.now() < until) {
      const status = await get(port, FLOOD_URL, '127.0.0.1');
      flood[status] = (flood[status] ?? 0) + 1;
    }
  };
  const politeClient = async () => {
    while (performance.now() < until) {
      const status = await get(port, POLITE_URL, '127.0.0.2');
      polite[status] = (polite[status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([...Array.from({ length: 10 }, flooder), politeClient()]);
  console.info('flood:', JSON.stringify(flood), 'polite:', JSON.stringify(polite));
  return { flood, polite };
}

describe('an export flood beside a polite client', () => {
  it('with the default budgets: the flood hears 429 once its exports have spent its budget; the polite client is served', async () => {
    const { port } = await serve({ RATE_LIMIT_READS_PER_MINUTE: 600, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0 });
    const { flood, polite } = await floodBesidePoliteClient(port, 4);
    // An export of every relation costs EXPORT_COST + 7 of the 600 a minute: about twenty, then 429s.
    expect(flood[200] ?? 0).toBeGreaterThan(0);
    expect(flood[200] ?? 0).toBeLessThanOrEqual(Math.floor(600 / (EXPORT_COST + 7)));
    expect(flood[429] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(flood).filter((status) => !['200', '429'].includes(status))).toEqual([]);
    expect(polite).toEqual({ 200: expect.any(Number) });
  }, 60_000);

  it('while the event loop lags: the client causing it is refused, the polite one is served', async () => {
    // A lag of more than 1 ms counts as pressure: the flood's exports keep the loop busy well past it.
    const { port } = await serve({ RATE_LIMIT_READS_PER_MINUTE: 0, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 1, OVERLOAD_SAMPLE_INTERVAL_MS: 100 });
    const { flood, polite } = await floodBesidePoliteClient(port, 4);
    expect(flood[503] ?? 0, 'the flood is shed').toBeGreaterThan(0);
    expect(polite, 'the polite client is never shed').toEqual({ 200: expect.any(Number) });
  }, 60_000);

  it('with a budget smaller than an export: one export a window, not none', async () => {
    const { port } = await serve({ RATE_LIMIT_READS_PER_MINUTE: 5, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0 });
    expect(await get(port, FLOOD_URL, '127.0.0.3')).toBe(200);
    expect(await get(port, FLOOD_URL, '127.0.0.3')).toBe(429);
  }, 60_000);

  it('while the heap is near its limit: everyone is refused, memory being no client\'s to share', async () => {
    const { port } = await serve({ RATE_LIMIT_READS_PER_MINUTE: 0, OVERLOAD_MAX_HEAP_USED_MB: 1, OVERLOAD_SAMPLE_INTERVAL_MS: 100 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await get(port, POLITE_URL, '127.0.0.2')).toBe(503);
  }, 60_000);
});

/** `length` letters and spaces, the same for the same seed, that no compressor shrinks much. */
function fictionalText(seed: number, length: number): string {
  let state = (seed + 1) * 2654435761;
  let text = '';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) >>> 0;
    text += 'abcdefghijklmnopqrstuvwxyz '[state % 27];
  }
  return text;
}

describe('an export whose client stops reading', () => {
  it('is cut off once it has taken nothing for EXPORT_STALL_MS; no client streams more than two exports at once', async () => {
    const { port, databaseUrl } = await serve({ RATE_LIMIT_READS_PER_MINUTE: 0, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0, EXPORT_STALL_MS: 500 });
    // Far more than the socket buffers on both sides hold: plainly fictional companies with long descriptions.
    const writer = createDatabaseClient(databaseUrl);
    await writer.vendor.createMany({
      data: Array.from({ length: 20_000 }, (_, index) => ({
        slug: `fictional-stall-co-${index}`,
        name: `Fictional Stall Co ${index}`,
        sortKey: `fictional stall co ${index}`,
        kind: 'startup',
        aliases: [],
        founders: [],
        // Letters drawn at random, so the export stays large compressed too.
        description: `A plainly fictional company: ${fictionalText(index, 1900)}`,
      })),
    });
    await writer.$disconnect();
    const path = '/v1/vendors?format=ndjson&fields=slug,description';
    // Two clients at one address stop reading after the first bytes, for 4 s.
    const stalled = Array.from({ length: EXPORT_SLOTS.perClient }, () =>
      rawExchange(port, { head: `GET ${path} HTTP/1.1\r\nHost: atlas\r\n\r\n`, giveUpAfterMs: 30_000, stopReadingForMs: 4000 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A third export at once from the same client is refused while those two hold their slots.
    expect(await get(port, path, '127.0.0.1')).toBe(429);
    for (const exchange of await Promise.all(stalled)) {
      expect(exchange.statuses).toEqual([200]);
      expect(exchange.closedByServer).toBe(true);
      // Cut off: the chunked body never got its last, empty chunk.
      expect(exchange.received.endsWith('\r\n0\r\n\r\n')).toBe(false);
    }
    // Compressed, the same: the compressed stream ends when the export is cut off, and the connection with it.
    const compressed = await rawExchange(port, {
      head: `GET ${path} HTTP/1.1\r\nHost: atlas\r\nAccept-Encoding: gzip\r\n\r\n`,
      giveUpAfterMs: 30_000,
      stopReadingForMs: 4000,
    });
    expect(compressed.statuses).toEqual([200]);
    expect(compressed.received).toMatch(/^content-encoding: gzip/im);
    expect(compressed.closedByServer).toBe(true);
    expect(compressed.elapsedMs).toBeLessThan(20_000);

    // The slots are free again, and an export read to its end is whole.
    const whole = await rawExchange(port, { head: `GET ${path} HTTP/1.1\r\nHost: atlas\r\nConnection: close\r\n\r\n`, giveUpAfterMs: 30_000 });
    expect(whole.statuses).toEqual([200]);
    expect(whole.received.endsWith('\r\n0\r\n\r\n')).toBe(true);
  }, 60_000);
});
