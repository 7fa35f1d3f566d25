// CORS: off unless CORS_ORIGINS is set; exact origins get their own origin back (and every response varies by
// Origin), others get no CORS headers; `*` opens reads to every page; preflights for writes; bad origins in the
// configuration stop startup.
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type AppConfig } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { copyOfTemplate } from '../support/test-database.js';

const FRONTEND = 'https://atlas.example.com';
const LOCAL_DEV = 'http://localhost:5173';
const STRANGER = 'https://evil.example.net';
const CORS_ORIGINS = [FRONTEND, LOCAL_DEV];

const { app: listed } = await createTestApp({ CORS_ORIGINS });
const { app: open } = await createTestApp({ CORS_ORIGINS: '*' });
const { app: off } = await createTestApp();
const { app: limited } = await createTestApp({ CORS_ORIGINS, RATE_LIMIT_READS_PER_MINUTE: 2 });

/**
 * Preflights (OPTIONS) are protocol, not API operations: they are not in the OpenAPI document, so they go to
 * apps that are not checked against it.
 */
async function uncheckedApp(config: Partial<AppConfig>) {
  const app = await buildApp({
    DATABASE_URL: (await copyOfTemplate()).url,
    LOG_LEVEL: 'silent',
    REQUEST_TIMEOUT_MS: 15_000,
    RATE_LIMIT_READS_PER_MINUTE: 0,
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
    OVERLOAD_MAX_HEAP_USED_MB: 0,
    ...config,
  });
  afterAll(() => app.close());
  return app;
}
const listedPreflights = await uncheckedApp({ CORS_ORIGINS });
const offPreflights = await uncheckedApp({});
const limitedPreflights = await uncheckedApp({ CORS_ORIGINS, RATE_LIMIT_READS_PER_MINUTE: 2 });

const varyFields = (vary: unknown) => String(vary ?? '').split(',').map((field) => field.trim()).filter(Boolean);

function preflight(app: typeof listedPreflights, origin: string) {
  return app.inject({
    method: 'OPTIONS',
    url: '/v1/vendors/kt',
    headers: {
      origin,
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'authorization, content-type, if-match',
    },
  });
}

