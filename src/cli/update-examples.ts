// `npm run openapi:update`, first step: records the operations' example answers on the seeded article data into
// src/http/recorded-examples.ts (src/cli/response-examples.ts says which). The second step, src/cli/update-contract.ts,
// runs in a process of its own so that the document it renders carries the examples just written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RECORDED_EXAMPLES } from '../http/recorded-examples.js';
import { RECORDED_EXAMPLES_FILE, recordExamplesOnSeededData, renderRecordedExamples } from './response-examples.js';

const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-examples-'));
try {
  const examples = await recordExamplesOnSeededData(scratchDir);
  const text = renderRecordedExamples(examples, RECORDED_EXAMPLES);
  await writeFile(RECORDED_EXAMPLES_FILE, text);
  process.stdout.write(`${RECORDED_EXAMPLES_FILE}: ${examples.length} examples, ${Math.round(Buffer.byteLength(JSON.stringify(examples)) / 1024)} KiB\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await rm(scratchDir, { recursive: true, force: true });
}
