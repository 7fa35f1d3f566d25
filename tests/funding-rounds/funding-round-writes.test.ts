// Writing funding rounds: exact money with its USD basis, references that must resolve, investors replaced as a
// set, optimistic concurrency, idempotent retries, deletes and their history. Expected figures are worked out
// by hand from seed/data/*.json.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app } = await createTestApp({ API_KEYS });
const auth = { authorization: `Bearer ${CURATOR_KEY}` };

const SOURCE = 'rebellions-series-a-2022-62-billion-won';
const KRW_RATE = 'krw-per-usd-2022-average';
// seed/data/currency-rates.json: 1292.20 KRW per USD for 2022.
const KRW_BASIS = {
  unitsPerUsd: '1292.20',
  asOf: { value: '2022', precision: 'year', qualifier: null, start: '2022-01-01', end: '2022-12-31' },
  basis: 'Bank of Korea (ECOS), 2022 annual average KRW/USD rate; not stated in the article',
};
const USD_BASIS = { unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' };

const newRound = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  company: 'rebellions',
  roundType: 'series_b',
  sources: [SOURCE],
  ...extra,
});

const { send, get, refusedFields: refused } = writeClient(app, auth);
const slugs = (response: { json(): { data: { slug: string }[] } }) => response.json().data.map((item) => item.slug);
const refusedFields = (body: unknown, method: 'POST' | 'PATCH' = 'POST', url = '/v1/funding-rounds') => refused(body, method, url);

