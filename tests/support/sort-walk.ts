// Every sortable list, walked page by page in every order it offers: each walk must return every row exactly once,
// in the order the database's own values give (read here from the tables, compared in JavaScript), forwards by
// `nextCursor` and back by `prevCursor`. Used on the article's data (tests/records/sort-walk.test.ts) and at 100×
// (tests/records/scale.test.ts), on whichever engine the suite runs.
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { identifier, joinSql, raw, sql } from '../../src/db/sql.js';
import { definition as chips } from '../../src/chips/routes.js';
import { definition as vendors } from '../../src/vendors/routes.js';
import { definition as fundingRounds } from '../../src/funding-rounds/routes.js';
import { definition as deals } from '../../src/deals/routes.js';
import { definition as sources } from '../../src/sources/routes.js';
import type { SortFields, SortValueType } from '../../src/records/list-query.js';

interface Key {
  column: string;
  type: SortValueType;
}

export interface SortableList {
  /** The list's URL under /v1. */
  path: string;
  table: string;
  /** The column that names an item, and the field of the response item holding it. */
  identity: { column: string; field: string };
  /** Whether the list takes `fields=` (then only the identity is asked for, to keep pages small). */
  sparse: boolean;
  /** Each public sort name and the columns it orders by, in order (ties broken by id, as the service does). */
  sorts: Record<string, Key[]>;
}

function resourceList(definition: { path: string; table: string; sortFields: SortFields }): SortableList {
  return {
    path: `/v1/${definition.path}`,
    table: definition.table,
    identity: { column: 'slug', field: 'slug' },
    sparse: true,
    sorts: Object.fromEntries(Object.entries(definition.sortFields).map(([name, spec]) => [name, [{ column: spec.field, type: spec.type }]])),
  };
}

/** Every list with a `sort` parameter. */
export const SORTABLE_LISTS: SortableList[] = [
  ...[chips, vendors, fundingRounds, deals, sources].map(resourceList),
  {
    path: '/v1/events',
    table: 'TimelineEvent',
    identity: { column: 'key', field: 'id' },
    sparse: false,
    sorts: {
      date: [
        { column: 'dateStart', type: 'text' },
        { column: 'dateEnd', type: 'text' },
        { column: 'key', type: 'text' },
      ],
    },
  },
];

type Value = string | number | bigint | null;

function parse(text: string | null, type: SortValueType): Value {
  if (text === null) return null;
  if (type === 'integer') return Number(text);
  if (type === 'bigint') return BigInt(text);
  return text;
}

/** Both engines compare text byte by byte (SQLite's BINARY collation; PostgreSQL with the C collation the service requires). */
function compareValues(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

/** The identities of every row of `list`, in the order `sort` (ascending, or descending when `descending`) puts them. */
async function expectedOrder(app: App, list: SortableList, keys: Key[], descending: boolean): Promise<string[]> {
  const columns = keys.map((key, index) => sql`CAST(${identifier(key.column)} AS TEXT) AS ${raw(`"k${index}"`)}`);
  const rows = await app.reader.all<Record<string, string | null> & { id: number; identity: string }>(
    sql`SELECT "id", ${identifier(list.identity.column)} AS "identity", ${joinSql(columns, ', ')} FROM ${identifier(list.table)}`,
  );
  const sign = descending ? -1 : 1;
  const decorated = rows.map((row) => ({ row, values: keys.map((key, index) => parse(row[`k${index}`] ?? null, key.type)) }));
  decorated.sort((a, b) => {
    for (let index = 0; index < keys.length; index += 1) {
      const x = a.values[index]!;
      const y = b.values[index]!;
      // Nulls last, whichever the direction.
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? 1 : -1;
      }
      const order = compareValues(x, y);
      if (order !== 0) return sign * order;
    }
    return sign * (a.row.id - b.row.id);
  });
  return decorated.map(({ row }) => row.identity);
}

interface PageBody {
  data: Record<string, unknown>[];
  page: { nextCursor: string | null; prevCursor: string | null };
}

async function getPage(app: App, url: string): Promise<PageBody> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.json() as PageBody;
}

/**
 * Walks `sort` at page size `limit` forwards to the end, then (unless `backwards` is false) back to the start, and
 * checks each walk against the rows' order in the database. Returns how many pages it read.
 */
export async function checkWalk(app: App, list: SortableList, sort: string, limit: number, { backwards: walkBack = true } = {}): Promise<number> {
  const descending = sort.startsWith('-');
  const expected = await expectedOrder(app, list, list.sorts[sort.replace(/^-/, '')]!, descending);
  const base = `${list.path}?sort=${encodeURIComponent(sort)}&limit=${limit}${list.sparse ? `&fields=${list.identity.field}` : ''}`;
  const identities = (body: PageBody) => body.data.map((item) => String(item[list.identity.field]));
  const bound = Math.ceil(expected.length / limit) + 2;

  const forwards: string[] = [];
  let pages = 0;
  let body = await getPage(app, base);
  forwards.push(...identities(body));
  while (body.page.nextCursor !== null) {
    expect((pages += 1), `${base} ends`).toBeLessThan(bound);
    body = await getPage(app, `${base}&cursor=${body.page.nextCursor}`);
    expect(body.data.length, `${base}: a page after a nextCursor is never empty`).toBeGreaterThan(0);
    forwards.push(...identities(body));
  }
  expect(forwards, `${base}, forwards`).toEqual(expected);
  if (!walkBack) return pages;

  // Back from the last page: each earlier page goes in front.
  let backwards = identities(body);
  while (body.page.prevCursor !== null) {
    expect((pages += 1), `${base} ends, backwards`).toBeLessThan(2 * bound);
    body = await getPage(app, `${base}&cursor=${body.page.prevCursor}`);
    backwards = [...identities(body), ...backwards];
  }
  expect(backwards, `${base}, backwards`).toEqual(expected);
  return pages;
}

/** Every sort of every list, ascending and descending: the `[list, sort]` pairs a test walks. */
export function everySort(): [SortableList, string][] {
  return SORTABLE_LISTS.flatMap((list) => Object.keys(list.sorts).flatMap((name): [SortableList, string][] => [[list, name], [list, `-${name}`]]));
}
