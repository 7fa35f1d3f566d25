// Writing vendors: authentication, validation, optimistic concurrency, idempotent retries, refusing deletes
// that would break relations, and a revision for every write.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const CURATOR_KEY = 'curator-key-0123456789abcdef';
const BOT_KEY = 'bot-key-0123456789abcdef-xyz';
const { API_KEYS } = loadConfig({
  API_KEYS: `curator:${CURATOR_KEY},bot:sha256:${createHash('sha256').update(BOT_KEY).digest('hex')}`,
});
const testApp = await createTestApp({ API_KEYS });
const { app } = testApp;
const auth = (key = CURATOR_KEY) => ({ authorization: `Bearer ${key}` });

const newVendor = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `Vendor ${slug}`,
  kind: 'startup',
  sources: ['rebellions-korean-startup-joins-competition'],
  ...extra,
});

const { send } = writeClient(app, auth());

describe('authentication', () => {
  it('keeps reads public and refuses writes without a valid key', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/kt' })).statusCode).toBe(200);
    const missing = await send('POST', '/v1/vendors', newVendor('no-key'), {});
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await send('POST', '/v1/vendors', newVendor('wrong-key'), auth('not-the-key-at-all-000000'))).statusCode).toBe(401);
    expect((await send('POST', '/v1/vendors', newVendor('basic'), { authorization: `Basic ${CURATOR_KEY}` })).statusCode).toBe(401);
    expect((await send('POST', '/v1/vendors', newVendor('two-keys'), { authorization: `Bearer ${CURATOR_KEY} ${BOT_KEY}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/no-key' })).statusCode).toBe(404);
  });

  it('says a key in the query string is never read, and refuses unknown query parameters on writes', async () => {
    const inQuery = await send('POST', `/v1/vendors?api_key=${CURATOR_KEY}`, newVendor('query-key'), {});
    expect(inQuery.statusCode).toBe(401);
    expect(inQuery.json().detail).toContain("never read from the query string ('api_key')");
    const monkey = await send('POST', '/v1/vendors?monkey=1', newVendor('monkey'), {});
    expect(monkey.json().detail).toBe('This operation needs an API key: send `Authorization: Bearer <key>`.');
    const unknown = await send('POST', '/v1/vendors?dryRun=true', newVendor('dry-run'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ location: 'query', name: 'dryRun', message: 'is not a known query parameter' }]);
    expect((await send('PATCH', '/v1/vendors/kt?force=1', { description: 'x' })).statusCode).toBe(400);
    for (const slug of ['query-key', 'dry-run']) expect((await app.inject({ method: 'GET', url: `/v1/vendors/${slug}` })).statusCode).toBe(404);
  });

  it('accepts keys given in plain and as SHA-256 hashes, and records which one wrote', async () => {
    expect((await send('POST', '/v1/vendors', newVendor('by-bot'), auth(BOT_KEY))).statusCode).toBe(201);
    const revisions = (await app.inject({ method: 'GET', url: '/v1/vendors/by-bot/revisions' })).json().data;
    expect(revisions).toEqual([expect.objectContaining({ action: 'create', actor: 'bot' })]);
  });

  it('refuses every write when no key is configured', async () => {
    const { app: closed } = await createTestApp();
    const response = await closed.inject({ method: 'POST', url: '/v1/vendors', headers: { ...auth(), 'content-type': 'application/json' }, payload: JSON.stringify(newVendor('closed')) });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('writes_disabled');
    const malformed = await closed.inject({ method: 'PATCH', url: '/v1/vendors/kt', headers: { 'content-type': 'text/plain' }, payload: '{' });
    expect(malformed.statusCode).toBe(403);
  });

  it('reads the Bearer scheme name in any case, but the key exactly', async () => {
    const lower = await send('PATCH', '/v1/vendors/kt', { description: 'Scheme case.' }, { authorization: `bearer ${CURATOR_KEY}` });
    expect(lower.statusCode).toBe(200);
    const wrongCase = await send('PATCH', '/v1/vendors/kt', { description: 'Key case.' }, { authorization: `Bearer ${CURATOR_KEY.toUpperCase()}` });
    expect(wrongCase.statusCode).toBe(401);
  });

  it('checks the key before the body, so a caller without one learns nothing about the schema', async () => {
    const bodies = [
      { headers: { 'content-type': 'application/json' }, payload: '{"bogus":1}' },
      { headers: { 'content-type': 'application/json' }, payload: '{not json' },
      { headers: { 'content-type': 'text/plain' }, payload: 'hello' },
    ];
    for (const { headers, payload } of bodies) {
      for (const credentials of [{}, auth('not-the-key-at-all-000000')]) {
        const response = await app.inject({ method: 'PATCH', url: '/v1/vendors/kt', headers: { ...headers, ...credentials }, payload });
        expect(response.statusCode, payload).toBe(401);
        expect(response.json().errors).toBeUndefined();
      }
    }
  });
});

describe('create', () => {
  it('creates a vendor with a Location, an ETag and the representation GET returns', async () => {
    const response = await send('POST', '/v1/vendors', newVendor('furiosaai', { nameKo: '퓨리오사AI', country: 'KR', aliases: ['Furiosa'] }));
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/v1/vendors/furiosaai');
    const read = await app.inject({ method: 'GET', url: '/v1/vendors/furiosaai' });
    expect(response.json()).toEqual(read.json());
    expect(response.headers.etag).toBeTruthy();
    const search = await app.inject({ method: 'GET', url: `/v1/vendors?q=${encodeURIComponent('퓨리오사')}` });
    expect(search.json().data.map((vendor: { slug: string }) => vendor.slug)).toEqual(['furiosaai']);
  });

  it('refuses a taken slug with 409 and changes nothing', async () => {
    const before = await app.inject({ method: 'GET', url: '/v1/vendors/kt' });
    const response = await send('POST', '/v1/vendors', newVendor('kt'));
    expect(response.statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/kt' })).body).toBe(before.body);
  });

  it('names unknown references and refuses unknown fields, ids and timestamps', async () => {
    const unknownSource = await send('POST', '/v1/vendors', newVendor('bad-source', { sources: ['no-such-source'] }));
    expect(unknownSource.statusCode).toBe(400);
    expect(unknownSource.json().errors).toEqual([expect.objectContaining({ name: 'sources', message: expect.stringContaining('no-such-source') })]);
    for (const extra of [{ id: 5 }, { createdAt: '2020-01-01' }, { roles: ['investor'] }, { searchText: 'x' }]) {
      const response = await send('POST', '/v1/vendors', newVendor('mass-assignment', extra));
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((error: { name: string }) => error.name)).toContain(Object.keys(extra)[0]);
    }
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/mass-assignment' })).statusCode).toBe(404);
  });

  it('stores text NFC-normalised and refuses unstorable characters', async () => {
    const nfd = '삼성전자'.normalize('NFD');
    expect((await send('POST', '/v1/vendors', newVendor('nfd-name', { nameKo: nfd }))).json().nameKo).toBe('삼성전자');
    for (const [field, value] of [
      ['name', 'bad\u0000name'],
      ['name', 'bell\u0007'],
      ['name', 'two\nlines'],
      ['name', ''],
      ['name', 'x'.repeat(201)],
    ] as const) {
      const response = await send('POST', '/v1/vendors', newVendor('bad-text', { [field]: value }));
      expect(response.statusCode, JSON.stringify(value)).toBe(400);
      expect(response.json().errors[0].name).toBe(field);
    }
    // A lone surrogate can only arrive as a JSON escape.
    const surrogate = await app.inject({
      method: 'POST',
      url: '/v1/vendors',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: `{"slug":"surrogate","name":"bad \\ud800","kind":"startup","sources":["rebellions-korean-startup-joins-competition"]}`,
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().errors[0]).toMatchObject({ name: 'name', message: expect.stringContaining('surrogate') });
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const headers = { ...auth(), 'idempotency-key': 'create-graphcore-0001' };
    const first = await send('POST', '/v1/vendors', newVendor('graphcore'), headers);
    const retry = await send('POST', '/v1/vendors', newVendor('graphcore'), headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const other = await send('POST', '/v1/vendors', newVendor('cerebras'), headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/cerebras' })).statusCode).toBe(404);
    const revisions = (await app.inject({ method: 'GET', url: '/v1/vendors/graphcore/revisions' })).json().data;
    expect(revisions).toHaveLength(1);
  });
});

describe('update', () => {
  it('changes only the fields sent, honours If-Match, and records what changed', async () => {
    const read = await app.inject({ method: 'GET', url: '/v1/vendors/kt' });
    const etag = read.headers.etag as string;
    expect(etag).toBeTruthy();
    const updated = await send('PATCH', '/v1/vendors/kt', { description: 'Korean telecom operator.' }, { ...auth(), 'if-match': etag });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ slug: 'kt', name: 'KT', description: 'Korean telecom operator.' });
    expect(updated.headers.etag).not.toBe(etag);
    const stale = await send('PATCH', '/v1/vendors/kt', { description: 'Lost update?' }, { ...auth(), 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/kt' })).json().description).toBe('Korean telecom operator.');
    const revisions = (await app.inject({ method: 'GET', url: '/v1/vendors/kt/revisions' })).json().data;
    expect(revisions[0]).toMatchObject({ action: 'update', actor: 'curator', changes: { description: { to: 'Korean telecom operator.' } } });
    expect(revisions[0].changes.description.from).toBe(read.json().description);
  });

  it('keeps the rounds and deals of a renamed vendor findable by its new names', async () => {
    const renamed = await send('PATCH', '/v1/vendors/tenstorrent', { name: 'Quillfish Silicon', aliases: ['Quillfish'] });
    expect(renamed.statusCode).toBe(200);
    const slugsFound = async (url: string) =>
      (await app.inject({ method: 'GET', url })).json().data.map((record: { slug: string }) => record.slug);
    expect(await slugsFound('/v1/funding-rounds?q=quillfish')).toEqual(['tenstorrent-samsung-hyundai-investment']);
    expect(await slugsFound('/v1/deals?q=quillfish')).toEqual(['tenstorrent-samsung-electronics-production-cooperation']);
  });

  it('sorts a new or renamed vendor by its name, whatever its case', async () => {
    // Names that sort in the middle: a write that forgot the sort key would put them first.
    expect((await send('POST', '/v1/vendors', newVendor('mango-chips', { name: 'mango chips' }))).statusCode).toBe(201);
    const names = async () =>
      (await app.inject({ method: 'GET', url: '/v1/vendors?limit=100&fields=name' })).json().data.map((vendor: { name: string }) => vendor.name);
    const afterCreate = await names();
    expect(afterCreate[afterCreate.indexOf('mango chips') + 1]).toBe('Marvell Technology');
    expect((await send('PATCH', '/v1/vendors/mango-chips', { name: 'intelligent chips' })).statusCode).toBe(200);
    const afterRename = await names();
    expect(afterRename[afterRename.indexOf('intelligent chips') - 1]).toBe('Intel');
  });

  it('pages through revisions newest first, and records no revision for a patch that changes nothing', async () => {
    for (const description of ['one', 'two', 'three', 'three']) {
      expect((await send('PATCH', '/v1/vendors/graphcore', { description })).statusCode).toBe(200);
    }
    const first = await app.inject({ method: 'GET', url: '/v1/vendors/graphcore/revisions?limit=2' });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((revision: { changes: { description?: { to: string } } }) => revision.changes.description?.to)).toEqual(['three', 'two']);
    const next = first.json().page.nextCursor as string;
    expect(first.headers.link).toContain('rel="next"');
    const second = await app.inject({ method: 'GET', url: `/v1/vendors/graphcore/revisions?limit=2&cursor=${next}` });
    const actions = second.json().data.map((revision: { action: string }) => revision.action);
    expect(actions).toEqual(['update', 'create']);
    expect(second.json().page.nextCursor).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/graphcore/revisions?cursor=bm9wZQ' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/graphcore/revisions?colour=red' })).statusCode).toBe(400);
  });

  it('leaves no trace of a patch that changes nothing: no revision, no new updatedAt, no commit for caches to notice', async () => {
    const { db } = testApp;
    const before = await db.vendor.findUniqueOrThrow({ where: { slug: 'kt' }, select: { updatedAt: true, description: true } });
    const revisionsBefore = await db.revision.count({ where: { slug: 'kt' } });
    const versionBefore = app.writes.version;
    const read = await app.inject({ method: 'GET', url: '/v1/vendors/kt' });
    const same = await send('PATCH', '/v1/vendors/kt', { description: before.description, kind: read.json().kind });
    expect(same.statusCode).toBe(200);
    expect(same.body).toBe(read.body);
    expect(same.headers.etag).toBe(read.headers.etag);
    expect(await db.vendor.findUniqueOrThrow({ where: { slug: 'kt' }, select: { updatedAt: true, description: true } })).toEqual(before);
    expect(await db.revision.count({ where: { slug: 'kt' } })).toBe(revisionsBefore);
    expect(app.writes.version, 'the response cache and kept JSON stay valid').toBe(versionBefore);
    // A real change does all three.
    expect((await send('PATCH', '/v1/vendors/kt', { description: 'KT, a Korean telecom.' })).statusCode).toBe(200);
    expect((await db.vendor.findUniqueOrThrow({ where: { slug: 'kt' }, select: { updatedAt: true } })).updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await db.revision.count({ where: { slug: 'kt' } })).toBe(revisionsBefore + 1);
    expect(app.writes.version).toBeGreaterThan(versionBefore);
  });

  it('takes a founding year only from a passage the company cites', async () => {
    const refused = await send('PATCH', '/v1/vendors/rebellions', { foundedYear: 2021 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { location: 'body', name: 'foundedYear', message: expect.stringContaining("'2021' does not stand in any of the company's sources") },
    ]);
    // Rebellions cites the passage that says it was founded in 2020 ('지난 2020년 설립한 리벨리온').
    expect((await send('PATCH', '/v1/vendors/rebellions', { foundedYear: 2020 })).statusCode).toBe(200);
  });

  it('refuses repeated aliases, unassigned country codes and ownership loops, naming the field', async () => {
    const errorNames = async (response: Awaited<ReturnType<typeof send>>) => {
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors.map((error: { name: string }) => error.name);
    };
    expect(await errorNames(await send('POST', '/v1/vendors', newVendor('twice-named', { aliases: ['Twin', 'twin'] })))).toEqual(['aliases.1']);
    // Full-width 'Ｔｗｉｎ' is 'twin' to search, so it is the same alias too.
    expect(await errorNames(await send('POST', '/v1/vendors', newVendor('twice-named', { aliases: ['Ｔｗｉｎ', 'twin'] })))).toEqual(['aliases.1']);
    expect(await errorNames(await send('POST', '/v1/vendors', newVendor('nowhere-inc', { country: 'ZZ' })))).toEqual(['country']);
    expect(await errorNames(await send('POST', '/v1/vendors', newVendor('nowhere-inc', { country: 'EU' })))).toEqual(['country']);
    expect(await errorNames(await send('POST', '/v1/vendors', newVendor('nowhere-inc', { country: '\u0000' })))).toEqual(['country']);
    expect(await errorNames(await send('PATCH', '/v1/vendors/kt', { parent: 'kt' }))).toEqual(['parent']);
    expect((await send('POST', '/v1/vendors', newVendor('holding-a'))).statusCode).toBe(201);
    expect((await send('POST', '/v1/vendors', newVendor('holding-b', { parent: 'holding-a' }))).statusCode).toBe(201);
    expect((await send('POST', '/v1/vendors', newVendor('holding-c', { parent: 'holding-b' }))).statusCode).toBe(201);
    const loop = await send('PATCH', '/v1/vendors/holding-a', { parent: 'holding-c' });
    expect(await errorNames(loop)).toEqual(['parent']);
    expect(loop.json().detail).toContain('loop');
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/holding-a' })).json().parent).toBeNull();
  });

  it('says a missing field is required, and a wrong one what it must be', async () => {
    const { kind: _kind, ...withoutKind } = newVendor('kindless');
    const missing = await send('POST', '/v1/vendors', withoutKind);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ location: 'body', name: 'kind', message: 'is required' }]);
    const wrong = await send('POST', '/v1/vendors', newVendor('kind-number', { kind: 7 }));
    expect(wrong.json().errors[0]).toMatchObject({ name: 'kind', message: expect.not.stringContaining('required') });
  });

  it('refuses an empty patch, a slug change and an unknown vendor', async () => {
    expect((await send('PATCH', '/v1/vendors/kt', {})).statusCode).toBe(400);
    expect((await send('PATCH', '/v1/vendors/kt', { slug: 'kt2' })).statusCode).toBe(400);
    expect((await send('PATCH', '/v1/vendors/no-such-vendor', { name: 'X' })).statusCode).toBe(404);
  });
});

describe('delete', () => {
  it('refuses to delete a vendor others depend on, saying why, unless asked to cascade', async () => {
    const refused = await send('DELETE', '/v1/vendors/rebellions');
    expect(refused.statusCode).toBe(409);
    // Each dependent named as a client can look it up, not as a count of table rows.
    expect(refused.json().detail).toContain('chips/rebellions-atom (designs it)');
    expect(refused.json().detail).toContain('funding-rounds/rebellions-series-a-2022 (raised it)');
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/rebellions' })).statusCode).toBe(200);

    const cascaded = await send('DELETE', '/v1/vendors/rebellions?cascade=true');
    expect(cascaded.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/vendors/rebellions' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/chips/rebellions-atom' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/funding-rounds/rebellions-series-a-2022' })).statusCode).toBe(404);
    // History outlives the record.
    const revisions = (await app.inject({ method: 'GET', url: '/v1/vendors/rebellions/revisions' })).json().data;
    expect(revisions[0]).toMatchObject({ action: 'delete', snapshot: expect.objectContaining({ slug: 'rebellions' }) });
    // So do the records the cascade deleted, each with its own revision.
    const chipHistory = (await app.inject({ method: 'GET', url: '/v1/chips/rebellions-atom/revisions' })).json().data;
    expect(chipHistory[0]).toMatchObject({ action: 'delete', actor: 'curator', snapshot: expect.objectContaining({ slug: 'rebellions-atom' }) });
  });

  it('refuses a cascade that would leave a deal without any party', async () => {
    expect((await send('POST', '/v1/vendors', newVendor('solo-party'))).statusCode).toBe(201);
    const deal = {
      slug: 'solo-party-deal',
      title: 'A deal with one party',
      kind: 'supply',
      status: 'announced',
      parties: [{ vendor: 'solo-party', role: 'customer' }],
      sources: ['rebellions-korean-startup-joins-competition'],
    };
    expect((await send('POST', '/v1/deals', deal)).statusCode).toBe(201);
    const refused = await send('DELETE', '/v1/vendors/solo-party?cascade=true');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'would_orphan' });
    expect(refused.json().detail).toContain('deals/solo-party-deal');
    expect((await app.inject({ method: 'GET', url: '/v1/deals/solo-party-deal' })).json().parties).toHaveLength(1);
  });

  it('cascades past a deal that keeps an unnamed party, and stops finding the deal by the deleted name', async () => {
    expect((await send('POST', '/v1/vendors', newVendor('zyx-target', { name: 'Zyxcorp' }))).statusCode).toBe(201);
    const deal = {
      slug: 'zyx-deal',
      title: 'A considered acquisition',
      kind: 'acquisition',
      status: 'considering',
      parties: [
        { role: 'acquirer', description: 'An unnamed buyer.' },
        { vendor: 'zyx-target', role: 'target' },
      ],
      sources: ['rebellions-korean-startup-joins-competition'],
    };
    expect((await send('POST', '/v1/deals', deal)).statusCode).toBe(201);
    const found = async () => (await app.inject({ method: 'GET', url: '/v1/deals?q=zyxcorp' })).json().data.map((d: { slug: string }) => d.slug);
    expect(await found()).toEqual(['zyx-deal']);
    expect((await send('DELETE', '/v1/vendors/zyx-target?cascade=true')).statusCode).toBe(204);
    const after = (await app.inject({ method: 'GET', url: '/v1/deals/zyx-deal' })).json();
    expect(after.parties).toEqual([expect.objectContaining({ vendor: null, role: 'acquirer', description: 'An unnamed buyer.' })]);
    expect(await found()).toEqual([]);
  });

  it('records a revision for every record a cascade changes', async () => {
    expect((await send('DELETE', '/v1/vendors/softbank?cascade=true')).statusCode).toBe(204);
    const round = (await app.inject({ method: 'GET', url: '/v1/funding-rounds/sambanova-softbank-intel-investment' })).json();
    expect(round.investors.map((investor: { slug: string }) => investor.slug)).toEqual(['intel']);
    const history = (await app.inject({ method: 'GET', url: '/v1/funding-rounds/sambanova-softbank-intel-investment/revisions' })).json().data;
    // The cascade's update, then the seed's create.
    expect(history.map((revision: { action: string; actor: string }) => `${revision.action} by ${revision.actor}`)).toEqual(['update by curator', 'create by seed']);
    expect(history[0].changes.investors.from.map((investor: { slug: string }) => investor.slug).sort()).toEqual(['intel', 'softbank']);
    expect(history[0].changes.investors.to.map((investor: { slug: string }) => investor.slug)).toEqual(['intel']);
  });

  it('deletes a vendor nothing depends on, with If-Match', async () => {
    const created = await send('POST', '/v1/vendors', newVendor('short-lived'));
    const stale = await send('DELETE', '/v1/vendors/short-lived', undefined, { ...auth(), 'if-match': '"not-the-tag"' });
    expect(stale.statusCode).toBe(412);
    const deleted = await send('DELETE', '/v1/vendors/short-lived', undefined, { ...auth(), 'if-match': created.headers.etag as string });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
  });
});
