// A limit the OpenAPI document states is one the API holds to: every query parameter and request header with a
// maxLength refuses one character more, naming itself. (Bodies are tried the same way in bad-input.test.ts, and
// every response in the suite is checked against the document's maxLength, maxItems and maximum.) And what the API
// issues fits what it takes: a cursor built from the longest name is a cursor the next request may send.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deref, loadDocument, operationsOf, type Operation, type Parameter } from '../support/api-operations.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'documented-limits-key-0123456789ab';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const document = await loadDocument(app);
const operations = operationsOf(document);

/** The example of each other required parameter, so a request has one defect only. */
function urlOf(operation: Operation, query: string): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(parameter?.schema.example ?? 'kt'));
  });
  const required = operation.parameters
    .filter((p) => p.in === 'query' && p.required && !query.startsWith(`${encodeURIComponent(p.name)}=`))
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.schema.example))}`);
  return `${path}?${[...required, query].join('&')}`;
}

const limited = operations.flatMap((operation) =>
  operation.parameters
    .filter((parameter): parameter is Parameter & { schema: { maxLength: number } } => typeof parameter.schema.maxLength === 'number')
    .filter((parameter) => parameter.in !== 'path')
    .map((parameter) => [`${operation.method} ${operation.path} ${parameter.in} ${parameter.name}`, operation, parameter] as const),
);

describe('every documented maxLength of a parameter', () => {
  it('covers the query parameters and headers that take text', () => {
    const names = new Set(limited.map(([, , parameter]) => parameter.name));
    for (const name of ['q', 'cursor', 'sort', 'name[contains]', 'vendor[in]', 'kind[in]', 'date[gte]', 'if-match', 'if-none-match', 'idempotency-key']) {
      expect(names, name).toContain(name);
    }
  });

  it.each(limited)('%s: one character more is a 400 naming it', async (_label, operation, parameter) => {
    // A digit fits every pattern that takes any (a year, an amount), and is too long all the same.
    const tooLong = '1'.repeat(parameter.schema.maxLength + 1);
    const headers: Record<string, string> = operation.secured ? { authorization: `Bearer ${KEY}` } : {};
    let url = urlOf(operation, '');
    if (parameter.in === 'header') headers[parameter.name] = tooLong;
    else url = urlOf(operation, `${encodeURIComponent(parameter.name)}=${tooLong}`);
    // Fastify validates the body before the headers: send the documented example, which passes.
    const example = operation.body ? deref(document, operation.body).example : undefined;
    const body = operation.body ? { payload: JSON.stringify(example), headers: { ...headers, 'content-type': 'application/json' } } : { headers };
    const response = await app.inject({ method: operation.method, url, ...body });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: parameter.in === 'header' ? 'headers' : 'query', name: parameter.name }),
    );
  });
});

describe('a cursor the API issues', () => {
  it('is one it takes back, even after the longest Korean name (a 512-character cap refused it)', async () => {
    const name = '가'.repeat(200);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/vendors',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ slug: 'longest-korean-name', name, kind: 'startup', sources: ['rebellions-korean-startup-joins-competition'] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    // Hangul sorts after Latin letters: first when the names sort descending.
    const first = (await app.inject('/v1/vendors?limit=1&sort=-name')).json();
    expect(first.data[0].slug).toBe('longest-korean-name');
    expect(first.page.nextCursor.length).toBeGreaterThan(512);
    const next = await app.inject(`/v1/vendors?limit=1&sort=-name&cursor=${first.page.nextCursor}`);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().data[0].slug).not.toBe('longest-korean-name');
  });
});
