// Search covers documents: their titles and their whole text, each text hit with where the query stands in it and
// the words around it, positions counted in code points as a TextPositionSelector counts them. Kept in step with
// every write of a document.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { ARTICLE_DOCUMENT, ARTICLE_TEXT } from '../support/article.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

type TextMatch = { start: number; end: number; count: number; snippet: string; snippetStart: number };
type Hit = { type: string; slug: string; name: string; nameKo: string | null; matchedOn: string; score: number; url: string; textMatch: TextMatch | null };

async function search(query: string, type = 'document'): Promise<{ totalCount: number; data: Hit[] }> {
  const response = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(query)}&type=${type}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const codePoints = (text: string) => [...text];
/** The text between two code-point positions. */
const slice = (text: string, start: number, end: number) => codePoints(text).slice(start, end).join('');

async function create(document: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/v1/documents', headers, payload: JSON.stringify(document) });
  expect(response.statusCode, response.body).toBe(201);
}

describe('search over documents', () => {
  it('finds the article by its English title, its Korean title and its text, and ranks a title above the text', async () => {
    const byEnglish = await search('big tech and startups');
    expect(byEnglish.data[0]).toMatchObject({ type: 'document', slug: ARTICLE_DOCUMENT, matchedOn: 'name', score: 90, url: `/v1/documents/${ARTICLE_DOCUMENT}` });
    const byKorean = await search('빅테크와 스타트업');
    expect(byKorean.data[0]).toMatchObject({ slug: ARTICLE_DOCUMENT, matchedOn: 'nameKo', nameKo: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업' });

    const byText = await search('엔비디아');
    expect(byText.data).toHaveLength(1);
    const hit = byText.data[0]!;
    expect(hit).toMatchObject({ slug: ARTICLE_DOCUMENT, matchedOn: 'text', score: 5 });
    const first = codePoints(ARTICLE_TEXT).join('').indexOf('엔비디아');
    expect(hit.textMatch).toMatchObject({ start: codePoints(ARTICLE_TEXT.slice(0, first)).length, count: ARTICLE_TEXT.split('엔비디아').length - 1 });
    const match = hit.textMatch!;
    expect(slice(ARTICLE_TEXT, match.start, match.end)).toBe('엔비디아');
    expect(match.snippet).toBe(slice(ARTICLE_TEXT, match.snippetStart, match.snippetStart + codePoints(match.snippet).length));
    expect(match.start - match.snippetStart).toBe(60);
    expect(codePoints(match.snippet)).toHaveLength(60 + 4 + 60);
  });

  it('ranks records above a document that merely mentions them, and reads texts only when documents are asked for', async () => {
    const all = await search('엔비디아', 'chip,vendor,funding_round,deal,document');
    expect(all.data.at(-1)).toMatchObject({ type: 'document', matchedOn: 'text' });
    expect(all.data[0]).toMatchObject({ type: 'vendor', slug: 'nvidia', textMatch: null });
    // A search of every kind finds documents by title: a name in thousands of texts is not what a name search wants.
    const response = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent('엔비디아')}` });
    expect((response.json() as { data: Hit[] }).data.every((hit) => hit.type !== 'document')).toBe(true);
    const byTitle = await app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent('빅테크와')}` });
    expect((byTitle.json() as { data: Hit[] }).data).toEqual([expect.objectContaining({ type: 'document', matchedOn: 'nameKo', textMatch: null })]);
  });

  it('does not read texts for a query under three characters, which would match nearly every text', async () => {
    // '마이' stands in the article's text but in no title.
    expect(ARTICLE_TEXT).toContain('마이');
    expect((await search('마이')).totalCount).toBe(0);
  });

  it('counts positions in code points and folds case and width, and follows a new document, its edits and its deletion', async () => {
    const text = 'Fictional Dispatch 😀 — the ＦＩＣＴＩＯＮＡＬ Widget W9 ships; the Fictional Widget W9 is sold out.\n';
    await create({ slug: 'fictional-dispatch-search', title: 'Fictional Dispatch on Widgets', kind: 'web_page', language: 'en', text });
    const found = await search('fictional widget w9');
    expect(found.data).toHaveLength(1);
    const match = found.data[0]!.textMatch!;
    // The full-width spelling matches as its folded form, and the emoji before it counts as one code point.
    expect(slice(text, match.start, match.end)).toBe('ＦＩＣＴＩＯＮＡＬ Widget W9');
    // The whole text is within the context on either side.
    expect(match).toMatchObject({ count: 2, snippetStart: 0, snippet: text });
    expect(match.start).toBe(codePoints(text.slice(0, text.indexOf('ＦＩＣ'))).length);

    const edited = await app.inject({
      method: 'PATCH',
      url: '/v1/documents/fictional-dispatch-search',
      headers,
      payload: JSON.stringify({ text: 'Fictional Dispatch: the gadget G7 ships.\n' }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await search('fictional widget w9')).totalCount).toBe(0);
    expect((await search('gadget g7')).data[0]).toMatchObject({ slug: 'fictional-dispatch-search', textMatch: { start: 24, end: 33, count: 1 } });

    const deleted = await app.inject({ method: 'DELETE', url: '/v1/documents/fictional-dispatch-search', headers: { authorization: headers.authorization } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await search('gadget g7')).totalCount).toBe(0);
    expect((await search('dispatch on widgets')).totalCount).toBe(0);
  });

  it('finds a title-only match with no text match, and takes a query\'s quotes and percent signs literally', async () => {
    await create({ slug: 'fictional-quoted-search', title: 'A "100%" Fictional Title', kind: 'other', language: 'en', text: 'Nothing to see: 50% "off".\n' });
    expect((await search('"100%"')).data[0]).toMatchObject({ slug: 'fictional-quoted-search', matchedOn: 'name', textMatch: null });
    expect((await search('50% "off"')).data[0]).toMatchObject({ slug: 'fictional-quoted-search', matchedOn: 'text', textMatch: { start: 16, count: 1 } });
    expect((await search('5_% "off"')).totalCount).toBe(0);
  });
});
