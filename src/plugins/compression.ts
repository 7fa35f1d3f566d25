// Compressed answers for clients that accept them (`Accept-Encoding: br` or `gzip`): the OpenAPI document shrinks from
// 864 KB to about 56 KB, a list page to a fifth. Each representation is compressed once: by its entity tag, which is a
// digest of its exact bytes, so a hot read (from the response cache or not) costs a lookup, not a compression. Streams
// (exports, the explorer's files) are compressed as they go. Every compressible answer says `Vary: Accept-Encoding`,
// so a shared cache keeps the variants apart; a compressed one's entity tag carries its coding (`"…​.br"`), and
// preconditions compare tags without it (src/domain/entity-tag.ts).
import { promisify } from 'node:util';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { codedEntityTag, type ContentCoding } from '../domain/entity-tag.js';
import { addVary } from './http-cache.js';

/** Below this, compression saves less than its headers and time cost (a problem, a small page). */
const MIN_BYTES = 1024;
/** Past this, compression runs on libuv's threads rather than holding the event loop (an 864 KB document: ~10 ms). */
const ASYNC_FROM_BYTES = 64 * 1024;
/** What the compressed bytes of representations kept by entity tag may hold: a few thousand pages. */
const KEPT_BYTES = 16 * 1024 * 1024;

const COMPRESSIBLE = /^(application\/(json|problem\+json|x-ndjson|javascript|xml)|text\/|image\/svg\+xml)/i;

/** Brotli at 5 compresses JSON within a few percent of its best, several times faster; gzip at 6 is zlib's default. */
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };
const GZIP_OPTIONS = { level: 6 };

/** zlib's asynchronous compressors, looked up when called (so a test's spy on them sees each call). */
const brotli = (payload: Buffer, options: zlib.BrotliOptions) => promisify(zlib.brotliCompress)(payload, options);
const gzip = (payload: Buffer, options: zlib.ZlibOptions) => promisify(zlib.gzip)(payload, options);

/**
 * The coding to answer with: the one the client prefers among br and gzip (q-values honoured; br on a tie, as it is
 * smaller), or null for none. `identity;q=0` alone is not honoured: the uncompressed answer is always acceptable here.
 */
export function negotiateCoding(header: string | undefined): ContentCoding | null {
  if (!header) return null;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(value)) quality.set(name.trim(), value);
  }
  const of = (coding: string) => quality.get(coding) ?? quality.get('*') ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

async function compress(payload: Buffer, coding: ContentCoding): Promise<Buffer> {
  if (payload.length < ASYNC_FROM_BYTES) {
    return coding === 'br' ? zlib.brotliCompressSync(payload, BROTLI_OPTIONS) : zlib.gzipSync(payload, GZIP_OPTIONS);
  }
  return coding === 'br' ? brotli(payload, BROTLI_OPTIONS) : gzip(payload, GZIP_OPTIONS);
}

const asBuffer = (payload: string | Buffer): Buffer => (typeof payload === 'string' ? Buffer.from(payload) : payload);

function compressingStream(coding: ContentCoding): Transform {
  // Streams go out as they are made: each chunk (about 16 KiB of an export) is flushed, so a slow export still
  // reaches its client as it goes, not when the compressor's buffer happens to fill.
  return coding === 'br'
    ? zlib.createBrotliCompress({ ...BROTLI_OPTIONS, flush: zlib.constants.BROTLI_OPERATION_FLUSH })
    : zlib.createGzip({ ...GZIP_OPTIONS, flush: zlib.constants.Z_SYNC_FLUSH });
}

/** Compressed representations by coded entity tag, least recently used first. */
class KeptCompressions {
  #entries = new Map<string, Buffer>();
  #bytes = 0;

  get(key: string): Buffer | undefined {
    const found = this.#entries.get(key);
    if (found) {
      this.#entries.delete(key);
      this.#entries.set(key, found);
    }
    return found;
  }

  set(key: string, value: Buffer): void {
    if (value.length > KEPT_BYTES / 8) return;
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.length;
    }
    this.#entries.set(key, value);
    this.#bytes += value.length;
    for (const [oldest, bytes] of this.#entries) {
      if (this.#bytes <= KEPT_BYTES) break;
      this.#entries.delete(oldest);
      this.#bytes -= bytes.length;
    }
  }
}

export default fp(
  async (app) => {
    const kept = new KeptCompressions();
    /** Compressions under way, by coded tag: requests arriving together for one representation share one. */
    const underWay = new Map<string, Promise<Buffer>>();

    async function compressedOnce(coded: string, payload: string | Buffer, coding: ContentCoding): Promise<Buffer> {
      const found = kept.get(coded);
      if (found) return found;
      let pending = underWay.get(coded);
      if (!pending) {
        pending = compress(asBuffer(payload), coding).finally(() => underWay.delete(coded));
        underWay.set(coded, pending);
        kept.set(coded, await pending);
      }
      return pending;
    }

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode === 304) {
        // Not Modified names the variant the client holds: the coded tag it sent, when it sent one this coding makes.
        // It says what its 200 would: that the answer depends on Accept-Encoding (RFC 9110 §15.4.5).
        addVary(reply, 'Accept-Encoding');
        const coding = negotiateCoding(request.headers['accept-encoding']);
        const etag = reply.getHeader('etag');
        if (coding && etag !== undefined && request.headers['if-none-match']?.includes(codedEntityTag(String(etag), coding))) {
          reply.header('etag', codedEntityTag(String(etag), coding));
        }
        return payload;
      }
      if (payload === null || payload === undefined || reply.hasHeader('content-encoding') || reply.hasHeader('content-range')) return payload;
      const type = String(reply.getHeader('content-type') ?? '');
      if (!COMPRESSIBLE.test(type)) return payload;
      const stream = payload instanceof Readable;
      // The answer depends on Accept-Encoding whether or not this client asked for a coding, and whatever its size
      // (one rule for every answer of a type, so its 304 can say the same).
      addVary(reply, 'Accept-Encoding');
      // A string is measured, not copied: most answers go out uncompressed (no Accept-Encoding), and a copy per hot
      // read was a measurable share of its time.
      const size = typeof payload === 'string' ? Buffer.byteLength(payload) : Buffer.isBuffer(payload) ? payload.length : null;
      if (!stream && (size === null || size < MIN_BYTES)) return payload;
      const coding = negotiateCoding(request.headers['accept-encoding']);
      if (coding === null || reply.statusCode === 204 || reply.statusCode === 206) return payload;
      reply.header('content-encoding', coding);
      reply.removeHeader('content-length');
      // pipeline, not pipe: an export cut off (or failing) mid-way ends its compressed stream too, and a client gone
      // destroys the export behind it.
      if (stream) return pipeline(payload as Readable, compressingStream(coding), () => undefined);
      const bytes = payload as string | Buffer;
      const etag = reply.getHeader('etag');
      if (etag === undefined) return compress(asBuffer(bytes), coding);
      const coded = codedEntityTag(String(etag), coding);
      reply.header('etag', coded);
      return compressedOnce(coded, bytes, coding);
    });
  },
  { name: 'compression', dependencies: ['http-cache'] },
);
