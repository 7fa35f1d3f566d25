// No cached path is ever stale (the response cache, nor the records' JSON that list pages join): after each kind of
// write, every GET operation of the document (bare, and with each parameter's example) answers from the cached app
// exactly as an app without a cache, on the same database, does.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { loadDocument, operationsOf, type Parameter } from '../support/api-operations.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const cached = await createTestApp({ API_KEYS, RESPONSE_CACHE_MB: 32, FRAGMENT_CACHE_MB: 8 });
const uncached = await createTestApp({ RESPONSE_CACHE_MB: 0 }, undefined, { database: cached.database });

const exampleOf = (parameter: Parameter) => (parameter as Parameter & { example?: unknown }).example ?? parameter.schema.example;

/** Every GET URL the document names: each operation bare, and with each query parameter's example alone. */
const urls = operationsOf(await loadDocument(cached.app))
  .filter((operation) => operation.method === 'GET' && operation.path.startsWith('/v1/'))
  .flatMap((operation) => {
    let path = operation.path;
    for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(exampleOf(parameter))));
    }
    const pair = (parameter: Parameter) => `${encodeURIComponent(parameter.name)}=${encodeURIComponent(String(exampleOf(parameter)))}`;
    const required = operation.parameters.filter((p) => p.in === 'query' && p.required).map(pair);
    const optional = operation.parameters.filter((p) => p.in === 'query' && !p.required && p.name !== 'cursor');
    return [required, ...optional.map((parameter) => [...required, pair(parameter)])].map((query) =>
      query.length > 0 ? `${path}?${[...new Set(query)].join('&')}` : path,
    );
  });

async function write(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await cached.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
}

/** Reads every URL through the cached app twice (the second from memory), and compares with the uncached app. */
async function expectEveryPathFresh() {
  for (const url of urls) {
    for (let pass = 0; pass < 2; pass += 1) {
      const [fromCache, fresh] = await Promise.all([cached.app.inject({ method: 'GET', url }), uncached.app.inject({ method: 'GET', url })]);
      expect(fromCache.statusCode, url).toBe(fresh.statusCode);
      expect(fromCache.body, url).toBe(fresh.body);
    }
  }
}

describe('every cached path, after every kind of write', () => {
  it('covers the whole document', () => {
    expect(urls.length).toBeGreaterThan(150);
    expect(urls).toEqual(expect.arrayContaining(['/v1/chips', '/v1/events', '/v1/graph', '/v1/stats', '/v1/search?q=%EB%A7%88%EC%9D%B4%EC%95%84']));
  });

  it.each([
    ['a renamed company', 'PATCH', '/v1/vendors/samsung', { name: 'Samsung Group', nameKo: '삼성그룹', aliases: ['SG'] }],
    ['a new chip', 'POST', '/v1/chips', {
      slug: 'freshness-npu',
      name: 'Freshness NPU',
      kind: 'npu',
      designer: 'samsung',
      announced: { value: '2023-10' },
      sources: ['rebellions-designs-inference-optimised-chips'],
    }],
    ['a changed chip', 'PATCH', '/v1/chips/azure-maia-100', { name: 'Azure Maia 100 Renamed', purpose: 'training' }],
    ['a new round', 'POST', '/v1/funding-rounds', {
      slug: 'freshness-round',
      company: 'rebellions',
      roundType: 'series_b',
      amount: { amount: '1000000000', currency: 'USD', notation: '10억 달러' },
      date: { value: '2023-12' },
      investors: ['samsung', 'kt'],
      sources: ['rebellions-series-a-2022-62-billion-won', 'sambanova-raises-1-billion'],
    }],
    ['a changed deal', 'PATCH', '/v1/deals/amazon-acquires-annapurna-labs', { status: 'announced', date: { value: '2016' } }],
    ['a deleted round', 'DELETE', '/v1/funding-rounds/freshness-round', undefined],
    ['a deleted chip', 'DELETE', '/v1/chips/freshness-npu', undefined],
  ] as const)('%s shows everywhere at once', async (_what, method, url, body) => {
    await expectEveryPathFresh();
    await write(method, url, body);
    await expectEveryPathFresh();
  });
});
