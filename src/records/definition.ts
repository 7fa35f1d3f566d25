// What the write path and every read need to know of a kind of record: its table, the item it is served as, and how
// to load items by id. Each resource declares this half in its data files (`<resource>/repository.ts`); the HTTP
// half (URL, documentation, filters, sorts) is added by its routes. Nothing here knows HTTP.
import type { z } from 'zod';
import type { ResourceName } from '../domain/resources.js';
import { identifier, sql, type SqlReader } from '../db/sql.js';

export interface RecordDefinition<Item extends z.ZodObject> {
  /** The kind's name in code and revisions (src/domain/resources.ts). */
  name: ResourceName;
  /** Its URL segment under /v1, plural kebab-case. */
  path: string;
  /** Singular noun for messages, e.g. "chip". */
  noun: string;
  /** The record's table: every row has an `id` and a `slug`. */
  table: string;
  /** The full item: base fields plus optional relation fields that `include=` adds. */
  itemSchema: Item;
  /** Relation fields of the item that can be included; a record's full representation includes them all. */
  includes: readonly [string, ...string[]];
  /**
   * The items with these ids, with the relations in `include`, in the order of `ids` (an id with no row is left
   * out). A bounded number of queries whatever the number of ids: one per relation, never one per record.
   */
  load(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<z.output<Item>[]>;
}

/** Any record's definition, where the item type does not matter (the write path loads, shows and tags records). */
export type AnyRecord = RecordDefinition<z.ZodObject>;

/** One record by slug, with the relations in `include`; null when there is none. */
export async function loadBySlug<Item extends z.ZodObject>(
  reader: SqlReader,
  definition: RecordDefinition<Item>,
  slug: string,
  include: ReadonlySet<string>,
): Promise<z.output<Item> | null> {
  const [row] = await reader.all<{ id: number }>(sql`SELECT "id" FROM ${identifier(definition.table)} WHERE "slug" = ${slug}`);
  if (!row) return null;
  return (await definition.load(reader, [row.id], include))[0] ?? null;
}
