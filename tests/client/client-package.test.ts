// The typed client from another app, as the README tells a frontend developer to use it: packed from dist/client
// (`npm pack`, which `npm run client:pack` runs after the build), installed from the tarball into an app of its own
// with nothing of this repository around it, every TypeScript snippet of the README type-checked there, and the
// README's separate-app snippet run against a live server.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const { app } = await createTestApp();
const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

let directory: string;

/** The TypeScript blocks of the README and the documentation (docs/*.md), in order. */
async function readmeSnippets(): Promise<string[]> {
  const pages = ['README.md', ...(await readdir(path.join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).sort().map((name) => path.join('docs', name))];
  const texts = await Promise.all(pages.map((page) => readFile(path.join(ROOT, page), 'utf8')));
  return texts.flatMap((text) => [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!));
}

describe('the client as another app installs it', () => {
  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'client', 'package.json'))) {
      throw new Error('dist/client is not built: run `npm run build` (npm ci runs it)');
    }
    directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-client-app-'));
    await run('npm', ['pack', path.join(ROOT, 'dist', 'client'), '--pack-destination', directory], { cwd: directory });
    const tarball = (await readdir(directory)).find((name) => name.endsWith('.tgz'))!;
    await writeFile(path.join(directory, 'package.json'), JSON.stringify({ name: 'atlas-frontend', private: true, type: 'module' }));
    // From the tarball alone; openapi-fetch from the registry, or npm's cache when it holds it.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], { cwd: directory });
  }, 120_000);

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('brings openapi-fetch and nothing of the service', async () => {
    const installed = await readdir(path.join(directory, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['ai-chip-atlas-client', 'openapi-fetch']));
    for (const serviceDependency of ['fastify', '@prisma', 'better-sqlite3', 'pg', 'zod']) expect(installed).not.toContain(serviceDependency);
  });

  it("type-checks every TypeScript snippet of the README and docs/ against the installed package, strictly", async () => {
    const snippets = await readmeSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    // The same-workspace name maps to the same package: both are this client.
    const files = await Promise.all(
      snippets.map(async (snippet, index) => {
        const file = path.join(directory, `snippet-${index}.ts`);
        await writeFile(file, `${snippet.replaceAll("'ai-chip-atlas/client'", "'ai-chip-atlas-client'")}\nexport {};\n`);
        return file;
      }),
    );
    await writeFile(
      path.join(directory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, exactOptionalPropertyTypes: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [] },
        files: files.map((file) => path.basename(file)),
      }),
    );
    const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', directory]).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    expect(tsc.stdout).toBe('');
  }, 60_000);

  it("runs the documentation's separate-app snippet against a live server", async () => {
    const snippet = (await readmeSnippets()).find((text) => text.includes("from 'ai-chip-atlas-client'"))!;
    // The snippet as JavaScript: its one type annotation-free form runs as it is.
    await writeFile(path.join(directory, 'app.mjs'), snippet.replace("'http://127.0.0.1:3000'", `'${baseUrl}'`));
    const { stdout } = await run(process.execPath, ['app.mjs'], { cwd: directory });
    expect(stdout).toContain('Azure Maia 100 by Microsoft');
    expect(stdout).toContain("not_found No chip with slug 'azure-maia100'; did you mean 'azure-maia-100'?");
  }, 60_000);
});
