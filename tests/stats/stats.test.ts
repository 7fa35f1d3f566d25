// GET /v1/stats: every figure below is worked out by hand from seed/data/funding-rounds.json, currency-rates.json
// and chips.json, and written as a literal.
//
// The five rounds: SambaNova $1,000,000,000 (SoftBank, Intel; undated); d-Matrix Series B $110,000,000 (Samsung,
// Mirae Asset, Microsoft, Playground Global; 2023-09); d-Matrix from SK hynix (no amount, undated); Tenstorrent
// $335,000,000 (Samsung, Hyundai; undated); Rebellions Series A ₩62,000,000,000 (no investors named; 2022), which
// at 1292.20 won per dollar is 47,980,188.8 → $47,980,189.
import { describe, expect, it } from 'vitest';
import { refreshDerivedRow } from '../support/derived-rows.js';
import { createTestApp } from '../support/test-app.js';

const { app, db, database } = await createTestApp();

type Totals = {
  roundCount: number;
  roundsWithoutAmount: number;
  byCurrency: { currency: string; amount: string; roundCount: number }[];
  usd: { amount: string; roundsNotConverted: number };
};
type Vendor = { slug: string; name: string; nameKo: string | null; kind: string };
type Stats = {
  funding: {
    overall: Totals;
    byCompany: (Totals & { company: Vendor })[];
    byInvestor: (Totals & { investor: Vendor })[];
    byYear: (Totals & { year: number | null })[];
  };
  chips: {
    chipCount: number;
    byDesigner: { designer: Vendor; chipCount: number }[];
    byKind: { kind: string; chipCount: number }[];
    byPurpose: { purpose: string | null; chipCount: number }[];
  };
};

