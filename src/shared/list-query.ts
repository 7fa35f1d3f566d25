// List mechanics shared by every resource: strict query parameters, sort keys, and opaque keyset cursors.
// Keyset (not offset) pagination keeps pages stable while rows are added before the cursor.
import { z } from 'zod';
import { BadRequestProblem } from './problem.js';
import { SlugFormatSchema } from './vocabulary.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A whole number from a query string. `z.coerce` would turn "" into 0 and "1e3" into 1000; this does neither. */
export function queryInteger(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value),
    z.number({ error: 'must be a whole number' }).int().min(min).max(max),
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

export const LimitParamSchema = queryInteger(1, MAX_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE)
  .describe(`Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`);

export const CursorParamSchema = z
  .string()
  .min(1)
  .max(512)
  .describe('Opaque cursor from `page.nextCursor` of the previous page. Keep the same `sort` and filters.');

export const SearchParamSchema = z
  .string()
  .min(1)
  .max(100)
  .describe('Case-insensitive search over English and Korean names and aliases (NFKC-normalised).');

/** Normalises search input and stored search text the same way: NFKC, then lower case. */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The stored search text of a record: every name it goes by, normalised, one per line. */
export function buildSearchText(names: (string | null | undefined)[]): string {
  return names
    .filter((name): name is string => typeof name === 'string' && name.length > 0)
    .map(normaliseForSearch)
    .join('\n');
}

export interface SortKey {
  /** The Prisma scalar field. */
  field: string;
  direction: 'asc' | 'desc';
  nullable: boolean;
}

/**
 * The `sort` parameter for a resource: `field` ascending or `-field` descending, over an allowlist mapping
 * public names to Prisma fields (with whether they can be null, since nulls always sort last).
 */
export function sortParam<const Fields extends Record<string, { field: string; nullable: boolean }>>(
  fields: Fields,
  defaultSort: (keyof Fields & string) | `-${keyof Fields & string}`,
) {
  type Name = keyof Fields & string;
  const names = Object.keys(fields) as Name[];
  const allowed = names.flatMap((name) => [name, `-${name}`]) as [string, ...string[]];
  return z
    .enum(allowed, { error: `must be one of: ${allowed.join(', ')}` })
    .default(defaultSort)
    .describe(`Sort order: a field name for ascending, prefixed with '-' for descending. Null values sort last.`)
    .transform((value): { name: string; keys: SortKey[] } => {
      const descending = value.startsWith('-');
      const spec = fields[value.replace(/^-/, '') as Name]!;
      return { name: value, keys: [{ field: spec.field, direction: descending ? 'desc' : 'asc', nullable: spec.nullable }] };
    });
}

type CursorValue = string | number | null;

interface CursorPayload {
  sort: string;
  values: CursorValue[];
  id: number;
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sortName: string, keyCount: number): CursorPayload {
  const invalid = () =>
    new BadRequestProblem("Invalid query parameter 'cursor': not a cursor this API issued.", [
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
      sort: z.string(),
      values: z.array(z.union([z.string(), z.number(), z.null()])).length(keyCount),
      id: z.number().int(),
    })
    .safeParse(payload);
  if (!parsed.success) throw invalid();
  if (parsed.data.sort !== sortName) {
    throw new BadRequestProblem(
      `Invalid query parameter 'cursor': it was issued for sort '${parsed.data.sort}', not '${sortName}'.`,
      [{ location: 'query', name: 'cursor', message: `was issued for sort '${parsed.data.sort}'` }],
    );
  }
  return parsed.data;
}

type Where = Record<string, unknown>;

/** Prisma `orderBy` for the sort keys, with `id` as the unique tie-breaker. */
export function keysetOrderBy(keys: SortKey[]) {
  const last = keys[keys.length - 1]?.direction ?? 'asc';
  return [
    ...keys.map(({ field, direction, nullable }) => ({
      [field]: nullable ? { sort: direction, nulls: 'last' } : direction,
    })),
    { id: last },
  ];
}

/**
 * The Prisma `where` that selects rows after the cursor's position in the order of `keys` + id, with nulls
 * last: for each key k, rows equal on the keys before k and after the cursor on k.
 */
export function keysetWhere(cursor: string | undefined, sort: { name: string; keys: SortKey[] }): Where | undefined {
  if (cursor === undefined) return undefined;
  const { values, id } = decodeCursor(cursor, sort.name, sort.keys.length);
  const equal = (key: SortKey, value: CursorValue): Where => ({ [key.field]: value });
  const after = (key: SortKey, value: CursorValue): Where | null => {
    if (value === null) return null; // nulls sort last, so nothing but another null follows a null
    const beyond = { [key.field]: { [key.direction === 'asc' ? 'gt' : 'lt']: value } };
    return key.nullable ? { OR: [beyond, { [key.field]: null }] } : beyond;
  };
  const idDirection = sort.keys[sort.keys.length - 1]?.direction ?? 'asc';
  const branches: Where[] = [];
  sort.keys.forEach((key, index) => {
    const step = after(key, values[index] ?? null);
    if (step === null) return;
    const prefix = sort.keys.slice(0, index).map((k, i) => equal(k, values[i] ?? null));
    branches.push({ AND: [...prefix, step] });
  });
  branches.push({
    AND: [...sort.keys.map((k, i) => equal(k, values[i] ?? null)), { id: { [idDirection === 'asc' ? 'gt' : 'lt']: id } }],
  });
  return { OR: branches };
}

/** Trims a fetched `limit + 1` rows to one page and makes the cursor for the next. */
export function paginate<Row extends { id: number }>(
  rows: Row[],
  limit: number,
  sort: { name: string; keys: SortKey[] },
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  const record = last as unknown as Record<string, unknown>;
  const values = sort.keys.map(({ field }) => {
    const value = record[field];
    return typeof value === 'bigint' ? Number(value) : ((value ?? null) as CursorValue);
  });
  return { rows: page, nextCursor: encodeCursor({ sort: sort.name, values, id: last.id }) };
}
