// Writing chips: the chip with its partners, specs and deployments in one body, references checked field by
// field, relations replaced as a whole on update, optimistic concurrency, idempotent retries and revisions.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${CURATOR_KEY}` });
const { app } = await createTestApp({ API_KEYS });
const auth = { authorization: `Bearer ${CURATOR_KEY}` };

const { send, get } = writeClient(app, auth);
const slugsOf = async (url: string) => (await get(url)).json().data.map((chip: { slug: string }) => chip.slug);
const errorNames = (response: { json(): { errors?: { name: string }[] } }) => (response.json().errors ?? []).map((error) => error.name);

const GRANITE_QUOTE = "나아가, 구글은 마벨(Marvell Technology)과 함께 네트워크 인터페이스 칩 '그라닛 리덕스'(Granite Redux)를 출시할 계획이다.";
const PALM_QUOTE = "구글은 4월 자체 개발한 TPU v4를 약 4천여 개 집어넣은 AI 개발용 슈퍼컴퓨터 '팜'(PaLM)을 선보였다.";

/** A chip for Google with one relation of each kind; sources are seed passages. */
const newChip = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: 'Granite Redux 2',
  nameKo: '그라닛 리덕스 2',
  aliases: ['GR2'],
  kind: 'network_interface',
  purpose: 'networking',
  generation: 2,
  designer: 'google',
  announced: { value: '2023-11', qualifier: 'late' },
  partners: [{ vendor: 'marvell-technology', role: 'manufacturer', source: 'granite-redux-planned-with-marvell' }],
  specs: [
    { key: 'other', text: 'Network interface chip.', bound: 'exact', source: 'granite-redux-planned-with-marvell' },
    { key: 'peak_performance', value: 4000, unit: 'chips', bound: 'approximate', notation: '약 4천여 개', source: 'google-palm-supercomputer-with-tpu-v4' },
  ],
  deployments: [
    {
      vendor: 'google',
      kind: 'datacenter',
      name: 'PaLM supercomputer',
      unitCount: 4000,
      unitCountBound: 'approximate',
      unitCountNotation: '약 4천여 개',
      status: 'fact',
      start: { value: '2024-Q2' },
      source: 'google-palm-supercomputer-with-tpu-v4',
    },
  ],
  sources: ['granite-redux-planned-with-marvell'],
  ...extra,
});

