// Hot reads straight from memory: the bytes and headers of successful JSON GET responses under /v1, keyed by URL,
// valid until the next committed write. Without it every read re-runs its queries and re-serialises the same JSON;
// with it a hot read costs little more than Fastify sending a string.
//
// Bounded by bytes, not entries: one graph page can weigh what a thousand chip details do. Keyed by the URL alone:
// nothing else a request carries changes the cached bytes. Origin only changes CORS headers, which the CORS plugin
// sets on every request, cached or not; Accept only changes the format, and only JSON is cached (CSV and NDJSON
// exports stream). Keying on those headers let 1,000 distinct Origins hold 1,000 copies of one answer.
//
// A write empties it all rather than what it touched: a renamed company shows in chips, rounds, deals, events,
// the graph and search, and reads that miss cost a few SQL queries (tests/bench/BENCHMARKS.md), so precision would buy little.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_FORMATS, negotiateFormat, type ExportFormat } from '../http/exports.js';

interface Entry {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** What the entry is counted as against the budget: its text as UTF-16, and its headers. */
  bytes: number;
}

/** Headers a cached response must repeat; everything else is per request (request id, CORS) or set again by hooks. */
const KEPT_HEADERS = ['content-type', 'etag', 'link', 'x-total-count', 'cache-control', 'vary', 'content-disposition'];

/** An answer larger than this share of the budget is not kept: it would push out many others for one URL. */
const LARGEST_SHARE = 1 / 8;

declare module 'fastify' {
  interface FastifyRequest {
    /** The write version this request read at, when its response may be cached. */
    cacheVersion?: number;
  }
}

/** The format a request would get: a cached entry is always JSON, so anything else goes to the route. */
function requestedFormat(request: FastifyRequest): ExportFormat {
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  const given = typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : undefined;
  return negotiateFormat(given, request.headers.accept);
}

export interface ResponseCacheOptions {
  /** The most the cached bodies and headers may hold, in bytes. */
  maxBytes: number;
}

export default fp<ResponseCacheOptions>(
  async (app, { maxBytes }) => {
    // Insertion-ordered: re-inserting on a hit keeps recently used entries last, so the first is the one to evict.
    let entries = new Map<string, Entry>();
    let bytes = 0;
    let version = app.writes.version;
    const largest = maxBytes * LARGEST_SHARE;

    /** Drops everything once a write has committed since it was cached. */
    function current(): Map<string, Entry> {
      if (app.writes.version !== version) {
        entries = new Map();
        bytes = 0;
        version = app.writes.version;
      }
      return entries;
    }

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || !request.url.startsWith('/v1/') || requestedFormat(request) !== 'json') return;
      const cached = current();
      const entry = cached.get(request.url);
      if (entry) {
        cached.delete(request.url);
        cached.set(request.url, entry);
        for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
        // Sent as a string: no serializer runs, and the ETag hook sees the stored tag and skips hashing.
        return reply.code(entry.statusCode).serializer((payload: unknown) => payload as string).send(entry.body);
      }
      request.cacheVersion = version;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.cacheVersion === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const cached = current();
      // Read before a write that has committed since: its answer may be older than that write.
      if (request.cacheVersion !== version) return payload;
      const headers: Record<string, string> = {};
      let size = payload.length * 2;
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value === undefined) continue;
        headers[name] = String(value);
        size += (name.length + headers[name]!.length) * 2;
      }
      if (size > largest) return payload;
      const previous = cached.get(request.url);
      if (previous) {
        cached.delete(request.url);
        bytes -= previous.bytes;
      }
      cached.set(request.url, { statusCode: 200, headers, body: payload, bytes: size });
      bytes += size;
      for (const [key, oldest] of cached) {
        if (bytes <= maxBytes) break;
        cached.delete(key);
        bytes -= oldest.bytes;
      }
      return payload;
    });
  },
  { name: 'response-cache', dependencies: ['database'] },
);
