// HTTP caching: strong ETags of the exact bytes, conditional GET/HEAD answered 304, Cache-Control by kind of
// response, Vary where the answer depends on a request header, and all of it in the OpenAPI document.
import { withoutSharedComponents } from '../support/shared-components.js';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { copyOfTemplate } from '../support/test-database.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app } = await createTestApp({ API_KEYS });

// HEAD is not in the OpenAPI document (its operations are GET's), so HEAD requests go to an app that is not
// checked against it. This one also shows CACHE_MAX_AGE_SECONDS=0.
const unchecked = await buildApp({
  DATABASE_URL: (await copyOfTemplate()).url,
  LOG_LEVEL: 'silent',
  REQUEST_TIMEOUT_MS: 15_000,
  RATE_LIMIT_READS_PER_MINUTE: 0,
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
  OVERLOAD_MAX_HEAP_USED_MB: 0,
  CACHE_MAX_AGE_SECONDS: 0,
});
afterAll(() => unchecked.close());

const sha256Tag = (body: string) => `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

describe('ETag', () => {
  it('is the SHA-256 of the exact bytes sent, and the same for the same request', async () => {
    const first = await get('/v1/chips/sambanova-sn40l');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe(sha256Tag(first.body));
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const second = await get('/v1/chips/sambanova-sn40l');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body).toBe(first.body);
  });

  it('differs when the content differs: another record, another filter, other fields', async () => {
    const tags = await Promise.all(
      [
        '/v1/chips/sambanova-sn40l',
        '/v1/chips/azure-maia-100',
        '/v1/chips?vendor=microsoft',
        '/v1/chips?vendor=google',
        '/v1/chips?vendor=microsoft&fields=slug',
      ].map(async (url) => (await get(url)).headers.etag),
    );
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('is on every GET, including lists, /openapi.json and the paging headers of a list', async () => {
    const list = await get('/v1/vendors?limit=2&count=true');
    expect(list.statusCode).toBe(200);
    expect(list.headers.etag).toBe(sha256Tag(list.body));
    expect(list.headers['x-total-count']).toBe('24');
    const document = await get('/openapi.json');
    expect(document.headers.etag).toBe(sha256Tag(document.body));
    expect((await get('/openapi.json', { 'if-none-match': document.headers.etag as string })).statusCode).toBe(304);
  });

  it('changes when the record changes, and is the tag If-Match expects', async () => {
    const before = await get('/v1/vendors/hyundai');
    const etag = before.headers.etag as string;
    const updated = await app.inject({
      method: 'PATCH',
      url: '/v1/vendors/hyundai',
      headers: { authorization: `Bearer ${CURATOR_KEY}`, 'content-type': 'application/json', 'if-match': etag },
      payload: JSON.stringify({ description: 'Korean carmaker.' }),
    });
    expect(updated.statusCode).toBe(200);
    // The copy a client holds is stale now: asking with its tag gets the new representation, not a 304.
    const after = await get('/v1/vendors/hyundai', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json().description).toBe('Korean carmaker.');
    expect(after.headers.etag).toBe(updated.headers.etag);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('is not computed for streamed exports, which would have to be buffered', async () => {
    const csv = await get('/v1/chips?vendor=microsoft', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers.etag).toBeUndefined();
    expect(csv.headers['cache-control']).toBe('public, max-age=60');
    expect(csv.headers.vary).toBe('Accept, Accept-Encoding');
  });
});

describe('If-None-Match', () => {
  it('answers 304 without a body, with the same ETag and caching headers', async () => {
    const full = await get('/v1/chips?vendor=microsoft');
    const etag = full.headers.etag as string;
    const revalidated = await get('/v1/chips?vendor=microsoft', { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe('public, max-age=60');
    // The same Vary as the 200 (RFC 9110 §15.4.5).
    expect(revalidated.headers.vary).toBe(full.headers.vary);
    expect(revalidated.headers.vary).toBe('Accept, Accept-Encoding');
    expect(revalidated.headers['content-type']).toBeUndefined();
    expect(revalidated.headers['content-length']).toBeUndefined();
    expect(revalidated.headers.link).toBe(full.headers.link);
  });

  it('matches `*`, any tag of a list, and weak tags compared weakly', async () => {
    const etag = (await get('/v1/vendors/kt')).headers.etag as string;
    expect((await get('/v1/vendors/kt', { 'if-none-match': '*' })).statusCode).toBe(304);
    expect((await get('/v1/vendors/kt', { 'if-none-match': `"old-1", ${etag}, "old-2"` })).statusCode).toBe(304);
    expect((await get('/v1/vendors/kt', { 'if-none-match': `"old-1",${etag}` })).statusCode).toBe(304);
    expect((await get('/v1/vendors/kt', { 'if-none-match': `W/${etag}` })).statusCode).toBe(304);
  });

  it('answers 200 with the body when no tag matches', async () => {
    const etag = (await get('/v1/vendors/kt')).headers.etag as string;
    for (const header of ['"nope"', `"x", W/"y"`, etag.slice(1, -1), `${etag.slice(0, -2)}"`, '']) {
      const response = await get('/v1/vendors/kt', { 'if-none-match': header });
      expect(response.statusCode, header).toBe(200);
      expect(response.json().slug).toBe('kt');
      expect(response.headers.etag).toBe(etag);
    }
  });

  it('does not turn another query of the same list into a 304', async () => {
    const etag = (await get('/v1/chips?vendor=microsoft')).headers.etag as string;
    const other = await get('/v1/chips?vendor=google', { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('never makes an error a 304', async () => {
    const missing = await get('/v1/chips/no-such-chip', { 'if-none-match': '*' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});

describe('HEAD', () => {
  it('sends the GET headers, the same ETag and no body, and revalidates to 304', async () => {
    const full = await unchecked.inject({ method: 'GET', url: '/v1/chips/google-tpu-v4' });
    const head = await unchecked.inject({ method: 'HEAD', url: '/v1/chips/google-tpu-v4' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe(full.headers.etag);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(full.body)));
    expect(head.headers['cache-control']).toBe('no-cache');
    const revalidated = await unchecked.inject({
      method: 'HEAD',
      url: '/v1/chips/google-tpu-v4',
      headers: { 'if-none-match': full.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(full.headers.etag);
  });

  it('varies by Accept on lists, like GET', async () => {
    const head = await unchecked.inject({ method: 'HEAD', url: '/v1/vendors' });
    expect(head.statusCode).toBe(200);
    expect(head.headers.vary).toBe('Accept, Accept-Encoding');
  });
});

describe('Cache-Control', () => {
  it('lets data be reused for CACHE_MAX_AGE_SECONDS (default 60), or revalidated every time when it is 0', async () => {
    expect((await get('/v1/deals')).headers['cache-control']).toBe('public, max-age=60');
    expect((await get('/v1/vendors/kt')).headers['cache-control']).toBe('public, max-age=60');
    const noCache = await unchecked.inject({ method: 'GET', url: '/v1/vendors/kt' });
    expect(noCache.headers['cache-control']).toBe('no-cache');
    expect(noCache.headers.etag).toBe(sha256Tag(noCache.body));
  });

  it('never stores problem responses', async () => {
    const notFound = await get('/v1/vendors/no-such-vendor');
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notFound.headers['cache-control']).toBe('no-store');
    const badQuery = await get('/v1/chips?colour=red');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.headers['cache-control']).toBe('no-store');
    expect(badQuery.headers.etag).toBeUndefined();
    const noRoute = await get('/v1/nothing-here');
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.headers['cache-control']).toBe('no-store');
  });

  it('never stores /health, and gives it no ETag to revalidate', async () => {
    const health = await get('/health', { 'if-none-match': '*' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers.etag).toBeUndefined();
  });

  it('varies only by what the answer depends on: the coding, for a detail in one format with CORS off', async () => {
    expect((await get('/v1/vendors/kt')).headers.vary).toBe('Accept-Encoding');
    // Too small to compress, but it says so all the same: one rule for every JSON answer, which its 304 can repeat.
    expect((await get('/v1/vendors/kt?fields=slug')).headers.vary).toBe('Accept-Encoding');
  });
});

describe('the OpenAPI document', () => {
  type Header = { description?: string; schema?: unknown };
  type Operation = {
    parameters?: { in: string; name: string; required?: boolean }[];
    responses: Record<string, { description: string; headers?: Record<string, Header>; content?: unknown }>;
  };
  const paths = (async () => withoutSharedComponents((await get('/openapi.json')).json()).paths as Record<string, Record<string, Operation>>)();

  it('documents ETag, Cache-Control, 304 and If-None-Match on every GET but /health', async () => {
    const gets = Object.entries(await paths).filter(([, operations]) => operations.get);
    expect(gets.length).toBeGreaterThanOrEqual(10);
    for (const [path, { get: operation }] of gets) {
      if (path === '/health') continue;
      const ok = operation!.responses['200']!;
      expect(Object.keys(ok.headers ?? {}), path).toEqual(expect.arrayContaining(['ETag', 'Cache-Control', 'Vary']));
      const notModified = operation!.responses['304'];
      expect(notModified, path).toBeDefined();
      expect(notModified!.description).toMatch(/Not Modified/);
      expect(notModified!.content, path).toBeUndefined();
      expect(Object.keys(notModified!.headers ?? {}), path).toEqual(expect.arrayContaining(['ETag', 'Cache-Control']));
      expect(operation!.parameters, path).toContainEqual(
        expect.objectContaining({ in: 'header', name: 'if-none-match', required: false }),
      );
    }
  });

  it('says lists vary by Accept, and /health is never stored', async () => {
    const documented = await paths;
    expect(documented['/v1/chips']!.get!.responses['200']!.headers!.Vary!.description).toMatch(/`Accept`/);
    expect(documented['/v1/chips/{slug}']!.get!.responses['200']!.headers!.Vary!.description).not.toMatch(/`Accept`/);
    const health = documented['/health']!.get!;
    expect(health.responses['304']).toBeUndefined();
    expect(health.responses['200']!.headers!['Cache-Control']!.description).toMatch(/no-store/);
  });

  it('keeps hidden routes hidden', async () => {
    const documented = await paths;
    expect(documented['/openapi.json']).toBeUndefined();
    expect(Object.keys(documented).some((path) => path.startsWith('/docs'))).toBe(false);
  });
});
