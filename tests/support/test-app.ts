// Builds the app for one test file on its own copy of the seeded template database (SQLite or PostgreSQL, see
// tests/support/test-database.ts), checking every response against the OpenAPI document.
import { afterAll, afterEach, expect } from 'vitest';
import { buildApp, type App, type AppConfig } from '../../src/app.js';
import { createDatabaseClient, type Database } from '../../src/db/client.js';
import { checkResponsesAgainstDocument, type Conformance } from './openapi-conformance.js';
import { copyOfTemplate, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: App;
  conformance: Conformance;
  /** The test's database: its DATABASE_URL, and on SQLite its file. */
  database: TestDatabase;
  /**
   * A Prisma client of the test's own on the same database, for tests that must write behind the API's back (what
   * the API would refuse, or without the write path's upkeep). It connects on first use.
   */
  db: Database;
}

/**
 * Every test file is one client (127.0.0.1) making hundreds of requests a minute, and a busy test machine can lag
 * its event loop: rate limits and load shedding are off unless a test turns them on (tests/http/hardening.test.ts).
 */
const UNLIMITED: Partial<AppConfig> = {
  RATE_LIMIT_READS_PER_MINUTE: 0,
  RATE_LIMIT_WRITES_PER_MINUTE: 0,
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: 0,
  OVERLOAD_MAX_HEAP_USED_MB: 0,
};

/**
 * Call at the top level of a test file. Registers hooks that fail any test whose responses broke the
 * document, and close the app when the file is done. `setup` may add test-only routes before the app is ready;
 * `database` serves a database the test made itself (or another app's) instead of a copy of the template.
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  setup?: (app: App) => void | Promise<void>,
  options: { database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await copyOfTemplate());
  const app = await buildApp({
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    REQUEST_TIMEOUT_MS: 15_000,
    ...UNLIMITED,
    ...overrides,
  });
  await setup?.(app);
  const conformance = checkResponsesAgainstDocument(app);
  await app.ready();
  afterEach(() => {
    const violations = conformance.violations.splice(0);
    expect(violations, 'responses that do not match the OpenAPI document').toEqual([]);
  });
  const db = createDatabaseClient(database.url);
  afterAll(async () => {
    await app.close();
    await db.$disconnect();
  });
  return { app, conformance, database, db };
}