async function stats(): Promise<Stats> {
  const response = await app.inject({ method: 'GET', url: '/v1/stats' });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

const usdOnly = (amount: string, roundCount: number) => [{ currency: 'USD', amount, roundCount }];

describe('GET /v1/stats: funding', () => {
  it('totals every round per currency and in USD', async () => {
    const { funding } = await stats();
    expect(funding.overall).toEqual({
      roundCount: 5,
      roundsWithoutAmount: 1,
      byCurrency: [
        { currency: 'KRW', amount: '62000000000', roundCount: 1 },
        // 1,000,000,000 + 110,000,000 + 335,000,000
        { currency: 'USD', amount: '1445000000', roundCount: 3 },
      ],
      // 1,445,000,000 + 47,980,189
      usd: { amount: '1492980189', roundsNotConverted: 0 },
    });
  });

  it('totals by company, most USD first', async () => {
    const { funding } = await stats();
    expect(funding.byCompany.map(({ company, ...totals }) => [company.slug, totals])).toEqual([
      ['sambanova', { roundCount: 1, roundsWithoutAmount: 0, byCurrency: usdOnly('1000000000', 1), usd: { amount: '1000000000', roundsNotConverted: 0 } }],
      ['tenstorrent', { roundCount: 1, roundsWithoutAmount: 0, byCurrency: usdOnly('335000000', 1), usd: { amount: '335000000', roundsNotConverted: 0 } }],
      // The Series B, plus nothing for SK hynix's round, which has no amount.
      ['d-matrix', { roundCount: 2, roundsWithoutAmount: 1, byCurrency: usdOnly('110000000', 1), usd: { amount: '110000000', roundsNotConverted: 0 } }],
      [
        'rebellions',
        {
          roundCount: 1,
          roundsWithoutAmount: 0,
          byCurrency: [{ currency: 'KRW', amount: '62000000000', roundCount: 1 }],
          usd: { amount: '47980189', roundsNotConverted: 0 },
        },
      ],
    ]);
    expect(funding.byCompany[0]!.company).toEqual({ slug: 'sambanova', name: 'SambaNova', nameKo: '삼바노바', kind: 'startup' });
  });

  it('credits each investor with the whole amount of every round it is named in', async () => {
    const { funding } = await stats();
    const byInvestor = Object.fromEntries(funding.byInvestor.map(({ investor, ...totals }) => [investor.slug, totals]));
    // Samsung: d-Matrix's 110,000,000 + Tenstorrent's 335,000,000.
    expect(byInvestor.samsung).toEqual({
      roundCount: 2,
      roundsWithoutAmount: 0,
      byCurrency: usdOnly('445000000', 2),
      usd: { amount: '445000000', roundsNotConverted: 0 },
    });
    // SoftBank and Intel each get SambaNova's whole billion: the totals overlap by design.
    expect(byInvestor.softbank?.usd.amount).toBe('1000000000');
    expect(byInvestor.intel?.usd.amount).toBe('1000000000');
    expect(byInvestor.hyundai?.usd.amount).toBe('335000000');
    for (const slug of ['microsoft', 'mirae-asset', 'playground-global']) {
      expect(byInvestor[slug], slug).toEqual({ roundCount: 1, roundsWithoutAmount: 0, byCurrency: usdOnly('110000000', 1), usd: { amount: '110000000', roundsNotConverted: 0 } });
    }
    expect(byInvestor['sk-hynix']).toEqual({ roundCount: 1, roundsWithoutAmount: 1, byCurrency: [], usd: { amount: null, roundsNotConverted: 0 } });
    // Rebellions' round names no investor, so no investor carries its won.
    expect(funding.byInvestor.some((entry) => entry.byCurrency.some(({ currency }) => currency === 'KRW'))).toBe(false);
    // Most USD first, ties by slug.
    expect(funding.byInvestor.map(({ investor }) => investor.slug)).toEqual([
      'intel',
      'softbank',
      'samsung',
      'hyundai',
      'microsoft',
      'mirae-asset',
      'playground-global',
      'sk-hynix',
    ]);
  });

  it('totals by year, undated rounds under null', async () => {
    const { funding } = await stats();
    expect(funding.byYear).toEqual([
      {
        year: 2022,
        roundCount: 1,
        roundsWithoutAmount: 0,
        byCurrency: [{ currency: 'KRW', amount: '62000000000', roundCount: 1 }],
        usd: { amount: '47980189', roundsNotConverted: 0 },
      },
      { year: 2023, roundCount: 1, roundsWithoutAmount: 0, byCurrency: usdOnly('110000000', 1), usd: { amount: '110000000', roundsNotConverted: 0 } },
      // SambaNova (1,000,000,000), Tenstorrent (335,000,000) and SK hynix's round without an amount.
      { year: null, roundCount: 3, roundsWithoutAmount: 1, byCurrency: usdOnly('1335000000', 2), usd: { amount: '1335000000', roundsNotConverted: 0 } },
    ]);
  });
});

describe('GET /v1/stats: chips', () => {
  it('counts chips by designer, most first, then by slug', async () => {
    const { chips } = await stats();
    expect(chips.chipCount).toBe(14);
    expect(chips.byDesigner.map(({ designer, chipCount }) => [designer.slug, chipCount])).toEqual([
      ['google', 4], // TPU, TPU v4, TPU v5e, Granite Redux
      ['amazon', 2], // Inferentia, Trainium
      ['microsoft', 2], // Maia 100, Cobalt 100
      ['d-matrix', 1],
      ['huawei', 1],
      ['meta', 1],
      ['nvidia', 1],
      ['rebellions', 1],
      ['sambanova', 1],
    ]);
    expect(chips.byDesigner[0]!.designer).toEqual({ slug: 'google', name: 'Google', nameKo: '구글', kind: 'big_tech' });
  });

  it('counts chips by kind, every kind listed', async () => {
    const { chips } = await stats();
    expect(chips.byKind).toEqual([
      // Inferentia, Trainium, MTIA, Huawei's A100-class chip, A100, d-Matrix's chip
      { kind: 'ai_accelerator', chipCount: 6 },
      { kind: 'gpu', chipCount: 1 },
      { kind: 'cpu', chipCount: 1 },
      { kind: 'tpu', chipCount: 3 },
      { kind: 'npu', chipCount: 1 },
      { kind: 'network_interface', chipCount: 1 },
      { kind: 'processor', chipCount: 1 },
    ]);
  });

  it('counts chips by purpose, those without one under null', async () => {
    const { chips } = await stats();
    expect(chips.byPurpose).toEqual([
      { purpose: 'training', chipCount: 2 }, // TPU (the article speaks of training only); Trainium by the curator
      { purpose: 'inference', chipCount: 4 }, // d-Matrix's chip, Atom; Inferentia and MTIA by the curator
      { purpose: 'training_and_inference', chipCount: 1 }, // TPU v5e
      { purpose: 'general_compute', chipCount: 1 }, // Cobalt 100
      { purpose: 'networking', chipCount: 1 }, // Granite Redux
      // Maia 100, TPU v4, Huawei's chip, A100, SN40L
      { purpose: null, chipCount: 5 },
    ]);
  });
});

describe('GET /v1/stats parameters', () => {
  it('refuses unknown parameters (400 naming them)', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/stats?currency=USD' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((error: { name: string }) => error.name)).toContain('currency');
  });
});

