// The read API answers the questions the article answers, with the sentence that says so.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

async function get(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

type Source = { quote: string; stance: string };
const quotes = (sources: Source[]) => sources.map((source) => source.quote).join('\n');

describe('chips', () => {
  it('answers which chips Microsoft announced, and when, with the sentence that says so', async () => {
    const { data } = await get('/v1/chips?vendor=microsoft&sort=name');
    expect(data.map((chip: { slug: string }) => chip.slug)).toEqual(['azure-cobalt-100', 'azure-maia-100']);
    for (const chip of data) {
      expect(chip.designer).toEqual({ slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' });
      // "11월 15일": the year is the article's.
      expect(chip.announced).toEqual({ value: '2023-11-15', precision: 'day', qualifier: null, start: '2023-11-15', end: '2023-11-15', yearFrom: { document: 'ai-chip-market-big-tech-and-startups-2023' } });
      expect(quotes(chip.sources)).toContain('11월 15일');
    }
    const maia = data.find((chip: { slug: string }) => chip.slug === 'azure-maia-100');
    expect(maia.kind).toBe('gpu');
    expect(maia.available).toMatchObject({ value: '2024', precision: 'year', qualifier: 'early' });
    const cobalt = data.find((chip: { slug: string }) => chip.slug === 'azure-cobalt-100');
    expect(cobalt).toMatchObject({ kind: 'cpu', purpose: 'general_compute' });
    expect(cobalt.architecture).toMatch(/arm/i);
  });

  it('shows a chip with its specs, each figure in the article\'s notation with its source', async () => {
    const chip = await get('/v1/chips/sambanova-sn40l');
    expect(chip).toMatchObject({ name: 'SN40L', generation: 4, designer: { slug: 'sambanova' } });
    // '출시했다' says launched: the article gives when it became available, not when it was announced.
    expect(chip.available).toMatchObject({ value: '2023-09', precision: 'month' });
    expect(chip.announced).toBeNull();
    const transistors = chip.specs.find((spec: { key: string }) => spec.key === 'transistor_count');
    expect(transistors).toMatchObject({ value: 102_000_000_000, bound: 'at_least' });
    expect(transistors.source.quote).toContain(transistors.notation);
    expect(transistors.notation).toContain('1,020억');
    const performance = chip.specs.find((spec: { key: string }) => spec.key === 'peak_performance');
    expect(performance).toMatchObject({ value: 638, bound: 'up_to' });
    expect(performance.source.quote).toContain('638');
    expect(chip.specs.some((spec: { key: string }) => spec.key === 'memory_system')).toBe(true);
  });

  it('shows partners and deployments with what the article says of them', async () => {
    const granite = await get('/v1/chips/granite-redux');
    expect(granite).toMatchObject({ kind: 'network_interface', designer: { slug: 'google' } });
    expect(granite.partners).toEqual([
      expect.objectContaining({ vendor: expect.objectContaining({ slug: 'marvell-technology' }), role: 'co_developer' }),
    ]);
    expect(granite.partners[0].source.stance).toBe('plan');

    const tpuV4 = await get('/v1/chips/google-tpu-v4');
    const palm = tpuV4.deployments.find((deployment: { name: string }) => /PaLM/.test(deployment.name));
    expect(palm).toMatchObject({ unitCount: 4000, unitCountBound: 'approximate' });
    expect(palm.source.quote).toContain('4천여');

    const maia = await get('/v1/chips/azure-maia-100');
    const services = maia.deployments.filter((deployment: { kind: string }) => deployment.kind === 'service');
    expect(services.map((service: { name: string }) => service.name)).toEqual(
      expect.arrayContaining(['Microsoft Copilot', 'Azure OpenAI Service']),
    );
    expect(services.every((service: { status: string }) => service.status === 'plan')).toBe(true);
  });

  it('filters by kind, purpose, partner and announcement year, and searches English and Korean names', async () => {
    const slugs = async (url: string) => (await get(url)).data.map((chip: { slug: string }) => chip.slug).sort();
    expect(await slugs('/v1/chips?kind=cpu')).toEqual(['azure-cobalt-100']);
    expect(await slugs('/v1/chips?kind=network_interface&purpose=networking')).toEqual(['granite-redux']);
    expect(await slugs('/v1/chips?partner=marvell-technology')).toEqual(['granite-redux']);
    const announced2023 = await slugs('/v1/chips?announcedYear=2023');
    expect(announced2023).toEqual(expect.arrayContaining(['azure-maia-100', 'azure-cobalt-100', 'google-tpu-v5e', 'meta-mtia']));
    for (const slug of announced2023) {
      expect((await get(`/v1/chips/${slug}`)).announced.value.startsWith('2023')).toBe(true);
    }
    expect(await slugs('/v1/chips?q=%EB%A7%88%EC%9D%B4%EC%95%84')).toEqual(['azure-maia-100']); // 마이아
    expect(await slugs('/v1/chips?q=MAIA')).toEqual(['azure-maia-100']);
    expect(await slugs('/v1/chips?q=%EF%BC%B3%EF%BC%AE%EF%BC%94%EF%BC%90%EF%BC%AC')).toEqual(['sambanova-sn40l']); // full-width ＳＮ４０Ｌ
    // A designer that names no company is a mistake to point out, not a search that found nothing.
    const unknown = await app.inject({ method: 'GET', url: '/v1/chips?vendor=no-such-vendor' });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('funding rounds', () => {
  it('answers who invested in whom and how much, exactly, with a USD basis', async () => {
    const { data } = await get('/v1/funding-rounds?investor=samsung&sort=slug&include=investors');
    expect(data.map((round: { slug: string }) => round.slug)).toEqual(['d-matrix-series-b-2023', 'tenstorrent-samsung-hyundai-investment']);
    const [dMatrix, tenstorrent] = data;
    expect(dMatrix).toMatchObject({
      company: { slug: 'd-matrix' },
      roundType: 'series_b',
      amount: { amount: '110000000', currency: 'USD', notation: '1억 1천만 달러', usd: { amount: '110000000', unitsPerUsd: '1' } },
      date: { value: '2023-09', precision: 'month' },
      investorsPartial: true,
    });
    expect(dMatrix.investors.map((investor: { slug: string }) => investor.slug).sort()).toEqual(
      ['microsoft', 'mirae-asset', 'playground-global', 'samsung'],
    );
    expect(quotes(dMatrix.sources)).toContain('1억 1천만 달러');
    // The estimated valuation ("기업가치는 10억 달러로 추산된다") is the company's, not this investment's: a metric.
    expect(tenstorrent).toMatchObject({ amount: { amount: '335000000', currency: 'USD' }, valuation: null, valuationStance: null });
    const { metrics } = await get('/v1/vendors/tenstorrent?include=metrics');
    expect(metrics).toEqual([
      expect.objectContaining({ key: 'valuation', stance: 'estimate', source: expect.objectContaining({ slug: 'tenstorrent-valuation-estimated-1-billion' }) }),
    ]);
  });

  it('keeps won amounts exact in won, with the conversion basis stated', async () => {
    const round = await get('/v1/funding-rounds/rebellions-series-a-2022');
    expect(round).toMatchObject({
      company: { slug: 'rebellions', nameKo: '리벨리온' },
      roundType: 'series_a',
      amount: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
      cumulativeAmount: { amount: '112000000000', currency: 'KRW', notation: '1,120억원' },
      date: { value: '2022', precision: 'year' },
    });
    // 62,000,000,000 / 1292.20 = 47,980,188.8… → 47,980,189
    expect(round.amount.usd).toMatchObject({ amount: '47980189', unitsPerUsd: '1292.20', asOf: { value: '2022' } });
    expect(round.amount.usd.basis).toMatch(/Bank of Korea/);
  });

  it('filters by company, currency, round type and year', async () => {
    const slugs = async (url: string) => (await get(url)).data.map((round: { slug: string }) => round.slug).sort();
    expect(await slugs('/v1/funding-rounds?currency=KRW')).toEqual(['rebellions-series-a-2022']);
    expect(await slugs('/v1/funding-rounds?year=2023')).toEqual(['d-matrix-series-b-2023']);
    expect(await slugs('/v1/funding-rounds?company=d-matrix')).toEqual(['d-matrix-series-b-2023', 'd-matrix-sk-hynix-investment']);
    expect(await slugs('/v1/funding-rounds?roundType=series_a')).toEqual(['rebellions-series-a-2022']);
    expect(await slugs('/v1/funding-rounds?q=%EB%A6%AC%EB%B2%A8%EB%A6%AC%EC%98%A8')).toEqual(['rebellions-series-a-2022']); // 리벨리온
  });
});

describe('deals', () => {
  it('answers which company was acquired and when, with the sentence', async () => {
    const { data } = await get('/v1/deals?kind=acquisition&status=completed&include=parties');
    expect(data).toHaveLength(1);
    const [deal] = data;
    expect(deal).toMatchObject({ slug: 'amazon-acquires-annapurna-labs', date: { value: '2015', precision: 'year' } });
    expect(deal.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'acquirer', vendor: expect.objectContaining({ slug: 'amazon' }) }),
        expect.objectContaining({ role: 'target', vendor: expect.objectContaining({ slug: 'annapurna-labs' }) }),
      ]),
    );
    expect(quotes(deal.sources)).toContain('2015년 이스라엘 반도체 기업 안나푸르나 랩스(Annapurna Labs)를 인수');
  });

  it('includes deals only being considered, framed as reports', async () => {
    const deal = await get('/v1/deals/openai-considers-acquiring-chipmaker');
    expect(deal).toMatchObject({ kind: 'acquisition', status: 'considering', date: null });
    const target = deal.parties.find((party: { role: string }) => party.role === 'target');
    expect(target.vendor).toBeNull();
    expect(target.description).toBeTruthy();
    expect(deal.sources.some((source: Source) => source.stance === 'report')).toBe(true);
  });

  it('filters by party', async () => {
    const { data } = await get('/v1/deals?vendor=openai');
    expect(data.map((deal: { slug: string }) => deal.slug).sort()).toEqual(['microsoft-openai-partnership', 'openai-considers-acquiring-chipmaker']);
  });
});

describe('vendors', () => {
  it('shows a company with its chips, investments, deals and derived roles', async () => {
    const microsoft = await get('/v1/vendors/microsoft');
    expect(microsoft).toMatchObject({ name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' });
    expect(microsoft.roles).toEqual(expect.arrayContaining(['designer', 'investor', 'partner']));
    expect(microsoft.chips.map((chip: { slug: string }) => chip.slug).sort()).toEqual(['azure-cobalt-100', 'azure-maia-100']);
    expect(microsoft.investments).toEqual([
      expect.objectContaining({ round: expect.objectContaining({ slug: 'd-matrix-series-b-2023' }), company: expect.objectContaining({ slug: 'd-matrix' }) }),
    ]);
    expect(microsoft.deals.map((deal: { deal: { slug: string } }) => deal.deal.slug)).toContain('microsoft-openai-partnership');
  });

  it('answers which chip runs which customer\'s infrastructure', async () => {
    const kt = await get('/v1/vendors/kt');
    expect(kt.roles).toContain('customer');
    expect(kt.deployments).toEqual([
      expect.objectContaining({
        chip: expect.objectContaining({ slug: 'rebellions-atom' }),
        designer: expect.objectContaining({ slug: 'rebellions' }),
        kind: 'customer_infrastructure',
      }),
    ]);
    expect(kt.deployments[0].source.quote).toContain('KT');
  });

  it('shows a startup with its founding, founder, rounds and figures', async () => {
    const rebellions = await get('/v1/vendors/rebellions');
    expect(rebellions).toMatchObject({ country: 'KR', foundedYear: 2020, kind: 'startup' });
    expect(rebellions.founders).toEqual([expect.objectContaining({ nameKo: '박성현' })]);
    expect(quotes(rebellions.sources)).toContain('2020년');
    expect(rebellions.fundingRounds.map((round: { slug: string }) => round.slug)).toEqual(['rebellions-series-a-2022']);

    const dMatrix = await get('/v1/vendors/d-matrix');
    const outlook = dMatrix.metrics.find((metric: { notation: string }) => metric.notation === '7천만~7,500만 달러');
    expect(outlook).toMatchObject({ key: 'revenue', stance: 'estimate', min: { amount: '70000000' }, max: { amount: '75000000' }, period: { value: '2025' } });
  });

  it('filters by kind, role and country, and searches names in both languages', async () => {
    const slugs = async (url: string) => (await get(url)).data.map((vendor: { slug: string }) => vendor.slug).sort();
    // Korea's companies: Rebellions by the article's own words, the rest by the curator, marked so.
    const korean = ['hyundai', 'kt', 'mirae-asset', 'rebellions', 'samsung', 'samsung-electronics', 'sk-hynix'];
    expect(await slugs('/v1/vendors?country=KR')).toEqual(korean);
    expect(await slugs('/v1/vendors?country=kr')).toEqual(korean);
    const samsung = await get('/v1/vendors/samsung');
    expect(samsung.country).toBe('KR');
    expect(samsung.curated).toContain('country');
    expect((await get('/v1/vendors/rebellions')).curated).not.toContain('country');
    expect(await slugs('/v1/vendors?kind=startup')).toEqual(expect.arrayContaining(['sambanova', 'd-matrix', 'tenstorrent', 'rebellions']));
    const investors = await slugs('/v1/vendors?role=investor');
    expect(investors).toEqual(['hyundai', 'intel', 'microsoft', 'mirae-asset', 'playground-global', 'samsung', 'sk-hynix', 'softbank']);
    expect(await slugs('/v1/vendors?role=customer')).toEqual(expect.arrayContaining(['aws', 'kt']));
    expect(await slugs('/v1/vendors?role=acquired')).toEqual(['annapurna-labs']);
    // OpenAI only weighs buying a chip maker ('considering'): that makes it no acquirer, in the filter or its roles.
    expect(await slugs('/v1/vendors?role=acquirer')).toEqual(['amazon']);
    expect(await slugs('/v1/vendors?role[in]=acquirer,acquired')).toEqual(['amazon', 'annapurna-labs']);
    expect(await slugs('/v1/vendors?country[in]=kr,IL')).toEqual(['annapurna-labs', ...korean].sort());
    expect((await app.inject({ method: 'GET', url: '/v1/vendors?country=ZZ' })).statusCode).toBe(400);
    expect((await get('/v1/vendors/openai')).roles).not.toContain('acquirer');
    expect(await slugs('/v1/vendors?q=%EC%82%BC%EC%84%B1')).toEqual(['samsung', 'samsung-electronics']); // 삼성
    expect(await slugs('/v1/vendors?q=samsung%20electronics')).toEqual(['samsung-electronics']);
  });

  it('lists companies with their sources, each quote verbatim with its stance', async () => {
    const { data } = await get('/v1/vendors?limit=100');
    expect(data.length).toBeGreaterThanOrEqual(23);
    for (const vendor of data) {
      expect(vendor.sources.length, vendor.slug).toBeGreaterThan(0);
      for (const source of vendor.sources) {
        expect(['fact', 'report', 'plan', 'estimate']).toContain(source.stance);
      }
    }
  });
});

describe('operations', () => {
  it('reports health after a database round trip', async () => {
    expect(await get('/health')).toEqual({ status: 'ok', database: 'ok' });
  });

  it('sends a request id on every response and reuses a plain one from the caller', async () => {
    const minted = await app.inject({ method: 'GET', url: '/health' });
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    const hostile = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'a\u0007b c' } });
    expect(hostile.headers['x-request-id']).not.toContain(' ');
  });
});

// A second fact-check against the article: each record says no more than the article's words.
describe('what the article does not say, the data does not claim', () => {
  it("keeps Google TPU's '수조' as words, with no invented figure", async () => {
    const tpu = await get('/v1/chips/google-tpu');
    expect(tpu.specs.some((spec: { key: string }) => spec.key === 'peak_performance')).toBe(false);
    const trillions = tpu.specs.find((spec: { source: { slug: string } }) => spec.source.slug === 'tpu-trillions-of-operations-per-second');
    expect(trillions).toMatchObject({ key: 'other' });
    expect(trillions.value ?? null).toBeNull();
    expect(trillions.text).toContain('수조');
  });

  it("gives OpenAI no annual cost: '수억 달러' is what AI chips cost in general", async () => {
    const openai = await get('/v1/vendors/openai');
    expect(openai.metrics ?? []).toEqual([]);
  });

  it("does not claim d-Matrix's SK hynix round had other investors: the article adds no \"등\" to it", async () => {
    expect(await get('/v1/funding-rounds/d-matrix-sk-hynix-investment')).toMatchObject({ investorsPartial: false, investors: [expect.objectContaining({ slug: 'sk-hynix' })] });
  });

  it('quotes the Microsoft and OpenAI passage where it stands once, in the body, not its repeat in a caption', async () => {
    const source = await get('/v1/sources/microsoft-openai-cooperation');
    const article = readFileSync(new URL('../../seed/ai-chip-market-article.ko.txt', import.meta.url), 'utf8');
    expect(article.indexOf(source.quote)).toBeGreaterThanOrEqual(0);
    expect(article.indexOf(source.quote)).toBe(article.lastIndexOf(source.quote));
  });
});
