// The timeline and the graph are read from rows the write path keeps in step with the records. Every kind of
// write shows in them at once, and after any sequence of writes the kept rows are exactly what rebuilding them
// from the records gives.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';
import { checkSearchIndex, derivedRows, rebuildDerivedRows } from '../support/derived-rows.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app, database } = await createTestApp({ API_KEYS });
const { send, get } = writeClient(app, { authorization: `Bearer ${CURATOR_KEY}` });

type Event = { id: string; title: string; date: { value: string }; vendors: { slug: string; name: string }[] };
type Edge = { id: string; type: string; source: string; target: string; sourceSlugs: string[]; status: string | null };
type Node = { id: string; label: string };

const events = async (query = '') => (await get(`/v1/events?limit=100${query}`)).json().data as Event[];
const graph = async (query = '') => (await get(`/v1/graph?limit=100${query}`)).json() as { nodes: Node[]; edges: Edge[] };

async function ok(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await send(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
  return response;
}

describe('derived rows follow every write', () => {
  it('a new chip brings its announcement, deployment, designs, partner and customer edges; changes move them; delete removes them', async () => {
    await ok('POST', '/v1/chips', {
      slug: 'derived-test-npu',
      name: 'Derived Test NPU',
      kind: 'npu',
      designer: 'rebellions',
      announced: { value: '2024-03' },
      partners: [{ vendor: 'samsung-electronics', role: 'manufacturer', source: 'rebellions-designs-inference-optimised-chips' }],
      deployments: [
        { vendor: 'kt', kind: 'customer_infrastructure', name: 'KT cloud', status: 'plan', start: { value: '2024-06' }, source: 'atom-runs-kt-npu-infrastructure' },
      ],
      sources: ['rebellions-designs-inference-optimised-chips'],
    });
    let timeline = await events('&vendor=kt');
    expect(timeline.map((event) => event.id)).toContain('deployment:derived-test-npu:kt-cloud');
    expect((await events()).find((event) => event.id === 'chip-announcement:derived-test-npu')).toMatchObject({
      date: { value: '2024-03' },
      title: 'Rebellions announces Derived Test NPU',
      vendors: [{ slug: 'rebellions' }, { slug: 'samsung-electronics' }],
    });
    const edges = (await graph('&vendor=rebellions')).edges.map((edge) => edge.id);
    expect(edges).toEqual(expect.arrayContaining(['designs:vendor:rebellions->chip:derived-test-npu']));
    expect((await graph('&vendor=kt')).edges.map((edge) => edge.id)).toContain('customer_of:vendor:kt->chip:derived-test-npu');

    await ok('PATCH', '/v1/chips/derived-test-npu', { announced: { value: '2021' }, partners: [], deployments: [] });
    timeline = await events();
    expect(timeline.find((event) => event.id === 'chip-announcement:derived-test-npu')?.date.value).toBe('2021');
    expect(timeline.map((event) => event.id)).not.toContain('deployment:derived-test-npu:kt-cloud');
    const after = (await graph()).edges.map((edge) => edge.id);
    expect(after).not.toContain('partners_with:vendor:samsung-electronics->chip:derived-test-npu');
    expect(after).not.toContain('customer_of:vendor:kt->chip:derived-test-npu');
    expect(after).toContain('designs:vendor:rebellions->chip:derived-test-npu');

    await ok('DELETE', '/v1/chips/derived-test-npu');
    expect((await events()).map((event) => event.id).filter((id) => id.includes('derived-test-npu'))).toEqual([]);
    expect((await graph()).edges.map((edge) => edge.id).filter((id) => id.includes('derived-test-npu'))).toEqual([]);
  });

  it('a renamed company is renamed in every event and node at once, though no event was rewritten', async () => {
    await ok('PATCH', '/v1/vendors/sambanova', { name: 'SambaNova Systems' });
    const launch = (await events()).find((event) => event.id === 'chip-availability:sambanova-sn40l')!;
    expect(launch.vendors[0]).toMatchObject({ slug: 'sambanova', name: 'SambaNova Systems' });
    expect((await events()).find((event) => event.id === 'founding:sambanova')?.title).toBe('SambaNova Systems is founded');
    expect((await graph('&vendor=sambanova')).nodes.find((node) => node.id === 'vendor:sambanova')?.label).toBe('SambaNova Systems');
    // A founding year stands in a passage the company cites: 2016, from the passage on Tenstorrent's founding.
    await ok('PATCH', '/v1/vendors/sambanova', { foundedYear: 2016, sources: ['tenstorrent-founded-2016-raises-335-million'] });
    expect((await events()).find((event) => event.id === 'founding:sambanova')?.date.value).toBe('2016');
  });

  it('rounds and deals bring their events and edges, follow their changes and leave with them', async () => {
    await ok('POST', '/v1/funding-rounds', {
      slug: 'derived-test-round',
      company: 'rebellions',
      roundType: 'series_c',
      date: { value: '2024-02-01' },
      investors: ['kt', 'samsung'],
      sources: ['rebellions-series-a-2022-62-billion-won'],
    });
    expect((await events()).find((event) => event.id === 'funding-round:derived-test-round')?.vendors.map((vendor) => vendor.slug)).toEqual([
      'rebellions',
      'kt',
      'samsung',
    ]);
    expect((await graph('&edgeType=invests_in&vendor=rebellions')).edges.map((edge) => edge.id)).toEqual(
      expect.arrayContaining(['invests_in:vendor:kt->vendor:rebellions@derived-test-round', 'invests_in:vendor:samsung->vendor:rebellions@derived-test-round']),
    );
    await ok('PATCH', '/v1/funding-rounds/derived-test-round', { investors: ['kt'], date: null });
    expect((await events()).map((event) => event.id)).not.toContain('funding-round:derived-test-round');
    expect((await graph('&edgeType=invests_in')).edges.map((edge) => edge.id).filter((id) => id.endsWith('@derived-test-round'))).toEqual([
      'invests_in:vendor:kt->vendor:rebellions@derived-test-round',
    ]);

    await ok('POST', '/v1/deals', {
      slug: 'derived-test-deal',
      title: 'KT orders chips from Rebellions',
      kind: 'supply',
      status: 'announced',
      date: { value: '2024-Q2' },
      parties: [
        { vendor: 'kt', role: 'customer' },
        { vendor: 'rebellions', role: 'supplier' },
      ],
      sources: ['atom-runs-kt-npu-infrastructure'],
    });
    expect((await events()).map((event) => event.id)).toContain('deal:derived-test-deal');
    await ok('PATCH', '/v1/deals/derived-test-deal', { status: 'completed' });
    expect((await graph('&edgeType=customer_of')).edges.find((edge) => edge.id === 'customer_of:vendor:kt->vendor:rebellions@derived-test-deal')?.status).toBe(
      'completed',
    );
    await ok('DELETE', '/v1/deals/derived-test-deal');
    await ok('DELETE', '/v1/funding-rounds/derived-test-round');
    expect((await events()).map((event) => event.id).filter((id) => id.includes('derived-test'))).toEqual([]);
    expect((await graph()).edges.map((edge) => edge.id).filter((id) => id.includes('derived-test'))).toEqual([]);
  });

  it('a cascade reaches the derived rows of every record it deletes or changes', async () => {
    // Deleting a passage with cascade takes it out of the edges that cited it.
    const cited = (await graph()).edges.filter((edge) => edge.sourceSlugs.includes('d-matrix-series-b-110-million'));
    expect(cited.length).toBeGreaterThan(0);
    await ok('PATCH', '/v1/funding-rounds/d-matrix-series-b-2023', { sources: ['d-matrix-series-b-110-million', 'd-matrix-founded-2019-designs-generative-ai-chips'] });
    // The companies that cite only this passage get another, so the cascade leaves none without a source.
    for (const vendor of ['mirae-asset', 'playground-global']) {
      await ok('PATCH', `/v1/vendors/${vendor}`, { sources: ['d-matrix-series-b-110-million', 'd-matrix-founded-2019-designs-generative-ai-chips'] });
    }
    await ok('DELETE', '/v1/sources/d-matrix-series-b-110-million?cascade=true');
    const rest = (await graph()).edges.filter((edge) => edge.id.endsWith('@d-matrix-series-b-2023'));
    expect(rest.length).toBe(cited.length);
    for (const edge of rest) expect(edge.sourceSlugs).toEqual(['d-matrix-founded-2019-designs-generative-ai-chips']);

    // Deleting a company with cascade removes its chips' and rounds' events and edges with them.
    await ok('DELETE', '/v1/vendors/d-matrix?cascade=true');
    expect((await events()).map((event) => event.id).filter((id) => id.includes('d-matrix'))).toEqual([]);
    expect((await graph()).edges.filter((edge) => edge.source === 'vendor:d-matrix' || edge.target === 'vendor:d-matrix')).toEqual([]);
  });

  it('statistics follow a round or a chip into another group and out of the one it left', async () => {
    type Group = { roundCount: number; usd: { amount: string | null }; company?: { slug: string }; year?: number | null };
    const fundingOf = async (list: string, slug: string) =>
      ((await get(`/v1/stats/${list}?limit=100`)).json() as { data: (Group & { company?: { slug: string }; investor?: { slug: string } })[] }).data.find(
        (group) => (group.company ?? group.investor)?.slug === slug,
      );
    const yearOf = async (year: number) =>
      ((await get('/v1/stats')).json() as { funding: { byYear: Group[] } }).funding.byYear.find((group) => group.year === year);
    const rebellionsBefore = await fundingOf('funding-by-company', 'rebellions');
    await ok('POST', '/v1/funding-rounds', {
      slug: 'totals-test-round',
      company: 'rebellions',
      roundType: 'series_c',
      date: { value: '2031-05' },
      amount: { amount: '1000000000', currency: 'USD', notation: '10억 달러' },
      investors: ['kt'],
      sources: ['rebellions-series-a-2022-62-billion-won', 'sambanova-raises-1-billion'],
    });
    expect((await fundingOf('funding-by-company', 'rebellions'))?.roundCount).toBe(rebellionsBefore!.roundCount + 1);
    expect(await yearOf(2031)).toMatchObject({ roundCount: 1, usd: { amount: '1000000000' } });
    expect(await fundingOf('funding-by-investor', 'kt')).toMatchObject({ roundCount: 1, usd: { amount: '1000000000' } });

    await ok('PATCH', '/v1/funding-rounds/totals-test-round', { company: 'tenstorrent', date: { value: '2032' }, investors: ['hyundai'] });
    expect(await fundingOf('funding-by-company', 'rebellions')).toEqual(rebellionsBefore);
    expect(await yearOf(2031)).toBeUndefined();
    expect(await yearOf(2032)).toMatchObject({ roundCount: 1 });
    expect(await fundingOf('funding-by-investor', 'kt')).toBeUndefined();
    expect((await fundingOf('funding-by-company', 'tenstorrent'))?.usd.amount).toBe('1335000000');

    type Chips = { byDesigner: { designer: { slug: string }; chipCount: number }[]; byKind: { kind: string; chipCount: number }[] };
    const chips = async () => ((await get('/v1/stats?limit=100')).json() as { chips: Chips }).chips;
    const before = await chips();
    const countOf = (of: Chips, designer: string) => of.byDesigner.find((group) => group.designer.slug === designer)?.chipCount ?? 0;
    const kindOf = (of: Chips, kind: string) => of.byKind.find((group) => group.kind === kind)!.chipCount;
    await ok('POST', '/v1/chips', { slug: 'totals-test-chip', name: 'Totals Test', kind: 'npu', designer: 'kt', sources: ['atom-runs-kt-npu-infrastructure'] });
    await ok('PATCH', '/v1/chips/totals-test-chip', { designer: 'hyundai', kind: 'tpu' });
    const after = await chips();
    expect([countOf(after, 'kt'), countOf(after, 'hyundai'), kindOf(after, 'npu'), kindOf(after, 'tpu')]).toEqual([
      countOf(before, 'kt'),
      countOf(before, 'hyundai') + 1,
      kindOf(before, 'npu'),
      kindOf(before, 'tpu') + 1,
    ]);

    // A company deleted with cascade takes its round out of its investors' and its year's totals.
    await ok('DELETE', '/v1/vendors/tenstorrent?cascade=true');
    expect(await fundingOf('funding-by-investor', 'hyundai')).toBeUndefined();
    expect(await yearOf(2032)).toBeUndefined();
  });

  it('after all of these writes, the kept rows are exactly what a rebuild from the records gives', async () => {
    checkSearchIndex(database);
    const kept = await derivedRows(app.reader);
    expect(kept.events.length).toBeGreaterThan(10);
    await rebuildDerivedRows(database);
    expect(await derivedRows(app.reader)).toEqual(kept);
  });
});
