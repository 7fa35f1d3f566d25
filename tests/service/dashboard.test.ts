// The root answers browsers with the dashboard and API clients with the JSON index, by Accept, each under its own
// content security policy and both revalidated by ETag; the page loads nothing from elsewhere and nothing inline.
// (What the page does in a browser: tests/browser/dashboard.test.ts.)
import { describe, expect, it } from 'vitest';
import { preferredMediaType } from '../../src/http/media-type.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

/** What Chromium and Firefox send when a person opens a page. */
const BROWSER_ACCEPT = [
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
];

const varyFields = (vary: unknown) => String(vary ?? '').split(',').map((field) => field.trim());

function directives(policy: unknown): Map<string, string> {
  return new Map(
    String(policy)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('content negotiation at the root', () => {
  it('prefers by quality, the most specific range deciding, ties to the first offered', () => {
    const offered = ['application/json', 'text/html'] as const;
    for (const accept of BROWSER_ACCEPT) expect(preferredMediaType(accept, offered), accept).toBe('text/html');
    for (const accept of [undefined, '', '*/*', 'application/json', 'application/*', 'text/html;q=0.5, application/json', 'image/png']) {
      expect(preferredMediaType(accept, offered), String(accept)).toBe('application/json');
    }
    expect(preferredMediaType('text/*, application/json;q=0.9', offered)).toBe('text/html');
    // The more specific `text/html;q=0` refuses HTML although `*/*` would take it.
    expect(preferredMediaType('text/html;q=0, */*', ['text/html', 'application/json'] as const)).toBe('application/json');
  });

  it('answers a browser with the dashboard page, under a policy that runs only its own script and style', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: BROWSER_ACCEPT[0]! } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(varyFields(response.headers.vary)).toContain('Accept');
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    const policy = directives(response.headers['content-security-policy']);
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps answering API clients with the JSON index and the API policy; the two are told apart by ETag', async () => {
    const html = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }]) {
      const response = await app.inject({ method: 'GET', url: '/', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ documentation: { explorer: '/docs', openapi: '/openapi.json' } });
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(varyFields(response.headers.vary)).toContain('Accept');
      expect(response.headers.etag).not.toBe(html.headers.etag);
    }
  });

  it('revalidates the page: its ETag back in If-None-Match is a 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    const again = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('documents both media types of the root, so a client knows the HTML is there and JSON is the default', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ok = document.paths['/'].get.responses['200'];
    expect(Object.keys(ok.content)).toEqual(['application/json', 'text/html']);
    expect(ok.headers).toHaveProperty('Vary');
  });
});

describe("the page's files", () => {
  const page = app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } }).then((response) => response.body);

  it('come from this service only, and the page has no inline script, handler or style to weaken the policy', async () => {
    const html = await page;
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(4);
    for (const reference of references) expect(reference, reference).toMatch(/^\/(?!\/)/);
    // Every <script> has a src (nothing inline that the policy would have to allow by hash).
    for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/\ssrc="/);
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i);
    for (const asset of references.filter((reference) => reference.startsWith('/dashboard/'))) {
      const response = await app.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.headers.etag, asset).toBeDefined();
    }
  });

  it('serve the bundled script and the stylesheet with their media types; nothing else lives under /dashboard/', async () => {
    const script = await app.inject({ method: 'GET', url: '/dashboard/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Bundled: the typed client and the page's code are in it, no import left for the browser to resolve.
    // (Booleans, so a failure does not print the whole bundle.)
    expect(/\bimport\s*[{"'*(]/.test(script.body), 'an import statement left in the bundle').toBe(false);
    expect(script.body.includes('/v1/chips'), 'the bundle calls the API').toBe(true);
    const style = await app.inject({ method: 'GET', url: '/dashboard/app.css' });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await app.inject({ method: 'GET', url: '/dashboard/../package.json' });
    expect(missing.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/dashboard/main.ts' })).statusCode).toBe(404);
  });
});
