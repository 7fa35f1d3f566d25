// Hostile input against every write operation the served OpenAPI document lists (and the reads where the same
// attack applies): each is refused with the right, documented 4xx as problem+json naming the field or parameter at
// fault; afterwards no write was committed anywhere in the database and the record attacked reads the same. The
// operations, their fields and the kinds of field to attack (free text, integers, amounts, currencies, partial
// dates, references) are read from the document, so write routes are attacked as soon as they are documented.
import net from 'node:net';
import { z } from 'zod';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateSync } from 'json-schema-faker';
import { loadConfig } from '../../src/config.js';
import { AmountInputSchema } from '../../src/records/input.js';
import {
  concretePath,
  deref,
  describeOperation,
  fieldName,
  findFields,
  isFreeText,
  loadDocument,
  operationFor,
  operationsOf,
  referencedCollection,
  refersTo,
  slugsOf,
  unquotedSentences,
  valueAt,
  withoutField,
  withValueAt,
  writeOperations,
  type FieldPath,
  type FoundField,
  type Operation,
  forGeneration,
} from '../support/api-operations.js';
import { fingerprintReader } from '../support/data-fingerprint.js';
import { createTestApp } from '../support/test-app.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
// The smallest document text the configuration allows, so that a document's body limit (twice the text, and room for
// its metadata) is under OVERSIZED as every other body's is.
const { app, database } = await createTestApp({ API_KEYS, DOCUMENT_TEXT_MAX_BYTES: 1024 });
const fingerprint = await fingerprintReader(database);
const document = await loadDocument(app);
const operations = operationsOf(document);
const writes = writeOperations(operations);
const bodyWrites = writes.filter((operation) => operation.body);
const creates = bodyWrites.filter((operation) => operation.method === 'POST');
/** Reads that take query parameters and document refusing bad ones (not /health). */
const queryReads = operations.filter(
  (operation) => operation.method === 'GET' && !operation.path.includes('{') && operation.statuses.includes('400') && operation.path !== '/health',
);
/** The lists of records: paged reads. */
const lists = queryReads.filter((operation) => operation.parameters.some((p) => p.name === 'cursor'));
/** Reads that search text: `q` and `…[contains]` parameters. */
const searches = queryReads.filter((operation) => operation.parameters.some((p) => p.name === 'q'));
const slugRoutes = operations.filter((operation) => operation.parameters.some((p) => p.in === 'path' && p.name === 'slug'));

const BEARER = `Bearer ${CURATOR_KEY}`;
const JSON_HEADERS = { authorization: BEARER, 'content-type': 'application/json' };
/** Larger than the default body limit (64 KiB). */
const OVERSIZED = 70 * 1024;
const AMOUNT_PATTERN = (z.toJSONSchema(AmountInputSchema) as { pattern: string }).pattern;
const currencies = deref(document, { $ref: '#/components/schemas/CurrencyInput' }).enum ?? [];

let freshCounter = 0;
const fresh = (stem = 'hostile') => `${stem}-${(freshCounter += 1)}`;

// ---------------------------------------------------------------------------------------------------------------
// What each operation is attacked through: an existing record, and a body the API accepts, so every refusal below
// is due to the one defect the case adds.

const collections = [...new Set([...writes, ...lists].map((operation) => operation.collection))];
const freshQuotes = await unquotedSentences(app);
const existingSlugs = new Map<string, string[]>();
for (const collection of collections) existingSlugs.set(collection, await slugsOf(app, collection));
/** The record PATCH and DELETE cases aim at: the first of its collection. */
const targetOf = (operation: Operation) => existingSlugs.get(operation.collection)?.[0] ?? 'no-records-to-attack';

function urlOf(operation: Operation): string {
  return operation.path.includes('{') ? concretePath(operation.path, targetOf(operation)) : operation.path;
}

/** The documented example of the body, else a body generated from its schema with real references. */
function baselineBody(operation: Operation): Record<string, unknown> {
  const schema = deref(document, operation.body!);
  const body = structuredClone(exampleOf(operation));
  if (operation.method === 'POST' && 'slug' in (schema.properties ?? {})) body.slug = fresh();
  // A new source quotes a passage no other source quotes: one of its own for each baseline.
  if (operation.method === 'POST' && typeof body.quote === 'string') body.quote = freshQuotes.shift() ?? body.quote;
  // A new document holds a text no other document holds: two equal texts are one document.
  if (operation.method === 'POST' && typeof body.text === 'string') body.text = `${body.text}(${String(body.slug)})\n`;
  return body;
}

const examples = new Map<Operation, Record<string, unknown>>();
function exampleOf(operation: Operation): Record<string, unknown> {
  const known = examples.get(operation);
  if (known) return known;
  const schema = deref(document, operation.body!);
  let body = structuredClone(schema.example) as Record<string, unknown> | undefined;
  if (!body) {
    body = generateSync(forGeneration(document, schema) as never, { seed: 1, optionalsProbability: 0, maxItems: 2, maxLength: 20 }) as Record<string, unknown>;
    for (const reference of findFields(document, operation.body!, isReference)) {
      const known = existingSlugs.get(referencedCollection(reference.path))?.[0];
      if (known && valueAt(body, reference.path) !== undefined) body = withValueAt(body, reference.path, known) as Record<string, unknown>;
    }
  }
  examples.set(operation, body);
  return body;
}

/**
 * Fields of the body matching `matches`, where the baseline has the object holding them: a field inside an array
 * item or object the baseline leaves out would be refused for its missing siblings, not for the value under test.
 */
const fields = (operation: Operation, matches: (field: FoundField) => boolean) =>
  operation.body ? findFields(document, operation.body, matches).filter((field) => reachable(exampleOf(operation), field.path)) : [];

function reachable(value: unknown, path: FieldPath): boolean {
  for (let depth = 0; depth < path.length; depth += 1) {
    const container = valueAt(value, path.slice(0, depth));
    const key = path[depth];
    const fits = typeof key === 'number' ? Array.isArray(container) && container.length > key : typeof container === 'object' && container !== null && !Array.isArray(container);
    if (!fits) return false;
  }
  return true;
}
const topLevel = (found: FoundField[]) => found.filter((field) => field.path.length === 1);
const textFields = (operation: Operation) => fields(operation, ({ schema }) => isFreeText(schema));
const integerFields = (operation: Operation) => fields(operation, ({ schema }) => schema.type === 'integer');
const amountFields = (operation: Operation) => fields(operation, ({ schema }) => schema.pattern === AMOUNT_PATTERN);
const currencyFields = (operation: Operation) =>
  fields(operation, ({ written, schema }) => refersTo(written, 'Currency') || (currencies.length > 0 && JSON.stringify(schema.enum) === JSON.stringify(currencies)));
