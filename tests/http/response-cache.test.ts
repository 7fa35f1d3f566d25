// The in-memory response cache: a hot read is answered from memory with the same bytes and headers, and the
// next committed write makes every cached answer stale.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { nameSortKey } from '../../src/records/list-query.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app, db } = await createTestApp({ API_KEYS, RESPONSE_CACHE_MB: 0.25 });

describe('response cache', () => {
  it('answers a repeated read with the same bytes and headers, without querying again', async () => {
    const url = '/v1/vendors?limit=3&sort=slug&count=true';
    const first = await app.inject({ method: 'GET', url });
    // Change the data behind the API's back: a cached answer does not see it, which proves it came from memory.
    await db.vendor.update({ where: { slug: 'aws' }, data: { name: 'Changed Behind The API', sortKey: nameSortKey('Changed Behind The API') } });
    const second = await app.inject({ method: 'GET', url });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    for (const header of ['etag', 'link', 'x-total-count', 'content-type']) {
      expect(second.headers[header], header).toBe(first.headers[header]);
    }
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const revalidated = await app.inject({ method: 'GET', url, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('serves fresh data after a write through the API', async () => {
    const before = (await app.inject({ method: 'GET', url: '/v1/vendors/kt' })).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: '/v1/vendors/kt',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ description: 'Fresh after the write.' }),
    });
    expect(patched.statusCode).toBe(200);
    const after = (await app.inject({ method: 'GET', url: '/v1/vendors/kt' })).json();
    expect(before.description).not.toBe('Fresh after the write.');
    expect(after.description).toBe('Fresh after the write.');
  });

  it('keeps separate answers for separate representations', async () => {
    const json = await app.inject({ method: 'GET', url: '/v1/deals?sort=slug' });
    const csv = await app.inject({ method: 'GET', url: '/v1/deals?sort=slug', headers: { accept: 'text/csv' } });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });
});

describe('what the cache keys on and how much it holds', () => {
  /** Changes a company behind the API's back: an answer that still shows the old name came from memory. */
  async function renameBehindTheApi(slug: string, name: string) {
    await db.vendor.update({ where: { slug }, data: { name, sortKey: nameSortKey(name) } });
  }

  it('keys on the URL alone: other Origins and Accept headers that give the same bytes share one answer', async () => {
    const url = '/v1/vendors/hyundai';
    const first = await app.inject({ method: 'GET', url, headers: { origin: 'https://one.example' } });
    await renameBehindTheApi('hyundai', 'Renamed Behind The API');
    for (const headers of [{ origin: 'https://two.example' }, { accept: '*/*' }, { accept: 'application/json' }, {}]) {
      const again = await app.inject({ method: 'GET', url, headers });
      expect(again.body, JSON.stringify(headers)).toBe(first.body);
    }
    // Another format is another representation: it never comes from the JSON answer.
    const csv = await app.inject({ method: 'GET', url: '/v1/vendors?limit=1', headers: { accept: 'text/csv' } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('keeps no answer larger than an eighth of its budget, and drops the least recently used to stay within it', async () => {
    // 256 KiB: an answer over 32 KiB (UTF-16) is not kept. Every vendor with every relation weighs more than that.
    const big = '/v1/vendors?limit=100&include=chips,chipPartnerships,deployments,fundingRounds,investments,deals,metrics';
    const large = await app.inject({ method: 'GET', url: big });
    expect(large.body.length * 2).toBeGreaterThan(32 * 1024);
    await renameBehindTheApi('sk-hynix', 'SK Renamed');
    expect((await app.inject({ method: 'GET', url: big })).body).toContain('SK Renamed');

    // Fill the budget with other answers (80 pages of quotes, about 3 MiB as UTF-16, some too large to keep): the
    // least recently used goes first.
    const first = '/v1/vendors/sk-hynix?fields=slug,name';
    expect((await app.inject({ method: 'GET', url: first })).body).toContain('SK Renamed');
    await renameBehindTheApi('sk-hynix', 'SK Renamed Again');
    // Kept: the rename behind the API does not show yet.
    expect((await app.inject({ method: 'GET', url: first })).body).not.toContain('SK Renamed Again');
    for (const sort of ['position', 'slug']) {
      for (let limit = 29; limit <= 68; limit += 1) {
        expect((await app.inject({ method: 'GET', url: `/v1/sources?limit=${limit}&sort=${sort}&fields=slug,quote` })).statusCode).toBe(200);
      }
    }
    // Dropped to make room: read again, it shows the rename.
    expect((await app.inject({ method: 'GET', url: first })).body).toContain('SK Renamed Again');
  });
});
