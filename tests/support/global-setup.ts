// Builds one migrated, seeded template database per test run; every test file copies it, so files never share
// a database and none pays for migrating and seeding on its own.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/db/prepare.js';
import { buildDashboard } from '../../src/cli/dashboard-bundle.js';
import { DASHBOARD_BUILD_DIR } from '../../src/plugins/dashboard.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    scratchDir: string;
  }
}

export default async function setup(project: TestProject) {
  // Every app serves the dashboard, built from the sources as they are now (the same step `npm run build` ends with).
  await buildDashboard(DASHBOARD_BUILD_DIR);
  const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-tests-'));
  const templateDatabase = path.join(scratchDir, 'template.db');
  await prepareDatabase(
    { DATABASE_URL: `file:${templateDatabase}`, MIGRATIONS_DIR: 'prisma/migrations', SEED_DIR: 'seed', SEED_ON_START: 'always' },
    { info: () => {} },
  );
  project.provide('templateDatabase', templateDatabase);
  project.provide('scratchDir', scratchDir);
  return async () => {
    await rm(scratchDir, { recursive: true, force: true });
  };
}