const dateFields = (operation: Operation) => fields(operation, ({ written }) => refersTo(written, 'PartialDateValue'));
const enumFields = (operation: Operation) =>
  fields(operation, ({ schema, written }) => Array.isArray(schema.enum) && !refersTo(written, 'Currency'));
const arrayFields = (operation: Operation) => topLevel(fields(operation, ({ schema }) => schema.type === 'array'));
function isReference({ written, path }: FoundField): boolean {
  return refersTo(written, 'Slug') && !(path.length === 1 && path[0] === 'slug');
}
const referenceFields = (operation: Operation) => fields(operation, isReference);
/** The field a reference error names: the array itself, not its item. */
function referenceName(path: FieldPath): string {
  const item = path.findIndex((key) => typeof key === 'number');
  return fieldName(item < 0 ? path : path.slice(0, item));
}

// ---------------------------------------------------------------------------------------------------------------
// Sending an attack and checking the refusal.

interface Attack {
  method: Operation['method'];
  url: string;
  headers?: Record<string, string | string[]>;
  payload?: string | Buffer;
}

interface Refusal {
  status: number | number[];
  code?: string;
  /** Fields or parameters `errors` must name (a name may be more specific, e.g. `founders.0.name` for `founders`). */
  names?: { location: 'body' | 'query' | 'params' | 'headers'; name: string }[];
  /** Text `detail` must contain (for problems about no single field). */
  mentions?: string;
}

interface Case extends Refusal {
  kind: string;
  attack: Attack;
}

const body = (value: unknown) => JSON.stringify(value);
/** A JSON text with `raw` spliced in as the value at `path` (for what JSON.stringify cannot write). */
/** A JSON key spelled with its first letter as a \\u escape: the same key to a parser, not to a text compare. */
function escapedFirstLetter(key: string): string {
  return `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}`;
}

function rawAt(value: unknown, path: FieldPath, raw: string): string {
  const marker = '__raw_value_marker__';
  const text = JSON.stringify(withValueAt(value, path, marker));
  expect(text).toContain(`"${marker}"`);
  return text.replace(`"${marker}"`, raw);
}

/**
 * What a refused request must leave alone: every table (row counts and content digests, which covers every list)
 * and the representation of the record attacked.
 */
async function observable(url: string) {
  const [path = ''] = url.split('?');
  const [, version, resource, slug] = path.split('/');
  let detail: string | null = null;
  if (slug && /^[a-z0-9-]{1,80}$/.test(slug)) {
    const read = await app.inject({ method: 'GET', url: `/${version}/${resource}/${slug}` });
    // A problem's requestId differs per request; its status says enough.
    detail = read.statusCode === 200 ? read.body : String(read.statusCode);
  }
  return { tables: await fingerprint(), detail };
}

function checkProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, refusal: Refusal, label: string) {
  const statuses = [refusal.status].flat();
  expect(statuses, `${label}: status ${response.statusCode}, body ${response.body.slice(0, 500)}`).toContain(response.statusCode);
  expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.body) as { status: number; code: string; detail: string; errors?: { location: string; name: string }[] };
  expect(problem.status).toBe(response.statusCode);
  if (refusal.code) expect(problem.code, label).toBe(refusal.code);
  for (const expected of refusal.names ?? []) {
    const named = (problem.errors ?? []).some(
      (error) =>
        error.location === expected.location &&
        (error.name === expected.name || error.name.startsWith(`${expected.name}.`) || (expected.name === '' && error.name === '')),
    );
    expect(named, `${label}: errors should name ${expected.location} '${expected.name}', got ${JSON.stringify(problem.errors)}`).toBe(true);
    expect(problem.detail, label).toContain(expected.name);
  }
  if (refusal.mentions) expect(problem.detail, label).toContain(refusal.mentions);
  return problem;
}

async function expectRefused(attack: Attack, refusal: Refusal) {
  const label = `${attack.method} ${attack.url.slice(0, 200)}`;
  const before = await observable(attack.url);
  const response = await app.inject({
    method: attack.method,
    url: attack.url,
    ...(attack.headers ? { headers: attack.headers } : {}),
    ...(attack.payload !== undefined ? { payload: attack.payload } : {}),
  });
  const problem = checkProblem(response, refusal, label);
  // The test app's document check skips answers the router gives before a route matches (a path parameter over
  // its limit); the document must still list them for the operation the client called.
  const operation = operationFor(operations, attack.method, attack.url);
  if (operation) expect(operation.statuses, `${label}: ${response.statusCode} must be documented for ${describeOperation(operation)}`).toContain(String(response.statusCode));
  expect(await observable(attack.url), `${label} must change nothing`).toEqual(before);
  return { response, problem };
}

const runCase = ({ attack, kind: _kind, ...refusal }: Case) => expectRefused(attack, refusal);

// ---------------------------------------------------------------------------------------------------------------
// The cases.

/**
 * A change another curator could make to `current`: another value of its first vocabulary field (free text may be
 * constrained beyond its schema, e.g. a source's quote must stand in the article), else new free text.
 */
function changeOf(patch: Operation, current: Record<string, unknown>): Record<string, unknown> {
  // Not a deal's kind: it decides which roles the parties may have, so changing it alone may be refused.
  const vocabularies = topLevel(enumFields(patch));
  const vocabulary = vocabularies.find((field) => field.path[0] !== 'kind') ?? vocabularies[0];
  if (vocabulary) {
    const name = String(vocabulary.path[0]);
    return { [name]: vocabulary.schema.enum!.find((value) => value !== current[name]) };
  }
  const text = topLevel(textFields(patch))[0];
  expect(text, `${describeOperation(patch)} has no field to change`).toBeDefined();
  return { [String(text!.path[0])]: `Changed by someone else ${fresh('edit')}` };
}