describe('create', () => {
  it('stores a KRW round exactly and shows its USD conversion on the stated rate', async () => {
    const response = await send(
      'POST',
      '/v1/funding-rounds',
      newRound('rebellions-series-b-2024', {
        amount: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
        usdRate: KRW_RATE,
        date: { value: '2024-01', qualifier: 'early' },
        investors: ['kt', 'samsung'],
        investorsPartial: true,
        valuation: { amount: '300000000000' },
        valuationStance: 'estimate',
        cumulativeAmount: { amount: '112000000000', notation: '1,120억원' },
        description: 'A second round.',
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/v1/funding-rounds/rebellions-series-b-2024');
    expect(response.headers.etag).toBeTruthy();

    const read = await get('/v1/funding-rounds/rebellions-series-b-2024');
    expect(read.statusCode).toBe(200);
    expect(response.json()).toEqual(read.json());
    expect(read.json()).toEqual({
      slug: 'rebellions-series-b-2024',
      company: { slug: 'rebellions', name: 'Rebellions', nameKo: '리벨리온', kind: 'startup' },
      roundType: 'series_b',
      // 62,000,000,000 / 1292.20 = 47,980,188.82… → 47,980,189 (half up).
      amount: { amount: '62000000000', currency: 'KRW', notation: '620억원', usd: { amount: '47980189', ...KRW_BASIS } },
      date: { value: '2024-01', precision: 'month', qualifier: 'early', start: '2024-01-01', end: '2024-01-31', yearFrom: { document: 'ai-chip-market-big-tech-and-startups-2023' } },
      investors: [
        { slug: 'kt', name: 'KT', nameKo: 'KT', kind: 'telecom' },
        { slug: 'samsung', name: 'Samsung', nameKo: '삼성', kind: 'conglomerate' },
      ],
      investorsPartial: true,
      // 300,000,000,000 / 1292.20 = 232,162,204.0… ; 112,000,000,000 / 1292.20 = 86,673,889.4…
      valuation: { amount: '300000000000', currency: 'KRW', notation: null, usd: { amount: '232162204', ...KRW_BASIS } },
      valuationStance: 'estimate',
      cumulativeAmount: { amount: '112000000000', currency: 'KRW', notation: '1,120억원', usd: { amount: '86673889', ...KRW_BASIS } },
      description: 'A second round.',
      curated: ['date'],
      sources: [expect.objectContaining({ slug: SOURCE })],
    });
  });

  it('keeps amounts beyond 2^53 exact, up to 18 digits', async () => {
    // An amount is the source's figure; a valuation (in the amount's currency) may be any exact figure.
    const response = await send(
      'POST',
      '/v1/funding-rounds',
      newRound('huge-round', {
        amount: { amount: '1000000000', currency: 'USD', notation: '10억 달러' },
        valuation: { amount: '999999999999999999' },
        sources: [SOURCE, 'sambanova-raises-1-billion'],
      }),
    );
    expect(response.statusCode).toBe(201);
    expect((await get('/v1/funding-rounds/huge-round')).json().valuation).toEqual({
      amount: '999999999999999999',
      currency: 'USD',
      notation: null,
      usd: { amount: '999999999999999999', ...USD_BASIS },
    });
  });

  it('is found by the list filters and search', async () => {
    expect(slugs(await get('/v1/funding-rounds?investor=kt'))).toEqual(['rebellions-series-b-2024']);
    expect(slugs(await get('/v1/funding-rounds?investor=samsung&sort=slug'))).toEqual([
      'd-matrix-series-b-2023',
      'rebellions-series-b-2024',
      'tenstorrent-samsung-hyundai-investment',
    ]);
    // The USD filter converts on the round's own rate: exactly 47,980,189 dollars, as the seeded Series A of the
    // same figure.
    expect(slugs(await get('/v1/funding-rounds?amountUsd[gte]=47980189&amountUsd[lte]=47980189&sort=slug'))).toEqual([
      'rebellions-series-a-2022',
      'rebellions-series-b-2024',
    ]);
    expect(slugs(await get('/v1/funding-rounds?amountUsd[gte]=47980190&amountUsd[lte]=47980190'))).toEqual([]);
    // Searched by the round's names, the company's aliases and the round's description, as the seed builds it.
    expect(slugs(await get(`/v1/funding-rounds?q=${encodeURIComponent('a second round')}`))).toEqual(['rebellions-series-b-2024']);
    expect(slugs(await get(`/v1/funding-rounds?q=${encodeURIComponent('리벨리온')}&sort=slug`))).toEqual([
      'huge-round',
      'rebellions-series-a-2022',
      'rebellions-series-b-2024',
    ]);
  });

  it('refuses a taken slug with 409 and changes nothing', async () => {
    const before = await get('/v1/funding-rounds/d-matrix-series-b-2023');
    const response = await send('POST', '/v1/funding-rounds', newRound('d-matrix-series-b-2023'));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('slug_taken');
    expect((await get('/v1/funding-rounds/d-matrix-series-b-2023')).body).toBe(before.body);
  });

  it('names the field of an unknown company, investor, source or rate', async () => {
    expect(await refusedFields(newRound('bad-ref', { company: 'no-such-company' }))).toEqual(['company']);
    const investor = await send('POST', '/v1/funding-rounds', newRound('bad-ref', { investors: ['kt', 'no-such-investor'] }));
    expect(investor.statusCode).toBe(400);
    expect(investor.json().errors).toEqual([expect.objectContaining({ name: 'investors', message: expect.stringContaining("'no-such-investor'") })]);
    expect(await refusedFields(newRound('bad-ref', { sources: ['no-such-source'] }))).toEqual(['sources']);
    expect(await refusedFields(newRound('bad-ref', { sources: [] }))).toEqual(['sources']);
    expect(await refusedFields(newRound('bad-ref', { amount: { amount: '1', currency: 'KRW', notation: '620억원' }, usdRate: 'no-such-rate' }))).toEqual(['usdRate']);
    expect((await get('/v1/funding-rounds/bad-ref')).statusCode).toBe(404);
  });

  it('refuses money that is not exact, in an unknown currency or without its USD basis', async () => {
    const krw = (amount: unknown) => ({ amount: { amount, currency: 'KRW', notation: '620억원' }, usdRate: KRW_RATE });
    for (const amount of ['-5', '1.5', '1e9', '0110', '1234567890123456789', '', 110000000]) {
      expect(await refusedFields(newRound('bad-money', krw(amount))), String(amount)).toEqual(['amount.amount']);
    }
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'EUR', notation: '620억원' } }))).toEqual(['amount.currency']);
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'USD', notation: '620억원', extra: 1 } }))).toEqual(['amount.extra']);
    // A KRW amount cannot be shown in USD without a rate, and a USD one needs none.
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'KRW', notation: '620억원' } }))).toEqual(['usdRate']);
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'USD', notation: '620억원' }, usdRate: KRW_RATE }))).toEqual(['usdRate']);
    // An amount is the source's figure: spelled as a passage the round cites spells it.
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'USD' } }))).toEqual(['amount.notation']);
    expect(await refusedFields(newRound('bad-money', { amount: { amount: '100', currency: 'USD', notation: '100 달러' } }))).toEqual(['amount.notation']);
    expect(await refusedFields(newRound('bad-money', { ...krw('62000000000'), valuation: { amount: '1', notation: '9천억원' } }))).toEqual(['valuation.notation']);
    expect(await refusedFields(newRound('bad-money', { usdRate: KRW_RATE }))).toEqual(['usdRate']);
    // Valuation and cumulative totals are digits in the round's currency, which comes from its amount.
    expect(await refusedFields(newRound('bad-money', { valuation: { amount: '1000' } }))).toEqual(['valuation']);
    expect(await refusedFields(newRound('bad-money', { ...krw('100'), cumulativeAmount: { amount: '-1' } }))).toEqual(['cumulativeAmount.amount']);
    expect(await refusedFields(newRound('bad-money', { ...krw('100'), valuation: { amount: '12.5' } }))).toEqual(['valuation.amount']);
    expect(await refusedFields(newRound('bad-money', { ...krw('100'), valuation: '1000' }))).toEqual(['valuation']);
    expect(await refusedFields(newRound('bad-money', { date: { value: '2023-02-30' } }))).toEqual(['date']);
    expect(await refusedFields(newRound('bad-money', { roundType: 'series_z' }))).toEqual(['roundType']);
    expect(await refusedFields(newRound('bad-money', { searchText: 'x' }))).toEqual(['searchText']);
    expect((await get('/v1/funding-rounds/bad-money')).statusCode).toBe(404);
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const headers = { ...auth, 'idempotency-key': 'create-round-0001' };
    const first = await send('POST', '/v1/funding-rounds', newRound('retried-round'), headers);
    const retry = await send('POST', '/v1/funding-rounds', newRound('retried-round'), headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe('/v1/funding-rounds/retried-round');
    const other = await send('POST', '/v1/funding-rounds', newRound('retried-round', { roundType: 'seed' }), headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await get('/v1/funding-rounds/retried-round')).json().roundType).toBe('series_b');
    expect((await get('/v1/funding-rounds/retried-round/revisions')).json().data).toHaveLength(1);
  });
});

