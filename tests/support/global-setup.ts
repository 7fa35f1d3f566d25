// Builds one migrated, seeded template database per test run; every test file copies it, so files never share
// a database and none pays for migrating and seeding on its own. On SQLite (the default) the template is a file;
// with TEST_DATABASE_URL set to a PostgreSQL server, a database on it (see tests/support/test-database.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseEngine } from '../../src/config.js';
import { prepareDatabase } from '../../src/seed/prepare.js';
import { buildDashboard } from '../../src/cli/dashboard-bundle.js';
import { DASHBOARD_BUILD_DIR } from '../../src/plugins/dashboard.js';
import { onServer, withDatabase } from './test-database.js';

const SILENT = { info: () => {} };

export default async function setup(project: TestProject) {
  // Every app serves the dashboard, built from the sources as they are now (the same step `npm run build` ends with).
  await buildDashboard(DASHBOARD_BUILD_DIR);
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-tests-'));
  const runId = `atlas_test_${randomBytes(4).toString('hex')}`;
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  const engine = serverUrl === '' ? 'sqlite' : databaseEngine(serverUrl);
  if (serverUrl !== '' && engine !== 'postgresql') throw new Error('TEST_DATABASE_URL must be a postgresql:// URL of a server the tests may create databases on');

  let template: string;
  if (engine === 'sqlite') {
    template = path.join(scratchDir, 'template.db');
    await prepareDatabase({ DATABASE_URL: `file:${template}`, SEED_DIR: 'seed', SEED_ON_START: 'always' }, SILENT);
  } else {
    await onServer(serverUrl, `CREATE DATABASE "${runId}_template" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`);
    template = withDatabase(serverUrl, `${runId}_template`);
    await prepareDatabase({ DATABASE_URL: template, SEED_DIR: 'seed', SEED_ON_START: 'always' }, SILENT);
  }
  project.provide('engine', engine);
  project.provide('template', template);
  project.provide('serverUrl', serverUrl);
  project.provide('runId', runId);
  project.provide('scratchDir', scratchDir);

  return async () => {
    await rm(scratchDir, { recursive: true, force: true });
    if (engine === 'postgresql') await dropRunDatabases(serverUrl, runId);
  };
}

/** Drops every database this run created (test files' copies, empty ones, the template). */
async function dropRunDatabases(serverUrl: string, runId: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [runId]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
