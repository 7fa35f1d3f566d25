// The real process under abrupt and orderly stops, with writes in flight, on either engine: after `kill -9` the
// database is sound and holds every write that was acknowledged; after SIGTERM every write the server had started
// is answered, committed, and the process exits 0.
import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { logLines, startServerProcess, stopServerProcess } from '../support/server-process.js';
import { emptyTestDatabase, type TestDatabase } from '../support/test-database.js';

const KEY = 'crash-test-key-0123456789abcdef';
const SOURCE = 'rebellions-korean-startup-joins-competition';

const startServer = (database: TestDatabase) => startServerProcess({ DATABASE_URL: database.url, API_KEYS: `curator:${KEY}` });

type Outcome = { slug: string; status: number | 'no answer' };

/** POSTs a vendor; a connection cut by the server's death is an outcome, not an error. */
async function createVendor(base: string, slug: string): Promise<Outcome> {
  try {
    const response = await fetch(`${base}/v1/vendors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-request-id': slug },
      body: JSON.stringify({ slug, name: `Vendor ${slug}`, kind: 'startup', sources: [SOURCE] }),
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    return { slug, status: response.status };
  } catch {
    return { slug, status: 'no answer' };
  }
}

/**
 * What the database holds, read by a connection of its own (the server may be running), and whether its structure
 * is sound: SQLite's integrity check over the file (WAL lets both read), PostgreSQL's amcheck over every B-tree
 * index of the schema (each index against its table's rows).
 */
async function inspect(database: TestDatabase) {
  let vendors: { slug: string }[];
  let created: { slug: string }[];
  let integrity = 'ok';
  if (database.file !== null) {
    const db = new Database(database.file, { readonly: true, fileMustExist: true });
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
      vendors = db.prepare(`SELECT slug FROM Vendor`).all() as { slug: string }[];
      created = db.prepare(`SELECT slug FROM Revision WHERE resource = 'vendor' AND action = 'create'`).all() as { slug: string }[];
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
      const indexes = await client.query<{ name: string }>(
        `SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE am.amname = 'btree' AND n.nspname = current_schema()`,
      );
      expect(indexes.rows.length).toBeGreaterThan(0);
      try {
        for (const { name } of indexes.rows) await client.query('SELECT bt_index_check($1::regclass, true)', [name]);
      } catch (error) {
        integrity = String(error);
      }
      vendors = (await client.query<{ slug: string }>(`SELECT slug FROM "Vendor"`)).rows;
      created = (await client.query<{ slug: string }>(`SELECT slug FROM "Revision" WHERE resource = 'vendor' AND action = 'create'`)).rows;
    } finally {
      await client.end();
    }
  }
  return { integrity, vendors: new Set(vendors.map((row) => row.slug)), created: new Set(created.map((row) => row.slug)) };
}

describe('the server process under stops with writes in flight', () => {
  it('keeps every acknowledged write, and a sound file, through kill -9 mid-burst', async () => {
    const database = await emptyTestDatabase();
    const first = await startServer(database);

    // 16 writers, each sending its next POST as soon as the last is answered, until the process dies.
    const outcomes: Outcome[] = [];
    let next = 0;
    let killed = false;
    const writers = Array.from({ length: 16 }, async () => {
      while (!killed && next < 5000) {
        const outcome = await createVendor(first.base, `burst-${next++}`);
        outcomes.push(outcome);
        if (outcome.status === 'no answer') return;
      }
    });
    while (outcomes.filter((outcome) => outcome.status === 201).length < 40) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    killed = true;
    const code = await stopServerProcess(first, 'SIGKILL');
    await Promise.all(writers);
    expect(code).toBeNull();
    expect(first.child.signalCode).toBe('SIGKILL');

    const acknowledged = outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.slug);
    expect(outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 'no answer'), 'only 201s before the kill').toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 'no answer').length, 'requests were in flight at the kill').toBeGreaterThan(0);

    // Restart on the same database: it must come up (SQLite recovering its WAL) and serve every acknowledged write.
    const second = await startServer(database);
    try {
      expect(second.output()).toContain('database already holds data; not seeding');
      const after = await inspect(database);
      expect(after.integrity).toBe('ok');
      for (const slug of acknowledged) expect(after.vendors.has(slug), `${slug} was acknowledged with 201`).toBe(true);
      // Writes cut off by the kill are all or nothing: a vendor exists exactly when its create revision does.
      const attempted = outcomes.map((outcome) => outcome.slug);
      for (const slug of attempted) expect(after.vendors.has(slug), slug).toBe(after.created.has(slug));
      const sample = await fetch(`${second.base}/v1/vendors/${acknowledged.at(-1)}`);
      expect(sample.status).toBe(200);
      const health = await fetch(`${second.base}/health`);
      expect(health.status).toBe(200);
    } finally {
      await stopServerProcess(second, 'SIGKILL');
    }
  });

  it('on SIGTERM answers and commits every write it had started, then exits 0', async () => {
    const database = await emptyTestDatabase();
    const server = await startServer(database);
    const { port } = new URL(server.base);

    // Twenty writes the server has started but cannot finish before the signal: each has sent its headers and
    // part of its body, and sends the rest only after SIGTERM.
    const slugs = Array.from({ length: 20 }, (_, index) => `drain-write-${index}`);
    const writes = slugs.map((slug) => {
      const body = JSON.stringify({ slug, name: `Vendor ${slug}`, kind: 'startup', sources: [SOURCE] });
      const request = http.request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/v1/vendors',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': slug },
      });
      const answered = new Promise<number | 'no answer'>((resolve) => {
        request.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 'no answer'));
        });
        request.on('error', () => resolve('no answer'));
      });
      request.write(body.slice(0, 20));
      return { slug, rest: body.slice(20), request, answered };
    });
    const incoming = () =>
      new Set(
        logLines(server.output())
          .filter((line) => line.msg === 'incoming request' && String(line.reqId).startsWith('drain-write-'))
          .map((line) => String(line.reqId)),
      );
    for (let waited = 0; incoming().size < slugs.length; waited += 10) {
      if (waited > 10_000) throw new Error(`the server started only ${incoming().size} of the writes`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const stopped = stopServerProcess(server, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).toContain('shutting down: finishing in-flight requests');
    for (const write of writes) write.request.end(write.rest);
    const statuses = await Promise.all(writes.map((write) => write.answered));
    expect(await stopped).toBe(0);
    expect(server.output()).toContain('shut down cleanly');
    // Every write the server had started was answered and committed, though its body arrived after the signal.
    expect(statuses).toEqual(slugs.map(() => 201));
    const after = await inspect(database);
    expect(after.integrity).toBe('ok');
    for (const slug of slugs) {
      expect(after.vendors.has(slug), `${slug} was acknowledged with 201`).toBe(true);
      expect(after.created.has(slug), `${slug} has its create revision`).toBe(true);
    }
  });
});
