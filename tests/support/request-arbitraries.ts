// fast-check arbitraries for requests to any operation of the served OpenAPI document: valid ones built from its
// schemas (json-schema-faker for bodies, the parameter schemas and documented vocabularies for query strings) and
// invalid ones (random JSON, mutated valid bodies, random parameters and values, unicode and malformed path
// segments). A generated request is a plain `Plan` (what fast-check prints and shrinks); `toRequest` turns it into
// an `inject` request, resolving "some existing record" picks against the live pools of slugs.
import fc from 'fast-check';
import { generateSync } from 'json-schema-faker';
import {
  concretePath,
  deref,
  findFields,
  referencedCollection,
  refersTo,
  type FieldPath,
  type FoundField,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  forGeneration,
} from './api-operations.js';

/** "The n-th existing record of a collection", resolved when the request is sent. */
export interface Pick {
  pick: number;
  from: string;
}

type Value = string | Pick;

export type BodyPlan =
  | { kind: 'generated'; seed: number; freshSlug: boolean; mutations: Mutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string };

export type Mutation =
  | { op: 'drop'; index: number }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'replace'; index: number; value: unknown }
  | { op: 'replaceDeep'; index: number; value: unknown };

export interface Plan {
  slug?: Value;
  query: [string, Value][];
  /** Appended to the query string as is: malformed encodings and odd shapes. */
  rawQuery?: string;
  authorization?: 'valid' | 'none' | string;
  headers: Record<string, string>;
  body?: BodyPlan;
}

export interface Pools {
  /** Existing slugs per collection (`/v1/vendors` → [...]); kept current as the fuzzer creates and deletes. */
  slugs: Map<string, string[]>;
  /** Cursors the lists have handed out. */
  cursors: string[];
  /** Values for top-level text fields that must match existing text (a source's `quote` must stand in the article). */
  texts: Map<string, string[]>;
}

export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const printableAscii = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

/**
 * Percent-encodes any string, lone surrogates included (as the bytes CESU-8 would give them, which are invalid
 * UTF-8): `encodeURIComponent` throws on those, and a server must cope with whatever bytes arrive.
 */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** Words a parameter's example and description list as its allowed comma-separated values. */
function listedWords(parameter: Parameter): string[] {
  const words = new Set<string>();
  const example = parameter.schema.example;
  if (typeof example === 'string' && example.includes(',')) for (const word of example.split(',')) words.add(word.replace(/^-/, ''));
  const description = parameter.description ?? '';
  for (const match of description.matchAll(/(?:\(|comma-separated:\s*)([A-Za-z][A-Za-z, ]+?)(?:\)|\.)/g)) {
    const items = match[1]!.split(',').map((item) => item.trim());
    if (items.length > 1 && items.every((item) => /^[A-Za-z][A-Za-z0-9]*$/.test(item))) for (const item of items) words.add(item);
  }
  return [...words];
}

const ODD_VALUES = [
  '', ' ', '-1', '0', '1e3', '1.5', 'NaN', 'Infinity', 'null', 'true', '%', '_', '*', "' OR 1=1 --", '\u0000', '\u0007',
  '99999999999999999999', ',', ',,', '-', '--', '2023-02-30', '2023-13', '2023-Q5', 'XYZ', 'usd', 'a'.repeat(600),
  '\u00e9'.normalize('NFD'), '리벨리온', 'ＳＮ４０Ｌ', '\ud800', '\\', '"', '[]', '{}', '__proto__', 'constructor',
];

