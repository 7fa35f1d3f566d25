// A table's columns, declared once: the SELECT list that reads them, the type of the row it returns and the reading
// of each value all follow from one declaration, so a column is named in one place instead of in an interface, a
// SELECT list and a mapper that casts it.
import { raw, type Sql } from '../db/sql.js';

/**
 * How a column is stored and read: `text`, `integer`, `number` (a real), `boolean`, `exact` (a 64-bit integer, selected as text so it
 * reaches JavaScript exactly), `json` (the stored JSON text, which the mappers parse); `?` where it may be NULL.
 */
export type ColumnKind = 'text' | 'text?' | 'integer' | 'integer?' | 'number?' | 'boolean' | 'exact?' | 'json';

interface ValueOfKind {
  text: string;
  'text?': string | null;
  integer: number;
  'integer?': number | null;
  'number?': number | null;
  boolean: boolean;
  'exact?': bigint | null;
  json: unknown;
}

/** The row a declaration reads: each column under its name, with the type its kind says. */
export type RowOf<C extends Record<string, ColumnKind>> = { -readonly [K in keyof C]: ValueOfKind[C[K]] };

/**
 * The kinds whose values convert on the way in, the same on both engines: a boolean is 0/1 on SQLite and true/false
 * on PostgreSQL; an exact integer arrives as text. Every other kind is what better-sqlite3 and pg return (`null`
 * where an outer join found nothing).
 */
const CONVERT: Partial<{ [K in ColumnKind]: (value: unknown) => ValueOfKind[K] }> = {
  boolean: (value) => Boolean(value),
  'exact?': bigintOf,
};

export interface TableColumns<C extends Record<string, ColumnKind>> {
  /** The SELECT list: each column of the table under `alias`, named as declared. */
  select: Sql;
  /** A selected row's declared columns, each read as its kind says. */
  read(row: Record<string, unknown>): RowOf<C>;
}

/** The row a `tableColumns` declaration reads. */
export type ColumnsRow<T> = T extends TableColumns<infer C> ? RowOf<C> : never;

/** A column's name in the selected row: its own, or `<prefix>_<name>` where a prefix names it apart. */
const selectedName = (name: string, prefix: string | undefined) => (prefix === undefined ? name : `${prefix}_${name}`);

/**
 * Declares the columns read from a table under `alias` (`d` in `FROM "Deal" d`). `prefix` names them apart where a
 * query reads several tables' columns of the same name (`deal_slug` beside a company's slug).
 */
export function tableColumns<const C extends Record<string, ColumnKind>>(alias: string, columns: C, prefix?: string): TableColumns<C> {
  const select = raw(
    Object.entries(columns)
      .map(([name, kind]) => {
        const as = selectedName(name, prefix);
        return kind === 'exact?' ? exactInteger(`${alias}."${name}"`, as).text : `${alias}."${name}" AS "${as}"`;
      })
      .join(', '),
  );
  return { select, read: rowReader(columns, prefix) };
}

const readers = new WeakMap<object, Map<string | undefined, (row: Record<string, unknown>) => unknown>>();

/** How to read `columns` (under `prefix`) from a selected row; made once per declaration and prefix. */
export function rowReader<const C extends Record<string, ColumnKind>>(columns: C, prefix?: string): (row: Record<string, unknown>) => RowOf<C> {
  let byPrefix = readers.get(columns);
  if (!byPrefix) readers.set(columns, (byPrefix = new Map()));
  let reader = byPrefix.get(prefix);
  if (!reader) byPrefix.set(prefix, (reader = compileReader(columns, prefix)));
  return reader as (row: Record<string, unknown>) => RowOf<C>;
}

/**
 * A reader for `columns` compiled to one object literal (`{ "slug": row["slug"], "amount": read.amount(row["amount"]) }`),
 * so every row it reads has the same shape from birth: a loop adding properties one by one built the chips' list
 * page 5–7% slower than the hand-written mappers it replaced (1,500 requests, both caches off, three runs each);
 * compiled, it is as fast as they were. The names are the declaration's own, quoted as JSON strings: no input
 * reaches the compiled text.
 */
function compileReader(columns: Record<string, ColumnKind>, prefix: string | undefined): (row: Record<string, unknown>) => unknown {
  const readers: Record<string, (value: unknown) => unknown> = {};
  const members = Object.entries(columns).map(([name, kind]) => {
    const value = `row[${JSON.stringify(selectedName(name, prefix))}]`;
    const convert = CONVERT[kind];
    if (convert) {
      readers[name] = convert;
      return `${JSON.stringify(name)}: read[${JSON.stringify(name)}](${value})`;
    }
    // Text, numbers and JSON text pass as the driver returns them; a column that may be NULL reads null, not undefined.
    return `${JSON.stringify(name)}: ${value}${kind.endsWith('?') ? ' ?? null' : ''}`;
  });
  const build = new Function('read', `return (row) => ({ ${members.join(', ')} });`) as (read: typeof readers) => (row: Record<string, unknown>) => unknown;
  return build(readers);
}

/** A 64-bit integer column as text, so it reaches JavaScript exactly (a number would round past 2^53). */
export function exactInteger(column: string, as: string = column.replace(/^.*\./, '').replaceAll('"', '')): Sql {
  return raw(`CAST(${column} AS TEXT) AS "${as}"`);
}

/** The exact integer selected by `exactInteger` (or an `exact?` column). */
export function bigintOf(value: unknown): bigint | null {
  return value === null || value === undefined ? null : BigInt(value as string);
}
