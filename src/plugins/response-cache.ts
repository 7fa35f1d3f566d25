// Hot reads straight from memory: the bytes and headers of successful GET responses under /v1, keyed by URL and
// the headers that shape them, valid until the next committed write. Without it every read re-runs its queries
// and re-serialises the same JSON; with it a hot read costs little more than Fastify sending a string.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface Entry {
  version: number;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers a cached response must repeat; everything else is per request (request id) or set again by hooks. */
const KEPT_HEADERS = ['content-type', 'etag', 'link', 'x-total-count', 'cache-control', 'vary', 'content-disposition'];

declare module 'fastify' {
  interface FastifyRequest {
    /** The write version this request read at, when its response may be cached. */
    cacheVersion?: number;
  }
}

function keyOf(request: FastifyRequest): string {
  return `${request.url}\n${request.headers.accept ?? ''}\n${request.headers.origin ?? ''}`;
}

export default fp<{ maxEntries: number }>(
  async (app, { maxEntries }) => {
    // Insertion-ordered: re-inserting on a hit keeps recently used entries last, so the first is the one to evict.
    const entries = new Map<string, Entry>();

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || !request.url.startsWith('/v1/')) return;
      const key = keyOf(request);
      const entry = entries.get(key);
      if (entry && entry.version === app.writes.version) {
        entries.delete(key);
        entries.set(key, entry);
        for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
        // Sent as a string: no serializer runs, and the ETag hook sees the stored tag and skips hashing.
        return reply.code(entry.statusCode).serializer((payload: unknown) => payload as string).send(entry.body);
      }
      request.cacheVersion = app.writes.version;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.cacheVersion === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      entries.set(keyOf(request), { version: request.cacheVersion, statusCode: 200, headers, body: payload });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return payload;
    });
  },
  { name: 'response-cache', dependencies: ['database'] },
);
