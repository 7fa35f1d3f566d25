// Hardening: security headers, per-client read and write budgets (429), load shedding (503), and request bodies
// bounded in size, depth, keys and media type; all refusals as problem details, all documented.
import { withoutSharedComponents } from '../support/shared-components.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.js';
import { jsonResponse } from '../../src/http/responses.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';

/** A test-only write route: the app has no route that echoes a free-form body, which is what the parser guards. */
function addEchoRoute(app: App) {
  app.post(
    '/echo',
    {
      schema: {
        operationId: 'echoBody',
        summary: 'Echo the body (tests only)',
        tags: ['operations'],
        body: z.unknown(),
        response: { 200: jsonResponse('The body as parsed.', z.unknown()) },
      },
    },
    async (request) => request.body,
  );
}

const API_POLICY = "default-src 'none';frame-ancestors 'none'";

/** Every refusal is RFC 9457 problem+json that names its request. */
function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ type: 'about:blank', status, code });
  expect(body.requestId).toBe(response.headers['x-request-id']);
  return body as { detail: string; instance: string; title: string };
}

function expectSecurityHeaders(response: LightMyRequestResponse) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toBe(API_POLICY);
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-frame-options']).toBe('DENY');
}

// Limits off (the test default): headers, /docs and bodies.
const { app } = await createTestApp({}, addEchoRoute);
// Tiny budgets, so a handful of requests exhausts them; each test is a different client IP.
const { app: limited } = await createTestApp({ RATE_LIMIT_READS_PER_MINUTE: 3, RATE_LIMIT_WRITES_PER_MINUTE: 2 }, addEchoRoute);
// The opt-ins: HSTS, a trusted proxy, a larger body limit.
const { app: optedIn } = await createTestApp(
  { HSTS_MAX_AGE_SECONDS: 86_400, TRUST_PROXY: ['127.0.0.1'], RATE_LIMIT_READS_PER_MINUTE: 2, BODY_LIMIT_BYTES: 1024 * 1024 },
  addEchoRoute,
);
// Any process uses more than 1 MiB of heap: from the first sample (100 ms in) this app is under pressure.
const { app: pressured } = await createTestApp({ OVERLOAD_MAX_HEAP_USED_MB: 1, OVERLOAD_SAMPLE_INTERVAL_MS: 100 });
// The production thresholds, sampled often.
const { app: defaults } = await createTestApp({
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: undefined,
  OVERLOAD_MAX_HEAP_USED_MB: undefined,
  OVERLOAD_SAMPLE_INTERVAL_MS: 100,
});

function postJson(target: App, payload: string, headers: Record<string, string> = {}) {
  return target.inject({ method: 'POST', url: '/echo', payload, headers: { 'content-type': 'application/json', ...headers } });
}

describe('security headers', () => {
  it('are on JSON responses, with a CSP that forbids everything and no HSTS unless configured', async () => {
    const response = await app.inject('/v1/chips?limit=1');
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('are on problem responses too', async () => {
    const response = await app.inject('/v1/chips/no-such-chip');
    expectProblem(response, 404, 'not_found');
    expectSecurityHeaders(response);
    const unknownRoute = await app.inject('/nowhere');
    expectProblem(unknownRoute, 404, 'not_found');
    expectSecurityHeaders(unknownRoute);
  });

  it('send HSTS only when HSTS_MAX_AGE_SECONDS is set', async () => {
    const response = await optedIn.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['strict-transport-security']).toBe('max-age=86400');
    expectSecurityHeaders(response);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers headers too large for the server with a 431 problem, not a bare parser error', async () => {
    const { app: listening } = await createTestApp();
    const address = await listening.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const request = http.get(`${address}/v1/chips?q=${'x'.repeat(20_000)}`, { headers: { 'x-padding': 'y'.repeat(20_000) } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        request.on('error', reject);
      });
      expect(response.status).toBe(431);
      expect(response.headers['content-type']).toBe('application/problem+json');
      const problem = JSON.parse(response.body);
      expect(problem).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Request Header Fields Too Large' });
      expect(problem.requestId).toBe(response.headers['x-request-id']);
      expect(response.body).not.toContain('xxxx');
    } finally {
      await listening.close();
    }
  });
});

