// Writing deals: parties (named or described), exact money with its USD basis, parties replaced as a whole,
// optimistic concurrency, idempotent retries, deletes that take the parties with them. Expected values are
// worked out by hand from seed/data/*.json.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app } = await createTestApp({ API_KEYS });
const auth = { authorization: `Bearer ${CURATOR_KEY}` };

const SOURCE = 'tenstorrent-samsung-electronics-production-cooperation';
/** A passage that writes a figure ('620억원'), for deals that carry one. */
const FIGURE_SOURCE = 'rebellions-series-a-2022-62-billion-won';
const KRW_RATE = 'krw-per-usd-2022-average';
const TENSTORRENT = { slug: 'tenstorrent', name: 'Tenstorrent', nameKo: '텐스토렌트', kind: 'startup' };
const SAMSUNG_ELECTRONICS = { slug: 'samsung-electronics', name: 'Samsung Electronics', nameKo: '삼성전자', kind: 'semiconductor' };

const newDeal = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  title: `Deal ${slug}`,
  kind: 'supply',
  status: 'announced',
  parties: [{ vendor: 'tenstorrent', role: 'customer' }],
  sources: [SOURCE],
  ...extra,
});

const { send, get, refusedFields: refused } = writeClient(app, auth);
const slugs = (response: { json(): { data: { slug: string }[] } }) => response.json().data.map((item) => item.slug);
const refusedFields = (body: unknown, method: 'POST' | 'PATCH' = 'POST', url = '/v1/deals') => refused(body, method, url);

