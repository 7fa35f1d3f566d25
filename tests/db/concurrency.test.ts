// Many writers at once, over real HTTP on loopback: the write queue must serialise them without losing an
// acknowledged write, without a 500, and with If-Match letting exactly one of a set of conflicting writers win.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sql } from '../../src/db/sql.js';
import { MAX_GROUP } from '../../src/db/write-queue.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'concurrency-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
// createTestApp builds the app with buildApp (rate limits and load shedding off, responses checked against the
// OpenAPI document); listening makes every request a real socket, parsed and answered concurrently.
const { app, db } = await createTestApp({ API_KEYS });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('not listening on a TCP port');
// createTestApp closes the app, and with it the listener, after the file.
const base = `http://127.0.0.1:${address.port}`;

const SOURCE = 'rebellions-korean-startup-joins-competition';

async function request(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(method === 'GET' ? {} : { authorization: `Bearer ${KEY}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    // A hung write must fail the test, not stall it.
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const newVendor = (slug: string) => ({ slug, name: `Vendor ${slug}`, kind: 'startup', sources: [SOURCE] });

async function revisionCount(slug: string): Promise<number> {
  const { status, json } = await request('GET', `/v1/vendors/${slug}/revisions`);
  expect(status).toBe(200);
  return (json!.data as unknown[]).length;
}

describe('concurrent writers over HTTP', () => {
  it('groups the writes waiting at a commit into one, and a refused write rolls back alone', async () => {
    const commitsBefore = app.writes.commits;
    const writes = Array.from({ length: 60 }, (_, index) =>
      app.writes.run(async ({ tx }) => {
        await tx.revision.create({
          data: { resource: 'vendor', slug: `queued-${index}`, action: 'create', actor: 'test', requestId: `queued-${index}`, changes: {}, snapshot: {} },
        });
        if (index % 3 === 2) throw new Error(`refused ${index}`);
        return index;
      }),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(writes.map((_, index) => (index % 3 === 2 ? 'rejected' : 'fulfilled')));
    // At most MAX_GROUP writes a commit: the 60 queued together go in one (SQLite's 64), or two (PostgreSQL's 30).
    expect(app.writes.commits - commitsBefore).toBe(Math.ceil(60 / MAX_GROUP[app.reader.dialect]));
    const kept = await app.reader.all<{ slug: string }>(sql`SELECT "slug" FROM "Revision" WHERE "slug" LIKE 'queued-%' ORDER BY "id"`);
    expect(kept.map((row) => row.slug)).toEqual(writes.flatMap((_, index) => (index % 3 === 2 ? [] : [`queued-${index}`])));
  });

  it('over HTTP, writes arriving together are each answered as if alone', async () => {
    const bodies = Array.from({ length: 60 }, (_, index) =>
      // Every third one names a source that does not exist: refused, and it must take nothing of the others with it.
      index % 3 === 2 ? { ...newVendor(`grouped-${index}`), sources: ['no-such-source'] } : newVendor(`grouped-${index}`),
    );
    const answers = await Promise.all(bodies.map((body) => request('POST', '/v1/vendors', body)));
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map((_, index) => (index % 3 === 2 ? 400 : 201)));
    for (const [index] of bodies.entries()) {
      const { status } = await request('GET', `/v1/vendors/grouped-${index}`);
      expect(status, `grouped-${index}`).toBe(index % 3 === 2 ? 404 : 200);
    }
    expect(await revisionCount('grouped-0')).toBe(1);
  });

  it('creates every distinct slug once: duplicates get 409, never 500, and the count moves by the 201s', async () => {
    const countBefore = await db.vendor.count();
    const distinct = Array.from({ length: 170 }, (_, index) => `concurrent-${index}`);
    // 30 more requests racing for slugs in the batch (10 of them three ways), and two for seeded vendors.
    const duplicates = [...distinct.slice(0, 10), ...distinct.slice(0, 10), ...distinct.slice(100, 108), 'kt', 'rebellions'];
    const slugs = [...distinct, ...duplicates];
    expect(slugs).toHaveLength(200);
    // Interleave, so that racing requests for one slug are in flight together.
    const order = slugs.map((slug, index) => ({ slug, key: (index * 7919) % slugs.length })).sort((a, b) => a.key - b.key);

    const results = await Promise.all(order.map(async ({ slug }) => ({ slug, ...(await request('POST', '/v1/vendors', newVendor(slug))) })));

    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409), 'only 201 and 409').toEqual([]);
    const created = results.filter((result) => result.status === 201).map((result) => result.slug);
    expect(created.sort()).toEqual([...distinct].sort());
    expect(results.filter((result) => result.status === 409)).toHaveLength(duplicates.length);
    for (const result of results.filter((result) => result.status === 409)) {
      expect(result.json).toMatchObject({ status: 409, code: 'slug_taken' });
    }
    expect(await db.vendor.count()).toBe(countBefore + created.length);
    const stored = await db.vendor.findMany({ where: { slug: { in: created } }, select: { slug: true } });
    expect(stored.map((row) => row.slug).sort()).toEqual([...created].sort());
    // One create revision per 201, none for a refused duplicate.
    expect(await db.revision.count({ where: { resource: 'vendor', action: 'create', slug: { startsWith: 'concurrent-' } } })).toBe(
      created.length,
    );
  });

  it('lets exactly one of 50 writers holding the same ETag win; the rest get 412 and the winner is what stays', async () => {
    expect((await request('POST', '/v1/vendors', newVendor('contested'))).status).toBe(201);
    const initial = await request('GET', '/v1/vendors/contested');
    expect(initial.status).toBe(200);
    expect(initial.etag).toBeTruthy();
    const revisionsBefore = await revisionCount('contested');

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request('PATCH', '/v1/vendors/contested', { description: `Written by writer ${index}.`, nameKo: `작성자 ${index}` }, { 'if-match': initial.etag! }),
      ),
    );

    const winners = results.filter((result) => result.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.status === 412)).toHaveLength(49);
    const winner = winners[0]!;
    const final = await request('GET', '/v1/vendors/contested');
    expect(final.json).toEqual(winner.json);
    expect(final.etag).toBe(winner.etag);
    // Both fields of the winning body, never a mix of two writers.
    const writer = /^Written by writer (\d+)\.$/.exec(String(final.json!.description));
    expect(writer).not.toBeNull();
    expect(final.json!.nameKo).toBe(`작성자 ${writer![1]}`);
    expect(await revisionCount('contested')).toBe(revisionsBefore + 1);
  });

  it('loses no update when writers without If-Match change different fields at once', async () => {
    const vendors = Array.from({ length: 7 }, (_, index) => `no-lost-update-${index}`);
    for (const slug of vendors) expect((await request('POST', '/v1/vendors', newVendor(slug))).status).toBe(201);
    const changes = (index: number): Record<string, unknown>[] => [
      { name: `Renamed ${index}` },
      { nameKo: `이름 ${index}` },
      { aliases: [`Alias ${index}`] },
      { country: 'KR' },
      { kind: 'investor' },
      { description: `Description ${index}.` },
      { founders: [{ name: `Founder ${index}` }] },
    ];

    const writes = vendors.flatMap((slug, index) => changes(index).map((body) => ({ slug, body })));
    const results = await Promise.all(writes.map(async ({ slug, body }) => ({ slug, body, ...(await request('PATCH', `/v1/vendors/${slug}`, body)) })));

    expect(results.map((result) => result.status)).toEqual(writes.map(() => 200));
    for (const [index, slug] of vendors.entries()) {
      const final = await request('GET', `/v1/vendors/${slug}`);
      for (const body of changes(index)) {
        const [field, value] = Object.entries(body)[0]!;
        const shown = field === 'founders' ? (final.json!.founders as { name: string }[]).map(({ name }) => ({ name })) : final.json![field];
        expect(shown, `${slug}.${field}`).toEqual(value);
      }
      // The create, then one revision per acknowledged write.
      expect(await revisionCount(slug)).toBe(1 + changes(index).length);
    }
  });
});
