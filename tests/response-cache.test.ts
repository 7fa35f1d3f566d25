// The in-memory response cache: a hot read is answered from memory with the same bytes and headers, and the
// next committed write makes every cached answer stale.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { nameSortKey } from '../src/shared/list-query.js';
import { createTestApp } from './support/test-app.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS, RESPONSE_CACHE_ENTRIES: 50 });

describe('response cache', () => {
  it('answers a repeated read with the same bytes and headers, without querying again', async () => {
    const url = '/v1/vendors?limit=3&sort=slug&count=true';
    const first = await app.inject({ method: 'GET', url });
    // Change the data behind the API's back: a cached answer does not see it, which proves it came from memory.
    await app.db.vendor.update({ where: { slug: 'aws' }, data: { name: 'Changed Behind The API', sortKey: nameSortKey('Changed Behind The API') } });
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
