// Mentions: the companies and chips a document names, where, and whether a passage of it already backs them: the
// curator's to-do list for a new document.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { ARTICLE_DOCUMENT, ARTICLE_TEXT } from '../support/article.js';

const KEY = 'curator-key-0123456789abcdef';
const { app } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${KEY}` }).API_KEYS });
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const send = (method: 'POST' | 'PATCH', url: string, body: unknown) => app.inject({ method, url, headers, payload: JSON.stringify(body) });
const get = (url: string) => app.inject({ method: 'GET', url });

type Mention = { record: { kind: string; slug: string; url: string }; matched: string[]; count: number; positions: { start: number; end: number }[]; cited: boolean };
async function allMentions(url: string): Promise<Mention[]> {
  const mentions: Mention[] = [];
  for (let next: string | null = url; next !== null; ) {
    const response = await get(next);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { data: Mention[]; page: { nextCursor: string | null } };
    mentions.push(...body.data);
    next = body.page.nextCursor === null ? null : `${url}${url.includes('?') ? '&' : '?'}cursor=${body.page.nextCursor}`;
  }
  return mentions;
}

describe('GET /v1/documents/{slug}/mentions', () => {
  it("finds the article's companies and chips where the text names them, each backed by a passage of it", async () => {
    const mentions = await allMentions(`/v1/documents/${ARTICLE_DOCUMENT}/mentions?limit=7`);
    const slugs = mentions.map((mention) => mention.record.slug);
    expect(slugs).toEqual(expect.arrayContaining(['microsoft', 'rebellions', 'samsung', 'nvidia', 'd-matrix', 'kt']));
    expect(new Set(slugs).size).toBe(slugs.length);
    const codePoints = [...ARTICLE_TEXT];
    for (const mention of mentions) {
      expect(mention.count).toBe(mention.positions.length);
      for (const { start, end } of mention.positions) expect(mention.matched).toContain(codePoints.slice(start, end).join(''));
    }
    // In the order the text first names them.
    const firsts = mentions.map((mention) => mention.positions[0]!.start);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    const microsoft = mentions.find((mention) => mention.record.slug === 'microsoft')!;
    expect(microsoft).toMatchObject({ record: { kind: 'vendor', url: '/v1/vendors/microsoft' }, cited: true });
    expect(microsoft.matched).toContain('마이크로소프트');
    expect((await allMentions(`/v1/documents/${ARTICLE_DOCUMENT}/mentions?kind=chip`)).every((mention) => mention.record.kind === 'chip')).toBe(true);
  });

  it("lists what a new document names that none of its passages backs yet, and follows the curator's citations", async () => {
    const text = 'Rebellions said its Atom chip now runs at KT. KTX trains and KTs are not KT. 리벨리온은 ATOM을 늘린다.\n';
    expect((await send('POST', '/v1/documents', { slug: 'fictional-mentions-release', title: 'A fictional release', kind: 'press_release', language: 'en', text })).statusCode).toBe(201);
    const url = '/v1/documents/fictional-mentions-release/mentions';
    const mentions = await allMentions(url);
    expect(mentions.map((mention) => [mention.record.slug, mention.matched, mention.count, mention.cited])).toEqual([
      ['rebellions', ['Rebellions', '리벨리온'], 2, false],
      ['rebellions-atom', ['Atom', 'ATOM'], 2, false],
      ['kt', ['KT'], 2, false],
    ]);
    expect((await send('POST', '/v1/sources', { slug: 'fictional-atom-at-kt', document: 'fictional-mentions-release', quote: 'its Atom chip now runs at KT', stance: 'fact' })).statusCode).toBe(201);
    const atom = (await get('/v1/chips/rebellions-atom')).json();
    expect((await send('PATCH', '/v1/chips/rebellions-atom', { sources: [...atom.sources.map((source: { slug: string }) => source.slug), 'fictional-atom-at-kt'] })).statusCode).toBe(200);
    expect((await allMentions(`${url}?cited=false`)).map((mention) => mention.record.slug)).toEqual(['rebellions', 'kt']);
    expect((await allMentions(`${url}?cited=true`)).map((mention) => mention.record.slug)).toEqual(['rebellions-atom']);
    // A company added since is found at once: the names are read again after a write.
    expect((await send('POST', '/v1/vendors', { slug: 'fictional-ktx', name: 'KTX', kind: 'other', sources: ['fictional-atom-at-kt'] })).statusCode).toBe(201);
    expect((await allMentions(url)).map((mention) => mention.record.slug)).toContain('fictional-ktx');
  });

  it('counts positions in code points whatever the text holds: characters past the BMP, letters that lower-case longer', async () => {
    // '😀' is two UTF-16 units and 'İ' lower-cases to two code points: positions are still the text's code points.
    const text = '😀 İstanbul: Rebellions, then 🚀 KT and 리벨리온.\n';
    expect((await send('POST', '/v1/documents', { slug: 'fictional-mentions-emoji', title: 'A fictional note', kind: 'other', language: 'en', text })).statusCode).toBe(201);
    const mentions = await allMentions('/v1/documents/fictional-mentions-emoji/mentions');
    const codePoints = [...text];
    const where = (slug: string) => mentions.find((mention) => mention.record.slug === slug)!.positions.map(({ start, end }) => codePoints.slice(start, end).join(''));
    expect(where('rebellions')).toEqual(['Rebellions', '리벨리온']);
    expect(where('kt')).toEqual(['KT']);
    expect(mentions.find((mention) => mention.record.slug === 'rebellions')!.positions[0]).toEqual({ start: 12, end: 22 });
  });

  it('answers 404 for a document that does not exist, and 400 for a cursor it did not issue', async () => {
    expect((await get('/v1/documents/no-such-document/mentions')).statusCode).toBe(404);
    expect((await get(`/v1/documents/${ARTICLE_DOCUMENT}/mentions?cursor=bm9wZQ`)).json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ name: 'cursor' })] });
  });
});
