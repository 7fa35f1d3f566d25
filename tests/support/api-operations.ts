// The operations of the API as the served OpenAPI document describes them, and the schema walking that hostile-
// input tests and the fuzzer need: they discover what to attack from the document, so new write routes are
// covered as soon as they are documented.
import { withoutSharedComponents } from './shared-components.js';
import type { FastifyInstance } from 'fastify';
import { ARTICLE_TEXT } from './article.js';

export type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  description?: string;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface RawOperation {
  operationId: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface Operation {
  method: Method;
  /** The document's path template, e.g. `/v1/vendors/{slug}`. */
  path: string;
  operationId: string;
  /** Needs an API key. */
  secured: boolean;
  parameters: Parameter[];
  /** The `application/json` request body schema, if the operation takes one. */
  body?: JsonSchema;
  /** Documented statuses. */
  statuses: string[];
  /** The collection the operation belongs to, e.g. `/v1/vendors` (the path up to its first parameter). */
  collection: string;
}

const METHODS: Method[] = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];

export async function loadDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`);
  // What each operation says, whole: the headers and responses the document shares under components, inline.
  return withoutSharedComponents(response.json() as OpenApiDocument);
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const raw = item[method.toLowerCase()];
      if (!raw) continue;
      operations.push({
        method,
        path,
        operationId: raw.operationId,
        secured: (raw.security ?? []).length > 0,
        parameters: raw.parameters ?? [],
        ...(raw.requestBody?.content?.['application/json']?.schema ? { body: raw.requestBody.content['application/json'].schema } : {}),
        statuses: Object.keys(raw.responses),
        collection: path.split('/{')[0]!,
      });
    }
  }
  return operations;
}

/** Operations that change data. */
export function writeOperations(operations: Operation[]): Operation[] {
  return operations.filter((operation) => operation.method !== 'GET');
}

/** The schema a `$ref` names (one level; components refer to each other by `$ref` too). */
export function deref(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) throw new Error(`Unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A path into a JSON value: object keys, and `0` for "the items of an array". */
export type FieldPath = (string | number)[];

export interface FoundField {
  path: FieldPath;
  /** The schema as written at that place (may be a `$ref`). */
  written: JsonSchema;
  /** The schema with `$ref`s resolved. */
  schema: JsonSchema;
  required: boolean;
}

/**
 * Every place in a request schema (through properties, array items and nullable `anyOf` branches) where
 * `matches` holds. Stops descending into a match.
 */
export function findFields(
  document: OpenApiDocument,
  root: JsonSchema,
  matches: (field: FoundField) => boolean,
): FoundField[] {
  const found: FoundField[] = [];
  const seen = new Set<string>();
  const visit = (written: JsonSchema, path: FieldPath, required: boolean, depth: number) => {
    if (depth > 8) return;
    const schema = deref(document, written);
    const field = { path, written, schema, required };
    if (path.length > 0 && matches(field)) {
      const key = JSON.stringify(path);
      if (!seen.has(key)) {
        seen.add(key);
        found.push(field);
      }
      return;
    }
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
      if (deref(document, branch).type !== 'null') visit(branch, path, required, depth + 1);
    }
    if (schema.properties) {
      for (const [key, property] of Object.entries(schema.properties)) {
        visit(property, [...path, key], (schema.required ?? []).includes(key), depth + 1);
      }
    }
    if (schema.items) visit(schema.items, [...path, 0], required, depth + 1);
  };
  visit(root, [], true, 0);
  return found;
}

/** How the API names a body field in `errors[].name`: a dotted path. */
export function fieldName(path: FieldPath): string {
  return path.join('.');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of `body` with `value` at `path`, creating the objects and one-item arrays on the way. */
export function withValueAt(body: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const items = Array.isArray(body) && body.length > 0 ? [...body] : [undefined];
    items[head] = withValueAt(items[head], rest, value);
    return items;
  }
  const object = isObject(body) ? { ...body } : {};
  object[head!] = withValueAt(object[head!], rest, value);
  return object;
}

