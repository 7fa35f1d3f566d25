// Idempotency keys expire after their window (IDEMPOTENCY_KEY_TTL_SECONDS; a second here): within it a retry gets the
// first answer, after it the key is forgotten and its row deleted, so create-and-delete cycles leave one window's keys
// at most, however many have been used.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const KEY = 'idempotency-expiry-key-0123456789';
const WINDOW_SECONDS = 1;
const { app, db } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${KEY}` }).API_KEYS, IDEMPOTENCY_KEY_TTL_SECONDS: WINDOW_SECONDS });
const { send } = writeClient(app, { authorization: `Bearer ${KEY}` });
const pastTheWindow = () => new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 200));

function createWithKey(slug: string, key: string) {
  return app.inject({
    method: 'POST',
    url: '/v1/vendors',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify({ slug, name: `Fictional ${slug}`, kind: 'startup', sources: ['microsoft-a-systems-company'] }),
  });
}

describe('idempotency keys expire', () => {
  it('a retry within the window answers as the first request did; after it the key is a new request', async () => {
    const first = await createWithKey('fictional-expiring-co', 'expiring-key-0001');
    expect(first.statusCode).toBe(201);
    const replay = await createWithKey('fictional-expiring-co', 'expiring-key-0001');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect(replay.headers.etag).toBe(first.headers.etag);
    expect(replay.headers.location).toBe(first.headers.location);

    await pastTheWindow();
    // Forgotten: the same request is made again, and the slug is taken by the first.
    const late = await createWithKey('fictional-expiring-co', 'expiring-key-0001');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('slug_taken');
    expect(late.headers['idempotent-replayed']).toBeUndefined();
  });

  it('create-and-delete cycles leave one window of keys, not one row a cycle', async () => {
    const cycle = async (batch: string, index: number) => {
      const slug = `fictional-cycle-${batch}-${index}`;
      expect((await createWithKey(slug, `cycle-key-${batch}-${index}`)).statusCode).toBe(201);
      expect((await send('DELETE', `/v1/vendors/${slug}`)).statusCode).toBe(204);
    };
    for (let index = 0; index < 30; index += 1) await cycle('early', index);
    await pastTheWindow();
    for (let index = 0; index < 30; index += 1) await cycle('late', index);
    const keys = (await db.idempotencyRecord.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys.filter((key) => key.includes('early')), 'keys older than the window').toEqual([]);
    expect(keys.length).toBeLessThanOrEqual(30);
  });
});
