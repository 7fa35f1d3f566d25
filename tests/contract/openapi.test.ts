// The OpenAPI document: valid 3.1, generated from the Zod schemas, and complete enough to explore the API with.
import { withoutSharedComponents } from '../support/shared-components.js';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp } from '../support/test-app.js';
import { readDataset } from '../../src/seed/dataset.js';

const { app } = await createTestApp();

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; example?: unknown; schema?: Record<string, unknown> }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

async function fetchDocument() {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  // What each operation says, whole: shared headers and responses inline (the contract test checks the sharing).
  return withoutSharedComponents(response.json()) as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { description?: string; example?: unknown }> };
  };
}

const document = await fetchDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every read endpoint and the write endpoints', () => {
    const documented = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /v1/chips',
        'GET /v1/chips/{slug}',
        'GET /v1/deals',
        'GET /v1/deals/{slug}',
        'GET /v1/funding-rounds',
        'GET /v1/funding-rounds/{slug}',
        'GET /v1/vendors',
        'GET /v1/vendors/{slug}',
        'POST /v1/vendors',
        'PATCH /v1/vendors/{slug}',
        'DELETE /v1/vendors/{slug}',
        'GET /v1/vendors/{slug}/revisions',
      ]),
    );
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
  });

  it.each(operations.map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry.operation] as const))(
    '%s has an id, summary, tag, described parameters and responses',
    (_name, operation) => {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary?.length).toBeGreaterThan(5);
      expect(operation.tags?.length).toBe(1);
      for (const parameter of operation.parameters ?? []) {
        expect(parameter.description, `parameter ${parameter.name}`).toBeTruthy();
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description, `response ${status}`).not.toBe('Default Response');
        expect(response.description.length).toBeGreaterThan(3);
      }
      const errorStatuses = Object.keys(operation.responses).filter((status) => Number(status) >= 400);
      for (const status of errorStatuses) {
        expect(Object.keys(operation.responses[status]!.content ?? {})).toEqual(['application/problem+json']);
      }
    },
  );

  it('documents the request id on every response, beside the headers an operation has of its own', () => {
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect((response as { headers?: Record<string, unknown> }).headers, `${method} ${path} ${status}`).toHaveProperty('X-Request-Id');
      }
    }
    const chipList = document.paths['/v1/chips']!.get!.responses['200'] as { headers?: Record<string, unknown> };
    expect(Object.keys(chipList.headers ?? {})).toEqual(expect.arrayContaining(['Link', 'X-Total-Count', 'ETag', 'X-Request-Id']));
  });

  it('uses shared $ref components that carry descriptions and examples', () => {
    const schemas = document.components.schemas;
    for (const name of ['Chip', 'ChipFields', 'Vendor', 'VendorFields', 'FundingRound', 'Deal', 'Source', 'Money', 'PartialDate', 'Problem']) {
      expect(schemas[name], name).toBeDefined();
      expect(schemas[name]!.description, `${name} description`).toBeTruthy();
    }
    for (const name of ['Chip', 'Vendor', 'FundingRound', 'Deal', 'Source', 'Money', 'PartialDate', 'Problem']) {
      expect(schemas[name]!.example, `${name} example`).toBeDefined();
    }
    const chipList = document.paths['/v1/chips']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(JSON.stringify(chipList)).toContain('#/components/schemas/');
  });

  it('quotes, in its examples, only real sources of the dataset at their real place in the article', async () => {
    const { dataset, documents } = await readDataset('seed');
    const article = documents[0]!.text;
    const quoteOf = new Map(dataset.sources.map((source) => [source.slug, source.quote]));
    const cited: { slug: string; quote: string; startOffset: number }[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(collect);
      if (value === null || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      if (typeof record.quote === 'string' && typeof record.slug === 'string' && typeof record.startOffset === 'number') {
        cited.push(record as (typeof cited)[number]);
      }
      Object.values(record).forEach(collect);
    };
    collect(document);
    expect(cited.length).toBeGreaterThan(3);
    for (const source of cited) {
      expect(quoteOf.get(source.slug), source.slug).toBe(source.quote);
      expect(article.indexOf(source.quote), source.slug).toBe(source.startOffset);
    }
  });

  const getOperations = operations.filter(({ method, path }) => method === 'get' && path.startsWith('/v1/'));
  /** Filters whose example cannot find anything on the seeded data: the article's document has no publisher. */
  // The article names no publisher, and none of its statements is about a single chip.
  const NOTHING_SEEDED = new Set(['/v1/documents?publisher', '/v1/statements?chip', '/v1/statements?chip[in]']);

  it.each(getOperations.map((entry) => [entry.path, entry.operation] as const))(
    'GET %s: every query parameter has an example, and each example alone finds records',
    async (path, operation) => {
      const parameters = operation.parameters ?? [];
      const exampleOf = (parameter: (typeof parameters)[number]) => parameter.example ?? parameter.schema?.example;
      let url = path;
      for (const parameter of parameters.filter((p) => p.in === 'path')) {
        url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(exampleOf(parameter))));
      }
      const queryPair = (parameter: (typeof parameters)[number]) =>
        `${encodeURIComponent(parameter.name)}=${encodeURIComponent(String(exampleOf(parameter)))}`;
      const required = parameters.filter((p) => p.in === 'query' && p.required).map(queryPair);
      // The cursor is opaque: only one the API issued is valid, so it has no example to try alone.
      const queried = parameters.filter((p) => p.in === 'query' && p.name !== 'cursor');
      for (const parameter of queried) {
        const example = exampleOf(parameter);
        expect(example, `${parameter.name} example`).toBeDefined();
        const query = [...new Set([...required, queryPair(parameter)])].join('&');
        const response = await app.inject({ method: 'GET', url: `${url}?${query}` });
        expect(response.statusCode, `${parameter.name}=${String(example)}: ${response.body.slice(0, 300)}`).toBe(200);
        // format=csv answers in CSV: its example is checked for its status only.
        if (!String(response.headers['content-type']).startsWith('application/json')) continue;
        const body = response.json() as { data?: unknown[] };
        // Revisions of seeded records are empty until someone writes; every other list example should show data, but for
        // filters on what the seed's one document leaves empty (NOTHING_SEEDED).
        if (Array.isArray(body.data) && !path.endsWith('/revisions') && !NOTHING_SEEDED.has(`${path}?${parameter.name}`)) {
          expect(body.data.length, `${parameter.name}=${String(example)} finds something`).toBeGreaterThan(0);
        }
      }
    },
  );

  it('gives Swagger UI a copy whose optional parameters carry their examples in words, not as values to send', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    // Inlined as the other checks read the document: a shared parameter is changed once, under components.
    const explorer = withoutSharedComponents(response.json()) as typeof document;
    const chipsList = explorer.paths['/v1/chips']!.get!.parameters!;
    const vendor = chipsList.find((parameter) => parameter.name === 'vendor')!;
    expect(vendor.schema?.example).toBeUndefined();
    expect(vendor.description).toContain('Example: `microsoft`');
    const ifMatch = explorer.paths['/v1/chips/{slug}']!.patch!.parameters!.find((parameter) => parameter.name === 'if-match')!;
    expect(ifMatch.schema?.example).toBeUndefined();
    // Required parameters keep theirs, so the path is filled in with a record that exists.
    const slug = explorer.paths['/v1/chips/{slug}']!.get!.parameters!.find((parameter) => parameter.name === 'slug')!;
    expect(slug.schema?.example).toBe('azure-maia-100');
    // The served document itself is unchanged.
    expect(document.paths['/v1/chips']!.get!.parameters!.find((parameter) => parameter.name === 'vendor')!.schema?.example).toBe('microsoft');
  });

  it('answers the root with links to the documentation and every collection, each of which answers', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    const index = root.json() as { documentation: Record<string, string>; resources: Record<string, string> };
    expect(index.documentation).toEqual({ explorer: '/docs', openapi: '/openapi.json' });
    for (const url of Object.values(index.resources).filter((url) => !url.endsWith('='))) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('swagger');
  });
});
