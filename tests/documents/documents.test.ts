// Documents: the article as the first one, with its metadata and the curator's part marked; new documents through
// the API, their text kept in one form and refused with the position of what it may not hold; passages that quote
// any document, with W3C selectors; a text that never changes once quoted; the text served whole or in ranges.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { ARTICLE_DOCUMENT, ARTICLE_TEXT } from '../support/article.js';

const KEY = 'curator-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const MAX_TEXT_BYTES = 4096;
const { app, db } = await createTestApp({ API_KEYS, DOCUMENT_TEXT_MAX_BYTES: MAX_TEXT_BYTES });
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: body === undefined ? { authorization: headers.authorization } : headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
const get = (url: string, extra: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: extra });

/** A plainly fictional press release, unique per call so that no two tests' texts are equal. */
let made = 0;
function pressRelease(overrides: Record<string, unknown> = {}) {
  made += 1;
  return {
    slug: `fictional-press-release-${made}`,
    title: `Fictional Chips Inc. ships the F${made} accelerator`,
    kind: 'press_release',
    publisher: 'Fictional Chips Inc.',
    language: 'en',
    published: { value: '2024-03-12' },
    url: 'https://fictional.example/news/f1',
    text: `Fictional Chips Inc. today announced that its F${made} accelerator is shipping.\nThe F${made} delivers 400 TOPS at 75 W.\n`,
    ...overrides,
  };
}