/** Malformed and unacceptable bodies, for any operation that takes one. */
function bodyCases(operation: Operation): Case[] {
  const url = urlOf(operation);
  const baseline = baselineBody(operation);
  const send = (payload: string | Buffer, headers: Record<string, string> = JSON_HEADERS): Attack => ({ method: operation.method, url, headers, payload });
  const field = (name: string) => ({ location: 'body' as const, name });
  const baselineText = body(baseline);
  const repeatable = Object.keys(baseline)[0]!;
  const cases: Case[] = [
    { kind: 'malformed JSON (cut off)', attack: send('{"name": "Broken'), status: 400, code: 'invalid_json' },
    { kind: 'malformed JSON (trailing comma)', attack: send(baselineText.replace(/}$/, ',}')), status: 400, code: 'invalid_json' },
    { kind: 'malformed JSON (single quotes)', attack: send(baselineText.replaceAll('"', "'")), status: 400, code: 'invalid_json' },
    { kind: 'malformed JSON (trailing garbage)', attack: send(`${baselineText} {}`), status: 400, code: 'invalid_json' },
    { kind: 'JSON with a comment', attack: send(`/* hi */ ${baselineText}`), status: 400, code: 'invalid_json' },
    { kind: 'NaN (not JSON)', attack: send(rawAt(baseline, ['hostileNumber'], 'NaN')), status: 400, code: 'invalid_json' },
    { kind: 'Infinity (not JSON)', attack: send(rawAt(baseline, ['hostileNumber'], 'Infinity')), status: 400, code: 'invalid_json' },
    { kind: '-Infinity (not JSON)', attack: send(rawAt(baseline, ['hostileNumber'], '-Infinity')), status: 400, code: 'invalid_json' },
    { kind: 'wrong content type (text/plain)', attack: send(baselineText, { authorization: BEARER, 'content-type': 'text/plain' }), status: 415, code: 'unsupported_media_type' },
    {
      kind: 'wrong content type (form-encoded)',
      attack: send('slug=x&name=y', { authorization: BEARER, 'content-type': 'application/x-www-form-urlencoded' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      kind: 'wrong content type (multipart)',
      attack: send('--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n', { authorization: BEARER, 'content-type': 'multipart/form-data; boundary=b' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      kind: 'wrong content type (a JSON look-alike)',
      attack: send(baselineText, { authorization: BEARER, 'content-type': 'application/json-patch+json' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    { kind: 'a body without a content type', attack: send(baselineText, { authorization: BEARER }), status: 415, code: 'unsupported_media_type' },
    {
      kind: 'a gzip-compressed body',
      attack: send(gzipSync(Buffer.from(baselineText)), { ...JSON_HEADERS, 'content-encoding': 'gzip' }),
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      kind: 'a plain body labelled as compressed',
      attack: send(baselineText, { ...JSON_HEADERS, 'content-encoding': 'br' }),
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      kind: 'JSON declared in another charset (UTF-16)',
      attack: send(baselineText, { authorization: BEARER, 'content-type': 'application/json; charset=utf-16' }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      kind: 'invalid UTF-8 bytes in the body',
      attack: send(Buffer.concat([Buffer.from(baselineText.slice(0, -1)), Buffer.from(',"x":"\xff\xfe"}', 'latin1')])),
      status: 400,
      code: 'invalid_encoding',
    },
    { kind: 'empty body sent as JSON', attack: send(''), status: 400, code: 'empty_body' },
    { kind: 'no body at all', attack: { method: operation.method, url, headers: { authorization: BEARER } }, status: 400, names: [field('')] },
    { kind: 'a JSON array instead of an object', attack: send('[]'), status: 400, code: 'invalid_request', names: [field('')] },
    { kind: 'JSON null instead of an object', attack: send('null'), status: 400, code: 'invalid_request', names: [field('')] },
    { kind: 'a JSON string instead of an object', attack: send('"hello"'), status: 400, code: 'invalid_request', names: [field('')] },
    {
      kind: 'oversized body',
      attack: send(body({ ...baseline, padding: 'x'.repeat(OVERSIZED) })),
      status: 413,
      code: 'body_too_large',
    },
    {
      kind: 'deep nesting (33 levels)',
      attack: send(rawAt(baseline, ['nested'], `${'['.repeat(32)}${']'.repeat(32)}`)),
      status: 400,
      code: 'body_too_deep',
    },
    {
      kind: 'deep nesting (5,000 levels)',
      attack: send(rawAt(baseline, ['nested'], `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)),
      status: 400,
      code: 'body_too_deep',
    },
    { kind: 'a key given twice', attack: send(`{"${repeatable}":${JSON.stringify(baseline[repeatable])},${baselineText.slice(1)}`), status: 400, code: 'duplicate_key' },
    {
      kind: 'a key given twice, once escaped',
      attack: send(`{"${escapedFirstLetter(repeatable)}":${JSON.stringify(baseline[repeatable])},${baselineText.slice(1)}`),
      status: 400,
      code: 'duplicate_key',
    },
    { kind: '__proto__ key', attack: send(`{"__proto__":{"isAdmin":true},${baselineText.slice(1)}`), status: 400, code: 'forbidden_key' },
    { kind: 'nested __proto__ key', attack: send(rawAt(baseline, ['extra'], '{"__proto__":{"polluted":1}}')), status: 400, code: 'forbidden_key' },
    {
      kind: 'constructor.prototype keys',
      attack: send(`{"constructor":{"prototype":{"isAdmin":true}},${baselineText.slice(1)}`),
      status: 400,
      code: 'forbidden_key',
    },
    { kind: 'unknown field', attack: send(body({ ...baseline, colour: 'red' })), status: 400, code: 'invalid_request', names: [field('colour')] },
    { kind: 'id in the body', attack: send(body({ ...baseline, id: 1 })), status: 400, names: [field('id')] },
    {
      kind: 'timestamps in the body',
      attack: send(body({ ...baseline, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2020-01-01T00:00:00Z' })),
      status: 400,
      names: [field('createdAt'), field('updatedAt')],
    },
    { kind: 'stored-only column in the body', attack: send(body({ ...baseline, searchText: 'x' })), status: 400, names: [field('searchText')] },
  ];

  if (operation.method === 'PATCH') {
    cases.push(
      { kind: 'an empty change', attack: send('{}'), status: 400, code: 'invalid_request' },
      { kind: 'a slug change', attack: send(body({ ...baseline, slug: 'renamed-record' })), status: 400, names: [field('slug')] },
    );
  }

  const schema = deref(document, operation.body!);
  if (operation.method === 'POST') {
    for (const required of schema.required ?? []) {
      cases.push({ kind: `missing required field '${required}'`, attack: send(body(withoutField(baseline, [required]))), status: 400, names: [field(required)] });
      const property = deref(document, schema.properties?.[required] ?? {});
      if (!JSON.stringify(property).includes('"null"')) {
        cases.push({ kind: `null for required field '${required}'`, attack: send(body({ ...baseline, [required]: null })), status: 400, names: [field(required)] });
      }
    }
    if (schema.properties?.slug) {
      const slugCases: [string, string][] = [
        ['NFD slug', 'cafe\u0301-atlas'],
        ['NFC non-ASCII slug', 'café-atlas'],
        ['upper-case slug', 'Upper-Case'],
        ['slug with SQL', "x' OR '1'='1"],
        ['slug over 80 characters', 'a'.repeat(81)],
        ['empty slug', ''],
      ];
      for (const [kind, slug] of slugCases) cases.push({ kind, attack: send(body({ ...baseline, slug })), status: 400, names: [field('slug')] });
    }
  }

  const texts = textFields(operation);
  const text = topLevel(texts)[0] ?? texts[0];
  if (text) {
    const name = fieldName(text.path);
    const over = (text.schema.maxLength ?? 50_000) + 1;
    cases.push(
      { kind: `lone surrogate in '${name}'`, attack: send(rawAt(baseline, text.path, '"bad \\ud800 text"')), status: 400, names: [field(name)] },
      { kind: `lone low surrogate in '${name}'`, attack: send(rawAt(baseline, text.path, '"\\udfff"')), status: 400, names: [field(name)] },
      { kind: `NUL byte in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'nul\u0000byte'))), status: 400, names: [field(name)] },
      { kind: `control character in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'bell\u0007'))), status: 400, names: [field(name)] },
      { kind: `escape sequence in '${name}'`, attack: send(body(withValueAt(baseline, text.path, '\u001b[31mred'))), status: 400, names: [field(name)] },
      { kind: `DEL character in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'del\u007f'))), status: 400, names: [field(name)] },
      { kind: `C1 control (NEL) in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'next\u0085line'))), status: 400, names: [field(name)] },
      { kind: `bidirectional override in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'abc\u202Edcb'))), status: 400, names: [field(name)] },
      { kind: `blank '${name}' (only spaces)`, attack: send(body(withValueAt(baseline, text.path, '   '))), status: 400, names: [field(name)] },
      { kind: `blank '${name}' (only invisible characters)`, attack: send(body(withValueAt(baseline, text.path, '\u200B\u3164\u2800'))), status: 400, names: [field(name)] },
      { kind: `noncharacter in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'non\uFFFFcharacter'))), status: 400, names: [field(name)] },
      { kind: `private-use character in '${name}'`, attack: send(body(withValueAt(baseline, text.path, 'private\u{F0000}use'))), status: 400, names: [field(name)] },
      { kind: `very long '${name}' (${over} characters)`, attack: send(body(withValueAt(baseline, text.path, 'x'.repeat(over)))), status: 400, names: [field(name)] },
      { kind: `number for text '${name}'`, attack: send(body(withValueAt(baseline, text.path, 12345))), status: 400, names: [field(name)] },
      { kind: `object for text '${name}'`, attack: send(body(withValueAt(baseline, text.path, { en: 'x' }))), status: 400, names: [field(name)] },
      { kind: `empty '${name}'`, attack: send(body(withValueAt(baseline, text.path, ''))), status: 400, names: [field(name)] },
    );
  }
  for (const array of arrayFields(operation).slice(0, 2)) {
    const name = fieldName(array.path);
    cases.push({ kind: `string for array '${name}'`, attack: send(body(withValueAt(baseline, array.path, 'not-a-list'))), status: 400, names: [field(name)] });
  }
  for (const integer of integerFields(operation).slice(0, 2)) {
    const name = fieldName(integer.path);
    const valid = Number(integer.schema.minimum ?? 1);
    cases.push(
      { kind: `number as a string in '${name}'`, attack: send(body(withValueAt(baseline, integer.path, String(valid)))), status: 400, names: [field(name)] },
      { kind: `fraction in integer '${name}'`, attack: send(body(withValueAt(baseline, integer.path, valid + 0.5))), status: 400, names: [field(name)] },
      { kind: `huge integer in '${name}'`, attack: send(rawAt(baseline, integer.path, '123456789012345678901234567890')), status: 400, names: [field(name)] },
      { kind: `1e400 in '${name}'`, attack: send(rawAt(baseline, integer.path, '1e400')), status: 400, names: [field(name)] },
      { kind: `boolean for integer '${name}'`, attack: send(body(withValueAt(baseline, integer.path, true))), status: 400, names: [field(name)] },
    );
  }
  for (const amount of amountFields(operation)) {
    const name = fieldName(amount.path);
    cases.push(
      { kind: `negative amount in '${name}'`, attack: send(body(withValueAt(baseline, amount.path, '-5'))), status: 400, names: [field(name)] },
      { kind: `negative number for amount '${name}'`, attack: send(body(withValueAt(baseline, amount.path, -5))), status: 400, names: [field(name)] },
      { kind: `amount '${name}' as a JSON number`, attack: send(body(withValueAt(baseline, amount.path, 110000000))), status: 400, names: [field(name)] },
      { kind: `fractional amount in '${name}'`, attack: send(body(withValueAt(baseline, amount.path, '1.5'))), status: 400, names: [field(name)] },
      { kind: `huge amount in '${name}'`, attack: send(body(withValueAt(baseline, amount.path, `1${'0'.repeat(30)}`))), status: 400, names: [field(name)] },
      { kind: `amount with a unit in '${name}'`, attack: send(body(withValueAt(baseline, amount.path, '110M'))), status: 400, names: [field(name)] },
    );
  }
  for (const currency of currencyFields(operation)) {
    const name = fieldName(currency.path);
    cases.push(
      { kind: `unknown currency in '${name}'`, attack: send(body(withValueAt(baseline, currency.path, 'XYZ'))), status: 400, names: [field(name)] },
      { kind: `lower-case currency in '${name}'`, attack: send(body(withValueAt(baseline, currency.path, 'usd'))), status: 400, names: [field(name)] },
    );
  }
  for (const date of dateFields(operation)) {
    const name = fieldName(date.path);
    const invalid: [string, unknown, string][] = [
      ['month 13', { value: '2023-13' }, name],
      ['30 February', { value: '2023-02-30' }, name],
      ['31 April', { value: '2023-04-31' }, name],
      ['quarter 5', { value: '2023-Q5' }, name],
      ['two-digit year', { value: '23-09' }, name],
      ['a timestamp', { value: '2023-09-14T10:00:00Z' }, name],
      ['an unknown precision field', { value: '2023', precision: 'day' }, `${name}.precision`],
      ['an unknown qualifier', { value: '2023-09', qualifier: 'around' }, `${name}.qualifier`],
      ['a bare string', '2023-09', name],
    ];
    for (const [what, value, named] of invalid) {
      cases.push({ kind: `invalid date in '${name}': ${what}`, attack: send(body(withValueAt(baseline, date.path, value))), status: 400, names: [field(named)] });
    }
  }
  for (const vocabulary of enumFields(operation).slice(0, 3)) {
    const name = fieldName(vocabulary.path);
    cases.push({ kind: `unknown value of '${name}'`, attack: send(body(withValueAt(baseline, vocabulary.path, 'no-such-value'))), status: 400, names: [field(name)] });
  }
  for (const reference of referenceFields(operation)) {
    const name = referenceName(reference.path);
    cases.push({
      kind: `reference to nothing in '${name}'`,
      attack: send(body(withValueAt(baseline, reference.path, 'no-such-record-anywhere'))),
      status: 400,
      names: [field(name)],
    });
  }
  return cases;
}

/** A new record of `collection`, created with its create operation's baseline body, for tests that may delete it. */
async function disposableRecord(collection: string): Promise<string> {
  const create = creates.find((operation) => operation.path === collection);
  if (!create) return existingSlugs.get(collection)![0]!;
  const response = await app.inject({ method: 'POST', url: collection, headers: JSON_HEADERS, payload: body(baselineBody(create)) });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { slug: string }).slug;
}

/** Who may write: the key, only in the Authorization header, in the Bearer scheme. */
function authCases(operation: Operation): Case[] {
  const url = urlOf(operation);
  const payload = operation.body ? body(baselineBody(operation)) : undefined;
  const headers = (authorization?: string): Record<string, string> => ({
    ...(authorization !== undefined ? { authorization } : {}),
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
  });
  const attack = (authorization?: string, query = ''): Attack => ({ method: operation.method, url: `${url}${query}`, headers: headers(authorization), ...(payload !== undefined ? { payload } : {}) });
  const unauthorized = { status: 401, code: 'unauthorized' };
  return [
    { kind: 'missing Authorization header', attack: attack(), ...unauthorized, mentions: 'Authorization' },
    { kind: 'wrong key', attack: attack('Bearer not-the-key-0123456789abcdef'), ...unauthorized },
    { kind: 'the key with one character changed', attack: attack(`Bearer ${CURATOR_KEY.slice(0, -1)}X`), ...unauthorized },
    { kind: 'the key without a scheme', attack: attack(CURATOR_KEY), ...unauthorized },
    { kind: 'the key as Basic credentials', attack: attack(`Basic ${Buffer.from(`curator:${CURATOR_KEY}`).toString('base64')}`), ...unauthorized },
    { kind: 'an empty Bearer token', attack: attack('Bearer '), ...unauthorized },
    { kind: 'two keys in one header', attack: attack(`${BEARER} ${BEARER}`), ...unauthorized },
    { kind: 'the key in another scheme', attack: attack(`Token ${CURATOR_KEY}`), ...unauthorized },
    {
      kind: 'the key in the query string (api_key)',
      attack: attack(undefined, `?api_key=${CURATOR_KEY}`),
      status: [400, 401],
    },
    {
      kind: 'the key in the query string (access_token)',
      attack: attack(undefined, `?access_token=${CURATOR_KEY}`),
      status: [400, 401],
    },
  ];
}

/** Path parameters the router or the slug schema must refuse. */
function pathCases(operation: Operation): Case[] {
  const slugParameter = { location: 'params' as const, name: 'slug' };
  const send = (slug: string): Attack => ({
    method: operation.method,
    url: concretePath(operation.path, slug),
    headers: operation.body ? JSON_HEADERS : { authorization: BEARER },
    ...(operation.body ? { payload: body(baselineBody(operation)) } : {}),
  });
  return [
    { kind: 'path parameter of 101 characters', attack: send('a'.repeat(101)), status: 400, names: [slugParameter] },
    { kind: 'path parameter of 250 characters', attack: send('a'.repeat(250)), status: 414 },
    { kind: 'upper-case path parameter', attack: send('KT'), status: 400, names: [slugParameter] },
    { kind: 'unicode path parameter', attack: send(encodeURIComponent('리벨리온')), status: 400, names: [slugParameter] },
    { kind: 'NFD path parameter', attack: send(encodeURIComponent('cafe\u0301')), status: 400, names: [slugParameter] },
    { kind: 'SQL in a path parameter', attack: send(encodeURIComponent("x' OR '1'='1")), status: 400, names: [slugParameter] },
    { kind: 'LIKE wildcard as a path parameter', attack: send('%25'), status: 400, names: [slugParameter] },
    { kind: 'NUL in a path parameter', attack: send('kt%00'), status: 400, names: [slugParameter] },
    { kind: 'encoded slash in a path parameter', attack: send('..%2F..%2Fhealth'), status: 400, names: [slugParameter] },
    { kind: 'malformed percent-encoding in a path parameter', attack: send('%E0%A4%A'), status: 400 },
  ];
}

// ---------------------------------------------------------------------------------------------------------------

describe('the operations under attack', () => {
  it('come from the served document and include at least the vendor writes', () => {
    const ids = writes.map((operation) => operation.operationId);
    expect(ids).toEqual(expect.arrayContaining(['createVendor', 'updateVendor', 'deleteVendor']));
    expect(lists.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['listVendors', 'listChips', 'listFundingRounds', 'listDeals']));
    for (const operation of writes) expect(operation.secured, describeOperation(operation)).toBe(true);
  });

  it.each(creates.map((operation) => [describeOperation(operation), operation] as const))('%s accepts its baseline body', async (_label, operation) => {
    const baseline = baselineBody(operation);
    const before = await observable(operation.path);
    const response = await app.inject({ method: 'POST', url: operation.path, headers: JSON_HEADERS, payload: body(baseline) });
    expect(response.statusCode, response.body).toBe(201);
    // The "changes nothing" checks below can fail: an accepted write shows up in the fingerprint.
    const after = await observable(operation.path);
    expect(after.tables.commits).not.toBe(before.tables.commits);
    expect(after.tables.rows).not.toEqual(before.tables.rows);
  });

  it.each(bodyWrites.filter((operation) => operation.method === 'PATCH').map((operation) => [describeOperation(operation), operation] as const))(
    '%s accepts its baseline change',
    async (_label, operation) => {
      const response = await app.inject({ method: 'PATCH', url: urlOf(operation), headers: JSON_HEADERS, payload: body(baselineBody(operation)) });
      expect(response.statusCode, response.body).toBe(200);
    },
  );
});

describe.each(bodyWrites.map((operation) => [describeOperation(operation), operation] as const))('bad bodies: %s', (_label, operation) => {
  it.each(bodyCases(operation).map((testCase) => [testCase.kind, testCase] as const))('%s', async (_kind, testCase) => {
    await runCase(testCase);
  });
});

describe.each(writes.map((operation) => [describeOperation(operation), operation] as const))('credentials: %s', (_label, operation) => {
  it.each(authCases(operation).map((testCase) => [testCase.kind, testCase] as const))('%s', async (_kind, testCase) => {
    const { response } = await runCase(testCase);
    if (response.statusCode === 401) expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('a duplicated Authorization header (over real HTTP, where Node keeps only the first)', async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const payload = operation.body ? body(baselineBody(operation)) : '';
    // A record of its own: if the header is wrongly honoured, the damage stays out of other tests' way.
    const url = operation.path.includes('{') ? concretePath(operation.path, await disposableRecord(operation.collection)) : operation.path;
    for (const pair of [
      [BEARER, 'Bearer not-the-key-0123456789abcdef'],
      ['Bearer not-the-key-0123456789abcdef', BEARER],
      [BEARER, BEARER],
    ]) {
      const before = await observable(url);
      const raw = await rawHttp(
        port,
        [
          `${operation.method} ${url} HTTP/1.1`,
          'Host: localhost',
          ...pair.map((value) => `Authorization: ${value}`),
          ...(payload ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`] : []),
          'Connection: close',
          '',
          payload,
        ].join('\r\n'),
      );
      checkProblem(raw, { status: [400, 401] }, `${operation.method} ${url} with Authorization twice (${pair.map((v) => (v === BEARER ? 'valid' : 'wrong')).join(', ')})`);
      expect(await observable(url)).toEqual(before);
    }
  });
});

