// GET /v1/search: one ranked list across chips, companies, funding rounds, deals and documents, in English and Korean
// (documents' texts are searched when documents are asked for: tests/search/documents.test.ts).
// Expected hits are worked out by hand from seed/data/*.json (names, nameKo, aliases, descriptions).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { app } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` }).API_KEYS });

type Hit = { type: string; slug: string; name: string; nameKo: string | null; matchedOn: string; score: number; url: string; textMatch: unknown };
type Results = { query: string; totalCount: number; data: Hit[] };

async function search(params: Record<string, string>): Promise<Results> {
  const url = `/v1/search?${new URLSearchParams(params).toString()}`;
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

/** Each hit as `type:slug:matchedOn:score`, the order and reason in one line per hit. */
const brief = (results: Results) => results.data.map((hit) => `${hit.type}:${hit.slug}:${hit.matchedOn}:${hit.score}`);

describe('GET /v1/search in Korean', () => {
  it('finds Samsung (exact) before Samsung Electronics (prefix), then the deal naming Samsung Electronics as a party', async () => {
    const results = await search({ q: '삼성' });
    expect(results.query).toBe('삼성');
    expect(results.totalCount).toBe(3);
    expect(results.data[0]).toEqual({
      type: 'vendor',
      slug: 'samsung',
      name: 'Samsung',
      nameKo: '삼성',
      matchedOn: 'nameKo',
      score: 100,
      url: '/v1/vendors/samsung',
      textMatch: null,
    });
    expect(brief(results)).toEqual([
      'vendor:samsung:nameKo:100',
      'vendor:samsung-electronics:nameKo:90',
      // titleKo '텐스토렌트-삼성전자 생산 협력' only contains 삼성 (50); its party 삼성전자 starts with it (70).
      'deal:tenstorrent-samsung-electronics-production-cooperation:alias:70',
    ]);
  });

  it('finds Azure Maia 100 by the start of its Korean name 마이아 100', async () => {
    const results = await search({ q: '마이아' });
    expect(results.data).toEqual([
      {
        type: 'chip',
        slug: 'azure-maia-100',
        name: 'Azure Maia 100',
        nameKo: '마이아 100',
        matchedOn: 'nameKo',
        score: 90,
        url: '/v1/chips/azure-maia-100',
        textMatch: null,
      },
    ]);
  });

  it('finds Rebellions and its round, named after the company and the round type in Korean', async () => {
    const results = await search({ q: '리벨리온' });
    expect(results.data).toEqual([
      { type: 'vendor', slug: 'rebellions', name: 'Rebellions', nameKo: '리벨리온', matchedOn: 'nameKo', score: 100, url: '/v1/vendors/rebellions', textMatch: null },
      {
        type: 'funding_round',
        slug: 'rebellions-series-a-2022',
        name: 'Rebellions Series A',
        nameKo: '리벨리온 시리즈 A',
        matchedOn: 'nameKo',
        score: 90,
        url: '/v1/funding-rounds/rebellions-series-a-2022',
        textMatch: null,
      },
    ]);
  });

  it('matches decomposed (NFD) Hangul as the composed name', async () => {
    const decomposed = '리벨리온'.normalize('NFD');
    expect(decomposed).not.toBe('리벨리온');
    expect(decomposed).toHaveLength(10);
    const results = await search({ q: decomposed });
    expect(results.query).toBe('리벨리온');
    expect(brief(results)).toEqual(['vendor:rebellions:nameKo:100', 'funding_round:rebellions-series-a-2022:nameKo:90']);
  });
});

describe('GET /v1/search in English', () => {
  it('ranks the exact name, then a name prefix, then an alias, then descriptions', async () => {
    const results = await search({ q: 'samsung' });
    expect(brief(results)).toEqual([
      'vendor:samsung:name:100',
      'vendor:samsung-electronics:name:90',
      'deal:tenstorrent-samsung-electronics-production-cooperation:alias:70',
      // Descriptions mentioning Samsung, by type (vendor before funding_round), then name.
      'vendor:hyundai:description:10',
      'vendor:tenstorrent:description:10',
      'funding_round:d-matrix-series-b-2023:description:10',
      'funding_round:tenstorrent-samsung-hyundai-investment:description:10',
    ]);
  });

  it('ignores case: every spelling gives the same answer', async () => {
    const lower = await search({ q: 'samsung' });
    for (const q of ['SAMSUNG', 'SaMsUnG', '  Samsung  ']) {
      expect(await search({ q }), q).toEqual(lower);
    }
  });

  it('matches full-width letters and digits (ＳＮ４０Ｌ) as SN40L', async () => {
    const results = await search({ q: 'ＳＮ４０Ｌ' });
    expect(results.query).toBe('sn40l');
    expect(results.data[0]).toEqual({
      type: 'chip',
      slug: 'sambanova-sn40l',
      name: 'SN40L',
      nameKo: 'SN40L',
      matchedOn: 'name',
      score: 100,
      url: '/v1/chips/sambanova-sn40l',
      textMatch: null,
    });
    expect(brief(await search({ q: 'sn40l' }))).toEqual(brief(results));
  });

  it('finds names typed without their spaces or hyphens (디매트릭스, skhynix, tpuv4)', async () => {
    const top = async (q: string) => (await search({ q })).data[0];
    expect(await top('디매트릭스')).toMatchObject({ type: 'vendor', slug: 'd-matrix', matchedOn: 'nameKo', score: 100 });
    expect(await top('skhynix')).toMatchObject({ type: 'vendor', slug: 'sk-hynix', matchedOn: 'name', score: 100 });
    expect(await top('tpuv4')).toMatchObject({ type: 'chip', slug: 'google-tpu-v4', score: 100 });
    // Typed as written, the spaced form keeps its own ranking; punctuation alone finds nothing new.
    expect(await top('sk hynix')).toMatchObject({ slug: 'sk-hynix', score: 100 });
  });

  it("finds a deal by a party's alias, as the deal list does", async () => {
    // An alias of a party that no deal title holds: giving it to the company re-indexes the deals it is party to.
    const patched = await app.inject({
      method: 'PATCH',
      url: '/v1/vendors/nvidia',
      headers: { authorization: `Bearer ${CURATOR_KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ aliases: ['Team Green'] }),
    });
    expect(patched.statusCode).toBe(200);
    const hits = (await search({ q: 'team green', type: 'deal' })).data.map((hit: { slug: string; matchedOn: string }) => [hit.slug, hit.matchedOn]);
    expect(hits).toEqual([['aws-buys-nvidia-chips', 'alias']]);
  });

  it('puts a name prefix (TPU v4, TPU v5e) before a whole alias (TPU of the Tensor Processing Unit)', async () => {
    expect(brief(await search({ q: 'tpu' }))).toEqual([
      'chip:google-tpu-v4:name:90',
      'chip:google-tpu-v5e:name:90',
      'chip:google-tpu:alias:80',
      'vendor:google:description:10',
    ]);
  });

  it('finds a chip by the start of an alias (Maia 100) before descriptions that mention it', async () => {
    const results = await search({ q: 'maia' });
    expect(results.data[0]).toMatchObject({ type: 'chip', slug: 'azure-maia-100', matchedOn: 'alias', score: 70 });
    expect(results.data.slice(1).every((hit) => hit.matchedOn === 'description' && hit.score === 10)).toBe(true);
  });

  it('breaks ties by type (chip, vendor, funding_round, deal), then name', async () => {
    const results = await search({ q: 'd-matrix' });
    expect(results.totalCount).toBe(9);
    expect(brief(results).slice(0, 4)).toEqual([
      'vendor:d-matrix:name:100',
      'chip:d-matrix-gpt-deployment-chip:name:90',
      // "d-matrix investment" sorts before "d-matrix series b".
      'funding_round:d-matrix-sk-hynix-investment:name:90',
      'funding_round:d-matrix-series-b-2023:name:90',
    ]);
    expect(results.data[2]).toMatchObject({ name: 'd-Matrix investment', nameKo: '디-매트릭스 투자 유치' });
    // Same query, same order, every time.
    expect(await search({ q: 'd-matrix' })).toEqual(results);
  });
});

describe('GET /v1/search parameters', () => {
  it('keeps only the requested types, one or several', async () => {
    expect(brief(await search({ q: 'd-matrix', type: 'funding_round' }))).toEqual([
      'funding_round:d-matrix-sk-hynix-investment:name:90',
      'funding_round:d-matrix-series-b-2023:name:90',
    ]);
    const some = await search({ q: 'samsung', type: 'deal,vendor' });
    expect(some.data.map((hit) => hit.type).sort()).toEqual(['deal', 'vendor', 'vendor', 'vendor', 'vendor']);
    expect(some.totalCount).toBe(5);
  });

  it('names a funding round as the timeline and the graph do, and still reads the old spelling in type=', async () => {
    const rounds = await search({ q: 'd-matrix', type: 'funding_round' });
    expect(rounds.data.map((hit) => hit.type)).toEqual(['funding_round', 'funding_round']);
    expect(rounds.data[0]!.url).toBe('/v1/funding-rounds/d-matrix-sk-hynix-investment');
    // `fundingRound`, search's spelling before 2026-12, is accepted for one more release: the same answer.
    expect(await search({ q: 'd-matrix', type: 'fundingRound' })).toEqual(rounds);
    expect(await search({ q: 'd-matrix', type: 'fundingRound,funding_round' })).toEqual(rounds);
    const events = (await app.inject({ method: 'GET', url: '/v1/events?type=funding_round&vendor=d-matrix' })).json() as { data: { subject: { type: string } }[] };
    expect(new Set(events.data.map((event) => event.subject.type))).toEqual(new Set(['funding_round']));
  });

  it('returns at most `limit` hits, the best ones, and counts them all', async () => {
    const results = await search({ q: 'd-matrix', limit: '2' });
    expect(results.totalCount).toBe(9);
    expect(brief(results)).toEqual(['vendor:d-matrix:name:100', 'chip:d-matrix-gpt-deployment-chip:name:90']);
  });

  it('defaults to 20 hits', async () => {
    // The letter 'a' is in most names and descriptions.
    const results = await search({ q: 'a' });
    expect(results.totalCount).toBeGreaterThan(20);
    expect(results.data).toHaveLength(20);
    expect((await search({ q: 'a', limit: '50' })).data).toHaveLength(Math.min(50, results.totalCount));
  });

  it.each(['%', '_', '%%', "' OR '1'='1", '"; DROP TABLE "Chip"; --', '\\'])('treats %j as text, not syntax', async (q) => {
    const results = await search({ q });
    expect(results).toEqual({ query: q.toLowerCase(), totalCount: 0, data: [] });
  });

  it('still has every chip after hostile queries', async () => {
    expect(brief(await search({ q: 'sn40l', type: 'chip' }))).toEqual(['chip:sambanova-sn40l:name:100']);
  });

  it('accepts a 100-character query and surrounding spaces', async () => {
    const results = await search({ q: ` ${'a'.repeat(100)} ` });
    expect(results.totalCount).toBe(0);
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=%20%20%20', 'q'],
    ['q=%E3%80%80', 'q'], // an ideographic space (U+3000) only
    [`q=${'a'.repeat(101)}`, 'q'],
    ['q=tpu&q=gpu', 'q'],
    ['q=tpu&type=company', 'type'],
    ['q=tpu&type=', 'type'],
    ['q=tpu&limit=0', 'limit'],
    ['q=tpu&limit=51', 'limit'],
    ['q=tpu&limit=ten', 'limit'],
    ['q=tpu&sort=name', 'sort'],
  ])('?%s is a 400 naming %s', async (query, name) => {
    const response = await app.inject({ method: 'GET', url: `/v1/search?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((error: { name: string }) => error.name)).toContain(name);
  });
});
