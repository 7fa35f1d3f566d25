import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time (stalled clients, floods, fault injection) or start processes (servers, Chromium, npm,
 * PostgreSQL's tools): run one file at a time, after the others, so that no other file's load moves their clocks.
 */
const ALONE = [
  'tests/slow-clients.test.ts',
  'tests/export-flood.test.ts',
  'tests/hardening.test.ts',
  'tests/replicas.test.ts',
  'tests/faults-sqlite.test.ts',
  'tests/faults-postgresql.test.ts',
  'tests/crash.test.ts',
  'tests/durability.test.ts',
  'tests/server-process.test.ts',
  'tests/client.test.ts',
  'tests/client-package.test.ts',
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