describe('Swagger UI under its own policy', () => {
  it('serves /docs/ with a CSP that allows its own scripts and nothing inline', async () => {
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
    // Every script is a same-origin file, so script-src 'self' lets the page run.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\.\/static\/[\w.-]+\.js"/);
      expect(inline!.trim()).toBe('');
    }
    for (const [, source] of page.body.matchAll(/(?:src|href)="\.\/(static\/[\w./-]+)"/g)) {
      const asset = await app.inject(`/docs/${source}`);
      expect(asset.statusCode, source).toBe(200);
      expect(asset.headers['content-security-policy'], source).toContain("default-src 'self'");
    }
  });

  it('serves the document Swagger UI loads', async () => {
    const document = await app.inject('/docs/json');
    expect(document.statusCode).toBe(200);
    expect(document.json().openapi).toBe('3.1.0');
  });
});

describe('rate limits', () => {
  it('refuse the read after the budget with 429, Retry-After and RateLimit headers', async () => {
    const client = { remoteAddress: '198.51.100.1' };
    for (const remaining of [2, 1, 0]) {
      const response = await limited.inject({ url: '/v1/vendors?limit=1', ...client });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('3');
      expect(response.headers['ratelimit-remaining']).toBe(String(remaining));
      expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0);
      expect(response.headers['retry-after']).toBeUndefined();
    }
    const refused = await limited.inject({ url: '/v1/chips/h100', ...client });
    const body = expectProblem(refused, 429, 'rate_limited');
    expect(body.title).toBe('Too Many Requests');
    expect(body.instance).toBe('/v1/chips/h100');
    expect(body.detail).toContain('limit is 3');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-limit']).toBe('3');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-reset']).toBe(String(retryAfter));
    expectSecurityHeaders(refused);
  });

  it('count writes apart from reads', async () => {
    const client = { remoteAddress: '198.51.100.2' };
    for (let i = 0; i < 3; i += 1) expect((await limited.inject({ url: '/v1/deals?limit=1', ...client })).statusCode).toBe(200);
    expectProblem(await limited.inject({ url: '/v1/deals?limit=1', ...client }), 429, 'rate_limited');
    // Reads are spent; writes are not.
    for (const remaining of [1, 0]) {
      const write = await limited.inject({ method: 'POST', url: '/echo', payload: { n: remaining }, ...client });
      expect(write.statusCode).toBe(200);
      expect(write.headers['ratelimit-limit']).toBe('2');
      expect(write.headers['ratelimit-remaining']).toBe(String(remaining));
    }
    const refused = await limited.inject({ method: 'POST', url: '/echo', payload: { n: 3 }, ...client });
    expect(expectProblem(refused, 429, 'rate_limited').detail).toContain('Too many writes');
  });

  it('leave reads alone when writes are spent', async () => {
    const client = { remoteAddress: '198.51.100.3' };
    for (let i = 0; i < 2; i += 1) expect((await limited.inject({ method: 'POST', url: '/echo', payload: {}, ...client })).statusCode).toBe(200);
    expectProblem(await limited.inject({ method: 'POST', url: '/echo', payload: {}, ...client }), 429, 'rate_limited');
    const read = await limited.inject({ url: '/v1/chips?limit=1', ...client });
    expect(read.statusCode).toBe(200);
    expect(read.headers['ratelimit-remaining']).toBe('2');
  });

  it('are per client: another address has its own budget', async () => {
    for (let i = 0; i < 4; i += 1) await limited.inject({ url: '/v1/chips?limit=1', remoteAddress: '198.51.100.4' });
    const other = await limited.inject({ url: '/v1/chips?limit=1', remoteAddress: '198.51.100.5' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
  });

  it('never count /health', async () => {
    const client = { remoteAddress: '198.51.100.6' };
    for (let i = 0; i < 10; i += 1) {
      const health = await limited.inject({ url: '/health', ...client });
      expect(health.statusCode).toBe(200);
      expect(health.headers['ratelimit-limit']).toBeUndefined();
    }
    expect((await limited.inject({ url: '/v1/chips?limit=1', ...client })).headers['ratelimit-remaining']).toBe('2');
  });

  it('ignore X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const client = { remoteAddress: '198.51.100.7' };
    for (let i = 0; i < 3; i += 1) await limited.inject({ url: '/v1/chips?limit=1', ...client });
    const spoofed = await limited.inject({ url: '/v1/chips?limit=1', headers: { 'x-forwarded-for': '203.0.113.9' }, ...client });
    expectProblem(spoofed, 429, 'rate_limited');

    // Behind the trusted proxy (127.0.0.1), each forwarded client has its own budget of 2.
    const viaProxy = (address: string) =>
      optedIn.inject({ url: '/v1/chips?limit=1', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': address } });
    expect((await viaProxy('203.0.113.10')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.10')).statusCode).toBe(200);
    expectProblem(await viaProxy('203.0.113.10'), 429, 'rate_limited');
    expect((await viaProxy('203.0.113.11')).statusCode).toBe(200);
  });
});

describe('request bodies', () => {
  it('echo valid JSON, with or without a charset', async () => {
    const response = await postJson(app, '{"name":"Gaudi 3","specs":[{"key":"hbm","value":128}]}', {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'Gaudi 3', specs: [{ key: 'hbm', value: 128 }] });
  });

  it('refuse malformed JSON with 400', async () => {
    const body = expectProblem(await postJson(app, '{"name": "Gaudi 3",'), 400, 'invalid_json');
    expect(body.detail).toMatch(/^The body is not valid JSON: /);
  });

  it('refuse an empty JSON body with 400, in Fastify’s words', async () => {
    const body = expectProblem(await postJson(app, ''), 400, 'empty_body');
    expect(body.detail).toBe("Body cannot be empty when content-type is set to 'application/json'");
  });

  it('accept nesting up to 32 levels and refuse 33', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect((await postJson(app, nested(32))).statusCode).toBe(200);
    const body = expectProblem(await postJson(app, nested(33)), 400, 'body_too_deep');
    expect(body.detail).toContain('32 levels');
    // Brackets inside strings are text, not nesting.
    const text = JSON.stringify({ note: '['.repeat(100) });
    expect((await postJson(app, text)).json()).toEqual({ note: '['.repeat(100) });
  });

  it('refuse a 100,000-deep body with 400 instead of overflowing the stack', async () => {
    const deepObject = '{"a":'.repeat(100_000) + 'null' + '}'.repeat(100_000);
    expectProblem(await postJson(optedIn, deepObject), 400, 'body_too_deep');
    // The app still answers afterwards.
    expect((await optedIn.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it.each([
    ['__proto__', '{"a":1,"__proto__":{"polluted":true}}'],
    ['escaped __proto__', '{"\\u005f_proto__":{"polluted":true}}'],
    ['nested __proto__', '{"a":{"b":[{"__proto__":{"polluted":true}}]}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
  ])('refuse a %s key with 400', async (_name, payload) => {
    expectProblem(await postJson(app, payload), 400, 'forbidden_key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accept those words as values and harmless keys', async () => {
    const payload = '{"note":"__proto__","constructor":"a string"}';
    expect((await postJson(app, payload)).json()).toEqual({ note: '__proto__', constructor: 'a string' });
  });

  it('accept a body of exactly the limit and refuse one byte more with 413 naming the limit', async () => {
    const ofLength = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - 10) });
    expect(ofLength(65_536)).toHaveLength(65_536);
    expect((await postJson(app, ofLength(65_536))).statusCode).toBe(200);
    const body = expectProblem(await postJson(app, ofLength(65_537)), 413, 'body_too_large');
    expect(body.detail).toContain('65536 bytes');
    // BODY_LIMIT_BYTES raises it.
    expect((await postJson(optedIn, ofLength(65_537))).statusCode).toBe(200);
  });

  it('refuse an oversized chunked body (no Content-Length) with 413 naming the limit', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const { status, headers, text } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' } },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
          },
        );
        request.on('error', reject);
        // Chunks of 16 KiB until the server answers: the client never says how long the body is.
        const chunk = `"${'x'.repeat(16 * 1024)}`;
        let sent = 0;
        const pump = () => {
          while (sent < 8 && request.write(chunk)) sent += 1;
          if (sent < 8) request.once('drain', pump);
          else request.end('"');
        };
        pump();
      },
    );
    expect(status).toBe(413);
    expect(headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(body.detail).toContain('65536 bytes');
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['XML', { 'content-type': 'application/xml' }],
  ])('refuse %s with 415', async (_name, headers) => {
    const response = await app.inject({ method: 'POST', url: '/echo', payload: '{"a":1}', headers });
    const body = expectProblem(response, 415, 'unsupported_media_type');
    expect(body.detail).toContain(`'${headers['content-type']}'`);
  });

  it('refuse a body without Content-Type with 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/echo', payload: '{"a":1}' });
    expect(expectProblem(response, 415, 'unsupported_media_type').detail).toContain('no Content-Type');
  });

  it('still answer 404 for an unknown route, whatever its body', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/nowhere', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
    expectProblem(response, 404, 'not_found');
  });
});

