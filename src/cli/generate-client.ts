// `npm run client`: regenerates the typed client's types (src/client/api-types.ts) from the OpenAPI document the
// service serves. The app is built in this process and asked for /openapi.json, so no server needs to run. Run it
// after any change to a schema that shows in the document; tests/client.test.ts fails until then.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLIENT_TYPES_FILE, renderClientTypes, servedDocument } from './client-types.js';

const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-client-'));
try {
  const types = await renderClientTypes(await servedDocument(scratchDir));
  await writeFile(CLIENT_TYPES_FILE, types);
  process.stdout.write(`${CLIENT_TYPES_FILE}: ${types.split('\n').length} lines from the served document\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await rm(scratchDir, { recursive: true, force: true });
}
