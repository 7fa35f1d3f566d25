// The dashboard's files: the page `/` answers browsers with (see health/routes.ts), its script, style and icon. The
// script is src/dashboard/ bundled by esbuild (src/cli/build-dashboard.ts, part of `npm run build`) into
// dist/dashboard/, so the service serves everything itself: no CDN, nothing fetched from elsewhere.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import { entityTag } from '../domain/entity-tag.js';
import { preferredMediaType } from '../http/media-type.js';

declare module 'fastify' {
  interface FastifyInstance {
    dashboard: { html: string };
  }
}

/**
 * Where `npm run build` puts the bundle. Two levels up from this file is the project root both when it runs from
 * src/plugins (tsx, the tests) and from dist/plugins (the service), so either finds the same dist/dashboard/.
 */
export const DASHBOARD_BUILD_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));

const DASHBOARD_PREFIX = '/dashboard';

/** What the root answers in: JSON first, so curl and API clients (`*\/*`, or no Accept) keep getting the index. */
const ROOT_MEDIA_TYPES = ['application/json', 'text/html'] as const;

/** Whether a request to the root gets the dashboard: its Accept prefers HTML to JSON, as a browser's does. */
export function wantsDashboard(accept: string | undefined): boolean {
  return preferredMediaType(accept, ROOT_MEDIA_TYPES) === 'text/html';
}

/** The files besides the page, with their media types: served by name, nothing else under the prefix. */
const ASSETS = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
} as const;

export interface DashboardOptions {
  /** The built files (index.html and the assets); default DASHBOARD_BUILD_DIR. */
  buildDir?: string;
}

async function readBuilt(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, name));
  } catch (error) {
    // Fail at startup, naming the fix, rather than serve a page whose script is missing.
    throw new Error(`The dashboard is not built (${path.join(dir, name)}): run \`npm run build\`.`, { cause: error });
  }
}

export default fp<DashboardOptions>(
  async (app, { buildDir = DASHBOARD_BUILD_DIR }) => {
    app.decorate('dashboard', { html: (await readBuilt(buildDir, 'index.html')).toString('utf8') });
    for (const [name, type] of Object.entries(ASSETS)) {
      const bytes = await readBuilt(buildDir, name);
      // Kept in memory: a few tens of KiB, sent with Cache-Control and revalidated by the HTTP cache plugin like any
      // read, with its ETag computed once here rather than hashed again on every request.
      const etag = entityTag(bytes);
      app.get(`${DASHBOARD_PREFIX}/${name}`, { schema: { hide: true } }, async (_request, reply) => reply.type(type).header('etag', etag).send(bytes));
    }
  },
  { name: 'dashboard' },
);
