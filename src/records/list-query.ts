// List mechanics shared by every resource: strict query parameters, sort keys, and opaque keyset cursors.
// Keyset (not offset) pagination keeps pages stable while rows are added before the cursor.
import { InvalidInput } from '../domain/refusal.js';
import { z } from 'zod';
import { and, identifier, joinSql, or, raw, sql, type Sql } from '../db/sql.js';
import { refuseUnreadable } from '../domain/text.js';
import { SlugFormatSchema } from '../domain/vocabulary.js';
import { closestNames, didYouMean } from '../domain/suggest.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A whole number from a query string. `z.coerce` would turn "" into 0 and "1e3" into 1000; this does neither. */
export function queryInteger(min: number, max: number) {
  return z.preprocess(
    (value) => {
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return value;
      // Beyond the safe integers a whole number is still whole, just too large (or too small): clamp it so it is
      // refused by the bound, not as "not a whole number".
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : Math.sign(number) * Number.MAX_SAFE_INTEGER;
    },
    z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` }),
  );
}

/**
 * An optional filter over a closed vocabulary. Built inline from the vocabulary's values (not as a `$ref` to
 * it) because OpenAPI parameters whose schema is a `$ref` lose their own description.
 */
export function enumFilter<Values extends Readonly<Record<string, string>>>(vocabulary: z.ZodEnum<Values>, description: string) {
  return z.enum(vocabulary.enum).optional().meta({ description, example: vocabulary.options[0] });
}

/** An optional filter naming a record by slug. */
export function slugFilter(description: string, example: string) {
  return SlugFormatSchema.optional().meta({ description, example });
}

/** The `limit` parameter of a paged list, 1 to MAX_PAGE_SIZE. */
export function limitParam(defaultSize: number) {
  return queryInteger(1, MAX_PAGE_SIZE)
    .default(defaultSize)
    .meta({ description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${defaultSize}).`, example: 10 });
}

export const LimitParamSchema = limitParam(DEFAULT_PAGE_SIZE);

/** `count=true`: also count every match, whatever the page. */
export const CountParamSchema = z
  .enum(['true', 'false'])
  .optional()
  .meta({ description: 'Also count all matching records (the `X-Total-Count` header and `page.totalCount`).', example: 'true' });

/**
 * The longest cursor: what a request line can carry (Node refuses request headers over 16 KiB). Every cursor the
 * API issues is shorter: it holds the sort values of a record, and the longest, a name or title of at most 300
 * characters folded by NFKC (which lengthens text at most 18-fold), is a few KiB at worst. (It was 512, which a
 * long Korean name already passed: the API refused its own cursor.)
 */
export const MAX_CURSOR_LENGTH = 16 * 1024;

export const CursorParamSchema = z
  .string()
  .min(1)
  .max(MAX_CURSOR_LENGTH)
  // Cursors are base64url: anything else cannot be one.
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this API issued')
  .describe('Opaque cursor from `page.nextCursor` of the previous page. Keep the same `sort` and filters.');

/**
 * Text to look for in a query string, 1 to `max` characters: never a control character (a NUL ends a string for
 * SQLite's text functions and cannot be meant), a lone surrogate (not text at all), a noncharacter or a private-use
 * code point. Nothing stored holds any of them.
 */
export function searchText(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine((text) => text.isWellFormed(), 'contains a lone surrogate (invalid UTF-16)')
    .refine((text) => !/[\u0000-\u001F\u007F-\u009F]/.test(text), 'contains a control character')
    .superRefine(refuseUnreadable);
}

/** Normalises search input and stored search text the same way: NFKC, then lower case. */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A name folded for ordering, as `sortKey` columns store it: 'd-Matrix' sorts among the Ds, not after 'Z'. */
export function nameSortKey(name: string): string {
  return normaliseForSearch(name);
}

/** How a sort field's values travel in a cursor: text, a safe integer, or a BigInt written as digits. */
export type SortValueType = 'text' | 'integer' | 'bigint';

export interface SortKey {
  /** The column of the resource's table. */
  field: string;
  direction: 'asc' | 'desc';
  nullable: boolean;
  type: SortValueType;
}

export interface SortOrder {
  /** The list the order belongs to (e.g. `chips`), recorded in cursors so one list's cursor is refused by another. */
  list: string;
  /** The canonical `sort` text, recorded in cursors so a cursor is only used with the order it came from. */
  name: string;
  keys: SortKey[];
}

export type SortFields = Record<
  string,
  {
    field: string;
    nullable: boolean;
    type: SortValueType;
    /** What a user must know to read the order, added to the parameter's description. */
    note?: string;
  }
>;

/**
 * The `sort` parameter for a resource: comma-separated field names, each ascending or, prefixed with '-',
 * descending (e.g. `-date,slug`), over an allowlist mapping public names to columns.
 */
