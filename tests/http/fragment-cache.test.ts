// List, timeline and graph pages joined from the records' (events', edges', nodes') kept JSON are the very bytes the response schema
// serialises: the same body and headers as an app without the fragment cache on the same database, on the first
// read, on reads served from kept JSON, across every page of every list, under a budget too small to keep much, and
// after writes.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const kept = await createTestApp({ API_KEYS, FRAGMENT_CACHE_MB: 8 });
const plain = await createTestApp({}, undefined, { database: kept.database });
// About 2 KiB: a few records at most, so pages mix kept and freshly built JSON and entries are evicted.
const tiny = await createTestApp({ FRAGMENT_CACHE_MB: 0.002 }, undefined, { database: kept.database });

const LISTS = ['chips', 'vendors', 'funding-rounds', 'deals', 'sources', 'events', 'graph'];
const HEADERS = ['content-type', 'etag', 'link', 'x-total-count', 'cache-control', 'vary'];

async function answer(app: typeof kept.app, url: string) {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.body, headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers[name]])) };
}

/** Walks every page of `url` (following `next`) on the kept app, checking each against the plain and tiny apps. */
async function expectSameEverywhere(url: string): Promise<number> {
  let pages = 0;
  for (let next: string | null = url; next !== null; pages += 1) {
    const expected = await answer(plain.app, next);
    expect(expected.status, next).toBe(200);
    expect(await answer(kept.app, next), next).toEqual(expected);
    expect(await answer(tiny.app, next), next).toEqual(expected);
    next = (JSON.parse(expected.body) as { page: { nextCursor: string | null } }).page.nextCursor
      ? `${next.split('?')[0]}?${new URLSearchParams({ ...Object.fromEntries(new URL(next, 'http://x').searchParams), cursor: JSON.parse(expected.body).page.nextCursor }).toString()}`
      : null;
  }
  return pages;
}

async function write(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await kept.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
}

describe('list pages joined from kept JSON', () => {
  it.each(LISTS)('/v1/%s: every page, in both directions of the cursor, is what the response schema serialises', async (list) => {
    // Twice: the second walk is served from the JSON the first one kept.
    for (let round = 0; round < 2; round += 1) {
      expect(await expectSameEverywhere(`/v1/${list}?limit=3`)).toBeGreaterThan(1);
      await expectSameEverywhere(`/v1/${list}?limit=2&count=true`);
      await expectSameEverywhere(`/v1/${list}`);
    }
    const last = JSON.parse((await answer(plain.app, `/v1/${list}?limit=2`)).body) as { page: { nextCursor: string } };
    const second = JSON.parse((await answer(plain.app, `/v1/${list}?limit=2&cursor=${last.page.nextCursor}`)).body) as { page: { prevCursor: string } };
    await expectSameEverywhere(`/v1/${list}?limit=2&cursor=${second.page.prevCursor}`);
  });

  it('is the same under filters and sorts, and shows no record it must not', async () => {
    for (const url of [
      '/v1/chips?vendor=google',
      '/v1/chips?sort=-name',
      '/v1/vendors?kind=startup&limit=4',
      '/v1/funding-rounds?sort=-date',
      '/v1/chips?q=tpu',
      '/v1/events?vendor=microsoft&limit=3',
      '/v1/events?sort=-date&limit=4&type=chip_announcement',
      '/v1/events?year=2023&count=true',
      '/v1/graph?vendor=samsung&limit=3',
      '/v1/graph?edgeType=invests_in,customer_of&limit=2&count=true',
    ]) {
      await expectSameEverywhere(url);
    }
  });

  it('leaves include= and fields= to the usual path, with the same answers', async () => {
    for (const url of ['/v1/chips?include=specs', '/v1/chips?fields=slug,name', '/v1/vendors?include=chips&limit=5']) {
      await expectSameEverywhere(url);
    }
  });

  it('shows every write at once: a renamed designer, a new chip, a deleted one', async () => {
    await expectSameEverywhere('/v1/chips');
    await write('PATCH', '/v1/vendors/google', { name: 'Alphabet Google' });
    const chips = await answer(kept.app, '/v1/chips?vendor=google');
    expect(JSON.parse(chips.body).data[0].designer.name).toBe('Alphabet Google');
    await expectSameEverywhere('/v1/chips');
    const events = JSON.parse((await answer(kept.app, '/v1/events?vendor=google&limit=100')).body) as { data: { title: string }[] };
    expect(events.data.some((event) => event.title.startsWith('Alphabet Google announces'))).toBe(true);
    await expectSameEverywhere('/v1/events?limit=7');
    const graph = JSON.parse((await answer(kept.app, '/v1/graph?vendor=google&limit=100')).body) as { nodes: { id: string; label: string }[] };
    expect(graph.nodes.find((node) => node.id === 'vendor:google')?.label).toBe('Alphabet Google');
    await expectSameEverywhere('/v1/graph?limit=9');

    await write('POST', '/v1/chips', { slug: 'fragment-test-chip', name: 'AAA Fragment Test', kind: 'npu', designer: 'kt', sources: ['atom-runs-kt-npu-infrastructure'] });
    expect(JSON.parse((await answer(kept.app, '/v1/chips?limit=1')).body).data[0].slug).toBe('fragment-test-chip');
    await expectSameEverywhere('/v1/chips?limit=4');
    await write('DELETE', '/v1/chips/fragment-test-chip');
    expect(JSON.parse((await answer(kept.app, '/v1/chips?limit=1')).body).data[0].slug).not.toBe('fragment-test-chip');
    await expectSameEverywhere('/v1/chips?limit=4');
  });
});
