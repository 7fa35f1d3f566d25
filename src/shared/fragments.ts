// A page of records as the JSON its response schema would serialise, joined from each record's JSON kept by the
// fragment cache (src/plugins/fragment-cache.ts) and building only the records no page has built since the last
// write. Shared by the resources' lists and the timeline: any page whose body is `{"data": [items], "page": …}`.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FragmentCache } from '../plugins/fragment-cache.js';
import { PageInfoSchema } from './schemas.js';

export interface JoinedPage {
  /** What kept JSON belongs to ("chips", "events"), so ids of different tables never meet. */
  kind: string;
  /** The page's records, in order. */
  ids: readonly number[];
  page: z.output<typeof PageInfoSchema>;
  /** The item schema of the response's `data`: the JSON each record is serialised to. */
  itemSchema: z.ZodType;
  /** Builds these records, in this order: fewer if some are gone (deleted since the page was read). */
  build(ids: number[]): Promise<unknown[]>;
  /** `fragments.version` from before the page's ids were read: JSON read since a later write is not kept. */
  readAt: number;
}

/** The page's JSON; null when a record of the page went before it was built (the caller builds the page as usual). */
export async function joinPage(fragments: FragmentCache, joined: JoinedPage): Promise<string | null> {
  const key = (id: number) => `${joined.kind}:${id}`;
  const parts = joined.ids.map((id) => fragments.get(key(id)));
  const missing = joined.ids.filter((_, index) => parts[index] === undefined);
  if (missing.length > 0) {
    const items = await joined.build(missing);
    if (items.length !== missing.length) return null;
    const built = new Map(missing.map((id, index) => [id, JSON.stringify(z.encode(joined.itemSchema, items[index]))]));
    joined.ids.forEach((id, index) => {
      if (parts[index] !== undefined) return;
      parts[index] = built.get(id)!;
      fragments.set(key(id), parts[index], joined.readAt);
    });
  }
  return `{"data":[${parts.join(',')}],"page":${JSON.stringify(z.encode(PageInfoSchema, joined.page))}}`;
}

/** Sends JSON already serialised by `joinPage`, past the route's serializer. */
export function sendJoined(reply: FastifyReply, json: string) {
  return reply.type('application/json; charset=utf-8').serializer((payload: unknown) => payload as string).send(json);
}
