// The timeline: every dated field of the records as an event, in date order, cited to the passages stating it.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

type Event = {
  id: string;
  type: string;
  date: { value: string; precision: string; qualifier: string | null; start: string; end: string };
  title: string;
  vendors: { slug: string }[];
  subject: { type: string; slug: string; url: string };
  stance: string;
  sources: { slug: string; quote: string; stance: string }[];
};

async function events(query = ''): Promise<Event[]> {
  const url = `/v1/events${query}`;
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json().data;
}

const ids = async (query = '') => (await events(query)).map((event) => event.id);

async function problem(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.json() as { detail: string; errors?: { location: string; name: string; message: string }[] };
}

// Hand-derived from seed/data: every dated founding, announcement, availability, deployment, round and deal,
// by period start, then period end, then id.
const TIMELINE = [
  'deal:amazon-acquires-annapurna-labs', // 2015
  'founding:tenstorrent', // 2016
  'founding:sambanova', // 2017
  'founding:d-matrix', // 2019
  'founding:rebellions', // 2020
  'funding-round:rebellions-series-a-2022', // 2022
  'chip-announcement:meta-mtia', // 2023-05
  'chip-announcement:google-tpu-v5e', // 2023-09
  'chip-availability:sambanova-sn40l', // 2023-09
  'funding-round:d-matrix-series-b-2023', // 2023-09
  'chip-announcement:azure-cobalt-100', // 2023-11-15
  'chip-announcement:azure-maia-100', // 2023-11-15
  'chip-availability:azure-maia-100', // early 2024
  'deployment:azure-maia-100:microsoft-data-centres', // early 2024
];

