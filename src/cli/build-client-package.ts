// `npm run build` writes dist/client/ as a package of its own, `ai-chip-atlas-client`: the typed client's JavaScript
// and declarations, and a manifest whose one dependency is openapi-fetch. Another app (a Vite frontend, a script)
// installs it from that folder (`npm install ../ai-chip-atlas/dist/client`) without taking in the service and
// its dependencies, as installing this repository would.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const service = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

export const CLIENT_PACKAGE_NAME = 'ai-chip-atlas-client';

const manifest = {
  name: CLIENT_PACKAGE_NAME,
  version: service.version,
  description: 'Typed client of the AI Chip Atlas API, generated from its OpenAPI document.',
  type: 'module',
  exports: { '.': { types: './index.d.ts', default: './index.js' } },
  types: './index.d.ts',
  main: './index.js',
  sideEffects: false,
  dependencies: { 'openapi-fetch': service.dependencies['openapi-fetch'] },
};

writeFileSync(path.join(root, 'dist', 'client', 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