describe.each(slugRoutes.map((operation) => [describeOperation(operation), operation] as const))('path parameters: %s', (_label, operation) => {
  it.each(pathCases(operation).map((testCase) => [testCase.kind, testCase] as const))('%s', async (_kind, testCase) => {
    await runCase(testCase);
  });
});

describe.each(creates.map((operation) => [describeOperation(operation), operation] as const))('Idempotency-Key: %s', (_label, operation) => {
  it('refuses a reused key with another body (422) and creates nothing', async () => {
    const key = `reuse-${fresh('key')}-0000`;
    const first = baselineBody(operation);
    const created = await app.inject({ method: 'POST', url: operation.path, headers: { ...JSON_HEADERS, 'idempotency-key': key }, payload: body(first) });
    expect(created.statusCode, created.body).toBe(201);
    const other = baselineBody(operation);
    const { problem } = await expectRefused(
      { method: 'POST', url: operation.path, headers: { ...JSON_HEADERS, 'idempotency-key': key }, payload: body(other) },
      { status: 422, code: 'idempotency_key_reused' },
    );
    expect(problem.detail).toMatch(/Idempotency-Key/);
    if (typeof other.slug === 'string') expect((await app.inject({ method: 'GET', url: `${operation.path}/${other.slug}` })).statusCode).toBe(404);
  });

  it.each([
    ['too short', 'short'],
    ['with spaces', 'key with spaces 0001'],
    ['over 128 characters', 'k'.repeat(129)],
  ])('refuses a key %s (400 naming the header)', async (_what, key) => {
    await expectRefused(
      { method: 'POST', url: operation.path, headers: { ...JSON_HEADERS, 'idempotency-key': key }, payload: body(baselineBody(operation)) },
      { status: 400, names: [{ location: 'headers', name: 'idempotency-key' }] },
    );
  });
});