/** Values a query parameter is documented to accept. */
function validValue(parameter: Parameter, document: OpenApiDocument): fc.Arbitrary<Value> {
  const schema = deref(document, parameter.schema);
  const { name } = parameter;
  if (name === 'cursor') return fc.nat().map((pick) => ({ pick, from: 'cursor' }));
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
    return fc.integer({ min, max }).map(String);
  }
  const words = listedWords(parameter);
  if (words.length > 0) {
    const list = fc.subarray(words, { minLength: 1, maxLength: Math.min(words.length, 4) });
    if (name === 'sort') {
      return list.chain((fields) => fc.tuple(...fields.map((field) => fc.constantFrom(field, `-${field}`))).map((parts) => parts.join(',')));
    }
    return list.map((items) => items.join(','));
  }
  if (typeof schema.pattern === 'string' && schema.pattern.includes('[a-z0-9]+') && !/\d\{4\}/.test(schema.pattern)) {
    // A slug filter: an existing record most of the time.
    const collection = referencedCollection([name.replace(/\[.*$/, '')]);
    return fc.oneof(fc.nat().map((pick): Value => ({ pick, from: collection })), fc.stringMatching(/^[a-z0-9]{1,10}(?:-[a-z0-9]{1,10}){0,2}$/));
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from: fall through to free text.
    }
  }
  const examples = [schema.example, parameter.schema.example].filter((example) => example !== undefined).map(String);
  return fc.oneof(
    ...(examples.length > 0 ? [fc.constantFrom(...examples)] : []),
    fc.string({ unit: 'grapheme', minLength: Math.max(1, Number(schema.minLength ?? 1)), maxLength: Math.min(20, Number(schema.maxLength ?? 20)) }),
  );
}

function anyValue(parameter: Parameter, document: OpenApiDocument): fc.Arbitrary<Value> {
  return fc.oneof(
    { weight: 4, arbitrary: validValue(parameter, document) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
}

const slugSegment = (collection: string): fc.Arbitrary<Value> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((pick): Value => ({ pick, from: collection })) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9]{1,12}(?:-[a-z0-9]{1,12}){0,3}$/) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeLoosely) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map(encodeLoosely) },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
    },
    { weight: 1, arbitrary: fc.integer({ min: 81, max: 260 }).map((length) => 'a'.repeat(length)) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '..', '%2e%2e', '%2F', 'KT', '%20', "x'--", '%25', '%E0%A4%A', '~', '$', 'a--b', '-a', 'a-') },
  );

const MEDIA_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/json-patch+json',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), key: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), fc.constantFrom('id', 'createdAt', 'updatedAt', 'searchText', 'slug', 'roles')), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant('replace' as const), index: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...ODD_VALUES)) }),
  fc.record({ op: fc.constant('replaceDeep' as const), index: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...ODD_VALUES)) }),
);

function bodyPlan(valid: boolean): fc.Arbitrary<BodyPlan> {
  const generated = (mutations: fc.Arbitrary<Mutation[]>) =>
    fc.record({ kind: fc.constant('generated' as const), seed: fc.integer({ min: 0, max: 0x7fffffff }), freshSlug: fc.boolean(), mutations });
  if (valid) return generated(fc.constant([]));
  return fc.oneof(
    { weight: 4, arbitrary: generated(fc.array(mutation, { minLength: 1, maxLength: 3 })) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.string({ unit: 'binary', maxLength: 60 }), contentType: fc.constant('application/json') }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.constantFrom('{"slug":', '{"a":NaN}', '{"a":Infinity}', '[', '{}}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', `${'['.repeat(40)}${']'.repeat(40)}`, '\ufeff{}', '{"a":1,"a":2}', '1e400', '"\\ud800"'),
        contentType: fc.constant('application/json'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.string({ maxLength: 40 }), contentType: fc.constantFrom(...MEDIA_TYPES) }) },
  );
}