describe('create', () => {
  it('creates a chip with its relations, as GET then shows it', async () => {
    const created = await send('POST', '/v1/chips', newChip('granite-redux-2'));
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/chips/granite-redux-2');
    const read = await get('/v1/chips/granite-redux-2');
    expect(read.statusCode).toBe(200);
    expect(created.json()).toEqual(read.json());
    expect(read.json()).toMatchObject({
      slug: 'granite-redux-2',
      name: 'Granite Redux 2',
      nameKo: '그라닛 리덕스 2',
      aliases: ['GR2'],
      kind: 'network_interface',
      purpose: 'networking',
      architecture: null,
      generation: 2,
      description: null,
      designer: { slug: 'google', name: 'Google', nameKo: '구글', kind: 'big_tech' },
      announced: { value: '2023-11', precision: 'month', qualifier: 'late', start: '2023-11-01', end: '2023-11-30' },
      available: null,
      sources: [{ slug: 'granite-redux-planned-with-marvell', quote: GRANITE_QUOTE, stance: 'plan' }],
      partners: [
        {
          vendor: { slug: 'marvell-technology', name: 'Marvell Technology', nameKo: '마벨', kind: 'semiconductor' },
          role: 'manufacturer',
          source: { slug: 'granite-redux-planned-with-marvell', quote: GRANITE_QUOTE },
        },
      ],
      specs: [
        { key: 'other', value: null, text: 'Network interface chip.', unit: null, bound: 'exact', notation: null, source: { slug: 'granite-redux-planned-with-marvell' } },
        { key: 'peak_performance', value: 4000, text: null, unit: 'chips', bound: 'approximate', notation: '약 4천여 개', source: { slug: 'google-palm-supercomputer-with-tpu-v4', quote: PALM_QUOTE } },
      ],
      deployments: [
        {
          kind: 'datacenter',
          name: 'PaLM supercomputer',
          nameKo: null,
          description: null,
          vendor: { slug: 'google' },
          unitCount: 4000,
          unitCountBound: 'approximate',
          unitCountNotation: '약 4천여 개',
          status: 'fact',
          start: { value: '2024-Q2', precision: 'quarter', qualifier: null, start: '2024-04-01', end: '2024-06-30' },
          source: { slug: 'google-palm-supercomputer-with-tpu-v4' },
        },
      ],
    });
  });

  it('shows the new chip to the list filters and the name search', async () => {
    await send('POST', '/v1/chips', newChip('listed-chip', { name: 'Listed Chip', nameKo: '목록 칩', aliases: ['Zebra Alias'] }));
    expect(await slugsOf('/v1/chips?vendor=google&sort=slug')).toEqual(expect.arrayContaining(['google-tpu', 'granite-redux', 'listed-chip']));
    expect(await slugsOf('/v1/chips?partner=marvell-technology&sort=slug')).toEqual(expect.arrayContaining(['granite-redux', 'listed-chip']));
    expect(await slugsOf('/v1/chips?vendor=microsoft')).not.toContain('listed-chip');
    expect(await slugsOf(`/v1/chips?q=${encodeURIComponent('목록')}`)).toEqual(['listed-chip']);
    expect(await slugsOf('/v1/chips?q=zebra')).toEqual(['listed-chip']);
  });

  it('sorts a new or renamed chip by its name, whatever its case', async () => {
    const names = async () =>
      (await get('/v1/chips?limit=100&fields=name')).json().data.map((chip: { name: string }) => chip.name) as string[];
    expect((await send('POST', '/v1/chips', newChip('lowercase-chip', { name: 'mtia 2' }))).statusCode).toBe(201);
    const created = await names();
    expect(created[created.indexOf('mtia 2') - 1]).toBe('MTIA');
    expect((await send('PATCH', '/v1/chips/lowercase-chip', { name: 'granite redux 3' })).statusCode).toBe(200);
    const renamed = await names();
    // After 'Granite Redux' (and the 'Granite Redux 2' chips other tests created), before 'Huawei ...'.
    expect(renamed[renamed.indexOf('granite redux 3') - 1]).toMatch(/^Granite Redux( 2)?$/);
    expect(renamed[renamed.indexOf('granite redux 3') + 1]).toMatch(/^Huawei/);
  });

  it('refuses a taken slug with 409 and changes nothing', async () => {
    const before = await get('/v1/chips/nvidia-a100');
    const response = await send('POST', '/v1/chips', newChip('nvidia-a100'));
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('slug_taken');
    expect((await get('/v1/chips/nvidia-a100')).body).toBe(before.body);
  });

  it('names the field of every reference that does not resolve, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ designer: 'no-such-vendor' }, 'designer'],
      [{ sources: ['no-such-source'] }, 'sources'],
      [{ partners: [{ vendor: 'no-such-vendor', role: 'co_developer', source: 'granite-redux-planned-with-marvell' }] }, 'partners.0.vendor'],
      [{ specs: [newChip('x').specs[0], { key: 'other', text: 'x', bound: 'exact', source: 'no-such-source' }] }, 'specs.1.source'],
      [{ deployments: [{ vendor: 'no-such-vendor', kind: 'service', name: 'X', status: 'plan', source: 'granite-redux-planned-with-marvell' }] }, 'deployments.0.vendor'],
    ];
    for (const [extra, field] of cases) {
      const response = await send('POST', '/v1/chips', newChip('bad-reference', extra));
      expect(response.statusCode, field).toBe(400);
      expect(errorNames(response), field).toEqual([field]);
      expect(response.json().detail).toContain('no-such-');
    }
    expect((await get('/v1/chips/bad-reference')).statusCode).toBe(404);
    expect((await get('/v1/chips/bad-reference/revisions')).statusCode).toBe(404);
  });

  it('refuses a company named twice as partner, a spec with neither value nor text, and a bound without a count', async () => {
    const partner = { vendor: 'marvell-technology', role: 'co_developer', source: 'granite-redux-planned-with-marvell' };
    const twice = await send('POST', '/v1/chips', newChip('bad-relations', { partners: [partner, { ...partner, role: 'manufacturer' }] }));
    expect(twice.statusCode).toBe(400);
    expect(errorNames(twice)).toEqual(['partners.1.vendor']);
    const empty = await send('POST', '/v1/chips', newChip('bad-relations', { specs: [{ key: 'other', bound: 'exact', value: null, source: 'granite-redux-planned-with-marvell' }] }));
    expect(empty.statusCode).toBe(400);
    expect(errorNames(empty)).toEqual(['specs.0.value']);
    const bound = await send('POST', '/v1/chips', newChip('bad-relations', { deployments: [{ kind: 'service', name: 'X', unitCountBound: 'at_least', status: 'plan', source: 'granite-redux-planned-with-marvell' }] }));
    expect(bound.statusCode).toBe(400);
    expect(errorNames(bound)).toEqual(['deployments.0.unitCountBound']);
    const designer = await send('POST', '/v1/chips', newChip('bad-relations', { partners: [{ ...partner, vendor: 'google' }] }));
    expect(designer.statusCode).toBe(400);
    expect(errorNames(designer)).toEqual(['partners.0.vendor']);
    const negative = await send('POST', '/v1/chips', newChip('bad-relations', { specs: [{ key: 'transistor_count', bound: 'exact', value: -5, notation: '-5', source: 'granite-redux-planned-with-marvell' }] }));
    expect(errorNames(negative)).toEqual(['specs.0.value']);
    // A figure is the source's, spelled as the passage it cites spells it.
    const transistors = { key: 'transistor_count', bound: 'at_least', value: 102000000000, source: 'sn40l-transistor-count' };
    expect(errorNames(await send('POST', '/v1/chips', newChip('bad-relations', { specs: [transistors] })))).toEqual(['specs.0.notation']);
    const misquoted = await send('POST', '/v1/chips', newChip('bad-relations', { specs: [{ ...transistors, notation: '1,030억 개' }] }));
    expect(misquoted.json().errors).toEqual([{ location: 'body', name: 'specs.0.notation', message: expect.stringContaining("'1,030억 개' does not stand in its source") }]);
    const elsewhere = await send('POST', '/v1/chips', newChip('bad-relations', { specs: [{ ...transistors, notation: '1,020억 개', source: 'granite-redux-planned-with-marvell' }] }));
    expect(errorNames(elsewhere)).toEqual(['specs.0.notation']);
    const deployment = { kind: 'service', name: 'X', unitCount: 4000, unitCountBound: 'approximate', status: 'plan', source: 'granite-redux-planned-with-marvell' };
    expect(errorNames(await send('POST', '/v1/chips', newChip('bad-relations', { deployments: [deployment] })))).toEqual(['deployments.0.unitCountNotation']);
    expect(errorNames(await send('POST', '/v1/chips', newChip('bad-relations', { deployments: [{ ...deployment, unitCountNotation: '약 4천여 개' }] })))).toEqual([
      'deployments.0.unitCountNotation',
    ]);
    expect((await get('/v1/chips/bad-relations')).statusCode).toBe(404);
    // Moving the chip to its partner as designer is the same contradiction, named by the field that made it.
    const moved = await send('PATCH', '/v1/chips/granite-redux', { designer: 'marvell-technology' });
    expect(errorNames(moved)).toEqual(['designer']);
    expect((await get('/v1/chips/granite-redux')).json().designer.slug).toBe('google');
  });

  it('refuses dates that are malformed, impossible or carry a precision of their own', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ announced: { value: '2023-13' } }, 'announced.value'],
      [{ announced: { value: '2023-Q5' } }, 'announced.value'],
      [{ announced: { value: 'November 2023' } }, 'announced.value'],
      [{ available: { value: '2023-02-29' } }, 'available'],
      [{ announced: { value: '2023', precision: 'month' } }, 'announced.precision'],
      [{ announced: { value: '2023', qualifier: 'sometime' } }, 'announced.qualifier'],
      [{ deployments: [{ ...newChip('x').deployments[0], start: { value: '2024-04-31' } }] }, 'deployments.0.start'],
    ];
    for (const [extra, field] of cases) {
      const response = await send('POST', '/v1/chips', newChip('bad-date', extra));
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(errorNames(response), JSON.stringify(extra)).toEqual([field]);
    }
    expect((await get('/v1/chips/bad-date')).statusCode).toBe(404);
    // A leap day is a date.
    const leap = await send('POST', '/v1/chips', newChip('leap-day-chip', { available: { value: '2024-02-29' } }));
    expect(leap.statusCode).toBe(201);
    // Its passage writes no year: the year is read from the article's date, and said so.
    expect(leap.json().available).toEqual({ value: '2024-02-29', precision: 'day', qualifier: null, start: '2024-02-29', end: '2024-02-29', yearFrom: { document: 'ai-chip-market-big-tech-and-startups-2023' } });
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const headers = { ...auth, 'idempotency-key': 'create-chip-retry-0001' };
    const first = await send('POST', '/v1/chips', newChip('retried-chip'), headers);
    const retry = await send('POST', '/v1/chips', newChip('retried-chip'), headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe('/v1/chips/retried-chip');
    const other = await send('POST', '/v1/chips', newChip('other-chip'), headers);
    expect(other.statusCode).toBe(422);
    expect((await get('/v1/chips/other-chip')).statusCode).toBe(404);
    expect((await get('/v1/chips/retried-chip/revisions')).json().data).toHaveLength(1);
  });
});

