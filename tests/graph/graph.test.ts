// The relationship graph: companies and chips, and the typed edges the records imply.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

type Node = { id: string; type: string; slug: string | null; label: string; labelKo: string | null; kind: string | null; url: string | null };
type Edge = {
  id: string;
  type: string;
  source: string;
  target: string;
  record: { type: string; slug: string; url: string };
  role: string | null;
  status: string | null;
  amount: { amount: string; currency: string } | null;
  sources: { slug: string; document: { slug: string }; selector: unknown[] }[];
  sourceSlugs: string[];
};
type Graph = { nodes: Node[]; edges: Edge[]; page?: unknown };

async function graph(query = ''): Promise<Graph> {
  const url = `/v1/graph${query}`;
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

const find = (edges: Edge[], type: string, source: string, target: string) =>
  edges.filter((edge) => edge.type === type && edge.source === source && edge.target === target);

function expectWellFormed({ nodes, edges }: Graph) {
  const nodeIds = nodes.map((node) => node.id);
  expect(new Set(nodeIds).size).toBe(nodeIds.length);
  expect(new Set(edges.map((edge) => edge.id)).size).toBe(edges.length);
  for (const edge of edges) {
    expect(nodeIds, `${edge.id} source`).toContain(edge.source);
    expect(nodeIds, `${edge.id} target`).toContain(edge.target);
  }
}

describe('GET /v1/graph', () => {
  it('has every company and chip with a relation as a node, and no edge pointing outside the nodes', async () => {
    const full = await graph();
    expectWellFormed(full);
    // 24 companies and 14 chips in seed/data, plus OpenAI's unnamed acquisition target. Forbes, which only reports,
    // relates to nothing: it is in no page of edges (and in /v1/vendors).
    expect(full.nodes.filter((node) => node.type === 'vendor')).toHaveLength(23);
    expect(full.nodes.some((node) => node.id === 'vendor:forbes')).toBe(false);
    expect(full.nodes.filter((node) => node.type === 'chip')).toHaveLength(14);
    expect(full.nodes.filter((node) => node.type === 'unnamed_party').map((node) => node.id)).toEqual([
      'party:openai-considers-acquiring-chipmaker:target',
    ]);
    expect(full.nodes.find((node) => node.id === 'vendor:samsung')).toEqual({
      id: 'vendor:samsung',
      type: 'vendor',
      slug: 'samsung',
      label: 'Samsung',
      labelKo: '삼성',
      kind: 'conglomerate',
      url: '/v1/vendors/samsung',
    });
    expect(full.nodes.find((node) => node.id === 'chip:granite-redux')).toMatchObject({ type: 'chip', label: 'Granite Redux', kind: 'network_interface' });
    // One `designs` edge per chip; 9 investor-round pairs; 3 partnerships; 2 acquisitions; 2 customer relations.
    const counts = Object.fromEntries(
      ['designs', 'partners_with', 'invests_in', 'acquired', 'customer_of'].map((type) => [type, full.edges.filter((edge) => edge.type === type).length]),
    );
    expect(counts).toEqual({ designs: 14, partners_with: 3, invests_in: 9, acquired: 2, customer_of: 2 });
  });

  it('carries every passage behind an edge whole, with its document and W3C selectors, in the order of sourceSlugs', async () => {
    const { edges } = await graph('?limit=100');
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      expect(edge.sources.map((source) => source.slug), edge.id).toEqual(edge.sourceSlugs);
      expect(edge.sources.length, edge.id).toBeGreaterThan(0);
      for (const source of edge.sources) {
        expect(source.document.slug).toBe('ai-chip-market-big-tech-and-startups-2023');
        expect(source.selector).toEqual([
          expect.objectContaining({ type: 'TextQuoteSelector' }),
          expect.objectContaining({ type: 'TextPositionSelector' }),
        ]);
      }
    }
  });

  it('derives each edge from its record, with the round amount, deal status or partner role', async () => {
    const { edges } = await graph();
    expect(find(edges, 'invests_in', 'vendor:samsung', 'vendor:d-matrix')).toEqual([
      {
        id: 'invests_in:vendor:samsung->vendor:d-matrix@d-matrix-series-b-2023',
        type: 'invests_in',
        source: 'vendor:samsung',
        target: 'vendor:d-matrix',
        record: { type: 'funding_round', slug: 'd-matrix-series-b-2023', url: '/v1/funding-rounds/d-matrix-series-b-2023' },
        role: null,
        status: null,
        amount: {
          amount: '110000000',
          currency: 'USD',
          notation: '1억 1천만 달러',
          usd: { amount: '110000000', unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' },
        },
        // The passage as /v1/sources serves it, but for which records cite it.
        sources: [(({ citedBy: _citedBy, ...source }) => source)((await app.inject({ method: 'GET', url: '/v1/sources/d-matrix-series-b-110-million' })).json())],
        sourceSlugs: ['d-matrix-series-b-110-million'],
      },
    ]);
    const tenstorrent = find(edges, 'invests_in', 'vendor:samsung', 'vendor:tenstorrent');
    expect(tenstorrent).toHaveLength(1);
    expect(tenstorrent[0]).toMatchObject({ record: { slug: 'tenstorrent-samsung-hyundai-investment' }, amount: { amount: '335000000' } });
    // SK hynix's earlier investment states no amount.
    expect(find(edges, 'invests_in', 'vendor:sk-hynix', 'vendor:d-matrix')[0]!.amount).toBeNull();

    expect(find(edges, 'acquired', 'vendor:amazon', 'vendor:annapurna-labs')).toEqual([
      expect.objectContaining({ status: 'completed', record: expect.objectContaining({ type: 'deal', slug: 'amazon-acquires-annapurna-labs' }) }),
    ]);
    expect(find(edges, 'acquired', 'vendor:openai', 'party:openai-considers-acquiring-chipmaker:target')).toEqual([
      expect.objectContaining({ status: 'considering' }),
    ]);

    expect(find(edges, 'customer_of', 'vendor:kt', 'chip:rebellions-atom')).toEqual([
      expect.objectContaining({ record: expect.objectContaining({ type: 'chip', slug: 'rebellions-atom' }), status: null }),
    ]);
    expect(find(edges, 'customer_of', 'vendor:aws', 'vendor:nvidia')).toEqual([
      expect.objectContaining({ status: 'completed', record: expect.objectContaining({ slug: 'aws-buys-nvidia-chips' }) }),
    ]);
    // A company running its own chips is not its own customer.
    expect(edges.filter((edge) => edge.type === 'customer_of' && edge.source === 'vendor:microsoft')).toEqual([]);

    expect(find(edges, 'designs', 'vendor:google', 'chip:granite-redux')).toHaveLength(1);
    expect(find(edges, 'partners_with', 'vendor:marvell-technology', 'chip:granite-redux')).toEqual([
      expect.objectContaining({ role: 'co_developer', sourceSlugs: ['granite-redux-planned-with-marvell'] }),
    ]);
    expect(find(edges, 'partners_with', 'vendor:tenstorrent', 'vendor:samsung-electronics')).toEqual([
      expect.objectContaining({ status: 'completed', role: null }),
    ]);
  });

  it('around a vendor: its node, its neighbours and only the edges among them', async () => {
    const samsung = await graph('?vendor=samsung');
    expectWellFormed(samsung);
    expect(samsung.nodes.map((node) => node.id)).toEqual(['vendor:d-matrix', 'vendor:samsung', 'vendor:tenstorrent']);
    expect(samsung.edges.map((edge) => edge.id)).toEqual([
      'invests_in:vendor:samsung->vendor:d-matrix@d-matrix-series-b-2023',
      'invests_in:vendor:samsung->vendor:tenstorrent@tenstorrent-samsung-hyundai-investment',
    ]);

    // Google's chips are its neighbours; Marvell, a neighbour of one chip only, is not.
    const google = await graph('?vendor=google');
    expectWellFormed(google);
    expect(google.nodes.map((node) => node.id)).toEqual([
      'vendor:google',
      'chip:google-tpu',
      'chip:google-tpu-v4',
      'chip:google-tpu-v5e',
      'chip:granite-redux',
    ]);
    expect(new Set(google.edges.map((edge) => edge.type))).toEqual(new Set(['designs']));

    const forbes = await graph('?vendor=forbes');
    expect(forbes).toEqual({
      nodes: [expect.objectContaining({ id: 'vendor:forbes' })],
      edges: [],
      page: { limit: 50, nextCursor: null, prevCursor: null },
    });
  });

  it('filters edges by type, alone or around a vendor', async () => {
    const investments = await graph('?edgeType=invests_in,acquired');
    expectWellFormed(investments);
    expect(new Set(investments.edges.map((edge) => edge.type))).toEqual(new Set(['invests_in', 'acquired']));
    expect(investments.edges).toHaveLength(11);

    const microsoft = await graph('?vendor=microsoft&edgeType=invests_in');
    expect(microsoft.nodes.map((node) => node.id)).toEqual(['vendor:d-matrix', 'vendor:microsoft']);
    expect(microsoft.edges.map((edge) => edge.id)).toEqual(['invests_in:vendor:microsoft->vendor:d-matrix@d-matrix-series-b-2023']);

    // Without acquisitions, the unnamed target has no edge and no node.
    const designs = await graph('?edgeType=designs');
    expect(designs.nodes.some((node) => node.type === 'unnamed_party')).toBe(false);
    expect(designs.edges).toHaveLength(14);
  });

  it('pages through every edge exactly once, with the nodes each page meets, both ways', async () => {
    const whole = await graph('?count=true');
    expect((whole as Graph & { page: { totalCount: number } }).page.totalCount).toBe(30);
    const seen: string[] = [];
    let url: string | null = '/v1/graph?limit=7';
    const pages: (Graph & { page: { nextCursor: string | null; prevCursor: string | null } })[] = [];
    while (url !== null) {
      const response: { statusCode: number; headers: Record<string, unknown>; json(): unknown } = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const page = response.json() as (typeof pages)[number];
      expectWellFormed(page);
      expect(page.edges.length).toBeLessThanOrEqual(7);
      seen.push(...page.edges.map((edge) => edge.id));
      pages.push(page);
      const next: string | undefined = /<([^>]+)>; rel="next"/.exec(String(response.headers.link))?.[1];
      url = next ?? null;
      expect(next === undefined).toBe(page.page.nextCursor === null);
    }
    expect(pages).toHaveLength(5);
    expect(seen).toEqual(whole.edges.map((edge) => edge.id));
    // Back from the last page, the previous one is the same page again.
    const back = await graph(`?limit=7&cursor=${pages[4]!.page.prevCursor}`);
    expect(back.edges.map((edge) => edge.id)).toEqual(pages[3]!.edges.map((edge) => edge.id));
  });

  it.each([
    ['?vendor=no-such-vendor', 'vendor'],
    ['?vendor=Samsung', 'vendor'],
    ['?edgeType=owns', 'edgeType'],
    ['?edgeType=', 'edgeType'],
    ['?depth=2', 'depth'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ])('%s is a 400 naming %s', async (query, name) => {
    const response = await app.inject({ method: 'GET', url: `/v1/graph${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body.errors.map((error: { name: string }) => error.name)).toContain(name);
  });
});
