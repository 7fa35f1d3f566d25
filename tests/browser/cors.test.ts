// CORS as a browser enforces it: a page on another origin (a second loopback port) that CORS_ORIGINS allows reads
// the API and the headers it exposes; a page on an origin it does not list is refused by the browser although the
// server answered; and the browser revalidates with If-None-Match, getting 304s it may read cross-origin.
import http from 'node:http';
import { uncodedEntityTag } from '../../src/domain/entity-tag.js';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { browserAvailable, screenshot, useBrowser } from './support/browser.js';

const available = browserAvailable();
const browser = available ? useBrowser() : () => expect.unreachable('no browser');

/** A frontend on an origin of its own: a blank page served from another loopback port. */
async function frontend(title: string): Promise<string> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>${title}</title><h1>${title}</h1><pre id="out"></pre>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Chromium keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Seen {
  method: string;
  url: string;
  origin: string | undefined;
  ifNoneMatch: string | undefined;
  status: number;
  allowOrigin: string | undefined;
}

describe.skipIf(!available)('CORS in Chromium, from pages on other origins', async () => {
  const allowed = await frontend('An allowed frontend');
  const stranger = await frontend('A frontend the server does not list');
  const seen: Seen[] = [];
  // no-cache: the browser keeps responses but must revalidate each before reuse, so its own If-None-Match shows.
  const { app } = await createTestApp({ CORS_ORIGINS: [allowed], CACHE_MAX_AGE_SECONDS: 0 }, (app) => {
    app.addHook('onResponse', async (request, reply) => {
      seen.push({
        method: request.method,
        url: request.url,
        origin: request.headers.origin,
        ifNoneMatch: request.headers['if-none-match'],
        status: reply.statusCode,
        allowOrigin: reply.getHeader('access-control-allow-origin') as string | undefined,
      });
    });
  });
  const api = await app.listen({ host: '127.0.0.1', port: 0 });
  const path = '/v1/chips?limit=2&count=true';
  const direct = await app.inject({ method: 'GET', url: path });

  it('lets an allowed origin read the data and the headers the API exposes, and no others', async () => {
    const { page, errors } = await browser().newPage();
    await page.goto(allowed);
    const read = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const body = (await response.json()) as { data: { slug: string }[] };
      const result = {
        status: response.status,
        slugs: body.data.map((chip) => chip.slug),
        etag: response.headers.get('etag'),
        link: response.headers.get('link'),
        totalCount: response.headers.get('x-total-count'),
        requestId: response.headers.get('x-request-id'),
        // Sent, but not in Access-Control-Expose-Headers: the browser hides it from the script.
        notExposed: response.headers.get('x-content-type-options'),
      };
      return result;
    }, `${api}${path}`);
    await page.$eval('#out', (out, text) => (out.textContent = text), JSON.stringify(read, null, 2));
    expect(read.status).toBe(200);
    expect(read.slugs).toEqual((direct.json() as { data: { slug: string }[] }).data.map((chip) => chip.slug));
    // Chromium asks for compressed answers: the tag names the coding, over the same representation.
    expect(uncodedEntityTag(String(read.etag))).toBe(direct.headers.etag);
    expect(read.link).toContain('rel="next"');
    expect(read.totalCount).toBe(direct.headers['x-total-count']);
    expect(read.requestId).toMatch(/\S/);
    expect(read.notExposed).toBeNull();
    expect(seen.find((entry) => entry.method === 'GET' && entry.origin === allowed)?.allowOrigin).toBe(allowed);
    await screenshot(page, 'cors-allowed-origin');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses another origin: the server answers, the browser keeps the answer from the page', async () => {
    const { page, errors } = await browser().newPage();
    await page.goto(stranger);
    const outcome = await page.evaluate(async (url) => {
      try {
        // Past the HTTP cache, which holds the allowed page's copy of this URL: this is about the refusal alone.
        // (Node's RequestInit type, which this file is checked against, lacks the browser's `cache`.)
        const response = await fetch(url, { cache: 'no-store' } as unknown as RequestInit);
        return { read: true, status: response.status };
      } catch (error) {
        return { read: false, error: String(error) };
      }
    }, `${api}${path}`);
    await page.$eval('#out', (out, text) => (out.textContent = text), JSON.stringify(outcome, null, 2));
    expect(outcome).toEqual({ read: false, error: 'TypeError: Failed to fetch' });
    // It reached the server, which answered without a CORS header: the refusal is the browser's, as it must be.
    const answered = seen.filter((entry) => entry.origin === stranger);
    expect(answered).toEqual([expect.objectContaining({ method: 'GET', status: 200, allowOrigin: undefined })]);
    // Chromium says why, on the console: that is the refusal, not a fault of the page.
    expect(errors.some((error) => error.includes('CORS policy'))).toBe(true);
    await screenshot(page, 'cors-refused-origin');
    await page.close();
  });

  it('revalidates with If-None-Match and gets a 304: sent by the browser itself, and by a script', async () => {
    const { page, errors } = await browser().newPage();
    await page.goto(allowed);
    const url = `${api}/v1/vendors/samsung`;
    const before = seen.length;
    const reads = await page.evaluate(async (target) => {
      const first = await fetch(target);
      const firstBody = await first.text();
      // The same read again: the cached copy is no-cache, so Chromium asks the server with If-None-Match itself,
      // and hands the script the cached 200 when the answer is 304.
      const second = await fetch(target);
      const secondBody = await second.text();
      // A script that keeps tags itself (as the typed client does) sends the header and reads the 304.
      const third = await fetch(target, { headers: { 'If-None-Match': first.headers.get('etag') ?? '' } });
      return { first: first.status, second: second.status, same: firstBody === secondBody, third: third.status, etag: first.headers.get('etag') };
    }, url);
    expect(reads).toMatchObject({ first: 200, second: 200, same: true, third: 304 });
    const gets = seen.slice(before).filter((entry) => entry.method === 'GET');
    expect(gets.map(({ status, ifNoneMatch, allowOrigin }) => ({ status, ifNoneMatch, allowOrigin }))).toEqual([
      { status: 200, ifNoneMatch: undefined, allowOrigin: allowed },
      { status: 304, ifNoneMatch: reads.etag, allowOrigin: allowed },
      { status: 304, ifNoneMatch: reads.etag, allowOrigin: allowed },
    ]);
    // If-None-Match is not a CORS-safelisted header: the script's request was preflighted, and allowed.
    expect(seen.slice(before).some((entry) => entry.method === 'OPTIONS' && entry.allowOrigin === allowed)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
