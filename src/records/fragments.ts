// A page of records as the JSON its response schema would serialise, joined from each record's JSON kept by the
// fragment cache (src/plugins/fragment-cache.ts) and building only the records no page has built since the last
// write. Shared by the resources' lists, the timeline and the graph.
import { z } from 'zod';
import { PageInfoSchema } from './schemas.js';

/** Each record's JSON as lists show it, kept until the next committed write (kept by src/plugins/fragment-cache.ts). */
export interface FragmentCache {
  /** The write version now: pass it to `set` for JSON read after this call. */
  readonly version: number;
  get(key: string): string | undefined;
  /** Keeps `json`, unless a write has committed since `readAt` (it may be older than that write). */
  set(key: string, json: string, readAt: number): void;
}

export interface JoinedItems<Key extends number | string> {
  /** What kept JSON belongs to ("chips", "events"), so ids of different tables never meet. */
  kind: string;
  /** The items, in order. */
  ids: readonly Key[];
  /** The schema each item is serialised by, as the response's own schema would. */
  itemSchema: z.ZodType;
  /** Builds these items, in this order: fewer if some are gone (deleted since the page was read). */
  build(ids: Key[]): Promise<unknown[]>;
  /** `fragments.version` from before the page's ids were read: JSON read since a later write is not kept. */
  readAt: number;
}

/** Each item's JSON, in order, kept or built; null when an item went before it was built. */
export async function joinItems<Key extends number | string>(fragments: FragmentCache, items: JoinedItems<Key>): Promise<string[] | null> {
  const key = (id: Key) => `${items.kind}:${id}`;
  const parts = items.ids.map((id) => fragments.get(key(id)));
  const missing = items.ids.filter((_, index) => parts[index] === undefined);
  if (missing.length > 0) {
    const built = await items.build(missing);
    if (built.length !== missing.length) return null;
    const json = new Map(missing.map((id, index) => [id, JSON.stringify(z.encode(items.itemSchema, built[index]))]));
    items.ids.forEach((id, index) => {
      if (parts[index] !== undefined) return;
      parts[index] = json.get(id)!;
      fragments.set(key(id), parts[index], items.readAt);
    });
  }
  return parts as string[];
}

/** The JSON of a page whose body is `{"data": [items], "page": …}`; null when an item went before it was built. */
export async function joinPage(fragments: FragmentCache, page: JoinedItems<number> & { page: z.output<typeof PageInfoSchema> }): Promise<string | null> {
  const parts = await joinItems(fragments, page);
  return parts === null ? null : `{"data":[${parts.join(',')}],"page":${pageJson(page.page)}}`;
}

/** A page's `page` object as its schema serialises it. */
export function pageJson(page: z.output<typeof PageInfoSchema>): string {
  return JSON.stringify(z.encode(PageInfoSchema, page));
}
