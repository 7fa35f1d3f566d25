// Sources: the verbatim passages every record cites, readable with the records citing them, and writable only
// as exact quotes of the article, never deleted out from under a record.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { ARTICLE_TEXT } from '../support/article.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: body === undefined ? { authorization: headers.authorization } : headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

describe('reading sources', () => {
  it('lists passages in article order with their stance', async () => {
    const { data } = (await app.inject({ method: 'GET', url: '/v1/sources?limit=100' })).json();
    expect(data.length).toBeGreaterThan(50);
    const offsets = data.map((source: { startOffset: number }) => source.startOffset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(data[0].slug).toBe('microsoft-a-systems-company');
  });

  it('shows which records cite a passage, and filters by stance, citing record and quote text', async () => {
    const source = (await app.inject({ method: 'GET', url: '/v1/sources/microsoft-unveils-two-chips-at-ignite' })).json();
    expect(source.citedBy).toEqual({ vendors: ['microsoft'], chips: ['azure-cobalt-100', 'azure-maia-100'], fundingRounds: [], deals: [], statements: [] });
    const reports = (await app.inject({ method: 'GET', url: '/v1/sources?stance=report&limit=100' })).json().data;
    expect(reports.map((s: { slug: string }) => s.slug)).toContain('huawei-a100-class-chip-reported');
    expect(reports.every((s: { stance: string }) => s.stance === 'report')).toBe(true);
    const forChip = (await app.inject({ method: 'GET', url: '/v1/sources?chip=sambanova-sn40l&limit=100' })).json().data;
    expect(forChip.some((s: { quote: string }) => s.quote.includes('1,020억'))).toBe(true);
    const byText = (await app.inject({ method: 'GET', url: `/v1/sources?q=${encodeURIComponent('ignite')}` })).json().data;
    expect(byText.map((s: { slug: string }) => s.slug)).toContain('microsoft-unveils-two-chips-at-ignite');
  });

  it("finds quote text across the article's line and page breaks, whatever the spacing", async () => {
    const quoted = async (text: string) =>
      (await app.inject({ method: 'GET', url: `/v1/sources?limit=100&quote[contains]=${encodeURIComponent(text)}` })).json().data.map((s: { slug: string }) => s.slug);
    // The article has '이그\n\n나이트' and '마이크로\n\n소프트와', broken across a page.
    const ignite = await quoted('이그나이트');
    expect(ignite).toContain('microsoft-unveils-two-chips-at-ignite');
    const dMatrixRound = await quoted('마이크로소프트와 미국의');
    expect(dMatrixRound).toEqual(['d-matrix-series-b-110-million', 'd-matrix-earlier-sk-hynix-investment']);
    expect(await quoted('마이크로 소프트와미국의')).toEqual(dMatrixRound);
    expect(await quoted('   ')).toEqual([]);
  });
});

describe('writing sources', () => {
  it('creates a source only from a verbatim quote, recording where it stands', async () => {
    const quote = '텐서플로우는 머신러닝을 위한 오픈 소스 소프트웨어 라이브러리다.';
    const created = await send('POST', '/v1/sources', { slug: 'tensorflow-is-open-source', quote, stance: 'fact' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'tensorflow-is-open-source', quote, stance: 'fact', citedBy: { chips: [] } });
    const article = ARTICLE_TEXT;
    expect(created.json().startOffset).toBe(article.indexOf(quote));

    const invented = await send('POST', '/v1/sources', { slug: 'invented', quote: '엔비디아는 칩을 만들지 않는다.', stance: 'fact' });
    expect(invented.statusCode).toBe(400);
    expect(invented.json().errors).toEqual([expect.objectContaining({ name: 'quote' })]);
  });

  it('refuses a quote the article repeats, and a passage another source quotes already', async () => {
    const repeated = await send('POST', '/v1/sources', { slug: 'just-ai', quote: 'AI', stance: 'fact' });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().errors).toEqual([{ location: 'body', name: 'quote', message: expect.stringMatching(/^appears \d+ times in document 'ai-chip-market-big-tech-and-startups-2023'/) }]);
    const sn40l = (await app.inject({ method: 'GET', url: '/v1/sources/sn40l-transistor-count' })).json();
    const taken = await send('POST', '/v1/sources', { slug: 'same-passage', quote: sn40l.quote, stance: 'fact' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'quote_taken', detail: expect.stringContaining("'sn40l-transistor-count'") });
    expect((await app.inject({ method: 'GET', url: '/v1/sources/same-passage' })).statusCode).toBe(404);
  });

  it("refuses new words for a cited passage, naming who cites it, but changes an uncited one's", async () => {
    const before = (await app.inject({ method: 'GET', url: '/v1/sources/sn40l-transistor-count' })).json();
    const changed = await send('PATCH', '/v1/sources/sn40l-transistor-count', { quote: '메모리가 AI 칩의 주요 차별요소가 된다는 뜻이다.' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'source_cited', detail: expect.stringContaining('a spec of chips/sambanova-sn40l') });
    expect((await app.inject({ method: 'GET', url: '/v1/sources/sn40l-transistor-count' })).json()).toEqual(before);

    const first = '어떤 산업도 AI와 무관할 수 없다.';
    const second = '반도체는 클라우드 서비스와 밀접하게 관련된다.';
    expect((await send('POST', '/v1/sources', { slug: 'uncited-passage', quote: first, stance: 'fact' })).statusCode).toBe(201);
    const moved = await send('PATCH', '/v1/sources/uncited-passage', { quote: second });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ quote: second, startOffset: ARTICLE_TEXT.indexOf(second) });
  });

  it('takes a seeded quote sent back unchanged with a new stance, though the article repeats it', async () => {
    const current = (await app.inject({ method: 'GET', url: '/v1/sources/microsoft-openai-cooperation' })).json();
    const patched = await send('PATCH', '/v1/sources/microsoft-openai-cooperation', { quote: current.quote, stance: 'report' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ quote: current.quote, stance: 'report', startOffset: current.startOffset });
  });

  it('changes a stance and keeps the history', async () => {
    const patched = await send('PATCH', '/v1/sources/tensorflow-is-open-source', { stance: 'report' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().stance).toBe('report');
    const revisions = (await app.inject({ method: 'GET', url: '/v1/sources/tensorflow-is-open-source/revisions' })).json().data;
    expect(revisions.map((revision: { action: string }) => revision.action)).toEqual(['update', 'create']);
  });

  it('refuses to delete a cited source unless cascading, and never orphans a record', async () => {
    const cited = await send('DELETE', '/v1/sources/microsoft-unveils-two-chips-at-ignite');
    expect(cited.statusCode).toBe(409);
    expect(cited.json().detail).toContain('chips/azure-maia-100');

    const cascaded = await send('DELETE', '/v1/sources/microsoft-unveils-two-chips-at-ignite?cascade=true');
    expect(cascaded.statusCode).toBe(204);
    const maia = (await app.inject({ method: 'GET', url: '/v1/chips/azure-maia-100' })).json();
    expect(maia.sources.map((s: { slug: string }) => s.slug)).not.toContain('microsoft-unveils-two-chips-at-ignite');
    expect(maia.sources.length).toBeGreaterThan(0);
    const maiaHistory = (await app.inject({ method: 'GET', url: '/v1/chips/azure-maia-100/revisions' })).json().data;
    expect(maiaHistory[0]).toMatchObject({ action: 'update', changes: { sources: expect.any(Object) } });

    // The SK hynix round cites exactly one passage: removing it would leave the round unsourced.
    const round = (await app.inject({ method: 'GET', url: '/v1/funding-rounds/d-matrix-sk-hynix-investment' })).json();
    expect(round.sources).toHaveLength(1);
    const orphaning = await send('DELETE', `/v1/sources/${round.sources[0].slug}?cascade=true`);
    expect(orphaning.statusCode).toBe(409);
    // Named as its URL names it.
    expect(orphaning.json().detail).toContain('funding-rounds/d-matrix-sk-hynix-investment');
    expect((await app.inject({ method: 'GET', url: `/v1/sources/${round.sources[0].slug}` })).statusCode).toBe(200);

    const unused = await send('DELETE', '/v1/sources/tensorflow-is-open-source');
    expect(unused.statusCode).toBe(204);
  });
});