describe('the groupings that grow with the data, a page at a time', () => {
  it.each([
    ['funding-by-company', 'byCompany', 'company'],
    ['funding-by-investor', 'byInvestor', 'investor'],
    ['chips-by-designer', 'byDesigner', 'designer'],
  ] as const)('/v1/stats/%s pages through %s exactly as /v1/stats lists it whole', async (path, grouping, key) => {
    const whole = await stats();
    const expected = (grouping === 'byDesigner' ? whole.chips.byDesigner : whole.funding[grouping]) as Record<string, unknown>[];
    expect(expected.length).toBeGreaterThan(2);
    const seen: unknown[] = [];
    let url: string | null = `/v1/stats/${path}?limit=2&count=true`;
    while (url !== null) {
      const response: { statusCode: number; headers: Record<string, unknown>; json(): unknown } = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['x-total-count']).toBe(String(expected.length));
      const body = response.json() as { data: Record<string, unknown>[]; page: { limit: number; nextCursor: string | null } };
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data);
      url = /<([^>]+)>; rel="next"/.exec(String(response.headers.link))?.[1] ?? null;
    }
    expect(seen).toEqual(expected);
    const slugs = seen.map((entry) => (entry as Record<string, { slug: string }>)[key]!.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('/v1/stats?limit= shows the first entries of each grouping and links to the rest', async () => {
    const whole = await stats();
    const response = await app.inject({ method: 'GET', url: '/v1/stats?limit=2' });
    expect(response.statusCode).toBe(200);
    const top = response.json() as Stats & { more: Record<string, string | null> };
    expect(top.funding.byCompany).toEqual(whole.funding.byCompany.slice(0, 2));
    expect(top.funding.byInvestor).toEqual(whole.funding.byInvestor.slice(0, 2));
    expect(top.chips.byDesigner).toEqual(whole.chips.byDesigner.slice(0, 2));
    // Everything that is not grouped by a record stays whole.
    expect(top.funding.overall).toEqual(whole.funding.overall);
    expect(top.funding.byYear).toEqual(whole.funding.byYear);
    const next = await app.inject({ method: 'GET', url: top.more.fundingByInvestor! });
    expect(next.statusCode).toBe(200);
    expect(next.json().data).toEqual(whole.funding.byInvestor.slice(2, 4));
    expect((whole as Stats & { more: unknown }).more).toEqual({ fundingByCompany: null, fundingByInvestor: null, chipsByDesigner: null });
  });

  it.each(['/v1/stats?limit=0', '/v1/stats?limit=101', '/v1/stats/funding-by-company?cursor=bm9wZQ', '/v1/stats/chips-by-designer?sort=name'])(
    '%s is a 400',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
    },
  );
});

// Last: it changes this file's database.
describe('GET /v1/stats after the data changes', () => {
  it('follows the rounds, leaving a won amount without a rate out of the USD total', async () => {
    const rebellions = await db.vendor.findUniqueOrThrow({ where: { slug: 'rebellions' }, select: { id: true } });
    const softbank = await db.vendor.findUniqueOrThrow({ where: { slug: 'softbank' }, select: { id: true } });
    await db.fundingRound.create({
      data: {
        slug: 'rebellions-test-seed',
        companyId: rebellions.id,
        roundType: 'seed',
        amount: 1_000_000_000n,
        currency: 'KRW',
        investors: { connect: [{ id: softbank.id }] },
      },
    });
    // Written behind the API (which asks a won amount for its rate), so given the upkeep a write through it gets.
    await refreshDerivedRow(database, 'fundingRound', 'rebellions-test-seed');
    const { funding } = await stats();
    expect(funding.overall).toEqual({
      roundCount: 6,
      roundsWithoutAmount: 1,
      byCurrency: [
        { currency: 'KRW', amount: '63000000000', roundCount: 2 },
        { currency: 'USD', amount: '1445000000', roundCount: 3 },
      ],
      usd: { amount: '1492980189', roundsNotConverted: 1 },
    });
    expect(funding.byYear.at(-1)).toEqual({
      year: null,
      roundCount: 4,
      roundsWithoutAmount: 1,
      byCurrency: [
        { currency: 'KRW', amount: '1000000000', roundCount: 1 },
        { currency: 'USD', amount: '1335000000', roundCount: 2 },
      ],
      usd: { amount: '1335000000', roundsNotConverted: 1 },
    });
    const softbankTotals = funding.byInvestor.find(({ investor }) => investor.slug === 'softbank');
    expect(softbankTotals).toMatchObject({ roundCount: 2, usd: { amount: '1000000000', roundsNotConverted: 1 } });
  });
});
