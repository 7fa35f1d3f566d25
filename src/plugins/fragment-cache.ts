// Each record's JSON as lists show it, kept until the next committed write: the pages of a list that the response
// cache misses (another filter, sort or cursor) mostly show records some other page has shown, and building an
// item — its rows, its relations, checking it against its schema, serialising it — is most of what an uncached
// page costs (tests/bench/BENCHMARKS.md). A page then reads its ids through the index and joins the kept JSON.
//
// Fresh the same way as the response cache: every committed write moves `app.writes.version` before the writer
// hears back, and JSON read at an older version is neither kept nor served. Bounded by bytes, least recently used
// first.
import fp from 'fastify-plugin';
import type { FragmentCache } from '../records/fragments.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when off (FRAGMENT_CACHE_MB=0, and in tests unless they ask for it). */
    fragments: FragmentCache | null;
  }
}

export interface FragmentCacheOptions {
  /** The most the kept JSON may hold, in bytes (counted as UTF-16, as the strings are held). */
  maxBytes: number;
}

export default fp<FragmentCacheOptions>(
  async (app, { maxBytes }) => {
    const queue = app.writes;
    // Insertion-ordered: re-inserting on a hit keeps recently used entries last, so the first is the one to evict.
    let entries = new Map<string, string>();
    let bytes = 0;
    let version = queue.version;

    function current(): Map<string, string> {
      if (queue.version !== version) {
        entries = new Map();
        bytes = 0;
        version = queue.version;
      }
      return entries;
    }

    app.decorate('fragments', {
      get version() {
        return queue.version;
      },
      get(key: string) {
        const cached = current();
        const json = cached.get(key);
        if (json !== undefined) {
          cached.delete(key);
          cached.set(key, json);
        }
        return json;
      },
      set(key: string, json: string, readAt: number) {
        const cached = current();
        if (readAt !== version) return;
        const size = (key.length + json.length) * 2;
        // One record larger than an eighth of the budget would push out many others.
        if (size > maxBytes / 8) return;
        const previous = cached.get(key);
        if (previous !== undefined) {
          cached.delete(key);
          bytes -= (key.length + previous.length) * 2;
        }
        cached.set(key, json);
        bytes += size;
        for (const [oldestKey, oldest] of cached) {
          if (bytes <= maxBytes) break;
          cached.delete(oldestKey);
          bytes -= (oldestKey.length + oldest.length) * 2;
        }
      },
    } satisfies FragmentCache);
  },
  { name: 'fragment-cache', dependencies: ['database'] },
);
