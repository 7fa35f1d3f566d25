// `npm run openapi:update`: writes the contract, docs/openapi.json, from the OpenAPI document the service serves, then
// the typed client's types (src/client/api-types.ts) from that file. The app is built in this process and asked for
// /openapi.json, so no server needs to run. Run it after any change that shows in the document, and commit both
// files: the change then shows in review as a diff of the contract. tests/contract/contract.test.ts fails until then.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLIENT_TYPES_FILE, CONTRACT_FILE, readContract, renderClientTypes, renderContract, servedDocument } from './contract.js';

const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-contract-'));
try {
  const contract = renderContract(await servedDocument(scratchDir));
  await writeFile(CONTRACT_FILE, contract);
  process.stdout.write(`${CONTRACT_FILE}: ${Math.round(Buffer.byteLength(contract) / 1024)} KiB, the served document\n`);
  const types = await renderClientTypes(await readContract());
  await writeFile(CLIENT_TYPES_FILE, types);
  process.stdout.write(`${CLIENT_TYPES_FILE}: ${types.split('\n').length} lines from ${CONTRACT_FILE}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await rm(scratchDir, { recursive: true, force: true });
}