export function sortParam(fields: SortFields, defaultSort: string, list: string) {
  const names = Object.keys(fields);
  return z
    .string()
    .min(1)
    .max(200)
    .default(defaultSort)
    .transform((value, context): SortOrder => {
      const parts = value.split(',');
      const keys: SortKey[] = [];
      const seen = new Set<string>();
      for (const part of parts) {
        const name = part.replace(/^-/, '');
        // Own keys only: `toString` or `__proto__` are not sort fields.
        const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
        if (!spec) {
          const suggestions = closestNames(name, names, SORT_SYNONYMS).map((field) => (part.startsWith('-') ? `-${field}` : field));
          context.addIssue({
            code: 'custom',
            message: `'${part}' is not a sort field; use ${names.join(', ')} (prefix '-' for descending)${didYouMean(suggestions)}`,
            params: { suggestions },
          });
          return z.NEVER;
        }
        if (seen.has(name)) {
          context.addIssue({ code: 'custom', message: `'${name}' is sorted on twice` });
          return z.NEVER;
        }
        seen.add(name);
        keys.push({ field: spec.field, direction: part.startsWith('-') ? 'desc' : 'asc', nullable: spec.nullable, type: spec.type });
      }
      return { list, name: parts.join(','), keys };
    })
    .meta({
      description:
        `Sort order: comma-separated fields (${names.join(', ')}), each prefixed with '-' for descending, ` +
        `e.g. \`-${names[0]},${names[1] ?? names[0]}\`. Ties are broken by record id. Null values sort last.` +
        Object.entries(fields)
          .filter(([, spec]) => spec.note)
          .map(([name, spec]) => ` \`${name}\`: ${spec.note}`)
          .join(''),
      example: defaultSort,
    });
}

/** Sort names users try for a field this API calls otherwise. */
const SORT_SYNONYMS: Record<string, string[]> = {
  amountusd: ['amountUsd'],
  usd: ['amountUsd'],
  raised: ['amount'],
  date: ['announced'],
  founded: ['foundedYear'],
  year: ['date', 'foundedYear'],
  title: ['name'],
  name: ['title'],
};

/** A sort value as the query uses it. */
type CursorValue = string | number | bigint | null;
/** A sort value as a cursor carries it (JSON has no BigInt: those travel as digit strings). */
type EncodedCursorValue = string | number | null;
type Direction = 'next' | 'prev';

interface CursorPayload {
  list: string;
  sort: string;
  values: EncodedCursorValue[];
  id: number;
  /** `next`: rows after this position; `prev`: rows before it. */
  direction: Direction;
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: SortOrder): Omit<CursorPayload, 'values'> & { values: CursorValue[] } {
  const invalid = () =>
    new InvalidInput("Invalid query parameter 'cursor': not a cursor this API issued.", [
      { location: 'query', name: 'cursor', message: 'is not a cursor this API issued' },
    ]);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = z
    .object({
      list: z.string(),
      sort: z.string(),
      values: z.array(z.union([z.string(), z.number(), z.null()])).length(sort.keys.length),
      id: z.number().int(),
      direction: z.enum(['next', 'prev']),
    })
    .safeParse(payload);
  if (!parsed.success) throw invalid();
  if (parsed.data.list !== sort.list) {
    throw new InvalidInput(
      `Invalid query parameter 'cursor': it was issued for the list of ${parsed.data.list}, not ${sort.list}.`,
      [{ location: 'query', name: 'cursor', message: `was issued for the list of ${parsed.data.list}` }],
    );
  }
  if (parsed.data.sort !== sort.name) {
    throw new InvalidInput(
      `Invalid query parameter 'cursor': it was issued for sort '${parsed.data.sort}', not '${sort.name}'.`,
      [{ location: 'query', name: 'cursor', message: `was issued for sort '${parsed.data.sort}'` }],
    );
  }
  // A cursor is opaque but not signed: a hand-made one must still carry values the query can compare.
  const values = parsed.data.values.map((value, index) => decodeSortValue(value, sort.keys[index]!));
  if (values.some((value) => value === undefined)) throw invalid();
  return { ...parsed.data, values: values as CursorValue[] };
}

function decodeSortValue(value: EncodedCursorValue, key: SortKey): CursorValue | undefined {
  if (value === null) return key.nullable ? null : undefined;
  switch (key.type) {
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
    case 'bigint':
      return typeof value === 'string' && /^-?\d{1,19}$/.test(value) ? BigInt(value) : undefined;
  }
}

function encodeSortValue(value: unknown): EncodedCursorValue {
  if (typeof value === 'bigint') return value.toString();
  return (value ?? null) as EncodedCursorValue;
}

interface OrderedKey extends SortKey {
  nulls: 'first' | 'last';
}