describe('create', () => {
  it('stores a deal with its parties and a KRW amount shown in USD on the stated rate', async () => {
    const response = await send(
      'POST',
      '/v1/deals',
      newDeal('tenstorrent-samsung-foundry-order', {
        title: 'Tenstorrent orders chips from Samsung Foundry',
        titleKo: '텐스토렌트, 삼성 파운드리에 칩 생산 맡겨',
        kind: 'manufacturing',
        date: { value: '2023-Q4' },
        // A figure is the source's: the order is valued at a figure the Rebellions passage writes, and cites it.
        amount: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
        usdRate: KRW_RATE,
        description: 'A foundry order.',
        sources: [SOURCE, FIGURE_SOURCE],
        parties: [
          { vendor: 'tenstorrent', role: 'customer' },
          { vendor: 'samsung-electronics', role: 'supplier' },
          { role: 'partner', description: 'An unnamed packaging house.' },
        ],
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/v1/deals/tenstorrent-samsung-foundry-order');
    const read = await get('/v1/deals/tenstorrent-samsung-foundry-order');
    expect(response.json()).toEqual(read.json());
    expect(read.json()).toEqual({
      slug: 'tenstorrent-samsung-foundry-order',
      title: 'Tenstorrent orders chips from Samsung Foundry',
      titleKo: '텐스토렌트, 삼성 파운드리에 칩 생산 맡겨',
      kind: 'manufacturing',
      status: 'announced',
      date: { value: '2023-Q4', precision: 'quarter', qualifier: null, start: '2023-10-01', end: '2023-12-31', yearFrom: { document: 'ai-chip-market-big-tech-and-startups-2023' } },
      // 62,000,000,000 / 1292.20 = 47,980,188.8… → 47,980,189 (seed/data/currency-rates.json).
      amount: {
        amount: '62000000000',
        currency: 'KRW',
        notation: '620억원',
        usd: {
          amount: '47980189',
          unitsPerUsd: '1292.20',
          asOf: { value: '2022', precision: 'year', qualifier: null, start: '2022-01-01', end: '2022-12-31' },
          basis: expect.stringContaining('Bank of Korea'),
        },
      },
      description: 'A foundry order.',
      parties: [
        { vendor: TENSTORRENT, role: 'customer', description: null },
        { vendor: SAMSUNG_ELECTRONICS, role: 'supplier', description: null },
        { vendor: null, role: 'partner', description: 'An unnamed packaging house.' },
      ],
      // The titles are the curator's words: neither stands in a cited passage.
      curated: ['title', 'titleKo', 'date'],
      sources: [expect.objectContaining({ slug: SOURCE }), expect.objectContaining({ slug: FIGURE_SOURCE })],
    });
    // The graph draws the order as Tenstorrent a customer of Samsung Electronics, with the deal's value.
    const graph = (await get('/v1/graph?edgeType=customer_of')).json();
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        source: 'vendor:tenstorrent',
        target: 'vendor:samsung-electronics',
        record: expect.objectContaining({ slug: 'tenstorrent-samsung-foundry-order' }),
        amount: expect.objectContaining({ amount: '62000000000', currency: 'KRW' }),
      }),
    );
  });

  it('is found by the party filter and by title or party name', async () => {
    expect(slugs(await get('/v1/deals?vendor=samsung-electronics&sort=slug'))).toEqual([
      'tenstorrent-samsung-electronics-production-cooperation',
      'tenstorrent-samsung-foundry-order',
    ]);
    expect(slugs(await get('/v1/deals?vendor=tenstorrent&kind=manufacturing&date[gte]=2023-10'))).toEqual(['tenstorrent-samsung-foundry-order']);
    expect(slugs(await get(`/v1/deals?q=${encodeURIComponent('파운드리')}`))).toEqual(['tenstorrent-samsung-foundry-order']);
    expect(slugs(await get(`/v1/deals?q=${encodeURIComponent('삼성전자')}&sort=slug`))).toEqual([
      'tenstorrent-samsung-electronics-production-cooperation',
      'tenstorrent-samsung-foundry-order',
    ]);
  });

  it('sorts a new or retitled deal by its title, whatever its case', async () => {
    const titles = async () => (await get('/v1/deals?sort=title&limit=100')).json().data.map((deal: { title: string }) => deal.title) as string[];
    expect((await send('POST', '/v1/deals', newDeal('lowercase-deal', { title: 'b-grade supply deal' }))).statusCode).toBe(201);
    const created = await titles();
    expect(created[created.indexOf('b-grade supply deal') - 1]).toBe('AWS, a big buyer of Nvidia chips');
    expect((await send('PATCH', '/v1/deals/lowercase-deal', { title: 'n-grade supply deal' })).statusCode).toBe(200);
    const retitled = await titles();
    expect(retitled[retitled.indexOf('n-grade supply deal') + 1]).toBe('OpenAI considers acquiring a chip maker');
  });

  it('refuses a taken slug with 409 and changes nothing', async () => {
    const before = await get('/v1/deals/amazon-acquires-annapurna-labs');
    const response = await send('POST', '/v1/deals', newDeal('amazon-acquires-annapurna-labs'));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('slug_taken');
    expect((await get('/v1/deals/amazon-acquires-annapurna-labs')).body).toBe(before.body);
  });

  it('names the field of an unknown party vendor or source, and needs a description for an unnamed party', async () => {
    const unknown = await send('POST', '/v1/deals', newDeal('bad-deal', { parties: [{ vendor: 'amazon', role: 'acquirer' }, { vendor: 'no-such-company', role: 'target' }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ name: 'parties.1.vendor', message: expect.stringContaining("'no-such-company'") })]);
    expect(await refusedFields(newDeal('bad-deal', { parties: [{ role: 'target' }] }))).toEqual(['parties.0.description']);
    expect(await refusedFields(newDeal('bad-deal', { parties: [{ role: 'target', description: null }] }))).toEqual(['parties.0.description']);
    expect(await refusedFields(newDeal('bad-deal', { parties: [] }))).toEqual(['parties']);
    expect(await refusedFields(newDeal('bad-deal', { parties: [{ vendor: 'amazon', role: 'buyer' }] }))).toEqual(['parties.0.role']);
    expect(await refusedFields(newDeal('bad-deal', { sources: ['no-such-source'] }))).toEqual(['sources']);
    expect(await refusedFields(newDeal('bad-deal', { title: 'two\nlines' }))).toEqual(['title']);
    expect(await refusedFields(newDeal('bad-deal', { status: 'rumoured' }))).toEqual(['status']);
    const twice = { vendor: 'amazon', role: 'acquirer' };
    expect(await refusedFields(newDeal('bad-deal', { parties: [twice, { vendor: 'annapurna-labs', role: 'target' }, twice] }))).toEqual(['parties.2']);
    // Nor may one company take two parts: it cannot acquire itself.
    const selfAcquisition = [{ vendor: 'openai', role: 'acquirer' }, { vendor: 'openai', role: 'target' }];
    expect(await refusedFields(newDeal('self-deal', { parties: selfAcquisition }))).toEqual(['parties.1']);
    expect(await refusedFields(newDeal('bad-deal', { sources: [SOURCE, SOURCE] }))).toEqual(['sources.1']);
    expect((await get('/v1/deals/bad-deal')).statusCode).toBe(404);
  });

  it('refuses money that is not exact, in an unknown currency or without its USD basis', async () => {
    for (const amount of ['-1', '0.5', '1234567890123456789', 5]) {
      expect(await refusedFields(newDeal('bad-money', { amount: { amount, currency: 'USD', notation: '620억원' } })), String(amount)).toEqual(['amount.amount']);
    }
    const figure = { notation: '620억원' };
    const cited = { sources: [SOURCE, FIGURE_SOURCE] };
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'JPY', ...figure } }))).toEqual(['amount.currency']);
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'KRW', ...figure } }))).toEqual(['usdRate']);
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'KRW', ...figure }, usdRate: 'no-such-rate' }))).toEqual(['usdRate']);
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'USD', ...figure }, usdRate: KRW_RATE }))).toEqual(['usdRate']);
    // A deal's value is the source's figure, spelled as a passage the deal cites spells it.
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'USD' }, ...cited }))).toEqual(['amount.notation']);
    expect(await refusedFields(newDeal('bad-money', { amount: { amount: '100', currency: 'KRW', ...figure }, usdRate: KRW_RATE }))).toEqual(['amount.notation']);
    expect((await get('/v1/deals/bad-money')).statusCode).toBe(404);
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const headers = { ...auth, 'idempotency-key': 'create-deal-0001' };
    const first = await send('POST', '/v1/deals', newDeal('retried-deal'), headers);
    const retry = await send('POST', '/v1/deals', newDeal('retried-deal'), headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    const other = await send('POST', '/v1/deals', newDeal('retried-deal', { status: 'completed' }), headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await get('/v1/deals/retried-deal')).json().status).toBe('announced');
    expect((await get('/v1/deals/retried-deal/revisions')).json().data).toHaveLength(1);
  });
});

