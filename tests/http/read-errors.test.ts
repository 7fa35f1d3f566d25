// Bad input to the read API: always a 4xx problem+json that names the problem, never a 500.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

async function problem(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ type: 'about:blank', status: response.statusCode });
  expect(body.requestId).toBe(response.headers['x-request-id']);
  return { status: response.statusCode, body };
}

describe('unknown records and routes', () => {
  it.each(['chips', 'vendors', 'funding-rounds', 'deals'])('an unknown %s slug is a 404 naming the slug', async (resource) => {
    const { status, body } = await problem(`/v1/${resource}/no-such-thing`);
    expect(status).toBe(404);
    expect(body.code).toBe('not_found');
    expect(body.detail).toContain("'no-such-thing'");
    expect(body.instance).toBe(`/v1/${resource}/no-such-thing`);
  });

  it('an unknown route is a 404 problem', async () => {
    const { status, body } = await problem('/v1/quantum-chips');
    expect(status).toBe(404);
    expect(body.detail).toContain('/v1/quantum-chips');
  });

  it.each([
    ['PUT', '/v1/chips/azure-maia-100', 'DELETE, GET, HEAD, PATCH'],
    ['DELETE', '/v1/stats', 'GET, HEAD'],
    ['POST', '/v1/chips/azure-maia-100/revisions', 'GET, HEAD'],
    ['PATCH', '/v1/vendors', 'GET, HEAD, POST'],
  ])('%s %s is a 405 naming the methods the path answers', async (method, url, allow) => {
    const response = await app.inject({ method: method as 'PUT', url });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 405, code: 'method_not_allowed', detail: expect.stringContaining(allow) });
  });

  it.each(['/v1/chips?q=%ff', '/v1/chips?q=a%zz', '/v1/chips?q=%ED%A0%80', '/v1/chips/%ff', '/v1/search?q=%C0%AF'])(
    '%s: percent-encoding that is not UTF-8 is a 400 invalid_encoding, not a quiet empty answer',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'invalid_encoding', detail: expect.stringContaining('UTF-8') });
      // Refused after the request checks every response goes through, so it carries their headers too.
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('still reads well-encoded Korean and a literal plus', async () => {
    const response = await app.inject({ method: 'GET', url: `/v1/chips?q=${encodeURIComponent('마이아')}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.map((chip: { slug: string }) => chip.slug)).toEqual(['azure-maia-100']);
    expect((await app.inject({ method: 'GET', url: '/v1/search?q=a+b' })).statusCode).toBe(200);
  });

  it('says a required parameter is required', async () => {
    const { status, body } = await problem('/v1/search');
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ location: 'query', name: 'q', message: 'is required' }]);
    // A value of the wrong type is not "missing".
    expect((await problem('/v1/chips?kind=quantum')).body.errors[0].message).toMatch(/^Invalid option: expected one of "ai_accelerator"/);
  });

  it('a path with a trailing slash is no route, for any method', async () => {
    for (const url of ['/v1/chips/azure-maia-100/', '/v1/stats/']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers.allow).toBeUndefined();
    }
  });

  it('a slug longer than 100 characters is refused', async () => {
    const { status } = await problem(`/v1/chips/${'a'.repeat(101)}`);
    expect([400, 404]).toContain(status);
  });
});

describe('bad query parameters', () => {
  it.each([
    ['/v1/chips?kind=quantum', 'kind'],
    ['/v1/chips?purpose=mining', 'purpose'],
    ['/v1/chips?limit=0', 'limit'],
    ['/v1/chips?limit=101', 'limit'],
    ['/v1/chips?limit=ten', 'limit'],
    ['/v1/chips?limit=', 'limit'],
    ['/v1/chips?limit=1e2', 'limit'],
    ['/v1/chips?sort=price', 'sort'],
    ['/v1/chips?sort=toString', 'sort'],
    ['/v1/vendors?sort=__proto__', 'sort'],
    ['/v1/deals?sort=-constructor', 'sort'],
    ['/v1/chips?announcedYear=2023.5', 'announcedYear'],
    ['/v1/chips?vendor=Not%20A%20Slug', 'vendor'],
    ['/v1/chips?colour=red', 'colour'],
    ['/v1/vendors?kind=unicorn', 'kind'],
    ['/v1/vendors?country=KOR', 'country'],
    ['/v1/vendors?role=janitor', 'role'],
    ['/v1/funding-rounds?currency=EUR', 'currency'],
    ['/v1/funding-rounds?year=twenty', 'year'],
    ['/v1/funding-rounds?roundType=series_z', 'roundType'],
    ['/v1/deals?status=rumoured', 'status'],
    ['/v1/deals?q=', 'q'],
    [`/v1/deals?q=${'x'.repeat(101)}`, 'q'],
  ])('%s → 400 naming %s', async (url, name) => {
    const { status, body } = await problem(url);
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_request');
    expect(body.errors.map((error: { name: string }) => error.name)).toContain(name);
    expect(body.errors.every((error: { location: string }) => error.location === 'query')).toBe(true);
    expect(body.detail).toContain(name);
  });

  it('says why a limit is refused', async () => {
    expect((await problem('/v1/chips?limit=0')).body.errors[0].message).toBe('must be at least 1');
    expect((await problem('/v1/chips?limit=1000000')).body.errors[0].message).toBe('must be at most 100');
    expect((await problem('/v1/chips?limit=ten')).body.errors[0].message).toBe('must be a whole number');
    // A huge number is too large, not "not a whole number".
    expect((await problem('/v1/chips?generation[gte]=99999999999999999999')).body.errors[0].message).toBe('must be at most 1000');
  });

  it('a forged or garbled cursor is a 400, not a 500', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('{"sort":"name"}').toString('base64url'), '%%%']) {
      const { status, body } = await problem(`/v1/vendors?cursor=${encodeURIComponent(cursor)}`);
      expect(status).toBe(400);
      expect(body.errors[0].name).toBe('cursor');
    }
  });

  it('a hand-made cursor whose values do not fit the sort fields is a 400, not a 500', async () => {
    const forge = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const forged = [
      ['/v1/sources', forge({ list: 'sources', sort: 'position', values: ['x'], id: 3, direction: 'next' })],
      ['/v1/sources', forge({ list: 'sources', sort: 'position', values: [null], id: 3, direction: 'next' })],
      ['/v1/sources', forge({ list: 'sources', sort: 'position', values: [1.5], id: 3, direction: 'next' })],
      ['/v1/vendors', forge({ list: 'vendors', sort: 'name', values: [7], id: 3, direction: 'next' })],
      ['/v1/funding-rounds?sort=amount', forge({ list: 'funding-rounds', sort: 'amount', values: [12], id: 3, direction: 'next' })],
      ['/v1/funding-rounds?sort=amount', forge({ list: 'funding-rounds', sort: 'amount', values: ['1e9'], id: 3, direction: 'next' })],
    ];
    for (const [path, cursor] of forged) {
      const { status, body } = await problem(`${path}${path!.includes('?') ? '&' : '?'}cursor=${cursor}`);
      expect(status, `${path} ${cursor}`).toBe(400);
      expect(body.errors[0].name).toBe('cursor');
    }
  });

  it('carries amounts in cursors as exact digits, not lossy numbers', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/funding-rounds?sort=-amount&limit=2' });
    const cursor = first.json().page.nextCursor as string;
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    expect(typeof payload.values[0]).toBe('string');
    const second = await app.inject({ method: 'GET', url: `/v1/funding-rounds?sort=-amount&limit=2&cursor=${cursor}` });
    expect(second.statusCode).toBe(200);
    const seen = [...first.json().data, ...second.json().data].map((round: { slug: string }) => round.slug);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("a cursor from another list is refused with the reason, even where the sort's name matches", async () => {
    const chips = await app.inject({ method: 'GET', url: '/v1/chips?limit=1&sort=name' });
    const cursor = chips.json().page.nextCursor as string;
    const { status, body } = await problem(`/v1/vendors?limit=1&sort=name&cursor=${cursor}`);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ location: 'query', name: 'cursor', message: 'was issued for the list of chips' }]);
  });

  it('a cursor from another sort order is refused with the reason', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/vendors?limit=1&sort=name' });
    const cursor = first.json().page.nextCursor as string;
    const { status, body } = await problem(`/v1/vendors?limit=1&sort=-name&cursor=${cursor}`);
    expect(status).toBe(400);
    expect(body.detail).toContain("sort 'name'");
  });

  it('search input with SQL and LIKE metacharacters is data, not syntax', async () => {
    for (const q of ["' OR 1=1 --", '%', '_', '\\', '"; DROP TABLE Chip; --']) {
      const response = await app.inject({ method: 'GET', url: `/v1/chips?q=${encodeURIComponent(q)}` });
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toEqual([]);
    }
    const stillThere = await app.inject({ method: 'GET', url: '/v1/chips' });
    expect(stillThere.json().data.length).toBeGreaterThan(0);
  });
});

describe('a request wrong in many ways', () => {
  it('gets a small 400: the first 20 errors, a count of the rest, a bounded detail', async () => {
    const query = Array.from({ length: 2000 }, (_, index) => `unknown${index}=1`).join('&');
    const url = `/v1/chips?${query}`;
    expect(url.length).toBeGreaterThan(14_000);
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    // 238 KB before: every error listed, and each again in `detail`.
    expect(response.body.length).toBeLessThan(8_000);
    const body = response.json();
    expect(body.errors).toHaveLength(20);
    expect(body.errors[0]).toEqual({ location: 'query', name: 'unknown0', message: 'is not a known query parameter' });
    expect(body.errors[19].name).toBe('unknown19');
    expect(body.errorsNotListed).toBe(1980);
    expect(body.detail).toMatch(/^Invalid query parameter: 'unknown0': is not a known query parameter; .*'unknown19': .*; and 1980 more$/);
    expect(body.detail).not.toContain('unknown20');
  });

  it('lists every error, and counts none, when there are 20 or fewer', async () => {
    const response = await app.inject({ method: 'GET', url: `/v1/chips?${Array.from({ length: 20 }, (_, index) => `u${index}=1`).join('&')}` });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.errors).toHaveLength(20);
    expect(body).not.toHaveProperty('errorsNotListed');
    expect(body.detail).not.toContain('more');
  });

  it('echoes an enormous parameter name cut short, in the list and in the detail', async () => {
    const name = 'n'.repeat(12_000);
    const response = await app.inject({ method: 'GET', url: `/v1/chips?${name}=1` });
    expect(response.statusCode).toBe(400);
    expect(response.body.length).toBeLessThan(3_000);
    const body = response.json();
    const [error] = body.errors;
    expect(error.name).toHaveLength(200);
    expect(error.name.endsWith('n…')).toBe(true);
    expect(body.detail).toContain(`'${error.name}'`);
    expect(body.detail).not.toContain(name);
  });

  it('echoes an enormous path cut short', async () => {
    const path = `/v1/${'p'.repeat(10_000)}`;
    const response = await app.inject({ method: 'GET', url: path });
    expect(response.statusCode).toBe(404);
    expect(response.json().instance).toHaveLength(1024);
    expect(response.body.length).toBeLessThan(4_000);
  });
});
