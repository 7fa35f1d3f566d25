import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time (stalled clients, floods, fault injection) or start processes (servers, Chromium, npm,
 * PostgreSQL's tools): run one file at a time, after the others, so that no other file's load moves their clocks.
 */
const ALONE = [
  'tests/http/slow-clients.test.ts',
  'tests/http/export-flood.test.ts',
  'tests/http/hardening.test.ts',
  'tests/db/replicas.test.ts',
  'tests/db/faults-sqlite.test.ts',
  'tests/db/faults-postgresql.test.ts',
  'tests/db/crash.test.ts',
  'tests/db/durability.test.ts',
  'tests/service/server-process.test.ts',
  'tests/client/client.test.ts',
  'tests/client/client-package.test.ts',
  'tests/browser/**/*.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    // Each test file builds its own app on its own copy of the seeded template database.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'together', include: ['tests/**/*.test.ts'], exclude: ALONE, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
