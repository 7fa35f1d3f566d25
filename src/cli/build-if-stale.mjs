// Builds dist/ (Prisma client and TypeScript) only when a source is newer than the last build, so `npm start`
// starts in well under a second when nothing changed, and never runs stale code when something did. Plain
// JavaScript on purpose: it runs before anything is compiled (npm's `prepare` after `npm ci`, and `npm start`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const at = (...parts) => path.join(root, ...parts);
const modified = (file) => (existsSync(file) ? statSync(file).mtimeMs : Number.POSITIVE_INFINITY);

/** The newest modification under `directory`, leaving out generated code (the build's own output). */
function newest(directory) {
  let latest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') latest = Math.max(latest, newest(full));
    } else {
      latest = Math.max(latest, statSync(full).mtimeMs);
    }
  }
  return latest;
}

const built = existsSync(at('dist', 'server.js')) && existsSync(at('src', 'generated', 'prisma', 'client.ts')) ? statSync(at('dist', 'server.js')).mtimeMs : 0;
const sources = Math.max(newest(at('src')), modified(at('prisma', 'schema.prisma')), modified(at('tsconfig.json')));
if (built > sources) process.exit(0);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
