// Text a reader can read: a name made only of characters drawn as nothing is blank, and code points no reader can
// read the same way (noncharacters, private use) are refused in every text field, stored or searched for.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';

const KEY = 'visible-text-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const { send, get } = writeClient(app, { authorization: `Bearer ${KEY}` });

const kt = (await get('/v1/vendors/kt')).json();

/** The name and message of each error a refused PATCH of KT names, after checking KT did not change. */
async function refusedPatch(body: Record<string, unknown>) {
  const response = await send('PATCH', '/v1/vendors/kt', body);
  expect(response.statusCode, JSON.stringify(body)).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((await get('/v1/vendors/kt')).json()).toEqual(kt);
  return response.json().errors as { location: string; name: string; message: string }[];
}

describe('a name that shows nothing', () => {
  it.each([
    ['U+200B zero width space', '\u200B'],
    ['U+200D zero width joiner', '\u200D'],
    ['U+2800 braille pattern blank', '\u2800'],
    ['U+3164 hangul filler', '\u3164'],
    ['U+115F hangul choseong filler', '\u115F'],
    ['U+FFA0 halfwidth hangul filler', '\uFFA0'],
    ['U+00AD soft hyphen', '\u00AD'],
    ['U+180E mongolian vowel separator', '\u180E'],
    ['U+FE0F variation selector-16', '\uFE0F'],
    ['U+FEFF zero width no-break space', '\uFEFF'],
    ['U+2060 word joiner', '\u2060'],
    ['U+0301 a lone combining acute accent', '\u0301'],
    ['U+034F combining grapheme joiner', '\u034F'],
    ['tag characters U+E0041 U+E007F', '\u{E0041}\u{E007F}'],
    ['several invisible characters between spaces', ' \u200B\u200D\u2060\u3164 '],
  ])('is refused as blank: %s', async (_label, name) => {
    expect(await refusedPatch({ name })).toEqual([{ location: 'body', name: 'name', message: expect.stringMatching(/^is blank: it needs a visible letter/) }]);
  });

  it('is refused as blank in every text field of the record, not only its name', async () => {
    const errors = await refusedPatch({
      nameKo: '\u200B',
      aliases: ['KT Corp', '\u3164'],
      founders: [{ name: '\u2800' }],
      description: '\u00AD\n\u200D',
    });
    expect(errors.map((error) => error.name).sort()).toEqual(['aliases.1', 'description', 'founders.0.name', 'nameKo']);
    for (const error of errors) expect(error.message).toMatch(/^is blank/);
  });

  it('is not what a name with one visible character among invisible ones is', async () => {
    for (const name of ['KT', 'e\u0301', '케이티', '\u200BKT\u200B', '🏳️‍🌈', '👍🏽', '…', '$']) {
      const response = await send('PATCH', '/v1/vendors/kt', { name });
      expect(response.statusCode, JSON.stringify(name)).toBe(200);
      expect(response.json().name).toBe(name.normalize('NFC'));
    }
    expect((await send('PATCH', '/v1/vendors/kt', { name: kt.name })).statusCode).toBe(200);
  });
});

describe('a code point no reader can read', () => {
  it.each([
    ['U+FFFF', '\uFFFF', 'a noncharacter'],
    ['U+FFFE', '\uFFFE', 'a noncharacter'],
    ['U+FDD0', '\uFDD0', 'a noncharacter'],
    ['U+FDEF', '\uFDEF', 'a noncharacter'],
    ['U+1FFFF', '\u{1FFFF}', 'a noncharacter'],
    ['U+10FFFF', '\u{10FFFF}', 'a noncharacter'],
    ['U+E000', '\uE000', 'a private-use code point'],
    ['U+F8FF', '\uF8FF', 'a private-use code point'],
    ['U+F0000', '\u{F0000}', 'a private-use code point'],
    ['U+10FFFD', '\u{10FFFD}', 'a private-use code point'],
  ])('%s is refused inside a name, named in the message', async (codePoint, character, kind) => {
    expect(await refusedPatch({ name: `KT${character}Corp` })).toEqual([{ location: 'body', name: 'name', message: `contains ${codePoint}, ${kind}` }]);
  });

  it('is refused in multi-line text and list items as in names', async () => {
    const errors = await refusedPatch({ description: 'Telecom.\n\uFFFF', aliases: ['KT Corp', 'K\uE000T'] });
    expect(errors.map((error) => [error.name, error.message]).sort()).toEqual([
      ['aliases.1', 'contains U+E000, a private-use code point'],
      ['description', 'contains U+FFFF, a noncharacter'],
    ]);
  });

  it('is refused in text to search for, which nothing stored could hold', async () => {
    for (const url of ['/v1/vendors?q=KT%EF%BF%BF', '/v1/search?q=%EE%80%80', '/v1/vendors?name%5Bcontains%5D=%EF%B7%90']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors).toEqual([
        expect.objectContaining({ location: 'query', message: expect.stringMatching(/^contains U\+[0-9A-F]{4,6}, a (noncharacter|private-use code point)$/) }),
      ]);
    }
  });
});
