// Statements: what the article says that no field of a record holds (Microsoft's strategy, the market as a whole)
// with its words and stance, queryable; and statements as records a curator writes, about a company, a chip or
// the market.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: body === undefined ? { authorization: headers.authorization } : headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.json();
};

type Statement = {
  slug: string;
  about: string;
  vendor: { slug: string } | null;
  chip: { slug: string } | null;
  topic: string;
  statement: string;
  curated: string[];
  sources: { slug: string; quote: string; stance: string; document: { slug: string } }[];
};
const slugs = (page: { data: { slug: string }[] }) => page.data.map((item) => item.slug);

describe("the article's statements", () => {
  it('give the passages no field states a home: ten on Microsoft, two on the market, each with the words and stance of its passage', async () => {
    const all = (await get('/v1/statements?limit=100&count=true')) as { data: Statement[]; page: { totalCount: number } };
    expect(all.page.totalCount).toBe(12);
    expect(all.data.filter((statement) => statement.vendor?.slug === 'microsoft')).toHaveLength(10);
    expect(slugs(await get('/v1/statements?about=market'))).toEqual(['ai-chips-cost-hundreds-of-millions-a-year', 'inference-chip-demand-could-surge']);
    for (const statement of all.data) {
      expect(statement.curated).toEqual(['about', 'topic', 'statement']);
      expect(statement.sources.length).toBeGreaterThan(0);
      for (const source of statement.sources) {
        const passage = await get(`/v1/sources/${source.slug}?include=citedBy`);
        expect(passage.citedBy.statements).toContain(statement.slug);
        expect(source).toMatchObject({ quote: passage.quote, stance: passage.stance, document: { slug: 'ai-chip-market-big-tech-and-startups-2023' } });
      }
    }
    // What the independent check found stated nowhere, each now in a statement with its stance.
    const expected: [string, string][] = [
      ['microsoft-semiconductors-the-missing-piece', 'fact'],
      ['microsoft-vertical-integration', 'fact'],
      ['microsoft-plans-to-reshape-ai-infrastructure', 'plan'],
      ['microsoft-chips-to-cut-power-and-optimise-cost', 'plan'],
      ['microsoft-performance-per-watt', 'plan'],
      ['microsoft-maximise-server-capacity', 'estimate'],
      ['inference-chip-demand-could-surge', 'estimate'],
      ['ai-chip-annual-cost-hundreds-of-millions', 'estimate'],
    ];
    for (const [source, stance] of expected) {
      const resting = (await get(`/v1/statements?source=${source}`)) as { data: Statement[] };
      expect(resting.data, source).toHaveLength(1);
      expect(resting.data[0]!.sources.find((passage) => passage.slug === source)?.stance).toBe(stance);
    }
  });

  it('filters by stance, topic, company and document, and refuses what names nothing', async () => {
    expect(slugs(await get('/v1/statements?stance=plan'))).toEqual([
      'microsoft-lower-power-optimise-cost',
      'microsoft-performance-per-watt',
      'microsoft-to-reshape-its-ai-infrastructure',
    ]);
    expect(slugs(await get('/v1/statements?topic=demand'))).toEqual(['inference-chip-demand-could-surge']);
    expect(slugs(await get('/v1/statements?vendor=microsoft&topic=supply'))).toEqual(['microsoft-chip-shortages-reached-its-data-centres']);
    expect((await get('/v1/statements?document=ai-chip-market-big-tech-and-startups-2023&count=true')).page.totalCount).toBe(12);
    for (const [query, name] of [['vendor=no-such-company', 'vendor'], ['stance=rumour', 'stance'], ['about=planet', 'about'], ['topic=gossip', 'topic']]) {
      const response = await app.inject({ method: 'GET', url: `/v1/statements?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors[0].name).toBe(name);
    }
  });
});

describe('writing statements', () => {
  it('creates one about the market, moves it to a chip, then a company, with a revision for each write, and deletes it', async () => {
    const created = await send('POST', '/v1/statements', {
      slug: 'fictional-market-view',
      topic: 'demand',
      statement: 'A fictional gloss of a passage about inference chips.',
      sources: ['inference-chip-demand-could-surge'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ about: 'market', vendor: null, chip: null, sources: [{ slug: 'inference-chip-demand-could-surge' }] });

    const toChip = await send('PATCH', '/v1/statements/fictional-market-view', { chip: 'azure-maia-100' });
    expect(toChip.statusCode, toChip.body).toBe(200);
    expect(toChip.json()).toMatchObject({ about: 'chip', vendor: null, chip: { slug: 'azure-maia-100' } });
    const toCompany = await send('PATCH', '/v1/statements/fictional-market-view', { vendor: 'google' });
    expect(toCompany.json()).toMatchObject({ about: 'company', vendor: { slug: 'google' }, chip: null });

    const revisions = await get('/v1/statements/fictional-market-view/revisions');
    expect(revisions.data.map((revision: { action: string }) => revision.action)).toEqual(['update', 'update', 'create']);
    expect((await send('DELETE', '/v1/statements/fictional-market-view')).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/statements/fictional-market-view' })).statusCode).toBe(404);
  });

  it('refuses a statement about both a company and a chip, an unknown subject, no passage, or an unknown field, naming it', async () => {
    const base = { slug: 'fictional-refused', topic: 'other', statement: 'A fictional gloss.', sources: ['microsoft-vertical-integration'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, vendor: 'microsoft', chip: 'azure-maia-100' }, 'chip'],
      [{ ...base, vendor: 'no-such-company' }, 'vendor'],
      [{ ...base, sources: [] }, 'sources'],
      [{ ...base, sources: ['no-such-passage'] }, 'sources'],
      [{ ...base, stance: 'plan' }, 'stance'],
      [{ ...base, topic: 'gossip' }, 'topic'],
    ];
    for (const [body, name] of cases) {
      const response = await send('POST', '/v1/statements', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(response.json()), JSON.stringify(body)).toContain(name);
    }
    expect((await app.inject({ method: 'GET', url: '/v1/statements/fictional-refused' })).statusCode).toBe(404);
  });

  it('keeps a chip or a company from going while a statement is about it, unless the company goes with cascade', async () => {
    const made = await send('POST', '/v1/vendors', { slug: 'fictional-chipmaker', name: 'Fictional Chipmaker', kind: 'startup', sources: ['microsoft-vertical-integration'] });
    expect(made.statusCode, made.body).toBe(201);
    const chip = await send('POST', '/v1/chips', { slug: 'fictional-chip-x1', name: 'X1', kind: 'ai_accelerator', designer: 'fictional-chipmaker', sources: ['microsoft-vertical-integration'] });
    expect(chip.statusCode, chip.body).toBe(201);
    for (const [slug, about] of [['fictional-about-chip', { chip: 'fictional-chip-x1' }], ['fictional-about-company', { vendor: 'fictional-chipmaker' }]] as const) {
      const response = await send('POST', '/v1/statements', { slug, ...about, topic: 'other', statement: 'A fictional gloss.', sources: ['microsoft-vertical-integration'] });
      expect(response.statusCode, response.body).toBe(201);
    }
    const chipRefused = await send('DELETE', '/v1/chips/fictional-chip-x1');
    expect(chipRefused.statusCode).toBe(409);
    expect(chipRefused.json().detail).toContain('statements/fictional-about-chip');
    const vendorRefused = await send('DELETE', '/v1/vendors/fictional-chipmaker');
    expect(vendorRefused.statusCode).toBe(409);
    expect(vendorRefused.json().detail).toContain('statements/fictional-about-company');

    const cascaded = await send('DELETE', '/v1/vendors/fictional-chipmaker?cascade=true');
    expect(cascaded.statusCode, cascaded.body).toBe(204);
    for (const slug of ['fictional-about-chip', 'fictional-about-company']) {
      expect((await app.inject({ method: 'GET', url: `/v1/statements/${slug}` })).statusCode).toBe(404);
      const revisions = await get(`/v1/statements/${slug}/revisions`);
      expect(revisions.data[0].action).toBe('delete');
    }
  });

  it('will not lose the only passage a statement rests on', async () => {
    const response = await send('DELETE', '/v1/sources/microsoft-performance-per-watt?cascade=true');
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('statements/microsoft-performance-per-watt');
    expect((await get('/v1/statements/microsoft-performance-per-watt')).sources).toHaveLength(1);
  });
});
