// The typed client (src/client): a program written against it type-checks strictly and reads a live server as the
// API itself answers (list, filter, next page, detail, a 304); and its committed types are what the contract
// (docs/openapi.json, itself checked against the served document in tests/contract/contract.test.ts) renders to, so a schema
// change without `npm run openapi:update` fails here.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { codedEntityTag } from '../../src/domain/entity-tag.js';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, CONTRACT_FILE, readContract, renderClientTypes } from '../../src/cli/contract.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
afterAll(() => app.close());

const FIXTURE = 'tests/client/fixture';

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(200);
  return response.json() as T;
}

type ChipPage = { data: { slug: string; kind: string; designer: { name: string } }[]; page: { nextCursor: string | null; totalCount?: number } };

describe('a program written against the typed client', () => {
  it('type-checks under strict settings, stricter than the service (exactOptionalPropertyTypes)', async () => {
    const tsc = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `${FIXTURE}/tsconfig.json`]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, 120_000);

  it('runs against a live server: list, filter, fields, next page, detail, a 304 and a typed problem', async () => {
    // Imported by the package's name, as a frontend in the workspace would: `source` resolves it to the TypeScript.
    const program = await run(process.execPath, ['--conditions=source', '--import', 'tsx', `${FIXTURE}/program.ts`], { ATLAS_URL: baseUrl });
    expect(program.stderr).toBe('');
    expect(program.code).toBe(0);
    const read = JSON.parse(program.stdout);

    const firstFive = await json<ChipPage>('/v1/chips?limit=5&count=true');
    expect(read.firstPage).toEqual({
      slugs: firstFive.data.map((chip) => chip.slug),
      designers: firstFive.data.map((chip) => chip.designer.name),
      totalCount: firstFive.page.totalCount,
    });

    const gpus = await json<ChipPage>('/v1/chips?kind=gpu');
    expect(read.gpus.length).toBeGreaterThan(0);
    expect(read.gpus).toEqual(gpus.data.map((chip) => ({ slug: chip.slug, kind: 'gpu' })));

    for (const chip of read.names) expect(Object.keys(chip).sort()).toEqual(['name', 'slug']);

    // The second page is the one the first page's cursor leads to, and shares nothing with it.
    const [first, second] = read.pages as [string[], string[]];
    expect(first).toEqual(firstFive.data.map((chip) => chip.slug));
    const next = await json<ChipPage>(`/v1/chips?limit=5&cursor=${encodeURIComponent(firstFive.page.nextCursor!)}`);
    expect(second).toEqual(next.data.map((chip) => chip.slug));
    expect(second.filter((slug) => first.includes(slug))).toEqual([]);

    const detailUrl = '/v1/chips/azure-maia-100?include=deployments';
    const detail = await app.inject({ method: 'GET', url: detailUrl });
    const maia = detail.json() as { name: string; deployments: { name: string }[]; sources: { quote: string }[] };
    expect(read.detail).toEqual({
      name: maia.name,
      deploymentNames: maia.deployments.map((deployment) => deployment.name),
      quote: maia.sources[0]!.quote,
      // Node's fetch asks for compressed answers: the tag names the coding, over the same representation.
      etag: codedEntityTag(String(detail.headers.etag), 'gzip'),
      notModified: false,
    });
    // The second read of the same URL revalidated: a 304 from the server, the kept data to the program.
    expect(read.again).toEqual({ status: 304, notModified: true, sameData: true, name: 'Azure Maia 100' });

    expect(read.problemCode).toBe('not_found');
  }, 60_000);

  it('is exported by package.json: its source, its declarations and its JavaScript are the same module', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { exports: Record<string, Record<string, string>> };
    const targets = manifest.exports['./client']!;
    expect(targets.source).toBe('./src/client/index.ts');
    await expect(readFile(targets.source!, 'utf8')).resolves.toContain('export function createAtlasClient');
    // What `npm run build` writes for that source (tsc's layout: src/ → dist/).
    expect(targets.types).toBe(targets.source!.replace('./src/', './dist/').replace(/\.ts$/, '.d.ts'));
    expect(targets.default).toBe(targets.source!.replace('./src/', './dist/').replace(/\.ts$/, '.js'));
  });
});

describe('the committed client types', () => {
  const contract = readContract();

  it(`are exactly what ${CONTRACT_FILE} renders to (else run \`npm run openapi:update\`): ${CLIENT_TYPES_FILE}`, async () => {
    const committed = await readFile(path.resolve(CLIENT_TYPES_FILE), 'utf8');
    const rendered = await renderClientTypes(await contract);
    // Compared whole; on a mismatch, the first differing line says where.
    const committedLines = committed.split('\n');
    const renderedLines = rendered.split('\n');
    const firstDifference = renderedLines.findIndex((line, index) => line !== committedLines[index]);
    expect(firstDifference === -1 ? null : { line: firstDifference + 1, committed: committedLines[firstDifference], rendered: renderedLines[firstDifference] }).toBeNull();
    expect(rendered).toBe(committed);
  }, 60_000);

  it('would differ from a document that changed in a way a client sees', async () => {
    const document = structuredClone(await contract) as { components: { schemas: { Chip: { properties: Record<string, unknown> } } } };
    document.components.schemas.Chip.properties.codename = { type: 'string' };
    const rendered = await renderClientTypes(document);
    expect(rendered).toContain('codename');
    expect(rendered).not.toBe(await readFile(path.resolve(CLIENT_TYPES_FILE), 'utf8'));
  }, 60_000);
});
