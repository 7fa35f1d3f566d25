// Lists as a power user uses them: filters with operators, multi-field sort, cursors both ways with Link
// headers, counts on request, include= and fields=.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

async function get(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 400)}`).toBe(200);
  return response;
}
const slugs = async (url: string) => (await get(url)).json().data.map((item: { slug: string }) => item.slug).sort();
async function problem(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.json() as { detail: string; errors: { name: string; message: string }[] };
}

describe('filter operators', () => {
  it('equality and [in] lists on vocabularies and references', async () => {
    expect(await slugs('/v1/chips?kind=cpu')).toEqual(['azure-cobalt-100']);
    expect(await slugs('/v1/chips?kind[in]=cpu,network_interface')).toEqual(['azure-cobalt-100', 'granite-redux']);
    expect(await slugs('/v1/chips?vendor[in]=microsoft,sambanova')).toEqual(['azure-cobalt-100', 'azure-maia-100', 'sambanova-sn40l']);
    expect(await slugs('/v1/funding-rounds?investor[in]=softbank,hyundai')).toEqual(['sambanova-softbank-intel-investment', 'tenstorrent-samsung-hyundai-investment']);
    expect(await slugs('/v1/deals?status[in]=considering,completed&kind=acquisition')).toEqual(['amazon-acquires-annapurna-labs', 'openai-considers-acquiring-chipmaker']);
    expect(await slugs('/v1/vendors?kind[in]=telecom,media')).toEqual(['forbes', 'kt']);
  });

  it('number ranges: eq, gt, gte, lt, lte', async () => {
    expect(await slugs('/v1/chips?generation=4')).toEqual(['sambanova-sn40l']);
    expect(await slugs('/v1/chips?generation[gte]=5')).toEqual(['google-tpu-v5e']);
    expect(await slugs('/v1/chips?generation[gt]=4')).toEqual(['google-tpu-v5e']);
    expect(await slugs('/v1/chips?generation[lt]=5')).toEqual(['sambanova-sn40l']);
    expect(await slugs('/v1/chips?generation[lte]=5&generation[gte]=4')).toEqual(['google-tpu-v5e', 'sambanova-sn40l']);
    expect(await slugs('/v1/vendors?foundedYear[gte]=2017&foundedYear[lt]=2020')).toEqual(['d-matrix', 'sambanova']);
  });

  it('amounts in their own currency and in USD on the stated basis', async () => {
    expect(await slugs('/v1/funding-rounds?amountUsd[gte]=100000000')).toEqual([
      'd-matrix-series-b-2023',
      'sambanova-softbank-intel-investment',
      'tenstorrent-samsung-hyundai-investment',
    ]);
    // 62,000,000,000 KRW is 47,980,189 USD at 1292.20 (rounded half up): exactly on both bounds.
    expect(await slugs('/v1/funding-rounds?amountUsd[gte]=47980189&amountUsd[lte]=47980189')).toEqual(['rebellions-series-a-2022']);
    expect(await slugs('/v1/funding-rounds?amountUsd[gte]=47980190&currency=KRW')).toEqual([]);
    expect(await slugs('/v1/funding-rounds?amountUsd[lte]=47980188&currency=KRW')).toEqual([]);
    expect(await slugs('/v1/funding-rounds?amount[gte]=50000000000&currency=KRW')).toEqual(['rebellions-series-a-2022']);
    expect(await slugs('/v1/funding-rounds?amount[lte]=110000000')).toEqual(['d-matrix-series-b-2023']);
    // Dollar figures whose KRW equivalent would pass SQLite's 64-bit integers still compare.
    expect(await slugs('/v1/funding-rounds?amountUsd[gte]=999999999999999999')).toEqual([]);
    expect((await slugs('/v1/funding-rounds?amountUsd[lte]=999999999999999999')).length).toBe(4); // all with an amount
  });

  it('dates keep their precision: a month-precision date matches its year and any range reaching into its month', async () => {
    // d-Matrix's Series B is dated 2023-09 (month precision).
    expect(await slugs('/v1/funding-rounds?year=2023')).toEqual(['d-matrix-series-b-2023']);
    expect(await slugs('/v1/funding-rounds?date[gte]=2023-09-15&date[lte]=2023-09-20')).toEqual(['d-matrix-series-b-2023']);
    expect(await slugs('/v1/funding-rounds?date[gte]=2023-08&date[lte]=2023-10')).toEqual(['d-matrix-series-b-2023']);
    expect(await slugs('/v1/funding-rounds?date[gte]=2023-10')).toEqual([]);
    expect(await slugs('/v1/funding-rounds?date[lte]=2023-08-31')).toEqual(['rebellions-series-a-2022']);
    // Microsoft's chips were announced on 2023-11-15 (day precision).
    expect(await slugs('/v1/chips?announced[gte]=2023-11-15&announced[lte]=2023-11-15')).toEqual(['azure-cobalt-100', 'azure-maia-100']);
    expect(await slugs('/v1/chips?announced[gte]=2023-11-16')).toEqual([]);
    // Quarters too, as writes take them: Ignite (15 November 2023) is in 2023-Q4, SN40L (September) is not.
    expect(await slugs('/v1/chips?announced[gte]=2023-Q4&announced[lte]=2023-Q4')).toEqual(['azure-cobalt-100', 'azure-maia-100']);
    expect((await problem('/v1/chips?announced[gte]=2023-13')).errors).toEqual([
      { location: 'query', name: 'announced[gte]', message: 'must be a date: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD' },
    ]);
    expect(await slugs('/v1/chips?available[gte]=2024')).toEqual(['azure-maia-100']);
    expect(await slugs('/v1/deals?year=2015')).toEqual(['amazon-acquires-annapurna-labs']);
  });

  it('case-insensitive name search, in Korean too, combined with other filters by AND', async () => {
    expect(await slugs('/v1/chips?name[contains]=TPU')).toEqual(['google-tpu', 'google-tpu-v4', 'google-tpu-v5e']);
    expect(await slugs('/v1/chips?name[contains]=tpu&generation=5')).toEqual(['google-tpu-v5e']);
    expect(await slugs('/v1/vendors?name[contains]=%EC%82%BC%EC%84%B1&kind=semiconductor')).toEqual(['samsung-electronics']); // 삼성
  });

  it("finds rounds by their name: the company's name and the round type, in English or Korean", async () => {
    expect(await slugs('/v1/funding-rounds?name[contains]=series%20a')).toEqual(['rebellions-series-a-2022']);
    expect(await slugs(`/v1/funding-rounds?name[contains]=${encodeURIComponent('시리즈 B')}`)).toEqual(['d-matrix-series-b-2023']);
    expect(await slugs(`/v1/funding-rounds?q=${encodeURIComponent('리벨리온 시리즈')}`)).toEqual(['rebellions-series-a-2022']);
  });

  it.each([
    ['/v1/chips?kind[in]=cpu,quantum', 'kind[in]'],
    ['/v1/chips?kind[in]=', 'kind[in]'],
    ['/v1/chips?kind[nin]=cpu', 'kind[nin]'],
    ['/v1/chips?colour[eq]=red', 'colour[eq]'],
    ['/v1/chips?generation[gte]=four', 'generation[gte]'],
    ['/v1/chips?generation[between]=1', 'generation[between]'],
    ['/v1/chips?announced[gte]=2023-13', 'announced[gte]'],
    ['/v1/chips?announced[gte]=2023-02-30', 'announced[gte]'],
    ['/v1/chips?announced[gte]=yesterday', 'announced[gte]'],
    ['/v1/funding-rounds?amountUsd[gte]=-5', 'amountUsd[gte]'],
    ['/v1/funding-rounds?amountUsd[gte]=1.5', 'amountUsd[gte]'],
    ['/v1/funding-rounds?amount[gt]=5', 'amount[gt]'],
    ['/v1/vendors?name[contains]=', 'name[contains]'],
    ['/v1/vendors?vendor[in]=Not%20A%20Slug', 'vendor[in]'],
    ['/v1/chips?vendor[in]=microsoft,NOT_A_SLUG', 'vendor[in]'],
  ])('%s → 400 naming %s', async (url, name) => {
    const body = await problem(url);
    expect(body.errors.map((error) => error.name)).toContain(name);
  });

  it('names the bad item of a comma list and what it may be', async () => {
    const [error] = (await problem('/v1/chips?kind[in]=gpu,bogus')).errors;
    expect(error).toMatchObject({ name: 'kind[in]', message: expect.stringMatching(/^item 2: .*"gpu"/) });
  });

  it('says a parameter is given twice, and how to ask for several values', async () => {
    expect((await problem('/v1/chips?kind=cpu&kind=gpu')).errors).toEqual([
      { location: 'query', name: 'kind', message: 'is given 2 times; give it once; for several values use kind[in]=a,b' },
    ]);
    expect((await problem('/v1/search?q=tpu&limit=1&limit=2')).errors).toEqual([{ location: 'query', name: 'limit', message: 'is given 2 times; give it once' }]);
    expect((await problem('/v1/graph?vendor=samsung&vendor=kt')).errors[0]!.name).toBe('vendor');
  });

  it('names the operators a field has when given one it lacks', async () => {
    expect((await problem('/v1/funding-rounds?date[gt]=2023')).errors).toEqual([
      { location: 'query', name: 'date[gt]', message: "'gt' is not an operator for 'date'; use date[gte], date[lte]", suggestions: ['date[gte]', 'date[lte]'] },
    ]);
    expect((await problem('/v1/chips?kind[nin]=cpu')).errors[0]!.message).toBe("'nin' is not an operator for 'kind'; use kind, kind[in]");
    expect((await problem('/v1/chips?colour[eq]=red')).errors[0]!.message).toBe('is not a known query parameter');
  });
});

describe('sorting', () => {
  it('sorts names case-insensitively', async () => {
    const names = async (url: string) => (await get(url)).json().data.map((item: { name: string }) => item.name);
    const vendors = await names('/v1/vendors?limit=100&fields=name');
    expect(vendors.slice(0, 5)).toEqual(['Amazon', 'Amazon Web Services', 'Annapurna Labs', 'd-Matrix', 'Forbes']);
    expect(vendors.indexOf('SambaNova')).toBeLessThan(vendors.indexOf('SK hynix'));
    const chips = await names('/v1/chips?limit=100&fields=name&sort=-name');
    expect(chips.at(-1)).toBe('Atom');
    expect(chips.indexOf('TPU v4')).toBeLessThan(chips.indexOf('d-Matrix chip for GPT deployment (unnamed)'));
    const titles = (await get('/v1/deals?sort=title')).json().data.map((deal: { title: string }) => deal.title);
    expect(titles.slice(0, 2)).toEqual(['Amazon acquires Annapurna Labs', 'AWS, a big buyer of Nvidia chips']);
  });

  it('sorts on several fields with directions, ties broken by id, nulls last', async () => {
    const { data } = (await get('/v1/chips?sort=-announced,name&limit=100')).json();
    const announced = data.map((chip: { announced: { start: string } | null }) => chip.announced?.start ?? null);
    const firstNull = announced.indexOf(null);
    expect(announced.slice(firstNull).every((value: string | null) => value === null)).toBe(true);
    const dated = data.slice(0, firstNull);
    for (let index = 1; index < dated.length; index += 1) {
      const [previous, current] = [dated[index - 1], dated[index]];
      expect(previous.announced.start >= current.announced.start).toBe(true);
      if (previous.announced.start === current.announced.start) expect(previous.name <= current.name).toBe(true);
    }
    expect(dated.slice(0, 2).map((chip: { slug: string }) => chip.slug)).toEqual(['azure-cobalt-100', 'azure-maia-100']);
  });

  it('names the problem with an unknown or repeated sort field', async () => {
    expect((await problem('/v1/chips?sort=price')).errors[0]).toMatchObject({ name: 'sort', message: expect.stringContaining("'price' is not a sort field") });
    expect((await problem('/v1/chips?sort=name,-name')).errors[0]!.message).toContain('twice');
    expect((await problem('/v1/chips?sort=name;DROP')).errors[0]!.name).toBe('sort');
  });
});

describe('pages', () => {
  it('walks forwards and backwards with cursors and Link headers', async () => {
    const all = await slugs('/v1/vendors?limit=100&sort=slug');
    const first = await get('/v1/vendors?limit=5&sort=slug');
    expect(first.json().page.prevCursor).toBeNull();
    expect(first.headers.link).toContain('rel="first"');
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).not.toContain('rel="prev"');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link as string)![1]!;
    const second = await get(next);
    expect(second.json().data.map((vendor: { slug: string }) => vendor.slug)).toEqual(all.slice(5, 10));
    const prev = /<([^>]+)>; rel="prev"/.exec(second.headers.link as string)![1]!;
    expect(prev).toContain('sort=slug');
    const back = await get(prev);
    expect(back.json().data.map((vendor: { slug: string }) => vendor.slug)).toEqual(all.slice(0, 5));
    expect(back.json().page.prevCursor).toBeNull();
    expect(back.json().page.nextCursor).not.toBeNull();
  });

  it('counts only on request', async () => {
    const plain = await get('/v1/chips?kind=tpu');
    expect(plain.headers['x-total-count']).toBeUndefined();
    expect(plain.json().page).not.toHaveProperty('totalCount');
    const counted = await get('/v1/chips?kind=tpu&count=true&limit=1');
    expect(counted.headers['x-total-count']).toBe('3');
    expect(counted.json().page.totalCount).toBe(3);
    expect(counted.json().data).toHaveLength(1);
  });
});

describe('include= and fields=', () => {
  it('embeds relations on lists only when asked', async () => {
    const plain = (await get('/v1/chips?vendor=sambanova')).json().data[0];
    expect(plain).not.toHaveProperty('specs');
    const included = (await get('/v1/chips?vendor=sambanova&include=specs,partners')).json().data[0];
    expect(included.specs.map((spec: { key: string }) => spec.key)).toContain('transistor_count');
    expect(included.partners).toEqual([]);
    expect(included).not.toHaveProperty('deployments');
    const rounds = (await get('/v1/funding-rounds?company=d-matrix&include=investors&sort=slug')).json().data;
    expect(rounds[0].investors.map((investor: { slug: string }) => investor.slug)).toContain('samsung');
  });

  it('includes every relation on details by default, and narrows on request', async () => {
    const full = (await get('/v1/vendors/samsung')).json();
    for (const relation of ['children', 'chips', 'chipPartnerships', 'deployments', 'fundingRounds', 'investments', 'deals', 'metrics']) {
      expect(full, relation).toHaveProperty(relation);
    }
    expect(full.investments).toHaveLength(2);
    const narrow = (await get('/v1/vendors/samsung?include=investments')).json();
    expect(narrow).toHaveProperty('investments');
    expect(narrow).not.toHaveProperty('deals');
    const none = (await get('/v1/vendors/samsung?include=')).json();
    expect(none).not.toHaveProperty('investments');
    expect(none.roles).toContain('investor');
  });

  it('returns only the named fields', async () => {
    const { data } = (await get('/v1/chips?vendor=microsoft&fields=slug,announced&sort=slug')).json();
    expect(data).toEqual([
      { slug: 'azure-cobalt-100', announced: expect.objectContaining({ value: '2023-11-15' }) },
      { slug: 'azure-maia-100', announced: expect.objectContaining({ value: '2023-11-15' }) },
    ]);
    const deal = (await get('/v1/deals/amazon-acquires-annapurna-labs?fields=title,parties')).json();
    expect(Object.keys(deal).sort()).toEqual(['parties', 'title']);
  });

  it('embeds a relation that fields= names, without include=', async () => {
    const { data } = (await get('/v1/funding-rounds?company=d-matrix&fields=slug,investors&sort=slug')).json();
    expect(data).toEqual([
      { slug: 'd-matrix-series-b-2023', investors: expect.arrayContaining([expect.objectContaining({ slug: 'samsung' })]) },
      { slug: 'd-matrix-sk-hynix-investment', investors: [expect.objectContaining({ slug: 'sk-hynix' })] },
    ]);
    // On a detail, even when include= narrowed the relations to none.
    const vendor = (await get('/v1/vendors/samsung?include=&fields=slug,investments')).json();
    expect(vendor.investments).toHaveLength(2);
  });

  it('names unknown relations and fields, and an empty fields=', async () => {
    expect((await problem('/v1/chips?fields=')).errors[0]).toMatchObject({ name: 'fields', message: expect.stringContaining('at least one field') });
    expect((await problem('/v1/chips?include=owners')).errors[0]).toMatchObject({ name: 'include', message: expect.stringContaining("'owners'") });
    expect((await problem('/v1/chips/azure-maia-100?fields=slug,price')).errors[0]).toMatchObject({ name: 'fields', message: expect.stringContaining("'price'") });
    expect((await problem('/v1/deals?include=investors')).errors[0]!.name).toBe('include');
  });
});
