// One headless Chromium per browser test file: Debian's `chromium` driven by playwright-core (which cannot
// download a browser here), with the flags in ../shared/ENVIRONMENT.md and a fresh profile every time. Screenshots
// go under test-results/browser/ (gitignored).
//
// Without Chromium the browser tests cannot prove anything: under CI (CI=true) that fails the run with the command
// that fixes it; on a developer's machine the files are skipped with a loud message instead.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.js';

export { CHROMIUM };

export const SCREENSHOT_DIR = path.resolve('test-results', 'browser');

const MISSING = `Chromium is not installed at ${CHROMIUM}, so the browser tests cannot run. Install it (as root) with: apt-get install -y chromium fonts-noto-cjk`;

/**
 * Whether this file's browser tests run. Under CI a missing Chromium throws here, at the top of the test file,
 * which fails it with the message above rather than skipping it silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(MISSING);
  process.stderr.write(`\n${'!'.repeat(100)}\n!!! SKIPPING the browser tests: ${MISSING}\n${'!'.repeat(100)}\n\n`);
  return false;
}

export interface BrowserSession {
  context: BrowserContext;
  /** A new tab that records what the page logged as an error and what failed to load. */
  newPage(): Promise<TrackedPage>;
}

export interface TrackedPage {
  page: Page;
  /** Console errors (CSP refusals among them), uncaught exceptions and failed requests, as readable lines. */
  errors: string[];
}

/** Launches Chromium for the file (in beforeAll) and closes it after; `session()` is valid inside tests. */
export function useBrowser(): () => BrowserSession {
  let session: BrowserSession | undefined;
  let profile: string | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    profile = await mkdtemp(path.join(os.tmpdir(), 'atlas-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
    });
    session = {
      context,
      async newPage() {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (message: ConsoleMessage) => {
          if (message.type() === 'error') errors.push(`console: ${message.text()}`);
        });
        page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
        page.on('requestfailed', (request) => errors.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
        return { page, errors };
      },
    };
  }, 60_000);
  afterAll(async () => {
    await session?.context.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });
  return () => {
    if (!session) throw new Error('the browser is not launched (call useBrowser() at the top of the file)');
    return session;
  };
}

/** A screenshot under test-results/browser/, named after what it shows. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}
