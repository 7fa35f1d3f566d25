// The document's examples are true. Success answers: each is what the service answers on the article data to the
// request it names, and fits the schema of the answers it illustrates. Problems: each is what the service answers to the request its `instance` names,
// provoked here and compared field by field (all but the request id). Every problem response of every operation
// refers to an example of each code it stands for, and every example is one the document's codes allow.
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { recordExamples, withoutVolatileFields } from '../../src/cli/response-examples.js';
import { loadConfig } from '../../src/config.js';
import { RECORDED_EXAMPLES } from '../../src/http/recorded-examples.js';
import { PROBLEM_EXAMPLES } from '../../src/http/problem-examples.js';
import { PROBLEM_CODES, type ProblemCode } from '../../src/http/problem.js';
import { loadDocument } from '../support/api-operations.js';
import { lastBody, rawExchange } from '../support/raw-http.js';
import { createTestApp } from '../support/test-app.js';
import { ARTICLE_DOCUMENT, ARTICLE_TEXT } from '../support/article.js';

const KEY = 'problem-examples-key-0123456789ab';
const { app } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${KEY}` }).API_KEYS });
const readOnly = await createTestApp();
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
const json = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

type Provoke = () => Promise<Record<string, unknown>>;
const inject = (options: InjectOptions, on = app): Provoke => async () => (await on.inject(options)).json();
const raw = (head: string): Provoke => async () => lastBody((await rawExchange(port, { head, giveUpAfterMs: 5000 })).received) as Record<string, unknown>;
const create = (url: string, body: unknown, headers: Record<string, string> = json) => inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });

/** The request behind each example the service can be made to answer here. */
const PROVOKED: Partial<Record<ProblemCode, Provoke>> = {
  invalid_request: inject({ url: '/v1/chips?designer=microsoft' }),
  bad_request: raw('GET /v1/chips HTTP/1.1\r\nConnection: close\r\n\r\n'),
  invalid_encoding: inject({ url: '/v1/chips?q=%ff' }),
  invalid_json: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: '{' }),
  empty_body: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: '' }),
  body_too_deep: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: `${'['.repeat(40)}${']'.repeat(40)}` }),
  forbidden_key: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: '{"__proto__":{"x":1}}' }),
  duplicate_key: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: '{"name":"a","name":"b"}' }),
  unauthorized: create('/v1/vendors', {}, { 'content-type': 'application/json' }),
  writes_disabled: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: '{}' }, readOnly.app),
  not_found: inject({ url: '/v1/chips/azure-maia100' }),
  method_not_allowed: inject({ method: 'PUT', url: '/v1/chips/azure-maia-100' }),
  slug_taken: create('/v1/chips', { slug: 'azure-maia-100', name: 'Fictional', kind: 'gpu', designer: 'microsoft', sources: ['microsoft-unveils-two-chips-at-ignite'] }),
  quote_taken: create('/v1/sources', { slug: 'fictional-second-citation', quote: '마이아 100 GPU는 2024년 초 마이크로소프트 데이터센터에 들어간다.', stance: 'fact' }),
  source_cited: inject({ method: 'PATCH', url: '/v1/sources/atom-runs-kt-npu-infrastructure', headers: json, payload: JSON.stringify({ quote: '리벨리온은 데이터센터용 AI 반도체' }) }),
  has_dependents: inject({ method: 'DELETE', url: '/v1/vendors/rebellions', headers: { authorization: json.authorization } }),
  would_orphan: inject({ method: 'DELETE', url: '/v1/sources/huawei-a100-class-chip-reported?cascade=true', headers: { authorization: json.authorization } }),
  precondition_failed: inject({ method: 'PATCH', url: '/v1/chips/azure-maia-100', headers: { ...json, 'if-match': '"stale"' }, payload: '{"description":"Fictional."}' }),
  body_too_large: inject({ method: 'POST', url: '/v1/vendors', headers: json, payload: `{"a":"${'x'.repeat(70_000)}"}` }),
  path_parameter_too_long: inject({ url: `/v1/chips/${'a'.repeat(250)}` }),
  unsupported_media_type: inject({ method: 'POST', url: '/v1/vendors', headers: { authorization: json.authorization, 'content-type': 'text/plain' }, payload: 'hello' }),
  unsupported_content_encoding: inject({ method: 'POST', url: '/v1/vendors', headers: { ...json, 'content-encoding': 'gzip' }, payload: '{}' }),
  expectation_failed: inject({ url: '/v1/chips', headers: { expect: 'unicorns' } }),
  asterisk_form_target: raw('GET * HTTP/1.1\r\nHost: atlas\r\nConnection: close\r\n\r\n'),
  text_taken: create('/v1/documents', { slug: 'fictional-copy', title: 'A fictional copy', kind: 'other', language: 'ko', text: ARTICLE_TEXT }),
  document_cited: inject({ method: 'PATCH', url: `/v1/documents/${ARTICLE_DOCUMENT}`, headers: json, payload: JSON.stringify({ text: 'A fictional correction.' }) }),
  // One byte past the default DOCUMENT_TEXT_MAX_BYTES (2 MiB).
  text_too_large: create('/v1/documents', { slug: 'fictional-large', title: 'A fictional large text', kind: 'other', language: 'en', text: 'a'.repeat(2 * 1024 * 1024 + 1) }),
};

describe('problem examples', () => {
  it.each(Object.entries(PROVOKED) as [ProblemCode, Provoke][])('%s: the example is what the service answers', async (code, provoke) => {
    const { requestId: _id, ...answered } = await provoke();
    const { ...example } = PROBLEM_EXAMPLES[code];
    expect(answered).toMatchObject({ type: 'about:blank', ...example });
    expect(Object.keys(answered).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type', ...Object.keys(example).filter((key) => !['code', 'detail', 'instance', 'status'].includes(key))].sort());
  });

  it('idempotency_key_reused: the example is what the service answers', async () => {
    const body = (slug: string) => ({ slug, name: `Fictional ${slug}`, kind: 'startup', sources: ['microsoft-a-systems-company'] });
    await create('/v1/vendors', body('fictional-first-use'), { ...json, 'idempotency-key': 'example-key-0001' })();
    const { requestId: _id, ...answered } = await create('/v1/vendors', body('fictional-other-use'), { ...json, 'idempotency-key': 'example-key-0001' })();
    expect(answered).toMatchObject(PROBLEM_EXAMPLES.idempotency_key_reused);
  });

  it('has one example for every code, with that code, a status it is sent with, and a problem a client could receive', () => {
    expect(Object.keys(PROBLEM_EXAMPLES).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
    for (const [code, example] of Object.entries(PROBLEM_EXAMPLES)) {
      expect(example.code).toBe(code);
      expect(example.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('every problem response of every operation refers to an example of each code it stands for', async () => {
    const document = (await loadDocument(app)) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, { $ref: string }> }> }> }>>;
      components: { examples: Record<string, { value: { code: string; status: number } }> };
    };
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const media = response.content?.['application/problem+json'];
          if (!media) continue;
          const references = Object.values(media.examples ?? {});
          expect(references.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          for (const { $ref } of references) {
            const example = document.components.examples[$ref.replace('#/components/examples/', '')];
            expect(example?.value.status, `${method} ${path} ${status} → ${$ref}`).toBe(Number(status));
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // A detail's 404 is a 404, a 400 of a list its own: the example is no longer one 404 for everything.
    const chip = document.paths['/v1/chips/{slug}']!.get!.responses;
    expect(Object.keys(chip['400']!.content!['application/problem+json']!.examples!)).toContain('invalid_request');
    expect(Object.keys(chip['404']!.content!['application/problem+json']!.examples!)).toEqual(['not_found']);
  });
});

describe('record examples', () => {
  it.each([
    ['Chip', '/v1/chips', 'sambanova-sn40l'],
    ['Vendor', '/v1/vendors', 'rebellions'],
    ['FundingRound', '/v1/funding-rounds', 'd-matrix-series-b-2023'],
    ['Deal', '/v1/deals', 'amazon-acquires-annapurna-labs'],
  ])('the %s example is the record as served, its source passages included', async (schema, path, slug) => {
    const document = (await loadDocument(app)) as unknown as { components: { schemas: Record<string, { example?: Record<string, unknown> }> } };
    const example = document.components.schemas[schema]!.example!;
    expect(example.slug).toBe(slug);
    // The relations the example shows, and no others.
    const relations = ['partners', 'specs', 'deployments', 'chips', 'chipPartnerships', 'fundingRounds', 'investments', 'deals', 'metrics', 'investors', 'parties'];
    const include = relations.filter((relation) => relation in example).join(',');
    const served = (await app.inject(`${path}/${slug}?include=${include}`)).json();
    expect(example).toEqual(served);
    expect((example.sources as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('the examples of success responses', () => {
  const document = loadDocument(readOnly.app).then((loaded) => loaded as unknown as {
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { examples?: Record<string, { $ref?: string }> }> }> }>>;
    components: { examples: Record<string, { value: unknown }> };
  });

  it('shows one on every operation that answers 200 or 201 with JSON, naming an example that is there', async () => {
    const { paths, components } = await document;
    const operations = Object.values(paths).flatMap((byMethod) => Object.values(byMethod));
    const withJson = operations.filter((operation) => (operation.responses['200'] ?? operation.responses['201'])?.content?.['application/json']);
    expect(withJson.length).toBeGreaterThan(30);
    for (const operation of withJson) {
      const examples = (operation.responses['200'] ?? operation.responses['201'])!.content!['application/json']!.examples ?? {};
      expect(Object.keys(examples), operation.operationId).toHaveLength(1);
      const [ref] = Object.values(examples).map((example) => example.$ref);
      expect(components.examples, `${operation.operationId}: ${ref}`).toHaveProperty([ref!.split('/').at(-1)!]);
    }
    // And every operation an example is meant for exists: a renamed operation does not silently lose its example.
    const operationIds = new Set(operations.map((operation) => operation.operationId));
    for (const example of RECORDED_EXAMPLES) for (const operationId of example.operations) expect(operationIds, `${example.name} → ${operationId}`).toContain(operationId);
  });

  it('is what the service answers on the article data now (else run `npm run openapi:update`)', async () => {
    const fresh = await recordExamples((url) => readOnly.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } }));
    // Whole entries: which request, which operations and what summary, as well as the answer (a revision's time aside).
    const comparable = (examples: typeof fresh) => examples.map((example) => ({ ...example, value: withoutVolatileFields(example.value) }));
    expect(comparable(RECORDED_EXAMPLES)).toEqual(comparable(fresh));
  });

  it('each fits the schema of every answer it illustrates', async () => {
    const flat = await document;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(flat as object, 'openapi.json');
    let checked = 0;
    let withJson = 0;
    for (const [path, byMethod] of Object.entries(flat.paths)) {
      for (const [method, operation] of Object.entries(byMethod)) {
        const status = operation.responses['200'] ? '200' : '201';
        const media = operation.responses[status]?.content?.['application/json'];
        if (!media) continue;
        withJson += 1;
        const ref = Object.values(media.examples ?? {})[0]?.$ref;
        if (!ref) continue;
        const pointer = `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/${status}/content/application~1json/schema`;
        const validate = ajv.getSchema(`openapi.json#${pointer}`)!;
        const value = flat.components.examples[ref.split('/').at(-1)!]!.value;
        expect(validate(value), `${operation.operationId}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        checked += 1;
      }
    }
    // Every JSON success answer (the document loaded whole, shared responses written out) had one to check.
    expect(checked).toBeGreaterThan(30);
    expect(checked).toBe(withJson);
  });

  it('would notice an answer that changed', async () => {
    const chip = RECORDED_EXAMPLES.find(({ name }) => name === 'Chip')!;
    const changed = { ...(chip.value as Record<string, unknown>), name: 'Not the recorded name' };
    expect(withoutVolatileFields(changed)).not.toEqual(withoutVolatileFields(chip.value));
    // Only a revision's time is let go.
    expect(withoutVolatileFields({ createdAt: '2020-01-01T00:00:00.000Z', id: 1 })).toEqual(withoutVolatileFields({ createdAt: '2026-12-07T00:00:00.000Z', id: 1 }));
    expect(withoutVolatileFields({ id: 1 })).not.toEqual(withoutVolatileFields({ id: 2 }));
  });
});