/** Requests for `operation`: valid per the document about half the time, hostile otherwise. */
export function planFor(operation: Operation, document: OpenApiDocument): fc.Arbitrary<Plan> {
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const headerNames = new Set(operation.parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name));
  const hasSlug = operation.path.includes('{slug}');

  const validQuery: fc.Arbitrary<[string, Value][]> =
    queryParameters.length === 0
      ? fc.constant([])
      : fc
          .subarray(queryParameters, { maxLength: Math.min(4, queryParameters.length) })
          .chain((chosen) => {
            const required = queryParameters.filter((parameter) => parameter.required && !chosen.includes(parameter));
            const all = [...required, ...chosen];
            return all.length === 0 ? fc.constant([]) : fc.tuple(...all.map((parameter) => validValue(parameter, document).map((value): [string, Value] => [parameter.name, value])));
          });
  const anyQuery: fc.Arbitrary<[string, Value][]> = fc.array(
    fc.oneof(
      ...queryParameters.map((parameter) => anyValue(parameter, document).map((value): [string, Value] => [parameter.name, value])),
      fc.tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom('api_key', '__proto__', 'constructor[prototype]', 'limit[]', 'sort[0]')), fc.string({ unit: 'grapheme', maxLength: 12 })),
    ),
    { maxLength: 5 },
  );

  const headers = (valid: boolean): fc.Arbitrary<Record<string, string>> => {
    const entries: fc.Arbitrary<[string, string] | null>[] = [];
    if (headerNames.has('idempotency-key')) entries.push(fc.option(fc.oneof(fc.uuid().map((key) => `fuzz-${key}`), ...(valid ? [] : [printableAscii(140)])).map((key): [string, string] => ['idempotency-key', key]), { freq: 3 }));
    if (headerNames.has('if-match')) entries.push(fc.option(fc.oneof(fc.constant('*'), printableAscii(40).map((tag) => `"${tag.replaceAll('"', '')}"`), ...(valid ? [] : [printableAscii(40)])).map((tag): [string, string] => ['if-match', tag]), { freq: 3 }));
    if (headerNames.has('if-none-match')) entries.push(fc.option(fc.oneof(fc.constant('*'), printableAscii(40)).map((tag): [string, string] => ['if-none-match', tag]), { freq: 4 }));
    entries.push(
      fc.option(
        fc.constantFrom('application/json', 'text/csv', 'application/x-ndjson', '*/*', 'application/problem+json', 'text/csv;q=0.5, application/json', ...(valid ? [] : ['application/xml', 'text/html', 'image/png', ''])).map((accept): [string, string] => ['accept', accept]),
        { freq: 4 },
      ),
    );
    return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((pair): pair is [string, string] => pair !== null)));
  };

  const authorization = (valid: boolean): fc.Arbitrary<Plan['authorization']> =>
    !operation.secured
      ? fc.constant(undefined)
      : valid
        ? fc.constant('valid' as const)
        : fc.oneof({ weight: 6, arbitrary: fc.constant('valid' as const) }, { weight: 1, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: printableAscii(60) });

  const plan = (valid: boolean): fc.Arbitrary<Plan> =>
    fc.record(
      {
        ...(hasSlug ? { slug: valid ? fc.nat().map((pick): Value => ({ pick, from: operation.collection })) : slugSegment(operation.collection) } : {}),
        query: valid ? validQuery : anyQuery,
        ...(valid ? {} : { rawQuery: fc.option(fc.constantFrom('%E0%A4%A', '%ZZ', '&&&', '=', 'a[b]=c', '%00=%00', '__proto__=1', 'q', '%ED%A0%80=1', 'limit=1&limit=2'), { freq: 6, nil: undefined }) }),
        authorization: authorization(valid),
        headers: headers(valid),
        ...(operation.body ? { body: bodyPlan(valid) } : {}),
      },
    ) as fc.Arbitrary<Plan>;

  return fc.oneof(plan(true), plan(false));
}

/** A small deterministic PRNG for choices a plan's seed makes (which existing record a reference names). */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resolve(value: Value, pools: Pools): string {
  if (typeof value === 'string') return value;
  const pool = value.from === 'cursor' ? pools.cursors : (pools.slugs.get(value.from) ?? []);
  return pool.length === 0 ? 'nothing-to-pick' : pool[value.pick % pool.length]!;
}

/** Replaces every value at `path` (all items where the path crosses an array) with `replace(old)`. */
function replaceAt(value: unknown, path: FieldPath, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path;
  if (typeof head === 'number') return Array.isArray(value) ? value.map((item) => replaceAt(item, rest, replace)) : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !(head! in value)) return value;
  return { ...(value as Record<string, unknown>), [head!]: replaceAt((value as Record<string, unknown>)[head!], rest, replace) };
}