describe('GET /v1/events', () => {
  it('lists every dated record as an event, oldest first, and nothing undated', async () => {
    expect(await ids()).toEqual(TIMELINE);
    // Undated records are not events: SambaNova's $1B round, Tenstorrent's round, OpenAI's considered acquisition.
    const all = await ids();
    expect(all).not.toContain('funding-round:sambanova-softbank-intel-investment');
    expect(all).not.toContain('funding-round:tenstorrent-samsung-hyundai-investment');
    expect(all).not.toContain('deal:openai-considers-acquiring-chipmaker');
  });

  it('pages through the timeline in either order exactly once, with Link headers and a count', async () => {
    for (const sort of ['date', '-date']) {
      const seen: string[] = [];
      let url: string | null = `/v1/events?limit=5&sort=${sort}&count=true`;
      let pages = 0;
      while (url !== null) {
        const response: { statusCode: number; headers: Record<string, unknown>; json(): unknown } = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-total-count']).toBe(String(TIMELINE.length));
        const body = response.json() as { data: Event[]; page: { limit: number; nextCursor: string | null; totalCount: number } };
        expect(body.page).toMatchObject({ limit: 5, totalCount: TIMELINE.length });
        seen.push(...body.data.map((event) => event.id));
        url = /<([^>]+)>; rel="next"/.exec(String(response.headers.link))?.[1] ?? null;
        pages += 1;
      }
      expect(pages).toBe(Math.ceil(TIMELINE.length / 5));
      expect(seen).toEqual(sort === 'date' ? TIMELINE : [...TIMELINE].reverse());
    }
    // A cursor belongs to its order: one from sort=date is refused with sort=-date.
    const first = (await app.inject({ method: 'GET', url: '/v1/events?limit=5' })).json() as { page: { nextCursor: string } };
    const mixed = await app.inject({ method: 'GET', url: `/v1/events?limit=5&sort=-date&cursor=${first.page.nextCursor}` });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].name).toBe('cursor');
  });

  it('reverses the whole order with sort=-date', async () => {
    expect(await ids('?sort=-date')).toEqual([...TIMELINE].reverse());
  });

  it('describes an event with its date precision, vendors, subject, stance and the passage that states it', async () => {
    const all = await events();
    const maia = all.find((event) => event.id === 'chip-announcement:azure-maia-100')!;
    expect(maia).toMatchObject({
      type: 'chip_announcement',
      date: { value: '2023-11-15', precision: 'day', qualifier: null, start: '2023-11-15', end: '2023-11-15' },
      title: 'Microsoft announces Azure Maia 100',
      vendors: [{ slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' }],
      subject: { type: 'chip', slug: 'azure-maia-100', url: '/v1/chips/azure-maia-100' },
      stance: 'fact',
    });
    // Only the chip's passages naming 15 November, not all eight it cites.
    expect(maia.sources.map((source) => source.slug)).toEqual([
      'microsoft-unveils-two-chips-at-ignite',
      'openai-chip-design-uncertain-after-ignite',
    ]);
    for (const source of maia.sources) expect(source.quote).toMatch(/11월 15일/);

    const available = all.find((event) => event.id === 'chip-availability:azure-maia-100')!;
    expect(available.date).toEqual({ value: '2024', precision: 'year', qualifier: 'early', start: '2024-01-01', end: '2024-12-31' });
    expect(available.stance).toBe('plan');
    expect(available.sources.map((source) => source.quote)).toEqual(['마이아 100 GPU는 2024년 초 마이크로소프트 데이터센터에 들어간다.']);

    const founding = all.find((event) => event.id === 'founding:tenstorrent')!;
    expect(founding).toMatchObject({
      type: 'founding',
      title: 'Tenstorrent is founded',
      date: { value: '2016', precision: 'year' },
      subject: { type: 'vendor', slug: 'tenstorrent', url: '/v1/vendors/tenstorrent' },
    });
    expect(founding.sources.map((source) => source.slug)).toEqual(['tenstorrent-founded-2016-raises-335-million']);

    const round = all.find((event) => event.id === 'funding-round:d-matrix-series-b-2023')!;
    expect(round.title).toBe('d-Matrix raises USD 110,000,000 in a Series B round');
    expect(round.vendors.map((vendor) => vendor.slug)).toEqual(['d-matrix', 'microsoft', 'mirae-asset', 'playground-global', 'samsung']);
    expect(round.subject.url).toBe('/v1/funding-rounds/d-matrix-series-b-2023');

    // PaLM's supercomputer is undated: April 2023 is when Google showed it ("선보였다"), not when its chips began running.
    expect(all.some((event) => event.id === 'deployment:google-tpu-v4:palm-ai-supercomputer')).toBe(false);

    const deal = all.find((event) => event.id === 'deal:amazon-acquires-annapurna-labs')!;
    expect(deal).toMatchObject({ title: 'Amazon acquires Annapurna Labs', stance: 'fact', subject: { type: 'deal' } });
    expect(deal.vendors.map((vendor) => vendor.slug)).toEqual(['amazon', 'annapurna-labs']);
  });

  it('filters by vendor: events the company takes part in, investors included', async () => {
    expect(await ids('?vendor=microsoft')).toEqual([
      'funding-round:d-matrix-series-b-2023',
      'chip-announcement:azure-cobalt-100',
      'chip-announcement:azure-maia-100',
      'chip-availability:azure-maia-100',
      'deployment:azure-maia-100:microsoft-data-centres',
    ]);
    expect(await ids('?vendor=samsung')).toEqual(['funding-round:d-matrix-series-b-2023']);
    expect(await ids('?vendor=annapurna-labs')).toEqual(['deal:amazon-acquires-annapurna-labs']);
    // KT's deployment of Atom has no date.
    expect(await ids('?vendor=kt')).toEqual([]);
  });

  it('filters by one type or a comma list of types', async () => {
    expect(await ids('?type=founding')).toEqual(['founding:tenstorrent', 'founding:sambanova', 'founding:d-matrix', 'founding:rebellions']);
    expect(await ids('?type=chip_availability,deal')).toEqual([
      'deal:amazon-acquires-annapurna-labs',
      'chip-availability:sambanova-sn40l',
      'chip-availability:azure-maia-100',
    ]);
    expect(await ids('?type=funding_round&vendor=rebellions')).toEqual(['funding-round:rebellions-series-a-2022']);
  });

  it('filters by year: events whose period reaches into it, whatever their precision', async () => {
    expect(await ids('?year=2023')).toEqual(TIMELINE.slice(6, 12));
    expect(await ids('?year=2024')).toEqual(['chip-availability:azure-maia-100', 'deployment:azure-maia-100:microsoft-data-centres']);
    expect(await ids('?year=2016')).toEqual(['founding:tenstorrent']);
    expect(await ids('?year=2021')).toEqual([]);
  });

  it('filters by from/to with period overlap: a month-precision event matches a day inside it', async () => {
    const september = [
      'chip-announcement:google-tpu-v5e',
      'chip-availability:sambanova-sn40l',
      'funding-round:d-matrix-series-b-2023',
    ];
    expect(await ids('?from=2023-09-15&to=2023-09-15')).toEqual(september);
    // A quarter covers its three months: 2023-Q3 ends with September.
    expect((await ids('?from=2023-Q3&to=2023-Q3')).filter((id) => september.includes(id))).toEqual(september);
    expect(await ids('?from=2023-Q3&to=2023-Q3')).toEqual(await ids('?from=2023-07&to=2023-09'));
    expect(await ids('?from=2023-09-15')).toEqual(TIMELINE.slice(7));
    // A year-precision 2024 event reaches back into the range ending on 2024-01-01.
    expect(await ids('?from=2023-10&to=2024-01-01')).toEqual(TIMELINE.slice(10));
    expect(await ids('?to=2016')).toEqual(['deal:amazon-acquires-annapurna-labs', 'founding:tenstorrent']);
    // 2023-09-30 is the last day of September, 2023-10-01 the first one after it.
    expect(await ids('?from=2023-10-01&to=2023-11-14')).toEqual([]);
    expect(await ids('?from=2023-09-30&to=2023-10-01')).toEqual(september);
    expect(await ids('?from=2023-11&to=2023-11&vendor=microsoft&type=chip_announcement&sort=-date')).toEqual([
      'chip-announcement:azure-maia-100',
      'chip-announcement:azure-cobalt-100',
    ]);
  });

  it.each([
    ['?from=2023-9', 'from'],
    ['?from=2023-02-30', 'from'],
    ['?to=23', 'to'],
    ['?to=2023-Q5', 'to'],
    ['?year=twenty', 'year'],
    ['?year=2023.5', 'year'],
    ['?type=launch', 'type'],
    ['?type=founding,', 'type'],
    ['?sort=title', 'sort'],
    ['?vendor=Not%20A%20Slug', 'vendor'],
    ['?vendor=no-such-vendor', 'vendor'],
    ['?from=2024&to=2023', 'from'],
    ['?when=2023', 'when'],
  ])('%s is a 400 naming %s', async (query, name) => {
    const body = await problem(`/v1/events${query}`);
    expect(body.errors?.map((error) => error.name)).toContain(name);
    expect(body.detail).toContain(name);
  });
});