describe.each(writes.filter((operation) => operation.path.includes('{slug}')).map((operation) => [describeOperation(operation), operation] as const))(
  'If-Match: %s',
  (_label, operation) => {
    const patch = bodyWrites.find((candidate) => candidate.method === 'PATCH' && candidate.path === operation.path);

    it('refuses a stale entity tag (412) and changes nothing', async () => {
      const url = urlOf(operation);
      const read = await app.inject({ method: 'GET', url });
      expect(read.statusCode).toBe(200);
      const stale = read.headers.etag as string | undefined;
      expect(stale, 'GET must send an ETag to make If-Match usable').toMatch(/^"/);
      // Someone else changes the record after it was read.
      expect(patch, `no PATCH beside ${describeOperation(operation)} to change the record with`).toBeDefined();
      const changed = await app.inject({ method: 'PATCH', url, headers: JSON_HEADERS, payload: body(changeOf(patch!, read.json())) });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.headers.etag).not.toBe(stale);
      await expectRefused(
        {
          method: operation.method,
          url,
          headers: { ...(operation.body ? JSON_HEADERS : { authorization: BEARER }), 'if-match': stale! },
          ...(operation.body ? { payload: body(baselineBody(operation)) } : {}),
        },
        { status: 412, code: 'precondition_failed' },
      );
    });

    it('refuses an If-Match header over 1,000 characters (400 naming it)', async () => {
      await expectRefused(
        {
          method: operation.method,
          url: urlOf(operation),
          headers: { ...(operation.body ? JSON_HEADERS : { authorization: BEARER }), 'if-match': `"${'a'.repeat(1001)}"` },
          ...(operation.body ? { payload: body(baselineBody(operation)) } : {}),
        },
        { status: 400, names: [{ location: 'headers', name: 'if-match' }] },
      );
    });
  },
);