describe('update', () => {
  it('replaces the specs sent and leaves every other field and relation alone', async () => {
    const before = (await get('/v1/chips/sambanova-sn40l')).json();
    expect(before.specs).toHaveLength(3);
    const updated = await send('PATCH', '/v1/chips/sambanova-sn40l', {
      specs: [{ key: 'process', text: 'TSMC 5 nm', bound: 'exact', source: 'sn40l-peak-performance' }],
    });
    expect(updated.statusCode).toBe(200);
    const after = (await get('/v1/chips/sambanova-sn40l')).json();
    expect(updated.json()).toEqual(after);
    expect(after.specs).toEqual([
      {
        key: 'process',
        value: null,
        text: 'TSMC 5 nm',
        unit: null,
        bound: 'exact',
        notation: null,
        source: before.specs.find((spec: { key: string }) => spec.key === 'peak_performance').source,
      },
    ]);
    expect({ ...after, specs: before.specs }).toEqual(before);
    const revision = (await get('/v1/chips/sambanova-sn40l/revisions')).json().data[0];
    expect(revision).toMatchObject({ action: 'update', actor: 'curator' });
    expect(Object.keys(revision.changes)).toEqual(['specs']);
    expect(revision.changes.specs.from).toHaveLength(3);
  });

  it('clears optional fields sent as null and relations sent as [], and searches the new names', async () => {
    await send('POST', '/v1/chips', newChip('clearable-chip', { name: 'Clearable', aliases: ['Old Alias'] }));
    const updated = await send('PATCH', '/v1/chips/clearable-chip', {
      nameKo: null,
      generation: null,
      announced: null,
      purpose: null,
      partners: [],
      deployments: [],
      aliases: ['Fresh Alias'],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ nameKo: null, generation: null, announced: null, purpose: null, partners: [], deployments: [], aliases: ['Fresh Alias'] });
    expect(updated.json().specs).toHaveLength(2);
    expect(await slugsOf('/v1/chips?partner=marvell-technology')).not.toContain('clearable-chip');
    expect(await slugsOf('/v1/chips?q=fresh%20alias')).toEqual(['clearable-chip']);
    expect(await slugsOf('/v1/chips?q=old%20alias')).toEqual([]);
    // The other chips of this file keep the Korean name this one no longer has.
    const korean = await slugsOf(`/v1/chips?q=${encodeURIComponent('그라닛 리덕스 2')}&limit=100`);
    expect(korean).toContain('granite-redux-2');
    expect(korean).not.toContain('clearable-chip');
  });

  it('moves a chip to another designer, seen by the vendor filter', async () => {
    await send('POST', '/v1/chips', newChip('moved-chip'));
    const moved = await send('PATCH', '/v1/chips/moved-chip', { designer: 'microsoft' });
    expect(moved.json().designer).toEqual({ slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' });
    expect(await slugsOf('/v1/chips?vendor=microsoft&sort=slug')).toEqual(['azure-cobalt-100', 'azure-maia-100', 'moved-chip']);
    expect(await slugsOf('/v1/chips?vendor=google')).not.toContain('moved-chip');
    const unknown = await send('PATCH', '/v1/chips/moved-chip', { designer: 'no-such-vendor' });
    expect(unknown.statusCode).toBe(400);
    expect(errorNames(unknown)).toEqual(['designer']);
    expect((await get('/v1/chips/moved-chip')).json().designer.slug).toBe('microsoft');
  });

  it('refuses a write made against a stale ETag', async () => {
    const read = await get('/v1/chips/rebellions-atom');
    const etag = read.headers.etag as string;
    expect(etag).toBeTruthy();
    const first = await send('PATCH', '/v1/chips/rebellions-atom', { generation: 1 }, { ...auth, 'if-match': etag });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    expect(first.headers.etag).toBe((await get('/v1/chips/rebellions-atom')).headers.etag);
    const stale = await send('PATCH', '/v1/chips/rebellions-atom', { generation: 2 }, { ...auth, 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await get('/v1/chips/rebellions-atom')).json().generation).toBe(1);
  });

  it('refuses an empty patch, a slug change, unknown fields and an unknown chip', async () => {
    expect((await send('PATCH', '/v1/chips/nvidia-a100', {})).statusCode).toBe(400);
    const slug = await send('PATCH', '/v1/chips/nvidia-a100', { slug: 'a100' });
    expect(slug.statusCode).toBe(400);
    expect(errorNames(slug)).toEqual(['slug']);
    const derived = await send('PATCH', '/v1/chips/nvidia-a100', { searchText: 'x' });
    expect(errorNames(derived)).toEqual(['searchText']);
    expect((await send('PATCH', '/v1/chips/no-such-chip', { name: 'X' })).statusCode).toBe(404);
  });
});

describe('delete', () => {
  it('deletes a chip with its relations and keeps its history', async () => {
    await send('POST', '/v1/chips', newChip('short-lived-chip'));
    await send('PATCH', '/v1/chips/short-lived-chip', { description: 'Soon gone.' });
    const stale = await send('DELETE', '/v1/chips/short-lived-chip', undefined, { ...auth, 'if-match': '"not-the-tag"' });
    expect(stale.statusCode).toBe(412);
    const deleted = await send('DELETE', '/v1/chips/short-lived-chip');
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await get('/v1/chips/short-lived-chip')).statusCode).toBe(404);
    expect(await slugsOf('/v1/chips?partner=marvell-technology&limit=100')).not.toContain('short-lived-chip');
    const revisions = (await get('/v1/chips/short-lived-chip/revisions')).json().data;
    expect(revisions.map((revision: { action: string; actor: string }) => [revision.action, revision.actor])).toEqual([
      ['delete', 'curator'],
      ['update', 'curator'],
      ['create', 'curator'],
    ]);
    expect(revisions[0].snapshot).toMatchObject({ slug: 'short-lived-chip', description: 'Soon gone.' });
    expect(revisions[1].changes).toEqual({ description: { from: null, to: 'Soon gone.' } });
  });

  it('deletes a seed chip whether or not cascade is asked for, leaving its designer', async () => {
    expect((await send('DELETE', '/v1/chips/granite-redux?cascade=false')).statusCode).toBe(204);
    expect((await send('DELETE', '/v1/chips/azure-maia-100?cascade=true')).statusCode).toBe(204);
    expect(await slugsOf('/v1/chips?vendor=microsoft&sort=slug')).toEqual(['azure-cobalt-100', 'moved-chip']);
    expect((await get('/v1/vendors/marvell-technology')).statusCode).toBe(200);
    // Maia's three deployments were Microsoft's only ones.
    expect((await get('/v1/vendors/microsoft')).json().deployments).toEqual([]);
    expect((await send('DELETE', '/v1/chips/granite-redux')).statusCode).toBe(404);
  });
});
