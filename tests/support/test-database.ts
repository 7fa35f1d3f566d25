// One test suite, two engines. `TEST_DATABASE_URL` unset: every test file gets its own copy of a migrated, seeded
// SQLite template file. Set to a PostgreSQL server URL (its `postgres` database, or any the user may connect to):
// every test file gets its own database, created from a migrated, seeded template database, and dropped after the
// run. Tests that only make sense on one engine run under `describe.runIf(testEngine() === …)`.
import { copyFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseEngine } from '../../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine the suite runs on. */
    engine: DatabaseEngine;
    /** SQLite: the template file. PostgreSQL: the template database's URL. */
    template: string;
    /** PostgreSQL: a URL of the server's maintenance database, to create and drop databases through. */
    serverUrl: string;
    /** Prefix of every database or file this run creates. */
    runId: string;
    scratchDir: string;
  }
}

export interface TestDatabase {
  /** The DATABASE_URL of this copy. */
  url: string;
  /** SQLite only: the file behind `url`. */
  file: string | null;
}

/** The engine the suite is running on. */
export function testEngine(): DatabaseEngine {
  return inject('engine');
}

/** A URL on the same server as `serverUrl`, naming another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance database (CREATE and DROP DATABASE cannot run in a transaction). */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database (no schema) of this run, as the service's operator would create it. */
export async function emptyTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'sqlite') {
    const file = path.join(inject('scratchDir'), `${randomUUID()}.db`);
    return { url: `file:${file}`, file };
  }
  const name = `${inject('runId')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await onServer(inject('serverUrl'), `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
  return { url: withDatabase(inject('serverUrl'), name), file: null };
}

/** A private copy of the migrated, seeded template. */
export async function copyOfTemplate(): Promise<TestDatabase> {
  if (testEngine() === 'sqlite') {
    const file = path.join(inject('scratchDir'), `${randomUUID()}.db`);
    await copyFile(inject('template'), file);
    return { url: `file:${file}`, file };
  }
  const name = `${inject('runId')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const template = new URL(inject('template')).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject('serverUrl') });
  await client.connect();
  try {
    // PostgreSQL copies a template for one CREATE DATABASE at a time ("source database is being accessed by other
    // users"): test files starting together take turns.
    await client.query('SELECT pg_advisory_lock(7420230002)');
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return { url: withDatabase(inject('serverUrl'), name), file: null };
}
