// Every curl example of the README and docs/*.md, run as written (real curl, in bash, in the order each page gives
// them, `$KEY` set to the key the writing examples use) against a live server on the article's dataset: each
// reaches the server and succeeds, but for the few that are there to show a refusal (listed below). A renamed
// parameter, a moved route or a broken command fails here.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';

/** The key the writing examples use (docs/writing.md), configured here as theirs and set as `$KEY` on every page. */
const DOCUMENTED_KEY = 'change-me-to-a-long-random-key-0001';
const DOCUMENTED_ADDRESS = 'http://127.0.0.1:3000';
const ANSWER_MARK = 'answered:';
/** The examples that show a refusal on purpose, as `page: status method url`. Any other 4xx is an example gone stale. */
const SHOWN_REFUSALS = [
  // A placeholder for the cursor the previous page gave.
  'docs/api.md: 400 GET /v1/vendors?limit=5&cursor=<page.nextCursor>',
  'docs/api.md: 400 GET /v1/chips?kind=quantum',
  'docs/api.md: 415 POST /v1/vendors',
];

const { app } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${DOCUMENTED_KEY}` }).API_KEYS });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const statuses: number[] = [];
app.server.on('request', (_request, response) => response.on('finish', () => statuses.push(response.statusCode)));
const workDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-docs-curl-'));
afterAll(async () => {
  await app.close();
  await rm(workDir, { recursive: true, force: true });
});

/**
 * The commands of a page's `sh` blocks that talk to the service: curl (with its continuation lines) and the shell
 * variables they set or use. Other commands (npm, docker) are for the reader's machine, not this test; examples
 * against another port are the replicas' nginx, which tests/db/replicas.test.ts covers.
 */
function curlScript(markdown: string): { script: string; commands: number; reporting: number } {
  const kept: string[] = [];
  let commands = 0;
  // Commands that write their own -w replace the one that reports the answer.
  let reporting = 0;
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split('\n');
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]!;
      let command = line;
      while (command.endsWith('\\') && index + 1 < lines.length) command += `\n${lines[++index]!}`;
      const isCurl = /^(\w+=\$\()?curl\b/.test(line.trim());
      const isVariable = /^[A-Z_]+=[\w.:/-]+$/.test(line.trim());
      if (!isCurl && !isVariable) continue;
      if (isCurl && !command.includes(DOCUMENTED_ADDRESS)) continue;
      if (isCurl) commands += 1;
      if (isCurl && !/\s-w\s/.test(command)) reporting += 1;
      kept.push(command.replaceAll(DOCUMENTED_ADDRESS, address));
    }
  }
  // Every curl says why it failed (a refused connection, a bad option), even where the example asks for silence.
  // Each answer's status, method and URL go to stderr (an example's own -w, given after, replaces this one).
  const wrapper = `curl() { command curl --silent --show-error -w '%{stderr}${ANSWER_MARK} %{http_code} %{method} %{url_effective}\\n' "$@"; }`;
  return { script: [wrapper, ...kept].join('\n'), commands, reporting };
}

const pages = ['README.md', ...(await readdir('docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

/** Runs `script` in bash, asynchronously: the server it calls answers on this process's event loop. */
function bash(script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, KEY: DOCUMENTED_KEY } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the curl examples of the documentation', () => {
  it('are found where the pages are', async () => {
    const found = await Promise.all(pages.map(async (page) => curlScript(await readFile(page, 'utf8')).commands));
    expect(found.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(40);
  });

  it.each(pages)('%s: every example reaches the server and answers as it shows', async (page) => {
    const { script, commands, reporting } = curlScript(await readFile(page, 'utf8'));
    const before = statuses.length;
    const { stderr } = await bash(script);
    expect(stderr, 'curl reported an error').not.toMatch(/curl: \(\d+\)/);
    const answered = statuses.slice(before);
    const reported = [...stderr.matchAll(new RegExp(`^${ANSWER_MARK} (\\d{3}) (\\S+) (\\S+)$`, 'gm'))].map(([, status, method, url]) => `${status} ${method} ${url!.replace(address, '')}`);
    // One answer a command, or more (a HEAD for an entity tag is a command of its own).
    expect(reported.length, 'each example reports its answer').toBeGreaterThanOrEqual(reporting);
    // An example either succeeds or shows the refusal it is there to show.
    expect(reported.filter((answer) => Number(answer.slice(0, 3)) >= 400 && !SHOWN_REFUSALS.includes(`${page}: ${answer}`))).toEqual([]);
    // At least one request a command (a HEAD for an entity tag is one more).
    expect(answered.length).toBeGreaterThanOrEqual(commands);
    expect(answered.filter((status) => status >= 500)).toEqual([]);
  }, 60_000);
});
