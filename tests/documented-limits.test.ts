// What the API issues fits what it takes: a cursor built from the longest name is a cursor the next request may
// send.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createTestApp } from './support/test-app.js';

const KEY = 'documented-limits-key-0123456789ab';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });

describe('a cursor the API issues', () => {
  it('is one it takes back, even after the longest Korean name (a 512-character cap refused it)', async () => {
    const name = '가'.repeat(200);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/vendors',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ slug: 'longest-korean-name', name, kind: 'startup', sources: ['rebellions-korean-startup-joins-competition'] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    // Hangul sorts after Latin letters: first when the names sort descending.
    const first = (await app.inject('/v1/vendors?limit=1&sort=-name')).json();
    expect(first.data[0].slug).toBe('longest-korean-name');
    expect(first.page.nextCursor.length).toBeGreaterThan(512);
    const next = await app.inject(`/v1/vendors?limit=1&sort=-name&cursor=${first.page.nextCursor}`);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().data[0].slug).not.toBe('longest-korean-name');
  });
});