describe('update', () => {
  it('refuses an investor named twice, and the company as its own investor, by either field', async () => {
    expect(await refusedFields({ investors: ['kt', 'kt'] }, 'PATCH', '/v1/funding-rounds/rebellions-series-b-2024')).toEqual(['investors.1']);
    expect(await refusedFields({ investors: ['kt', 'rebellions'] }, 'PATCH', '/v1/funding-rounds/rebellions-series-b-2024')).toEqual(['investors']);
    expect(await refusedFields({ company: 'kt' }, 'PATCH', '/v1/funding-rounds/rebellions-series-b-2024')).toEqual(['company']);
    expect(await refusedFields(newRound('self-funded', { investors: ['rebellions'] }))).toEqual(['investors']);
    const round = (await get('/v1/funding-rounds/rebellions-series-b-2024')).json();
    expect(round.company.slug).toBe('rebellions');
    expect(round.investors.map((investor: { slug: string }) => investor.slug)).not.toContain('rebellions');
  });

  it('replaces the investors as a set, and the list filters follow', async () => {
    const updated = await send('PATCH', '/v1/funding-rounds/d-matrix-series-b-2023', { investors: ['kt', 'sk-hynix'], investorsPartial: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().investors.map((investor: { slug: string }) => investor.slug)).toEqual(['kt', 'sk-hynix']);
    expect(updated.json()).toMatchObject({ investorsPartial: false, amount: { amount: '110000000', notation: '1억 1천만 달러' } });
    expect(slugs(await get('/v1/funding-rounds?investor=mirae-asset'))).toEqual([]);
    expect(slugs(await get('/v1/funding-rounds?investor=sk-hynix&sort=slug'))).toEqual(['d-matrix-series-b-2023', 'd-matrix-sk-hynix-investment']);
    const [revision] = (await get('/v1/funding-rounds/d-matrix-series-b-2023/revisions')).json().data;
    expect(revision).toMatchObject({ action: 'update', actor: 'curator' });
    expect(Object.keys(revision.changes).sort()).toEqual(['investors', 'investorsPartial']);
    expect(revision.changes.investors.from.map((investor: { slug: string }) => investor.slug)).toEqual([
      'microsoft',
      'mirae-asset',
      'playground-global',
      'samsung',
    ]);
    expect(await refusedFields({ investors: ['no-such-investor'] }, 'PATCH', '/v1/funding-rounds/d-matrix-series-b-2023')).toEqual(['investors']);
  });

  it('keeps the rate across a new amount in the same currency, and refuses a currency change that would strand the total', async () => {
    const url = '/v1/funding-rounds/rebellions-series-a-2022';
    const same = await send('PATCH', url, { amount: { amount: '112000000000', currency: 'KRW', notation: '1,120억원' } });
    expect(same.statusCode).toBe(200);
    // 112,000,000,000 / 1292.20 = 86,673,889.4… on the rate the round already had.
    expect(same.json().amount).toEqual({ amount: '112000000000', currency: 'KRW', notation: '1,120억원', usd: { amount: '86673889', ...KRW_BASIS } });
    const dollarFigure = { amount: '110000000', currency: 'USD', notation: '1억 1천만 달러' };
    const dollarSources = [SOURCE, 'd-matrix-series-b-110-million'];
    // The seed's cumulative 112,000,000,000 KRW would silently become dollars.
    expect(await refusedFields({ amount: dollarFigure, sources: dollarSources }, 'PATCH', url)).toEqual(['amount']);
    expect(await refusedFields({ amount: null }, 'PATCH', url)).toEqual(['amount']);
    const dollars = await send('PATCH', url, { amount: dollarFigure, sources: dollarSources, cumulativeAmount: null });
    expect(dollars.statusCode).toBe(200);
    expect(dollars.json()).toMatchObject({ amount: { amount: '110000000', currency: 'USD', usd: { amount: '110000000', ...USD_BASIS } }, cumulativeAmount: null });
    expect(slugs(await get('/v1/funding-rounds?currency=KRW'))).toEqual(['rebellions-series-b-2024']);
    expect(await refusedFields({ amount: { amount: '1', currency: 'KRW', notation: '620억원' } }, 'PATCH', url)).toEqual(['usdRate']);
    // Its sources changed under its figure: the dollar figure stands in no passage it would still cite.
    expect(await refusedFields({ sources: [SOURCE] }, 'PATCH', url)).toEqual(['amount.notation']);
  });

  it('moves a round to another company and searches it under the new name', async () => {
    const moved = await send('PATCH', '/v1/funding-rounds/huge-round', { company: 'd-matrix', description: null });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().company.slug).toBe('d-matrix');
    expect(slugs(await get(`/v1/funding-rounds?q=${encodeURIComponent('디-매트릭스')}&sort=slug`))).toContain('huge-round');
    expect(slugs(await get(`/v1/funding-rounds?q=${encodeURIComponent('리벨리온')}`))).not.toContain('huge-round');
    expect(await refusedFields({ company: 'no-such-company' }, 'PATCH', '/v1/funding-rounds/huge-round')).toEqual(['company']);
  });

  it('searches a round under its new type once the type changes', async () => {
    const seriesC = () => get(`/v1/funding-rounds?q=${encodeURIComponent('디-매트릭스 시리즈 C')}`);
    expect(slugs(await seriesC())).toEqual([]);
    expect((await send('PATCH', '/v1/funding-rounds/huge-round', { roundType: 'series_c' })).statusCode).toBe(200);
    expect(slugs(await seriesC())).toEqual(['huge-round']);
    expect(slugs(await get('/v1/funding-rounds?q=d-Matrix%20Series%20C'))).toEqual(['huge-round']);
  });

  it('honours If-Match, and refuses an empty patch, a slug change and an unknown round', async () => {
    const url = '/v1/funding-rounds/tenstorrent-samsung-hyundai-investment';
    const read = await get(url);
    const etag = read.headers.etag as string;
    expect(etag).toBeTruthy();
    const updated = await send('PATCH', url, { roundType: 'strategic' }, { ...auth, 'if-match': etag });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).not.toBe(etag);
    const stale = await send('PATCH', url, { roundType: 'seed' }, { ...auth, 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await get(url)).json().roundType).toBe('strategic');
    expect((await send('PATCH', url, {})).statusCode).toBe(400);
    expect(await refusedFields({ slug: 'renamed' }, 'PATCH', url)).toContain('slug');
    expect((await send('PATCH', '/v1/funding-rounds/no-such-round', { roundType: 'seed' })).statusCode).toBe(404);
  });
});

