// API keys never reach the log, at any level: the real process at LOG_LEVEL=trace, sent requests carrying a key
// that the API takes, refuses, or that Node's HTTP parser rejects before the API sees them (whose errors carry the
// raw request, headers and all).
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { copyOfTemplate } from '../support/test-database.js';
import { rawExchange } from '../support/raw-http.js';
import { logLines, startServer, waitForListening } from '../support/server-process.js';

const KEY = 'log-secrets-curator-key-4f1c9a7e';
const WRONG_KEY = 'log-secrets-mistyped-key-8b2d5c3f';
const USERINFO_SECRET = 'userinfo-secret-6d0e2a91';
const REQUEST_TIMEOUT_MS = 1000;

/** Every way a log line could spell a secret: as text, as the byte list JSON makes of a Buffer, base64, hex. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.join(','), bytes.toString('base64'), bytes.toString('hex')];
}

const database = await copyOfTemplate();
const server = startServer({
  PORT: '0',
  LOG_LEVEL: 'trace',
  DATABASE_URL: database.url,
  API_KEYS: `curator:${KEY}`,
  REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  RATE_LIMIT_READS_PER_MINUTE: '0',
  RATE_LIMIT_WRITES_PER_MINUTE: '0',
});
const port = await waitForListening(server.output, server.child);
const base = `http://127.0.0.1:${port}`;

/** A request line and headers with the key among them, before whatever makes the parser refuse it. */
const withKey = (requestLine: string, ...headers: string[]) =>
  `${requestLine}\r\nHost: atlas\r\nAuthorization: Bearer ${KEY}\r\n${headers.map((header) => `${header}\r\n`).join('')}\r\n`;

const exchanges = {
  // Answered by the API: a write the key allows, and one with a key it refuses.
  accepted: await fetch(`${base}/v1/vendors/kt`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'Korean telecom company.' }),
  }),
  refused: await fetch(`${base}/v1/vendors/kt`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${WRONG_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'Korean telecom company.' }),
  }),
  // Refused by Node's parser, each after the Authorization header has been read.
  headersTooLarge: await rawExchange(port, { head: withKey('GET /v1/chips HTTP/1.1', `X-Big: ${'a'.repeat(17_000)}`), giveUpAfterMs: 5000 }),
  badContentLength: await rawExchange(port, { head: withKey('POST /v1/vendors HTTP/1.1', 'Content-Length: abc'), giveUpAfterMs: 5000 }),
  badHeaderByte: await rawExchange(port, { head: withKey('GET /v1/chips HTTP/1.1', 'X-Bad: a\u0001b'), giveUpAfterMs: 5000 }),
  // A body that never arrives: Node's request timeout, with the key read.
  timedOut: await rawExchange(port, {
    head: withKey('PATCH /v1/vendors/kt HTTP/1.1', 'Content-Type: application/json', 'Content-Length: 100'),
    giveUpAfterMs: 5 * REQUEST_TIMEOUT_MS,
  }),
  // Credentials before the host of an absolute-form request target, which Node accepts and Fastify routes.
  userinfo: await rawExchange(port, {
    head: `GET http://curator:${USERINFO_SECRET}@atlas/v1/chips?limit=1 HTTP/1.1\r\nHost: atlas\r\nConnection: close\r\n\r\n`,
    giveUpAfterMs: 5000,
  }),
};
server.child.kill('SIGTERM');
await once(server.child, 'exit');
const lines = logLines(server.stdout());

describe('the log at LOG_LEVEL=trace', () => {
  it('saw every request answered as expected', () => {
    expect(exchanges.accepted.status).toBe(200);
    expect(exchanges.refused.status).toBe(401);
    expect(exchanges.headersTooLarge.statuses).toEqual([431]);
    expect(exchanges.badContentLength.statuses).toEqual([400]);
    expect(exchanges.badHeaderByte.statuses).toEqual([400]);
    expect(exchanges.timedOut.statuses).toEqual([408]);
    expect(exchanges.userinfo.statuses).toEqual([200]);
  });

  it('records each parser refusal at debug, with its code and a request id', () => {
    const clientErrors = lines.filter((line) => line.msg === 'client error');
    expect(clientErrors.map((line) => line.code).sort()).toEqual(
      ['ERR_HTTP_REQUEST_TIMEOUT', 'HPE_HEADER_OVERFLOW', 'HPE_INVALID_CONTENT_LENGTH', 'HPE_INVALID_HEADER_TOKEN'].sort(),
    );
    for (const line of clientErrors) {
      expect(line.level).toBe(20);
      expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('never holds a key, accepted or refused, in any spelling', () => {
    const log = server.stdout();
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [KEY, WRONG_KEY, USERINFO_SECRET]) {
      for (const spelling of spellings(secret)) expect(log, `${secret} as ${spelling.slice(0, 40)}`).not.toContain(spelling);
    }
  });

  it('still says which path was asked for; a full URL is logged as its path, its authority (credentials) never', () => {
    const urls = lines.flatMap((line) => ((line.req as { url?: string } | undefined)?.url ? [(line.req as { url: string }).url] : []));
    expect(urls).toContain('/v1/chips?limit=1');
    expect(urls).toContain('/v1/vendors/kt');
    expect(urls.filter((url) => !url.startsWith('/'))).toEqual([]);
  });
});
