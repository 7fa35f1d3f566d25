// Builds the app for one test file on its own copy of the seeded template database, checking every response
// against the OpenAPI document.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, expect, inject } from 'vitest';
import { buildApp, type App, type AppConfig } from '../../src/app.js';
import { checkResponsesAgainstDocument, type Conformance } from './openapi-conformance.js';

export interface TestApp {
  app: App;
  conformance: Conformance;
  databaseFile: string;
}

/** A private copy of the seeded template database. */
export async function copyTemplateDatabase(): Promise<string> {
  const databaseFile = path.join(inject('scratchDir'), `${randomUUID()}.db`);
  await copyFile(inject('templateDatabase'), databaseFile);
  return databaseFile;
}

/**
 * Call at the top level of a test file. Registers hooks that fail any test whose responses broke the
 * document, and close the app when the file is done.
 */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const databaseFile = await copyTemplateDatabase();
  const app = await buildApp({ DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: 'silent', REQUEST_TIMEOUT_MS: 15_000, ...overrides });
  const conformance = checkResponsesAgainstDocument(app);
  await app.ready();
  afterEach(() => {
    const violations = conformance.violations.splice(0);
    expect(violations, 'responses that do not match the OpenAPI document').toEqual([]);
  });
  afterAll(async () => {
    await app.close();
  });
  return { app, conformance, databaseFile };
}