function leafPaths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  const nested = entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
  return nested.length > 0 ? nested : [prefix];
}

function setAt(value: unknown, path: FieldPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? setAt(item, rest, replacement) : item));
  if (value !== null && typeof value === 'object') return { ...(value as Record<string, unknown>), [head!]: setAt((value as Record<string, unknown>)[head!], rest, replacement) };
  return value;
}

/** Turns plans into requests for one document; `freshSlug` numbers new records so they never collide. */
export function requestBuilder(document: OpenApiDocument, pools: Pools) {
  let created = 0;
  const referenceCache = new Map<Operation, FoundField[]>();
  const references = (operation: Operation) => {
    if (!referenceCache.has(operation)) {
      referenceCache.set(
        operation,
        findFields(document, operation.body!, ({ written, path }) => refersTo(written, 'Slug') && !(path.length === 1 && path[0] === 'slug')),
      );
    }
    return referenceCache.get(operation)!;
  };

  function generatedBody(operation: Operation, plan: Extract<BodyPlan, { kind: 'generated' }>): unknown {
    const schema = deref(document, operation.body!);
    let value = generateSync(forGeneration(document, schema) as never, { seed: plan.seed, maxItems: 3, maxLength: 40 }) as Record<string, unknown>;
    const random = mulberry32(plan.seed);
    for (const reference of references(operation)) {
      const pool = pools.slugs.get(referencedCollection(reference.path)) ?? [];
      if (pool.length > 0) value = replaceAt(value, reference.path, () => pool[Math.floor(random() * pool.length)]) as Record<string, unknown>;
    }
    for (const [field, texts] of pools.texts) {
      if (typeof value[field] === 'string' && texts.length > 0 && random() < 0.7) value[field] = texts[Math.floor(random() * texts.length)];
    }
    if (plan.freshSlug && typeof value.slug === 'string') value.slug = `fuzz-${plan.seed.toString(36)}-${(created += 1)}`;
    for (const change of plan.mutations) {
      // A deep replacement of an empty body replaces the body itself, perhaps with null: later changes see no keys.
      const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
      if (change.op === 'add') {
        value = { ...value, [change.key]: change.value };
      } else if (keys.length > 0 && change.op === 'drop') {
        const { [keys[change.index % keys.length]!]: _dropped, ...rest } = value;
        value = rest;
      } else if (keys.length > 0 && change.op === 'replace') {
        value = { ...value, [keys[change.index % keys.length]!]: change.value };
      } else if (change.op === 'replaceDeep') {
        const leaves = leafPaths(value);
        value = setAt(value, leaves[change.index % leaves.length]!, change.value) as Record<string, unknown>;
      }
    }
    return value;
  }

  return function toRequest(operation: Operation, plan: Plan, apiKey: string): FuzzRequest {
    const path = plan.slug === undefined ? operation.path : concretePath(operation.path, resolve(plan.slug, pools));
    const query = plan.query.map(([name, value]) => `${encodeLoosely(name)}=${encodeLoosely(resolve(value, pools))}`);
    if (plan.rawQuery) query.push(plan.rawQuery);
    const headers: Record<string, string> = { ...plan.headers };
    if (plan.authorization === 'valid') headers.authorization = `Bearer ${apiKey}`;
    else if (plan.authorization !== undefined && plan.authorization !== 'none') headers.authorization = plan.authorization;
    let payload: string | undefined;
    if (plan.body) {
      if (plan.body.kind === 'raw') {
        payload = plan.body.text;
        headers['content-type'] = plan.body.contentType;
      } else {
        payload = JSON.stringify(plan.body.kind === 'json' ? plan.body.value : generatedBody(operation, plan.body));
        headers['content-type'] = 'application/json';
      }
      // JSON.stringify(undefined) is undefined: send no body then.
      if (payload === undefined) delete headers['content-type'];
    }
    return { method: operation.method, url: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, ...(payload !== undefined ? { payload } : {}) };
  };
}
