// Keyset pagination: walking every page yields the whole list once, in order, for every sort — also while
// rows are being added.
import { describe, expect, it } from 'vitest';
import { nameSortKey } from '../../src/records/list-query.js';
import { createTestApp } from '../support/test-app.js';

const { app, db } = await createTestApp();

async function walk(url: string, limit: number): Promise<string[]> {
  const slugs: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const separator = url.includes('?') ? '&' : '?';
    const response = await app.inject({
      method: 'GET',
      url: `${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { data: { slug: string }[]; page: { limit: number; nextCursor: string | null } };
    expect(body.page.limit).toBe(limit);
    expect(body.data.length).toBeLessThanOrEqual(limit);
    slugs.push(...body.data.map((item) => item.slug));
    cursor = body.page.nextCursor;
    if (!cursor) return slugs;
  }
  throw new Error('pagination did not end');
}

async function all(url: string): Promise<string[]> {
  const separator = url.includes('?') ? '&' : '?';
  const response = await app.inject({ method: 'GET', url: `${url}${separator}limit=100` });
  return (response.json() as { data: { slug: string }[] }).data.map((item) => item.slug);
}

describe('keyset pagination', () => {
  it.each([
    '/v1/vendors',
    '/v1/vendors?sort=-name',
    '/v1/vendors?sort=foundedYear',
    '/v1/vendors?sort=-foundedYear',
    '/v1/chips?sort=announced',
    '/v1/chips?sort=-announced',
    '/v1/chips?sort=slug',
    '/v1/funding-rounds',
    '/v1/funding-rounds?sort=date',
    '/v1/deals',
    '/v1/deals?sort=title',
  ])('%s pages through every record exactly once, in order', async (url) => {
    const expected = await all(url);
    expect(expected.length).toBeGreaterThan(1);
    for (const limit of [1, 2, 3]) {
      expect(await walk(url, limit)).toEqual(expected);
    }
  });

  it('sorts nulls last in both directions', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/vendors?sort=-foundedYear&limit=100' });
    const years = (response.json().data as { foundedYear: number | null }[]).map((vendor) => vendor.foundedYear);
    const firstNull = years.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(years.slice(firstNull).every((year) => year === null)).toBe(true);
    const known = years.slice(0, firstNull) as number[];
    expect(known).toEqual([...known].sort((a, b) => b - a));
  });

  it('does not repeat or skip rows when a row is added before the cursor', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/vendors?limit=3&sort=name' });
    const firstPage = first.json();
    // A vendor that sorts before everything on the first page lands behind the cursor.
    await db.vendor.create({
      data: { slug: 'aaa-added-later', name: '000 Added Later', sortKey: nameSortKey('000 Added Later'), aliases: [], founders: [], kind: 'startup' },
    });
    // One page of up to 100 covers the rest, so `walk` never adds a second cursor to this URL.
    const rest = await walk(`/v1/vendors?sort=name&cursor=${firstPage.page.nextCursor}`, 100);
    const seen = [...firstPage.data.map((vendor: { slug: string }) => vendor.slug), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain('aaa-added-later');
    const everything = await all('/v1/vendors?sort=name');
    expect(seen).toEqual(everything.filter((slug) => slug !== 'aaa-added-later'));
  });

  it('keeps walking correctly while rows are added on both sides of the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const response = await app.inject({ method: 'GET', url: `/v1/vendors?sort=slug&limit=4${cursor ? `&cursor=${cursor}` : ''}` });
      const body = response.json() as { data: { slug: string }[]; page: { nextCursor: string | null } };
      seen.push(...body.data.map((vendor) => vendor.slug));
      cursor = body.page.nextCursor;
      if (inserted < 3) {
        inserted += 1;
        // One row lands behind the cursor (never shown on this walk), one far ahead (shown exactly once).
        for (const slug of [`a-behind-${inserted}`, `zz-ahead-${inserted}`]) {
          await db.vendor.create({ data: { slug, name: slug, sortKey: nameSortKey(slug), aliases: [], founders: [], kind: 'other' } });
        }
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((slug) => slug.startsWith('a-behind-'))).toEqual([]);
    expect(seen.filter((slug) => slug.startsWith('zz-ahead-'))).toEqual(['zz-ahead-1', 'zz-ahead-2', 'zz-ahead-3']);
    expect(seen).toEqual([...seen].sort());
  });
});