describe('the article as the first document', () => {
  it('carries its metadata, with what the text does not state marked curated', async () => {
    const response = await get(`/v1/documents/${ARTICLE_DOCUMENT}`);
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document).toMatchObject({
      slug: ARTICLE_DOCUMENT,
      title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
      kind: 'article',
      publisher: null,
      url: null,
      authors: ['김인순'],
      credits: [{ role: 'photographs', name: 'Getty Images' }],
      language: 'ko',
      published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
      sha256: createHash('sha256').update(ARTICLE_TEXT, 'utf8').digest('hex'),
      length: [...ARTICLE_TEXT].length,
      supersedes: null,
    });
    expect(document.curated).toEqual(expect.arrayContaining(['titleEn', 'kind', 'language', 'published']));
    // The title, the author and the photo credit stand in the text itself.
    for (const stated of [document.title, ...document.authors, 'Getty Images']) expect(ARTICLE_TEXT).toContain(stated);
    const passages = (await get(`/v1/sources?document=${ARTICLE_DOCUMENT}&limit=100&count=true`)).json();
    expect(document.counts.passages).toBe(passages.page.totalCount);
    expect(document.passages).toEqual(passages.data.map((source: { slug: string }) => source.slug));
    expect(document.counts.citingRecords).toBeGreaterThan(30);
  });

  it('serves its text verbatim with the digest as its ETag, and byte ranges of it', async () => {
    const whole = await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body).toBe(ARTICLE_TEXT);
    const etag = `"${createHash('sha256').update(ARTICLE_TEXT, 'utf8').digest('base64url')}"`;
    expect(whole.headers.etag).toBe(etag);
    expect((await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { 'if-none-match': etag })).statusCode).toBe(304);

    const bytes = Buffer.from(ARTICLE_TEXT, 'utf8');
    const part = await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { range: 'bytes=2-61' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 2-61/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(2, 62))).toBe(true);
    const tail = await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { range: 'bytes=-10' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    // If-Range with another tag: the whole text, since the part asked for may belong to another version.
    const stale = await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { range: 'bytes=0-9', 'if-range': '"not-the-tag"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(ARTICLE_TEXT);
    // Several ranges, or another unit: the whole text (a server may ignore a Range).
    expect((await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { range: 'bytes=0-1,5-6' })).statusCode).toBe(200);
    const past = await get(`/v1/documents/${ARTICLE_DOCUMENT}/text`, { range: `bytes=${bytes.length}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(past.json()).toMatchObject({ status: 416, code: 'range_not_satisfiable' });
    expect((await get('/v1/documents/no-such-document/text')).json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('gives every source its document and W3C selectors that find the quote in the text', async () => {
    const sources = (await get('/v1/sources?limit=100')).json().data as {
      quote: string;
      startOffset: number;
      document: { slug: string };
      selector: [{ type: string; exact: string; prefix: string; suffix: string }, { type: string; start: number; end: number }];
    }[];
    const codePoints = [...ARTICLE_TEXT];
    for (const source of sources) {
      expect(source.document).toMatchObject({ slug: ARTICLE_DOCUMENT, title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업', publisher: null });
      const [quote, position] = source.selector;
      expect(quote.type).toBe('TextQuoteSelector');
      expect(position.type).toBe('TextPositionSelector');
      expect(quote.exact).toBe(source.quote);
      expect(codePoints.slice(position.start, position.end).join('')).toBe(source.quote);
      expect(ARTICLE_TEXT.indexOf(quote.prefix + quote.exact + quote.suffix)).toBe(source.startOffset - quote.prefix.length);
      expect([...quote.prefix].length).toBe(Math.min(32, position.start));
    }
    // And embedded in records, the same shape.
    const chip = (await get('/v1/chips/sambanova-sn40l')).json();
    expect(chip.specs[0].source.document.slug).toBe(ARTICLE_DOCUMENT);
    expect(chip.sources[0].selector[1]).toMatchObject({ type: 'TextPositionSelector' });
  });
});

describe("a curator's new document", () => {
  it('is created from JSON with its text, kept NFC with LF line breaks, and cited by a new round and an existing chip', async () => {
    const body = pressRelease({ slug: 'fictional-chips-series-b-2024', text: 'Fictional Chips Inc. has raised $50 million in a Series B round.\r\nCafe\u0301 chips are next.\r' });
    const created = await send('POST', '/v1/documents', body);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/documents/fictional-chips-series-b-2024');
    const kept = 'Fictional Chips Inc. has raised $50 million in a Series B round.\nCafé chips are next.\n';
    expect(created.json()).toMatchObject({ sha256: createHash('sha256').update(kept, 'utf8').digest('hex'), length: [...kept].length, counts: { passages: 0, citingRecords: 0 } });
    expect((await get('/v1/documents/fictional-chips-series-b-2024/text')).body).toBe(kept);

    const source = await send('POST', '/v1/sources', { slug: 'fictional-chips-series-b', document: 'fictional-chips-series-b-2024', quote: 'raised $50 million in a Series B round', stance: 'fact' });
    expect(source.statusCode).toBe(201);
    expect(source.json()).toMatchObject({
      document: { slug: 'fictional-chips-series-b-2024', publisher: 'Fictional Chips Inc.', published: { value: '2024-03-12' } },
      selector: [
        { type: 'TextQuoteSelector', exact: 'raised $50 million in a Series B round', prefix: 'Fictional Chips Inc. has ', suffix: '.\nCafé chips are next.\n' },
        { type: 'TextPositionSelector', start: 25, end: 63 },
      ],
    });
    const chips = await send('POST', '/v1/sources', { slug: 'fictional-cafe-chips', document: 'fictional-chips-series-b-2024', quote: 'Café chips are next.', stance: 'plan' });
    expect(chips.statusCode).toBe(201);

    const company = await send('POST', '/v1/vendors', { slug: 'fictional-chips', name: 'Fictional Chips Inc.', kind: 'startup', sources: ['fictional-chips-series-b'] });
    expect(company.statusCode).toBe(201);
    const round = await send('POST', '/v1/funding-rounds', {
      slug: 'fictional-chips-series-b-2024',
      company: 'fictional-chips',
      roundType: 'series_b',
      amount: { amount: '50000000', currency: 'USD', notation: '$50 million' },
      sources: ['fictional-chips-series-b'],
    });
    expect(round.statusCode).toBe(201);
    expect(round.json().sources[0].document.slug).toBe('fictional-chips-series-b-2024');
    // A figure is checked against the passages of whichever document it cites: this one's words are not there.
    const wrong = await send('POST', '/v1/funding-rounds', {
      slug: 'fictional-chips-series-c',
      company: 'fictional-chips',
      roundType: 'series_c',
      amount: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
      usdRate: 'krw-per-usd-2022-average',
      sources: ['fictional-chips-series-b'],
    });
    expect(wrong.statusCode).toBe(400);

    const chip = (await get('/v1/chips/rebellions-atom')).json();
    const cited = await send('PATCH', '/v1/chips/rebellions-atom', { sources: [...chip.sources.map((s: { slug: string }) => s.slug), 'fictional-cafe-chips'] });
    expect(cited.statusCode).toBe(200);
    expect(cited.json().sources.map((s: { document: { slug: string } }) => s.document.slug)).toEqual([ARTICLE_DOCUMENT, ARTICLE_DOCUMENT, ARTICLE_DOCUMENT, 'fictional-chips-series-b-2024']);

    const document = (await get('/v1/documents/fictional-chips-series-b-2024')).json();
    expect(document.counts).toEqual({ passages: 2, citingRecords: 3 });
    expect(document.passages).toEqual(['fictional-chips-series-b', 'fictional-cafe-chips']);
  });

  it('is found by kind, language, publisher, date and title, newest first', async () => {
    expect((await send('POST', '/v1/documents', pressRelease({ slug: 'fictional-datasheet-2025', kind: 'datasheet', title: 'F9 datasheet', published: { value: '2025-01' } }))).statusCode).toBe(201);
    const slugs = async (query: string) => (await get(`/v1/documents?${query}`)).json().data.map((document: { slug: string }) => document.slug);
    expect(await slugs('kind=datasheet')).toEqual(['fictional-datasheet-2025']);
    expect(await slugs('language=ko')).toEqual([ARTICLE_DOCUMENT]);
    expect(await slugs('published[gte]=2025')).toEqual(['fictional-datasheet-2025']);
    expect(await slugs(`q=${encodeURIComponent('반도체')}`)).toEqual([ARTICLE_DOCUMENT]);
    expect(await slugs('q=DATASHEET')).toEqual(['fictional-datasheet-2025']);
    expect(await slugs(`publisher=${encodeURIComponent('Fictional Chips Inc.')}&kind=datasheet`)).toEqual(['fictional-datasheet-2025']);
    const all = await slugs('limit=100');
    expect(all[0]).toBe('fictional-datasheet-2025');
    expect(all.at(-1)).toBe(ARTICLE_DOCUMENT);
    expect((await get('/v1/documents?language=korean')).json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ name: 'language' })] });
    expect((await get('/v1/sources?document=no-such-document')).statusCode).toBe(400);
  });

  it('refuses a text with what it may not hold, naming line and column, and writes nothing', async () => {
    const flaws: [string, RegExp][] = [
      ['line one\nline\u0000two', /U\+0000 \(NUL\) at line 2, column 5/],
      ['lone \ud800 surrogate', /unpaired surrogate U\+D800 \(invalid UTF-16\) at line 1, column 6 \(code point 5\)/],
      ['a noncharacter \ufdd0 here', /U\+FDD0, a noncharacter at line 1, column 16/],
      ['private \ue000 use', /U\+E000, a private-use code point at line 1, column 9/],
      ['a bell \u0007 rings', /U\+0007, a control character at line 1, column 8/],
    ];
    const before = await db.document.count();
    for (const [text, message] of flaws) {
      const refused = await send('POST', '/v1/documents', pressRelease({ text }));
      expect(refused.statusCode, text).toBe(400);
      expect(refused.json().errors, text).toEqual([{ location: 'body', name: 'text', message: expect.stringMatching(message) }]);
    }
    const unsafeUrl = await send('POST', '/v1/documents', pressRelease({ url: 'https://user:secret@fictional.example/' }));
    expect(unsafeUrl.json().errors).toEqual([expect.objectContaining({ name: 'url', message: 'must not carry a user name or password' })]);
    const script = await send('POST', '/v1/documents', pressRelease({ archiveUrl: 'javascript:alert(1)' }));
    expect(script.json().errors).toEqual([expect.objectContaining({ name: 'archiveUrl', message: 'must be an http or https URL' })]);
    expect(await db.document.count()).toBe(before);
  });

  it('refuses a text past the configured size with 413, and a text another document holds with 409 naming it', async () => {
    const large = await send('POST', '/v1/documents', pressRelease({ text: 'ab'.repeat(MAX_TEXT_BYTES) }));
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ code: 'text_too_large', errors: [{ name: 'text', message: `is ${2 * MAX_TEXT_BYTES} bytes in UTF-8; the server keeps texts of at most ${MAX_TEXT_BYTES} bytes` }] });
    // Korean is three bytes a character: the limit is of bytes, not characters.
    expect((await send('POST', '/v1/documents', pressRelease({ text: '가'.repeat(MAX_TEXT_BYTES / 3 + 1) }))).statusCode).toBe(413);

    const first = pressRelease();
    expect((await send('POST', '/v1/documents', first)).statusCode).toBe(201);
    // The same text with other line breaks is the same text, as kept.
    const again = await send('POST', '/v1/documents', pressRelease({ text: first.text.replaceAll('\n', '\r\n') }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'text_taken', detail: expect.stringContaining(`'${first.slug}'`) });
  });

  it("keeps a quoted text as it is: a correction is a new document that supersedes it", async () => {
    const draft = pressRelease();
    expect((await send('POST', '/v1/documents', draft)).statusCode).toBe(201);
    // Unquoted, the text may still change.
    const fixed = `${draft.text}A third line.\n`;
    expect((await send('PATCH', `/v1/documents/${draft.slug}`, { text: fixed })).statusCode).toBe(200);
    expect((await send('POST', '/v1/sources', { slug: `${draft.slug}-line`, document: draft.slug, quote: 'A third line.', stance: 'fact' })).statusCode).toBe(201);
    const refused = await send('PATCH', `/v1/documents/${draft.slug}`, { text: `${fixed}A fourth.\n` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'document_cited', detail: expect.stringContaining(`sources/${draft.slug}-line`) });
    // Metadata may change; the text sent back unchanged is no change.
    const retitled = await send('PATCH', `/v1/documents/${draft.slug}`, { title: 'Retitled', text: fixed, licence: 'CC-BY-4.0' });
    expect(retitled.statusCode).toBe(200);
    expect(retitled.json()).toMatchObject({ title: 'Retitled', licence: 'CC-BY-4.0' });

    const correction = pressRelease({ supersedes: draft.slug });
    const created = await send('POST', '/v1/documents', correction);
    expect(created.json()).toMatchObject({ supersedes: draft.slug });
    expect((await get(`/v1/documents/${draft.slug}`)).json().supersededBy).toEqual([correction.slug]);
    // No loops: the earlier one cannot supersede its correction.
    const loop = await send('PATCH', `/v1/documents/${draft.slug}`, { supersedes: correction.slug });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors).toEqual([expect.objectContaining({ name: 'supersedes' })]);

    // Deleted only while nothing quotes it and nothing supersedes it, naming what does.
    const quoted = await send('DELETE', `/v1/documents/${draft.slug}`);
    expect(quoted.statusCode).toBe(409);
    expect(quoted.json().detail).toContain(`sources/${draft.slug}-line`);
    expect((await send('DELETE', `/v1/sources/${draft.slug}-line`)).statusCode).toBe(204);
    expect((await send('DELETE', `/v1/documents/${draft.slug}`)).json().detail).toContain(`documents/${correction.slug}`);
    expect((await send('DELETE', `/v1/documents/${correction.slug}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/v1/documents/${draft.slug}`)).statusCode).toBe(204);
    const revisionPage = await get(`/v1/documents/${draft.slug}/revisions`);
    expect(revisionPage.statusCode, revisionPage.body).toBe(200);
    const revisions = revisionPage.json().data.map((revision: { action: string }) => revision.action);
    expect(revisions).toEqual(['delete', 'update', 'update', 'create']);
  });

  it('needs the document named once there are several', async () => {
    const unnamed = await send('POST', '/v1/sources', { slug: 'unnamed-document', quote: '어떤 산업도 AI와 무관할 수 없다.', stance: 'fact' });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors).toEqual([{ location: 'body', name: 'document', message: 'name the document the passage quotes (several exist)' }]);
    const unknown = await send('POST', '/v1/sources', { slug: 'unknown-document', document: 'no-such-document', quote: 'x y z', stance: 'fact' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ name: 'document' })]);
  });
});