describe('delete', () => {
  it('deletes a round, keeps its history, and leaves its company and investors in place', async () => {
    const url = '/v1/funding-rounds/rebellions-series-b-2024';
    expect((await send('DELETE', url, undefined, { ...auth, 'if-match': '"not-the-tag"' })).statusCode).toBe(412);
    const deleted = await send('DELETE', url);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await get(url)).statusCode).toBe(404);
    expect(slugs(await get('/v1/funding-rounds?investor=kt'))).toEqual(['d-matrix-series-b-2023']);
    expect((await get('/v1/vendors/kt')).statusCode).toBe(200);
    const revisions = (await get(`${url}/revisions`)).json().data;
    expect(revisions.map((revision: { action: string }) => revision.action)).toEqual(['delete', 'create']);
    expect(revisions[0].snapshot).toMatchObject({ slug: 'rebellions-series-b-2024', amount: { amount: '62000000000' } });
    expect((await send('DELETE', url)).statusCode).toBe(404);
  });

  it('deletes a seeded round on which nothing depends', async () => {
    expect((await send('DELETE', '/v1/funding-rounds/sambanova-softbank-intel-investment')).statusCode).toBe(204);
    expect((await get('/v1/vendors/sambanova')).statusCode).toBe(200);
    expect((await get('/v1/funding-rounds/sambanova-softbank-intel-investment/revisions')).json().data).toEqual([
      expect.objectContaining({ action: 'delete', actor: 'curator' }),
      expect.objectContaining({ action: 'create', actor: 'seed' }),
    ]);
  });
});
