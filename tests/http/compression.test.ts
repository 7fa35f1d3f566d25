// Compressed answers: br or gzip as the client prefers, the same bytes once decompressed, `Vary: Accept-Encoding` on
// every compressible answer, a coded entity tag that preconditions still match, exports compressed as they stream, and
// each representation compressed once (the second answer is the very same bytes).
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { negotiateCoding } from '../../src/plugins/compression.js';
import { createTestApp } from '../support/test-app.js';

const KEY = 'compression-key-0123456789abcdef';
const { app } = await createTestApp({ API_KEYS: loadConfig({ API_KEYS: `curator:${KEY}` }).API_KEYS, RESPONSE_CACHE_MB: 4 });

function decompress(body: Buffer, coding: string | undefined): string {
  if (coding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (coding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

async function get(url: string, acceptEncoding?: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...headers } });
  return { response, text: decompress(response.rawPayload, response.headers['content-encoding'] as string | undefined) };
}

// First in the file: no request before it has had the document compressed.
describe('a large representation', () => {
  it('is compressed once, off the event loop, for requests arriving together', async () => {
    const compressions = vi.spyOn(zlib, 'brotliCompress');
    try {
      const answers = await Promise.all(Array.from({ length: 4 }, () => get('/openapi.json', 'br')));
      for (const { response } of answers) expect(response.headers['content-encoding']).toBe('br');
      expect(compressions).toHaveBeenCalledTimes(1);
      await get('/openapi.json', 'br');
      expect(compressions).toHaveBeenCalledTimes(1);
    } finally {
      compressions.mockRestore();
    }
  });
});

describe('Accept-Encoding', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['*', 'br'],
    ['deflate', undefined],
    ['gzip;q=0, br;q=0', undefined],
  ])('%s → %s', async (accept, coding) => {
    const identity = await get('/openapi.json');
    const { response, text } = await get('/openapi.json', accept);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe(coding);
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(text).toBe(identity.text);
    // The document says its shared parts once, so it compresses less than it did (about 1:10 now): a quarter at most.
    if (coding) expect(response.rawPayload.length).toBeLessThan(identity.response.rawPayload.length / 4);
  });

  it('without Accept-Encoding the answer is as it always was, saying it could differ', async () => {
    const { response } = await get('/v1/chips');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(response.json().data.length).toBeGreaterThan(0);
  });

  it('leaves small answers alone, saying they could differ all the same', async () => {
    const { response } = await get('/v1/chips/azure-maia-100?fields=slug', 'br');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
  });

  it('negotiates by q-value, br on a tie', () => {
    expect(negotiateCoding(undefined)).toBeNull();
    expect(negotiateCoding('identity')).toBeNull();
    expect(negotiateCoding('gzip;q=0.9, br;q=0.9')).toBe('br');
    expect(negotiateCoding('GZIP')).toBe('gzip');
    expect(negotiateCoding('br;q=0.1, *;q=0.5')).toBe('gzip');
  });
});

describe('entity tags and caching', () => {
  it('tags a compressed answer with its coding; If-None-Match with that tag is a 304', async () => {
    const identity = await get('/v1/chips');
    const { response } = await get('/v1/chips', 'br');
    const tag = String(response.headers.etag);
    expect(tag).toBe(`${String(identity.response.headers.etag).slice(0, -1)}.br"`);
    const revalidated = await get('/v1/chips', 'br', { 'if-none-match': tag });
    expect(revalidated.response.statusCode).toBe(304);
    expect(revalidated.response.headers.etag).toBe(tag);
    expect(revalidated.response.headers.vary).toMatch(/Accept-Encoding/);
    // A client that asked for no coding is told the same: its 304 varies as its 200 did.
    const plain = await get('/v1/chips', undefined, { 'if-none-match': String(identity.response.headers.etag) });
    expect(plain.response.statusCode).toBe(304);
    expect(plain.response.headers.vary).toBe(identity.response.headers.vary);
    // The plain tag matches the compressed variant's representation too, and the reverse.
    expect((await get('/v1/chips', 'br', { 'if-none-match': String(identity.response.headers.etag) })).response.statusCode).toBe(304);
    expect((await get('/v1/chips', undefined, { 'if-none-match': tag })).response.statusCode).toBe(304);
  });

  it('is compressed once: the same representation again costs no compression', async () => {
    const compressions = vi.spyOn(zlib, 'gzipSync');
    try {
      const first = await get('/v1/chips?limit=20&kind=gpu', 'gzip');
      expect(first.response.headers['content-encoding']).toBe('gzip');
      expect(compressions).toHaveBeenCalledTimes(1);
      const again = await get('/v1/chips?limit=20&kind=gpu', 'gzip');
      expect(compressions).toHaveBeenCalledTimes(1);
      expect(Buffer.compare(first.response.rawPayload, again.response.rawPayload)).toBe(0);
      // Another representation is compressed on its own.
      await get('/v1/chips?limit=20&kind=cpu', 'gzip');
      expect(compressions).toHaveBeenCalledTimes(2);
    } finally {
      compressions.mockRestore();
    }
  });



  it('If-Match with the tag of a compressed answer guards a write as the plain tag does', async () => {
    const { response } = await get('/v1/vendors/kt', 'br');
    expect(response.headers['content-encoding']).toBe('br');
    const patched = await app.inject({
      method: 'PATCH',
      url: '/v1/vendors/kt',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'if-match': String(response.headers.etag) },
      payload: JSON.stringify({ description: 'A plainly fictional description, written by the compression test.' }),
    });
    expect(patched.statusCode).toBe(200);
  });
});

describe('exports', () => {
  it('compress as they stream, and decompress to the same CSV', async () => {
    const identity = await get('/v1/chips?format=csv&include=specs');
    const { response, text } = await get('/v1/chips?format=csv&include=specs', 'gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-length']).toBeUndefined();
    expect(text).toBe(identity.text);
  });
});