/** The keys as they order a query: going backwards flips every direction and where nulls fall. */
function orderedKeys(sort: SortOrder, direction: Direction): OrderedKey[] {
  return sort.keys.map((key) =>
    direction === 'next'
      ? { ...key, nulls: 'last' }
      : { ...key, direction: key.direction === 'asc' ? 'desc' : 'asc', nulls: 'first' },
  );
}

function orderByFor(keys: OrderedKey[]): Sql {
  const last = keys[keys.length - 1]?.direction ?? 'asc';
  return joinSql(
    [
      ...keys.map(({ field, direction, nullable, nulls }) =>
        sql`${identifier(field)} ${raw(direction.toUpperCase())}${raw(nullable ? ` NULLS ${nulls.toUpperCase()}` : '')}`,
      ),
      sql`"id" ${raw(last.toUpperCase())}`,
    ],
    ', ',
  );
}

/**
 * Rows strictly beyond a position in the order of `keys` + id: for each key k, rows equal on the keys before k
 * and beyond the position on k; finally rows equal on every key with a greater (or smaller) id.
 */
function beyond(keys: OrderedKey[], values: CursorValue[], id: number): Sql {
  const equal = (key: OrderedKey, value: CursorValue): Sql =>
    value === null ? sql`${identifier(key.field)} IS NULL` : sql`${identifier(key.field)} = ${value}`;
  const after = (key: OrderedKey, value: CursorValue): Sql | null => {
    const column = identifier(key.field);
    if (value === null) return key.nulls === 'first' ? sql`${column} IS NOT NULL` : null;
    const greater = sql`${column} ${raw(key.direction === 'asc' ? '>' : '<')} ${value}`;
    return key.nullable && key.nulls === 'last' ? or([greater, sql`${column} IS NULL`]) : greater;
  };
  const branches: Sql[] = [];
  keys.forEach((key, index) => {
    const step = after(key, values[index] ?? null);
    if (step === null) return;
    branches.push(and([...keys.slice(0, index).map((k, i) => equal(k, values[i] ?? null)), step]));
  });
  const idDirection = keys[keys.length - 1]?.direction ?? 'asc';
  branches.push(and([...keys.map((k, i) => equal(k, values[i] ?? null)), sql`"id" ${raw(idDirection === 'asc' ? '>' : '<')} ${id}`]));
  const beyondAll = or(branches);
  // The same rows, with a bound on the leading key the database can seek an index to (an OR alone makes it scan
  // from the first row): without it, page n of a list costs n pages of index reads.
  const [leading] = keys;
  const leadingValue = values[0] ?? null;
  if (leading && !leading.nullable && leadingValue !== null) {
    return and([sql`${identifier(leading.field)} ${raw(leading.direction === 'asc' ? '>=' : '<=')} ${leadingValue}`, beyondAll]);
  }
  return beyondAll;
}

export interface KeysetQuery {
  /** Extra condition selecting the rows past the cursor (absent on the first page). */
  where: Sql | undefined;
  orderBy: Sql;
  direction: Direction;
  hasCursor: boolean;
}

/** How to fetch one page: the order and, after a cursor, the rows beyond it in the cursor's direction. */
export function keysetQuery(cursor: string | undefined, sort: SortOrder): KeysetQuery {
  if (cursor === undefined) {
    return { where: undefined, orderBy: orderByFor(orderedKeys(sort, 'next')), direction: 'next', hasCursor: false };
  }
  const payload = decodeCursor(cursor, sort);
  const keys = orderedKeys(sort, payload.direction);
  return { where: beyond(keys, payload.values, payload.id), orderBy: orderByFor(keys), direction: payload.direction, hasCursor: true };
}

export interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
  prevCursor: string | null;
}

/** Turns `limit + 1` rows fetched by `keysetQuery` into a page in sort order with cursors both ways. */
export function paginate<Row extends { id: number }>(fetched: Row[], limit: number, sort: SortOrder, keyset: KeysetQuery): Page<Row> {
  const more = fetched.length > limit;
  const taken = fetched.slice(0, limit);
  const rows = keyset.direction === 'prev' ? taken.reverse() : taken;
  const cursorAt = (row: Row | undefined, direction: Direction) => {
    if (!row) return null;
    const record = row as unknown as Record<string, unknown>;
    const values = sort.keys.map(({ field }) => encodeSortValue(record[field]));
    return encodeCursor({ list: sort.list, sort: sort.name, values, id: row.id, direction });
  };
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (keyset.direction === 'next') {
    return { rows, nextCursor: more ? cursorAt(last, 'next') : null, prevCursor: keyset.hasCursor ? cursorAt(first, 'prev') : null };
  }
  return { rows, nextCursor: cursorAt(last, 'next'), prevCursor: more ? cursorAt(first, 'prev') : null };
}