describe.each(writes.filter((operation) => operation.method === 'DELETE').map((operation) => [describeOperation(operation), operation] as const))(
  'delete parameters: %s',
  (_label, operation) => {
    it.each([
      ['cascade=maybe', 'cascade'],
      ['cascade=TRUE', 'cascade'],
      ['cascade=true&cascade=true', 'cascade'],
      ['force=true', 'force'],
    ])('?%s → 400 naming %s', async (query, name) => {
      await expectRefused(
        { method: 'DELETE', url: `${urlOf(operation)}?${query}`, headers: { authorization: BEARER } },
        { status: 400, names: [{ location: 'query', name }] },
      );
    });
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Reads: the same hostile values in query parameters.

function readCases(operation: Operation): Case[] {
  const parameter = (name: string) => ({ location: 'query' as const, name });
  // Required parameters get their documented example, so each case has one defect only.
  const required = operation.parameters.filter((p) => p.in === 'query' && p.required);
  const get = (query: string): Attack => {
    const given = new Set(query.split('&').map((pair) => decodeURIComponent(pair.split('=')[0]!)));
    const base = required.filter((p) => !given.has(p.name)).map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.schema.example ?? 'x'))}`);
    return { method: 'GET', url: `${operation.path}?${[...base, query].join('&')}` };
  };
  const cases: Case[] = [];
  const has = (name: string) => operation.parameters.some((p) => p.in === 'query' && p.name === name);
  if (has('sort')) {
    for (const [kind, value] of [
      ['SQL in sort', 'name; DROP TABLE "Vendor"'],
      ['SQL comment in sort', 'name--'],
      ['LIKE wildcard in sort', '%'],
      ['unknown sort field', 'price'],
      ['sort by a stored-only column', 'searchText'],
      ['sort by id', 'id'],
      ['empty sort field', 'name,'],
      ['sort field twice', 'slug,-slug'],
    ] as const) {
      cases.push({ kind, attack: get(`sort=${encodeURIComponent(value)}`), status: 400, names: [parameter('sort')] });
    }
  }
  if (has('limit')) {
    cases.push(
      { kind: 'the same parameter twice', attack: get('limit=1&limit=2'), status: 400, names: [parameter('limit')] },
      { kind: 'huge integer limit', attack: get('limit=99999999999999999999'), status: 400, names: [parameter('limit')] },
      { kind: 'negative limit', attack: get('limit=-1'), status: 400, names: [parameter('limit')] },
      { kind: 'NaN limit', attack: get('limit=NaN'), status: 400, names: [parameter('limit')] },
      { kind: 'Infinity limit', attack: get('limit=Infinity'), status: 400, names: [parameter('limit')] },
    );
  }
  cases.push(
    { kind: 'unknown parameter', attack: get('colour=red'), status: 400, names: [parameter('colour')] },
    { kind: 'an API key in the query string', attack: get(`api_key=${CURATOR_KEY}`), status: 400, names: [parameter('api_key')] },
    { kind: '__proto__ as a query parameter', attack: get('__proto__=1'), status: 400, names: [parameter('__proto__')] },
    { kind: '__proto__ with brackets in the query', attack: get('__proto__[admin]=1'), status: 400, names: [parameter('__proto__[admin]')] },
    { kind: 'constructor.prototype through the query', attack: get('constructor[prototype][admin]=1'), status: 400, names: [parameter('constructor[prototype][admin]')] },
  );
  if (has('q')) {
    cases.push(
      { kind: 'search text over 100 characters', attack: get(`q=${'x'.repeat(101)}`), status: 400, names: [parameter('q')] },
      { kind: 'empty search text', attack: get('q='), status: 400, names: [parameter('q')] },
    );
  }
  for (const p of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    const name = encodeURIComponent(p.name);
    if (p.schema.pattern === '^\\d{1,18}$') {
      cases.push(
        { kind: `negative amount in ${p.name}`, attack: get(`${name}=-5`), status: 400, names: [parameter(p.name)] },
        { kind: `huge amount in ${p.name}`, attack: get(`${name}=1${'0'.repeat(30)}`), status: 400, names: [parameter(p.name)] },
        { kind: `fractional amount in ${p.name}`, attack: get(`${name}=1.5`), status: 400, names: [parameter(p.name)] },
      );
    }
    if (p.schema.enum?.includes('USD')) {
      cases.push({ kind: `unknown currency in ${p.name}`, attack: get(`${name}=XYZ`), status: 400, names: [parameter(p.name)] });
    }
    if (p.name.endsWith('[in]') && p.description?.includes('Any of these')) {
      cases.push({ kind: `unknown value in the list ${p.name}`, attack: get(`${name}=${encodeURIComponent(`${String(p.schema.example).split(',')[0]},no-such-value`)}`), status: 400, names: [parameter(p.name)] });
    }
    if (typeof p.schema.pattern === 'string' && p.schema.pattern.startsWith('^\\d{4}')) {
      for (const [what, value] of [
        ['month 13', '2023-13'],
        ['30 February', '2023-02-30'],
        ['quarter 5', '2023-Q5'],
        ['a word', 'yesterday'],
        ['a timestamp', '2023-09-14T00:00:00Z'],
      ]) {
        cases.push({ kind: `invalid date in ${p.name}: ${what}`, attack: get(`${name}=${encodeURIComponent(value!)}`), status: 400, names: [parameter(p.name)] });
      }
    }
    if (p.schema.type === 'integer' && p.name !== 'limit') {
      cases.push(
        { kind: `huge integer in ${p.name}`, attack: get(`${name}=123456789012345678901234567890`), status: 400, names: [parameter(p.name)] },
        { kind: `fraction in integer ${p.name}`, attack: get(`${name}=2023.5`), status: 400, names: [parameter(p.name)] },
        { kind: `exponent in integer ${p.name}`, attack: get(`${name}=2e3`), status: 400, names: [parameter(p.name)] },
      );
    }
  }
  return cases;
}

describe.each(queryReads.map((operation) => [describeOperation(operation), operation] as const))('bad query parameters: %s', (_label, operation) => {
  it.each(readCases(operation).map((testCase) => [testCase.kind, testCase] as const))('%s', async (_kind, testCase) => {
    await runCase(testCase);
  });
});

describe.each(searches.map((operation) => [describeOperation(operation), operation] as const))(
  'search text is matched literally: %s',
  (_label, operation) => {
    const textParameters = operation.parameters.filter((p) => p.in === 'query' && (p.name === 'q' || p.name.endsWith('[contains]')));

    async function search(parameter: string, value: string) {
      return app.inject({ method: 'GET', url: `${operation.path}?${encodeURIComponent(parameter)}=${encodeURIComponent(value)}` });
    }

    /** The start of the first record's name (or title, or quote): text the search must find. */
    async function knownWord(): Promise<string> {
      // A list searches its own records; a search across records finds companies too.
      const list = lists.some((candidate) => candidate.path === operation.path) ? operation.path : '/v1/vendors';
      const first = (await app.inject({ method: 'GET', url: `${list}?limit=1` })).json().data[0] as Record<string, unknown> | undefined;
      expect(first, 'a list with no records cannot show what search finds').toBeDefined();
      const company = first!.company as { name?: unknown } | undefined;
      const text = [first!.name, first!.title, company?.name, first!.quote].find((value): value is string => typeof value === 'string');
      expect(text, `no name, title or quote in ${JSON.stringify(first)}`).toBeDefined();
      return text!.slice(0, 4);
    }

    it('finds records by a word of their name (so the cases below can fail)', async () => {
      const word = await knownWord();
      const response = await search('q', word);
      expect(response.statusCode).toBe(200);
      expect(response.json().data.length).toBeGreaterThan(0);
    });

    it.each([
      ['SQL injection', "' OR 1=1 --"],
      ['SQL injection with a quote and a semicolon', '"; DROP TABLE "Vendor"; --'],
      ['LIKE wildcard %', '%'],
      ['LIKE wildcard _', '_'],
      ['LIKE escape', '\\%'],
      ['GLOB wildcard', '*'],
    ])('%s matches nothing instead of everything', async (_kind, value) => {
      for (const parameter of textParameters) {
        const before = await fingerprint();
        const response = await search(parameter.name, value);
        expect(response.statusCode, `${parameter.name}=${value}`).toBe(200);
        expect(response.json().data, `${parameter.name}=${value}`).toEqual([]);
        expect(await fingerprint()).toEqual(before);
      }
    });

    it('a NUL, a control character, a lone surrogate or invalid UTF-8 is refused or matches nothing', async () => {
      const word = await knownWord();
      for (const raw of [`${encodeURIComponent(word)}%00zzzz`, `${encodeURIComponent(word)}%07zzzz`, '%ED%A0%80', `${encodeURIComponent(word)}%FFzzzz`, '%E0%A4%A']) {
        const response = await app.inject({ method: 'GET', url: `${operation.path}?q=${raw}` });
        expect([200, 400], `q=${raw}: ${response.body.slice(0, 200)}`).toContain(response.statusCode);
        if (response.statusCode === 200) expect(response.json().data, `q=${raw}`).toEqual([]);
        else expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Unicode normalisation: text is stored NFC, so two spellings that differ only in normalisation are one name.

describe.each(creates.map((operation) => [describeOperation(operation), operation] as const))('normalisation: %s', (_label, operation) => {
  it('stores text sent in NFD as NFC', async () => {
    const baseline = baselineBody(operation);
    const decomposable = textFields(operation).filter((field) => {
      const value = valueAt(baseline, field.path);
      return typeof value === 'string' && value.normalize('NFD') !== value;
    });
    let sent: Record<string, unknown> = baseline;
    if (decomposable.length === 0) {
      // No non-ASCII text in the example: give the first free-text field some.
      const text = topLevel(textFields(operation))[0];
      expect(text, 'a create operation with no free-text field to normalise').toBeDefined();
      decomposable.push(text!);
      sent = withValueAt(sent, text!.path, 'Café 리벨리온') as Record<string, unknown>;
    }
    const expected = structuredClone(sent);
    for (const field of decomposable) sent = withValueAt(sent, field.path, (valueAt(sent, field.path) as string).normalize('NFD')) as Record<string, unknown>;
    const response = await app.inject({ method: 'POST', url: operation.path, headers: JSON_HEADERS, payload: body(sent) });
    expect(response.statusCode, response.body).toBe(201);
    const stored = (await app.inject({ method: 'GET', url: response.headers.location as string })).json();
    for (const field of decomposable) {
      const value = valueAt(stored, field.path);
      expect(value, fieldName(field.path)).toBe(valueAt(expected, field.path));
      expect((value as string).normalize('NFC')).toBe(value);
    }
  });
});

describe('vendor names that differ only in normalisation', () => {
  it('are stored as the same NFC text and found by either spelling', async () => {
    const nfc = 'Caf\u00e9 Hostile Atlas';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const sources = ['rebellions-korean-startup-joins-competition'];
    const composed = await app.inject({ method: 'POST', url: '/v1/vendors', headers: JSON_HEADERS, payload: body({ slug: 'cafe-nfc', name: nfc, kind: 'startup', sources }) });
    const decomposed = await app.inject({ method: 'POST', url: '/v1/vendors', headers: JSON_HEADERS, payload: body({ slug: 'cafe-nfd', name: nfd, kind: 'startup', sources }) });
    expect([composed.statusCode, decomposed.statusCode]).toEqual([201, 201]);
    expect(decomposed.json().name).toBe(nfc);
    for (const spelling of [nfc, nfd]) {
      const found = await app.inject({ method: 'GET', url: `/v1/vendors?q=${encodeURIComponent(spelling)}` });
      expect(found.json().data.map((vendor: { slug: string }) => vendor.slug).sort()).toEqual(['cafe-nfc', 'cafe-nfd']);
    }
  });

  it('refuses a line break in a single-line name but keeps one in a description', async () => {
    const sources = ['rebellions-korean-startup-joins-competition'];
    await expectRefused(
      { method: 'POST', url: '/v1/vendors', headers: JSON_HEADERS, payload: body({ slug: 'two-lines', name: 'two\nlines', kind: 'startup', sources }) },
      { status: 400, names: [{ location: 'body', name: 'name' }] },
    );
    const multiline = await app.inject({
      method: 'POST',
      url: '/v1/vendors',
      headers: JSON_HEADERS,
      payload: body({ slug: 'two-lines', name: 'Two Lines', description: 'first\nsecond', kind: 'startup', sources }),
    });
    expect(multiline.statusCode).toBe(201);
    expect(multiline.json().description).toBe('first\nsecond');
  });
});

/** One HTTP/1.1 exchange over a raw socket, for requests `inject` cannot express (a header sent twice). */
function rawHttp(port: number, request: string): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const response = Buffer.concat(chunks);
      const headEnd = response.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = response.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      let rest = response.subarray(headEnd + 4);
      const parts: Buffer[] = [];
      if (headers['transfer-encoding'] === 'chunked') {
        for (;;) {
          const lineEnd = rest.indexOf('\r\n');
          const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
          if (!size) break;
          parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
          rest = rest.subarray(lineEnd + 2 + size + 2);
        }
      } else {
        parts.push(rest);
      }
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body: Buffer.concat(parts).toString('utf8') });
    });
  });
}
