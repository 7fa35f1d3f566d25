// A scratch folder for a migration test file: private copies of a migrations folder that tests may change, and
// anything else a test writes, removed when the file's tests are done.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export function migrationWorkspace(prefix: string, migrationsDir: string) {
  let workDir = '';
  beforeAll(() => {
    workDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });
  return {
    /** A path inside the workspace. */
    path: (...parts: string[]) => path.join(workDir, ...parts),
    /** A private copy of the migrations folder that a test may change. */
    copyMigrations(name: string): string {
      const copy = path.join(workDir, `${name}-migrations`);
      cpSync(migrationsDir, copy, { recursive: true });
      return copy;
    },
    /** Adds a migration named `name` holding `sql` to a copied folder. */
    addMigration(copiedDir: string, name: string, sql: string): void {
      mkdirSync(path.join(copiedDir, name));
      writeFileSync(path.join(copiedDir, name, 'migration.sql'), sql);
    },
  };
}
