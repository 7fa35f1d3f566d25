// Slow clients: every phase of a request ends within REQUEST_TIMEOUT_MS, on a real listening server, whatever the
// client sends and whether or not it holds a key. A client trickling bytes is never idle, so only the request
// timeouts can cut it, and Node applies them only when its connection checker looks.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { lastBody, rawExchange, type RawExchange } from '../support/raw-http.js';

const TIMEOUT_MS = 1500;
/**
 * The server looks every tenth of the timeout (150 ms here), so the cut comes within 300 ms of it; a second more is
 * room for a busy machine. Looking only once per timeout would cut as late as twice it (3 s).
 */
const CUT_BY_MS = TIMEOUT_MS + 1000;
/** The client gives up well after the bound, so a failure shows how late the server was rather than hanging. */
const GIVE_UP_MS = 4 * TIMEOUT_MS;

const KEY = 'slow-clients-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS, REQUEST_TIMEOUT_MS: TIMEOUT_MS });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;

const BODY = JSON.stringify({ description: 'Korea’s largest telecom company, and a customer of Rebellions. '.repeat(4) });

function bodyHead(method: string, path: string, headers: Record<string, string> = {}) {
  const lines = Object.entries({ host: 'atlas', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(BODY)), ...headers });
  return `${method} ${path} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

function expectCutInTime(exchange: RawExchange) {
  expect(exchange.closedByServer, `still open after ${exchange.elapsedMs} ms; got ${exchange.statuses.join(', ')}`).toBe(true);
  // Node counts from the request's first byte: never before the timeout, and soon after it.
  expect(exchange.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  expect(exchange.elapsedMs).toBeLessThan(CUT_BY_MS);
}

function expectTimeoutProblem(exchange: RawExchange) {
  expect(exchange.statuses.at(-1)).toBe(408);
  expect(exchange.received).toMatch(/content-type: application\/problem\+json/i);
  expect(lastBody(exchange.received)).toMatchObject({ status: 408, code: 'request_timeout', title: 'Request Timeout' });
}

describe('a body trickled a byte at a time', () => {
  it('is cut with a 408 problem soon after the timeout, on a write with a valid key', async () => {
    const exchange = await rawExchange(port, {
      head: bodyHead('PATCH', '/v1/vendors/kt', { authorization: `Bearer ${KEY}` }),
      trickle: BODY,
      giveUpAfterMs: GIVE_UP_MS,
    });
    expectCutInTime(exchange);
    expect(exchange.statuses).toEqual([408]);
    expectTimeoutProblem(exchange);
  });

  it('is cut as soon, without a key, on an unknown path', async () => {
    const exchange = await rawExchange(port, { head: bodyHead('POST', '/no-such-path'), trickle: BODY, giveUpAfterMs: GIVE_UP_MS });
    expectCutInTime(exchange);
    expectTimeoutProblem(exchange);
  });

  it('is cut as soon when the request was already refused with 401 and the rest of its body keeps coming', async () => {
    const exchange = await rawExchange(port, { head: bodyHead('POST', '/v1/vendors'), trickle: BODY, giveUpAfterMs: GIVE_UP_MS });
    expect(exchange.statuses[0]).toBe(401);
    expectCutInTime(exchange);
  });

  it('is accepted when it all arrives within the timeout, however it is split', async () => {
    const half = Math.floor(BODY.length / 2);
    const exchange = await rawExchange(port, {
      head: bodyHead('PATCH', '/v1/vendors/kt', { authorization: `Bearer ${KEY}`, connection: 'close' }),
      chunks: [BODY.slice(0, half), BODY.slice(half)],
      intervalMs: TIMEOUT_MS / 4,
      giveUpAfterMs: GIVE_UP_MS,
    });
    expect(exchange.statuses).toEqual([200]);
    expect(lastBody(exchange.received)).toMatchObject({ slug: 'kt', description: JSON.parse(BODY).description });
  });
});

describe('headers trickled a line at a time', () => {
  it('are cut with a 408 problem soon after the timeout', async () => {
    const exchange = await rawExchange(port, {
      head: 'GET /v1/chips HTTP/1.1\r\nhost: atlas\r\n',
      trickle: 'x-slow: a\r\n',
      giveUpAfterMs: GIVE_UP_MS,
    });
    expectCutInTime(exchange);
    expect(exchange.statuses).toEqual([408]);
    expectTimeoutProblem(exchange);
  });
});

describe('a connection that sends nothing', () => {
  it('is answered 408 and closed soon after the timeout, as a request that never began', async () => {
    const exchange = await rawExchange(port, { head: '', giveUpAfterMs: GIVE_UP_MS });
    expectCutInTime(exchange);
    expect(exchange.statuses).toEqual([408]);
    expectTimeoutProblem(exchange);
  });
});