describe('overload', () => {
  it('answers 503 with Retry-After while the heap is under pressure, to everyone, /health included', async () => {
    for (let waited = 0; !pressured.isUnderPressure() && waited < 5_000; waited += 10) await sleep(10);
    expect(pressured.isUnderPressure()).toBe(true);
    // A client with no requests behind it is refused too: memory is no client's to share (event-loop lag prefers
    // the light clients: tests/http/export-flood.test.ts).
    for (const url of ['/v1/chips', '/health']) {
      const response = await pressured.inject({ url, remoteAddress: '198.51.100.40' });
      const body = expectProblem(response, 503, 'overloaded');
      expect(body.title).toBe('Service Unavailable');
      expect(response.headers['retry-after']).toBe('10');
      expectSecurityHeaders(response);
    }
  });

  it('is not tripped by default settings', async () => {
    await sleep(350);
    expect(defaults.memoryUsage().eventLoopDelay).toBeLessThan(1_000);
    expect(defaults.isUnderPressure()).toBe(false);
    expect((await defaults.inject('/v1/chips?limit=1')).statusCode).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  type Header = { description?: string; schema?: { type?: string } };
  type Operation = { requestBody?: unknown; responses: Record<string, { description: string; headers?: Record<string, Header> }> };
  const operationsOf = async (target: App) => {
    const document = withoutSharedComponents((await target.inject('/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    return Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
  };

  it('documents 429 with its headers on every operation but /health, and 503 with Retry-After on all', async () => {
    const operations = await operationsOf(app);
    expect(operations.length).toBeGreaterThan(8);
    for (const { name, operation } of operations) {
      const tooMany = operation.responses['429'];
      if (name === 'GET /health') {
        expect(tooMany, name).toBeUndefined();
      } else {
        expect(tooMany?.description, name).toContain('rate_limited');
        expect(Object.keys(tooMany?.headers ?? {}).sort(), name).toEqual(
          [
            'RateLimit-Limit',
            'RateLimit-Remaining',
            'RateLimit-Reset',
            'Retry-After',
            'X-Request-Id',
            'Access-Control-Allow-Origin',
            'Access-Control-Expose-Headers',
          ].sort(),
        );
        // A window is a minute: never more than 60 seconds to wait.
        expect(tooMany?.headers?.['Retry-After']).toEqual({
          description: 'Seconds until the budget is refilled.',
          schema: { type: 'integer', minimum: 0, maximum: 60, format: 'int32' },
        });
      }
      const unavailable = operation.responses['503'];
      expect(unavailable?.description, name).toContain('overloaded');
      expect(unavailable?.headers?.['Retry-After']?.schema?.type, name).toBe('integer');
    }
  });

  it('keeps /health’s own 503 meaning beside overload', async () => {
    const health = (await operationsOf(app)).find(({ name }) => name === 'GET /health')!;
    const description = health.operation.responses['503']!.description;
    expect(description).toContain('Reads or writes fail');
    expect(description).toContain('overloaded');
  });

  it('documents 400, 413 and 415 on every operation that takes a body', async () => {
    const withBody = (await operationsOf(app)).filter(({ operation }) => operation.requestBody !== undefined);
    expect(withBody.map(({ name }) => name)).toContain('POST /echo');
    for (const { name, operation } of withBody) {
      for (const status of ['400', '413', '415']) expect(operation.responses[status], `${name} ${status}`).toBeDefined();
    }
    const echo = withBody.find(({ name }) => name === 'POST /echo')!;
    expect(echo.operation.responses['413']!.description).toContain('body_too_large');
  });
});

describe('configuration', () => {
  it('defaults to 600 reads and 60 writes a minute, 64 KiB bodies 32 deep, no HSTS, no trusted proxy', () => {
    const config = loadConfig({});
    expect(config.OVERLOAD_MAX_HEAP_USED_MB).toBeUndefined();
    expect(config).toMatchObject({
      RATE_LIMIT_READS_PER_MINUTE: 600,
      RATE_LIMIT_WRITES_PER_MINUTE: 60,
      BODY_LIMIT_BYTES: 65_536,
      BODY_MAX_DEPTH: 32,
      HSTS_MAX_AGE_SECONDS: 0,
      TRUST_PROXY: false,
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 1000,
      OVERLOAD_SAMPLE_INTERVAL_MS: 1000,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['10.0.0.0/8, loopback,2001:db8::1', ['10.0.0.0/8', 'loopback', '2001:db8::1']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each([
    ['TRUST_PROXY', '2'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.internal'],
    ['RATE_LIMIT_READS_PER_MINUTE', '-1'],
    ['BODY_LIMIT_BYTES', '100'],
    ['OVERLOAD_SAMPLE_INTERVAL_MS', '10'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
