// The dashboard's files as the service serves them (src/plugins/dashboard.ts): src/dashboard/main.ts and the typed
// client bundled for browsers by esbuild into one script, beside the page, the stylesheet and the icon. Run by
// `npm run build` (src/cli/build-dashboard.ts) and by the test suite's global setup, so tests serve what the
// sources say now.
//
// NOTE: esbuild is a dev dependency: bundling happens at build time; the service only reads the result.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Two levels up from this file, whether it runs from src/cli (tsx) or dist/cli (node). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIR = path.join(ROOT, 'src', 'dashboard');

/** Copied as they are: [source name, served name]. */
const STATIC_FILES = [
  ['index.html', 'index.html'],
  ['dashboard.css', 'app.css'],
  ['favicon.svg', 'favicon.svg'],
] as const;

export async function buildDashboard(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(SOURCE_DIR, 'main.ts')],
    outfile: path.join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    // What the browsers that run <dialog>, top-level await and BigInt run; the page uses all three.
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const [from, to] of STATIC_FILES) await copyFile(path.join(SOURCE_DIR, from), path.join(outDir, to));
}