describe('update', () => {
  it('replaces the parties as a whole, and the filters and search follow', async () => {
    const url = '/v1/deals/microsoft-openai-partnership';
    const updated = await send('PATCH', url, {
      parties: [
        { vendor: 'microsoft', role: 'partner' },
        { vendor: 'nvidia', role: 'partner' },
      ],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().parties).toEqual([
      { vendor: { slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' }, role: 'partner', description: null },
      { vendor: { slug: 'nvidia', name: 'Nvidia', nameKo: '엔비디아', kind: 'semiconductor' }, role: 'partner', description: null },
    ]);
    expect(updated.json()).toMatchObject({ title: 'Microsoft and OpenAI cooperation', status: 'ongoing' });
    expect(slugs(await get('/v1/deals?vendor=openai'))).toEqual(['openai-considers-acquiring-chipmaker']);
    expect(slugs(await get('/v1/deals?vendor=nvidia&sort=slug'))).toEqual(['aws-buys-nvidia-chips', 'microsoft-openai-partnership']);
    expect(slugs(await get(`/v1/deals?q=${encodeURIComponent('엔비디아')}&sort=slug`))).toEqual(['aws-buys-nvidia-chips', 'microsoft-openai-partnership']);
    // The title still says OpenAI; the party's names no longer match.
    expect(slugs(await get(`/v1/deals?q=${encodeURIComponent('오픈AI')}&sort=slug`))).toEqual([
      'microsoft-openai-partnership',
      'openai-considers-acquiring-chipmaker',
    ]);
    const [revision] = (await get(`${url}/revisions`)).json().data;
    expect(revision).toMatchObject({ action: 'update', actor: 'curator' });
    expect(Object.keys(revision.changes)).toEqual(['parties']);
    expect(revision.changes.parties.from.map((party: { vendor: { slug: string } }) => party.vendor.slug)).toEqual(['microsoft', 'openai']);
    expect(await refusedFields({ parties: [{ vendor: 'no-such-company', role: 'partner' }] }, 'PATCH', url)).toEqual(['parties.0.vendor']);
    expect((await get(url)).json().parties).toHaveLength(2);
    // A party's role must be one the deal's kind has, whichever of the two changes.
    expect(await refusedFields({ parties: [{ vendor: 'microsoft', role: 'partner' }, { vendor: 'nvidia', role: 'supplier' }] }, 'PATCH', url)).toEqual(['parties.1.role']);
    expect(await refusedFields({ kind: 'acquisition' }, 'PATCH', url)).toEqual(['kind']);
    expect((await get(url)).json()).toMatchObject({ kind: 'partnership', parties: [{ role: 'partner' }, { role: 'partner' }] });
  });

  it('changes fields without touching the parties, and adds or clears an amount', async () => {
    const url = '/v1/deals/aws-buys-nvidia-chips';
    const figure = { amount: { amount: '1000000000', currency: 'USD', notation: '10억 달러' }, sources: ['aws-big-nvidia-buyer-tension-over-nvidia-cloud', 'sambanova-raises-1-billion'] };
    const dated = await send('PATCH', url, { status: 'completed', date: { value: '2023-11-28' }, ...figure });
    expect(dated.statusCode).toBe(200);
    expect(dated.json()).toMatchObject({
      status: 'completed',
      date: { value: '2023-11-28', precision: 'day', start: '2023-11-28', end: '2023-11-28' },
      amount: { amount: '1000000000', currency: 'USD', notation: '10억 달러', usd: { amount: '1000000000', unitsPerUsd: '1' } },
    });
    expect(dated.json().parties.map((party: { vendor: { slug: string } }) => party.vendor.slug)).toEqual(['nvidia', 'aws']);
    expect(await refusedFields({ amount: { amount: '1000000000', currency: 'KRW', notation: '10억 달러' } }, 'PATCH', url)).toEqual(['usdRate']);
    const cleared = await send('PATCH', url, { amount: null, date: null });
    expect(cleared.json()).toMatchObject({ amount: null, date: null });
  });

  it('honours If-Match, and refuses an empty patch and an unknown deal', async () => {
    const url = '/v1/deals/amazon-acquires-annapurna-labs';
    const etag = (await get(url)).headers.etag as string;
    expect(etag).toBeTruthy();
    const updated = await send('PATCH', url, { description: 'Amazon bought Annapurna Labs.' }, { ...auth, 'if-match': etag });
    expect(updated.statusCode).toBe(200);
    const stale = await send('PATCH', url, { description: 'Lost update?' }, { ...auth, 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await get(url)).json().description).toBe('Amazon bought Annapurna Labs.');
    expect((await send('PATCH', url, {})).statusCode).toBe(400);
    expect((await send('PATCH', '/v1/deals/no-such-deal', { status: 'completed' })).statusCode).toBe(404);
  });
});

describe('delete', () => {
  it('deletes a deal with its parties and keeps its history', async () => {
    const party = await send('POST', '/v1/vendors', {
      slug: 'packaging-house',
      name: 'Packaging House',
      kind: 'other',
      sources: [SOURCE],
    });
    expect(party.statusCode).toBe(201);
    const url = '/v1/deals/tenstorrent-samsung-foundry-order';
    expect((await send('PATCH', url, { parties: [{ vendor: 'packaging-house', role: 'partner' }] })).statusCode).toBe(200);
    expect((await send('DELETE', '/v1/vendors/packaging-house')).statusCode).toBe(409);

    expect((await send('DELETE', url, undefined, { ...auth, 'if-match': '"not-the-tag"' })).statusCode).toBe(412);
    const deleted = await send('DELETE', url);
    expect(deleted.statusCode).toBe(204);
    expect((await get(url)).statusCode).toBe(404);
    expect(slugs(await get('/v1/deals?vendor=packaging-house'))).toEqual([]);
    // The party went with the deal, so nothing holds the company any more.
    expect((await send('DELETE', '/v1/vendors/packaging-house')).statusCode).toBe(204);
    const revisions = (await get(`${url}/revisions`)).json().data;
    expect(revisions.map((revision: { action: string }) => revision.action)).toEqual(['delete', 'update', 'create']);
    expect(revisions[0].snapshot).toMatchObject({ slug: 'tenstorrent-samsung-foundry-order', amount: { amount: '62000000000' } });
    expect((await send('DELETE', url)).statusCode).toBe(404);
  });

  it('deletes a seeded deal, including one with an unnamed party', async () => {
    expect((await send('DELETE', '/v1/deals/openai-considers-acquiring-chipmaker')).statusCode).toBe(204);
    expect(slugs(await get('/v1/deals?vendor=openai'))).toEqual([]);
    expect((await get('/v1/deals/openai-considers-acquiring-chipmaker/revisions')).json().data).toEqual([
      expect.objectContaining({ action: 'delete', actor: 'curator' }),
      expect.objectContaining({ action: 'create', actor: 'seed' }),
    ]);
  });
});