/** A deep copy of `body` without the field at `path`. */
export function withoutField(body: unknown, path: FieldPath): unknown {
  if (path.length === 0 || !isObject(body) && !Array.isArray(body)) return body;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (isObject(body)) {
      const { [String(head)]: _removed, ...others } = body;
      return others;
    }
    return body;
  }
  if (Array.isArray(body)) return body.map((item, index) => (index === head ? withoutField(item, rest) : item));
  return { ...body, [head!]: withoutField(body[String(head)], rest) };
}

export function valueAt(body: unknown, path: FieldPath): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Free text: a string with no pattern, vocabulary or format, as every `safeText` field is documented. */
export function isFreeText(schema: JsonSchema): boolean {
  return schema.type === 'string' && !schema.pattern && !schema.enum && !schema.format && schema.const === undefined;
}

/** Whether a schema (as written) points at the named component (`Slug` → `SlugInput`). */
export function refersTo(written: JsonSchema, component: string): boolean {
  return written.$ref === `#/components/schemas/${component}Input` || written.$ref === `#/components/schemas/${component}`;
}

/** The collection a reference field most likely points into, by its name (`sources`, `parent`, `chip`, …). */
export function referencedCollection(path: FieldPath): string {
  const name = String([...path].reverse().find((key) => typeof key === 'string') ?? '').toLowerCase();
  if (name.includes('source')) return '/v1/sources';
  if (name.includes('chip')) return '/v1/chips';
  if (name.includes('round')) return '/v1/funding-rounds';
  if (name.includes('deal')) return '/v1/deals';
  return '/v1/vendors';
}

/** The path template with `{slug}` (or any parameter) filled in. */
export function concretePath(template: string, slug: string): string {
  return template.replace(/\{[^}]+\}/g, slug);
}

/** Every slug of a collection, from its NDJSON export (which streams them all). */
export async function slugsOf(app: FastifyInstance, collection: string): Promise<string[]> {
  const response = await app.inject({ method: 'GET', url: `${collection}?format=ndjson&fields=slug` });
  if (response.statusCode !== 200) return [];
  return response.body
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { slug: string }).slug);
}

export function describeOperation(operation: Operation): string {
  return `${operation.method} ${operation.path} (${operation.operationId})`;
}

/** The documented operation a request reaches (path templates match any one segment per parameter). */
export function operationFor(operations: Operation[], method: string, url: string): Operation | undefined {
  const segments = url.split('?')[0]!.split('/');
  return operations.find((operation) => {
    if (operation.method !== method) return false;
    const template = operation.path.split('/');
    return template.length === segments.length && template.every((part, index) => part.startsWith('{') || part === segments[index]);
  });
}

/**
 * Sentences of the article a new source may quote: each stands in the article once, and no source quotes it yet
 * (the API refuses a repeated passage and a passage another source quotes).
 */
export async function unquotedSentences(app: FastifyInstance): Promise<string[]> {
  const response = await app.inject({ method: 'GET', url: '/v1/sources?format=ndjson&fields=quote' });
  const quoted = new Set(response.body.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { quote: string }).quote));
  const sentences = ARTICLE_TEXT.match(/[^.\n]+\./g) ?? [];
  const once = (text: string) => ARTICLE_TEXT.indexOf(text) === ARTICLE_TEXT.lastIndexOf(text);
  return [...new Set(sentences.map((sentence) => sentence.trim()))].filter((sentence) => sentence.length > 10 && once(sentence) && !quoted.has(sentence));
}

/** Longest string a generated body asks json-schema-faker for, whatever the schema allows. */
const GENERATED_MAX_LENGTH = 1000;

/**
 * `schema` with its components, every `maxLength` above GENERATED_MAX_LENGTH lowered to it: json-schema-faker works
 * in proportion to a string's allowed length even when asked for short strings, and a document's text may be
 * 64 Mi characters long (seconds per body).
 */
export function forGeneration(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const clamp = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clamp);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, key === 'maxLength' && typeof child === 'number' ? Math.min(child, GENERATED_MAX_LENGTH) : clamp(child)]),
    );
  };
  return clamp({ ...schema, components: document.components }) as JsonSchema;
}
