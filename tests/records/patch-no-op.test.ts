// A PATCH that changes nothing (the values the record already has, sent again) is answered with the record as it
// stands and leaves no trace: no revision, updatedAt where it was, and the response cache as full as before.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { nameSortKey } from '../../src/records/list-query.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const KEY = 'patch-no-op-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app, db } = await createTestApp({ API_KEYS, RESPONSE_CACHE_MB: 1 });
const { send, get } = writeClient(app, { authorization: `Bearer ${KEY}` });

type Model = 'vendor' | 'chip' | 'fundingRound' | 'deal' | 'source';
const updatedAt = async (model: Model, slug: string): Promise<Date> =>
  ((await (db[model] as unknown as { findUniqueOrThrow(query: object): Promise<{ updatedAt: Date }> }).findUniqueOrThrow({
    where: { slug },
    select: { updatedAt: true },
  })).updatedAt);

/** A cached page that shows Hyundai's name; renamed behind the API's back, only a cache emptied since shows it. */
const CACHED_URL = '/v1/vendors/hyundai';
async function cachedPageIsKept(): Promise<boolean> {
  const name = (await get(CACHED_URL)).json().name as string;
  return name !== 'Renamed Behind The API';
}

describe.each([
  ['vendors', 'kt', 'vendor', (record: Record<string, unknown>) => ({ name: record.name, aliases: record.aliases })],
  ['chips', 'azure-maia-100', 'chip', (record: Record<string, unknown>) => ({ name: record.name, description: record.description })],
  ['funding-rounds', 'd-matrix-series-b-2023', 'fundingRound', (record: Record<string, unknown>) => ({ description: record.description })],
  ['deals', 'amazon-acquires-annapurna-labs', 'deal', (record: Record<string, unknown>) => ({ title: record.title, status: record.status })],
  ['sources', 'microsoft-a-systems-company', 'source', (record: Record<string, unknown>) => ({ stance: record.stance })],
] as const)('PATCH /v1/%s/%s with the values it has', (path, slug, model, sameValues) => {
  const url = `/v1/${path}/${slug}`;

  it('answers the record as it stands, and changes nothing: not updatedAt, not the cache, no revision', async () => {
    const before = await get(url);
    const stampBefore = await updatedAt(model, slug);
    const revisionsBefore = (await get(`${url}/revisions?limit=100`)).json().data.length;
    expect((await get(CACHED_URL)).statusCode).toBe(200);
    await db.vendor.update({ where: { slug: 'hyundai' }, data: { name: 'Renamed Behind The API', sortKey: nameSortKey('Renamed Behind The API') } });

    const patched = await send('PATCH', url, sameValues(before.json()));
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.body).toBe(before.body);
    expect(patched.headers.etag).toBe(before.headers.etag);
    expect(await updatedAt(model, slug)).toEqual(stampBefore);
    expect(await cachedPageIsKept()).toBe(true);
    expect((await get(`${url}/revisions?limit=100`)).json().data.length).toBe(revisionsBefore);
  });

  it('still honours If-Match, refusing a stale tag with 412', async () => {
    const refused = await send('PATCH', url, sameValues((await get(url)).json()), { authorization: `Bearer ${KEY}`, 'if-match': '"stale"' });
    expect(refused.statusCode).toBe(412);
  });
});

describe('a PATCH that does change something', () => {
  it('moves updatedAt, empties the cache and records a revision, as before', async () => {
    const stampBefore = await updatedAt('vendor', 'kt');
    const revisionsBefore = (await get('/v1/vendors/kt/revisions?limit=100')).json().data.length;
    expect(await cachedPageIsKept()).toBe(true);
    const patched = await send('PATCH', '/v1/vendors/kt', { description: 'A description it did not have before.' });
    expect(patched.statusCode).toBe(200);
    expect((await updatedAt('vendor', 'kt')).getTime()).toBeGreaterThan(stampBefore.getTime());
    expect(await cachedPageIsKept()).toBe(false);
    expect((await get('/v1/vendors/kt/revisions?limit=100')).json().data.length).toBe(revisionsBefore + 1);
  });
});