describe('with CORS_ORIGINS listing origins', () => {
  it('gives an allowed origin its own origin back, the headers it may read, and Vary: Origin', async () => {
    const response = await listed.inject({ method: 'GET', url: '/v1/chips?count=true', headers: { origin: FRONTEND } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(varyFields(response.headers.vary)).toEqual(expect.arrayContaining(['Origin', 'Accept']));
    const exposed = varyFields(response.headers['access-control-expose-headers']);
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Link', 'X-Total-Count', 'X-Request-Id', 'Retry-After']));
    // What is exposed is really there to read.
    expect(response.headers.etag).toBeDefined();
    expect(response.headers.link).toBeDefined();
    expect(response.headers['x-total-count']).toBe('14');

    const local = await listed.inject({ method: 'GET', url: '/v1/vendors/kt', headers: { origin: LOCAL_DEV } });
    expect(local.headers['access-control-allow-origin']).toBe(LOCAL_DEV);
    expect(varyFields(local.headers.vary)).toEqual(['Origin', 'Accept-Encoding']);
  });

  it('gives any other origin, or a request without one, no CORS headers, and still varies by Origin', async () => {
    for (const headers of [{ origin: STRANGER }, { origin: `${FRONTEND}.evil.example.net` }, { origin: 'null' }, {}]) {
      const response = await listed.inject({ method: 'GET', url: '/v1/vendors/kt', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin'], JSON.stringify(headers)).toBeUndefined();
      expect(response.headers['access-control-expose-headers']).toBeUndefined();
      // A shared cache must not hand this copy to an allowed origin, nor theirs to this one.
      expect(varyFields(response.headers.vary)).toEqual(['Origin', 'Accept-Encoding']);
    }
  });

  it('lets a frontend read problem details and 304s', async () => {
    const missing = await listed.inject({ method: 'GET', url: '/v1/chips/no-such-chip', headers: { origin: FRONTEND } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe(FRONTEND);
    for (const url of ['/v1/chips?q=%ff', '/v1/chips?kind=cpu&kind=gpu']) {
      const refused = await listed.inject({ method: 'GET', url, headers: { origin: FRONTEND } });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.headers['access-control-allow-origin'], url).toBe(FRONTEND);
    }
    const etag = (await listed.inject({ method: 'GET', url: '/v1/vendors/kt', headers: { origin: FRONTEND } })).headers.etag as string;
    const revalidated = await listed.inject({
      method: 'GET',
      url: '/v1/vendors/kt',
      headers: { origin: FRONTEND, 'if-none-match': etag },
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(varyFields(revalidated.headers.vary)).toEqual(['Origin', 'Accept-Encoding']);
  });

  // The router refuses these before any hook runs: a path that is not percent-encoded UTF-8, and a path parameter
  // far longer than any slug (414). They are still readable from an allowed origin, and only from one.
  const ROUTER_REFUSALS = [
    { url: '/v1/chips/%ff', status: 400, code: 'invalid_encoding' },
    { url: `/v1/chips/${'a'.repeat(250)}`, status: 414, code: 'path_parameter_too_long' },
  ];

  it.each(ROUTER_REFUSALS)('lets a frontend read the router\'s $status ($code)', async ({ url, status, code }) => {
    const refused = await listed.inject({ method: 'GET', url, headers: { origin: FRONTEND } });
    expect(refused.statusCode).toBe(status);
    expect(refused.json()).toMatchObject({ status, code });
    expect(refused.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(varyFields(refused.headers['access-control-expose-headers'])).toContain('X-Request-Id');
    expect(varyFields(refused.headers.vary)).toContain('Origin');

    for (const headers of [{ origin: STRANGER }, {}]) {
      const other = await listed.inject({ method: 'GET', url, headers });
      expect(other.statusCode).toBe(status);
      expect(other.headers['access-control-allow-origin'], JSON.stringify(headers)).toBeUndefined();
      expect(varyFields(other.headers.vary)).toEqual(['Origin']);
    }
    const anyone = await open.inject({ method: 'GET', url, headers: { origin: STRANGER } });
    expect(anyone.headers['access-control-allow-origin']).toBe('*');
    expect(anyone.headers.vary).toBeUndefined();
    const none = await off.inject({ method: 'GET', url, headers: { origin: FRONTEND } });
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    expect(none.headers.vary).toBeUndefined();
  });

  it('lets a frontend read a 429 and its Retry-After, and never spends the budget on preflights', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await preflight(limitedPreflights, FRONTEND)).statusCode).toBe(204);
    expect((await limitedPreflights.inject({ method: 'GET', url: '/v1/vendors/kt', headers: { origin: FRONTEND } })).statusCode).toBe(200);

    const statuses: number[] = [];
    let refused;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      refused = await limited.inject({ method: 'GET', url: '/v1/vendors/kt', headers: { origin: FRONTEND } });
      statuses.push(refused.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(refused!.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(refused!.headers['retry-after']).toBeDefined();
    expect(varyFields(refused!.headers['access-control-expose-headers'])).toContain('Retry-After');
  });

  it('answers an allowed preflight for a write with the methods and headers the API takes', async () => {
    const response = await preflight(listedPreflights, FRONTEND);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(varyFields(response.headers['access-control-allow-methods'])).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']),
    );
    expect(varyFields(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key']),
    );
    expect(response.headers['access-control-max-age']).toBe('600');
  });

  it('gives a disallowed preflight nothing a browser would accept', async () => {
    const response = await preflight(listedPreflights, STRANGER);
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-methods']).toBeUndefined();
  });
});

describe('with CORS_ORIGINS=*', () => {
  it('lets every origin read, with one answer for all (no Vary: Origin)', async () => {
    for (const headers of [{ origin: STRANGER }, {}]) {
      const response = await open.inject({ method: 'GET', url: '/v1/vendors/kt', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(varyFields(response.headers['access-control-expose-headers'])).toContain('ETag');
      // Varies by the coding only (the detail is large enough to compress), never by Origin.
      expect(varyFields(response.headers.vary)).toEqual(['Accept-Encoding']);
    }
  });
});

describe('without CORS_ORIGINS (the default)', () => {
  it('sends no CORS headers and does not vary by Origin', async () => {
    const response = await off.inject({ method: 'GET', url: '/v1/chips', headers: { origin: FRONTEND } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-expose-headers']).toBeUndefined();
    expect(varyFields(response.headers.vary)).toEqual(['Accept', 'Accept-Encoding']);
  });

  it('has no preflight to answer', async () => {
    const response = await preflight(offPreflights, FRONTEND);
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS_ORIGINS and CACHE_MAX_AGE_SECONDS in the configuration', () => {
  it('take `*`, exact origins, or nothing', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: ` ${FRONTEND} ,${LOCAL_DEV},` }).CORS_ORIGINS).toEqual([FRONTEND, LOCAL_DEV]);
    expect(loadConfig({}).CACHE_MAX_AGE_SECONDS).toBe(60);
    expect(loadConfig({ CACHE_MAX_AGE_SECONDS: '0' }).CACHE_MAX_AGE_SECONDS).toBe(0);
  });

  it.each([
    ['https://example.com/', "'https://example.com/' is not an origin like https://example.com (write it as https://example.com)"],
    ['https://Example.com', 'write it as https://example.com'],
    ['https://example.com:443', 'write it as https://example.com'],
    ['https://example.com/app', 'write it as https://example.com'],
    ['example.com', "'example.com' is not an origin"],
    ['ftp://example.com', "'ftp://example.com' is not an origin"],
    [`${FRONTEND},*`, '`*` allows every origin and cannot be combined with a list'],
  ])('refuse %s, naming the variable', (value, message) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS: /);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(message);
  });

  it('refuse a negative or fractional max-age, naming the variable', () => {
    expect(() => loadConfig({ CACHE_MAX_AGE_SECONDS: '-1' })).toThrow(/CACHE_MAX_AGE_SECONDS: /);
    expect(() => loadConfig({ CACHE_MAX_AGE_SECONDS: '1.5' })).toThrow(/CACHE_MAX_AGE_SECONDS: /);
  });
});
