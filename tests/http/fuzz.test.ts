// Property-based fuzzing of every operation in the served OpenAPI document: thousands of requests, valid ones
// generated from the document's schemas and hostile ones (random JSON, mutated bodies, random parameters, unicode
// and malformed path segments). Whatever arrives, the API must never answer 5xx, and every answer must match the
// document (status, media type, body schema), which the test app checks on each response.
//
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run tests/http/fuzz.test.ts
// (FUZZ_RUNS sets the total number of requests; the default keeps the file well under a minute; FUZZ_VERBOSE=1
// prints how each operation answered, to see that valid requests get through and not only refusals).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { describeOperation, loadDocument, operationsOf, slugsOf, unquotedSentences, type Operation } from '../support/api-operations.js';
import { planFor, requestBuilder, type FuzzRequest, type Plan, type Pools } from '../support/request-arbitraries.js';
import { createTestApp } from '../support/test-app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app, conformance } = await createTestApp({ API_KEYS });
const document = await loadDocument(app);

// Reads first, deletes last: deleting (with cascade) early would leave later operations little to work on.
const ORDER: Operation['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const operations = operationsOf(document).sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method));
// Writes get twice the share: they have bodies, headers and state to get wrong.
const shares = operations.map((operation) => (operation.method === 'GET' ? 1 : 2));
const runsPer = (index: number) => Math.max(40, Math.round((TOTAL_RUNS * shares[index]!) / shares.reduce((sum, share) => sum + share, 0)));

const pools: Pools = { slugs: new Map(), cursors: [], texts: new Map() };
for (const collection of new Set(operations.map((operation) => operation.collection))) pools.slugs.set(collection, await slugsOf(app, collection));
// A source's quote must stand in the article verbatim, once, and be quoted by no other source: random text never is.
pools.texts.set('quote', await unquotedSentences(app));
const toRequest = requestBuilder(document, pools);

function show(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : `\n  body: ${JSON.stringify(request.payload.length > 2000 ? `${request.payload.slice(0, 2000)}…` : request.payload)}`;
  return `${request.method} ${request.url}\n  headers: ${JSON.stringify(request.headers)}${payload}`;
}

let sent = 0;

/** Sends one request and checks the answer; throws (with the exact request) on a 5xx or a document mismatch. */
async function exchange(operation: Operation, plan: Plan) {
  const request = toRequest(operation, plan, CURATOR_KEY);
  const response = await app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
  sent += 1;
  const violations = conformance.violations.splice(0);
  const contentType = String(response.headers['content-type'] ?? '');
  const problems: string[] = [...violations];
  // The test app's check skips answers the router gives before any route matches (e.g. a path parameter over its
  // limit); the document must still list them for the operation the client called.
  if (!operation.statuses.includes(String(response.statusCode))) {
    problems.push(`status ${response.statusCode} is not documented for ${describeOperation(operation)} (documented: ${operation.statuses.join(', ')})`);
  }
  if (response.statusCode >= 500) problems.push(`answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
  if (response.statusCode >= 400 && !contentType.startsWith('application/problem+json')) problems.push(`a ${response.statusCode} as '${contentType}', not problem+json`);
  if (response.statusCode >= 400 && contentType.startsWith('application/problem+json') && (response.json() as { status?: number }).status !== response.statusCode) {
    problems.push(`a problem whose status is not the response's: ${response.body.slice(0, 300)}`);
  }
  if (problems.length > 0) throw new Error(`${show(request)}\n→ ${response.statusCode} ${contentType}\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);

  // Keep the pools current so later requests find what earlier ones made and unmade.
  const slugs = pools.slugs.get(operation.collection);
  if (slugs && request.method === 'POST' && response.statusCode === 201) slugs.push((response.json() as { slug: string }).slug);
  if (slugs && request.method === 'DELETE' && response.statusCode === 204) {
    const deleted = slugs.indexOf(decodeURIComponent(request.url.split('?')[0]!.split('/').pop()!));
    if (deleted >= 0) slugs.splice(deleted, 1);
  }
  if (request.method === 'GET' && response.statusCode === 200 && contentType.startsWith('application/json')) {
    const page = (response.json() as { page?: { nextCursor?: string | null; prevCursor?: string | null } }).page;
    for (const cursor of [page?.nextCursor, page?.prevCursor]) if (cursor && pools.cursors.length < 200) pools.cursors.push(cursor);
  }
  return response.statusCode;
}

/** A per-operation seed derived from the file's seed, so each operation's stream differs but reproduces. */
function seedFor(operation: Operation): number {
  let hash = SEED | 0;
  for (const char of operation.operationId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash | 0;
}

describe(`fuzzing every documented operation (FUZZ_SEED=${SEED}, about ${TOTAL_RUNS} requests)`, () => {
  it('covers the vendor writes at least', () => {
    expect(operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['createVendor', 'updateVendor', 'deleteVendor', 'listVendors', 'getVendor']));
  });

  it.each(operations.map((operation, index) => [describeOperation(operation), operation, index] as const))(
    '%s: no 5xx, every answer as documented',
    async (_label, operation, index) => {
      const statuses = new Map<number, number>();
      const seed = seedFor(operation);
      try {
        await fc.assert(
          fc.asyncProperty(planFor(operation, document), async (plan) => {
            const status = await exchange(operation, plan);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }),
          { seed, numRuns: runsPer(index) },
        );
      } catch (error) {
        const cause = (error as Error).cause instanceof Error ? `\nGot: ${((error as Error).cause as Error).message}` : '';
        throw new Error(`Fuzzing ${describeOperation(operation)} failed (FUZZ_SEED=${SEED}, property seed ${seed}):\n${(error as Error).message}${cause}`);
      }
      if (process.env.FUZZ_VERBOSE) console.log(describeOperation(operation), JSON.stringify(Object.fromEntries(statuses)));
      // Valid requests must get through sometimes, or the fuzzer only ever exercises validation.
      const succeeded = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
      expect(succeeded, `${describeOperation(operation)} statuses: ${JSON.stringify(Object.fromEntries(statuses))}`).toBeGreaterThan(0);
    },
    60_000,
  );

  it('answers overlapping requests to every operation without a 5xx (writes queue, reads carry on)', async () => {
    const anyOperation = fc.oneof(...operations.map((operation) => planFor(operation, document).map((plan) => ({ operation, plan }))));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(anyOperation, { minLength: 4, maxLength: 12 }), async (batch) => {
          await Promise.all(batch.map(({ operation, plan }) => exchange(operation, plan)));
        }),
        { seed: SEED, numRuns: Math.max(20, Math.round(TOTAL_RUNS / 60)) },
      );
    } catch (error) {
      const cause = (error as Error).cause instanceof Error ? `\nGot: ${((error as Error).cause as Error).message}` : '';
      throw new Error(`Concurrent fuzzing failed (FUZZ_SEED=${SEED}):\n${(error as Error).message}${cause}`);
    }
  }, 60_000);

  it('sent thousands of requests in all', () => {
    expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL_RUNS, 1000));
  });
});
