// The served OpenAPI document passes Redocly's recommended rules (`redocly lint`, @redocly/cli 2.77.0, the last
// release that runs on Node 20) without errors or warnings: every operation states its security, public reads
// with `security: []`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const scratch = await mkdtemp(path.join(os.tmpdir(), 'atlas-redocly-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
interface Report {
  totals: { errors: number; warnings: number };
  problems: Problem[];
}

/** Runs the CLI on a document, as `redocly lint --extends recommended` would, and reads its JSON report. */
async function redocly(document: unknown, name: string): Promise<Report> {
  const file = path.join(scratch, `${name}.json`);
  await writeFile(file, JSON.stringify(document));
  const result = await promisify(execFile)(process.execPath, [cli, 'lint', '--extends', 'recommended', '--format', 'json', file], {
    // In a folder of its own, so no redocly.yaml but the rules asked for applies; and nothing sent anywhere.
    cwd: scratch,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    // It exits 1 when it finds errors; the report is still on stdout.
    if (!error.stdout) throw new Error(`redocly failed: ${error.stderr}`);
    return { stdout: error.stdout };
  });
  return JSON.parse(result.stdout) as Report;
}

const describeProblem = (problem: Problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`;

const served = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
const report = await redocly(served, 'served');

describe('the OpenAPI document under Redocly’s recommended rules', () => {
  it('has no errors and no warnings', () => {
    expect(report.problems.map(describeProblem)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('says `security: []` on public reads and names the key on every write', () => {
    for (const [route, operations] of Object.entries(served.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const expected = method === 'get' ? [] : [{ bearerAuth: [] }];
        expect(operation.security, `${method} ${route}`).toEqual(expected);
      }
    }
  });

  it('reports errors in a broken document, so a clean result means something', async () => {
    const broken = {
      openapi: '3.1.0',
      info: { title: 'Broken', version: '1', license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
      servers: [{ url: 'https://api.example.org' }],
      paths: {
        '/a': { get: { operationId: 'a', summary: 'a', responses: { 200: { description: 'ok' } } } },
        '/b/{id}': { get: { operationId: 'b', summary: 'b', responses: { 200: { description: 'ok' } } } },
      },
    };
    const errors = (await redocly(broken, 'broken')).problems.filter((problem) => problem.severity === 'error').map((problem) => problem.ruleId);
    expect(errors).toEqual(expect.arrayContaining(['security-defined', 'path-parameters-defined']));
  });
});
