// The SQL that SQLite and PostgreSQL write differently, each piece written once for both (see `dialect` in
// src/db/sql.ts). Query modules build with these wherever the engines part, and plain `sql` everywhere else.
import { dialect, literal, sql, type Sql } from './sql.js';

/** `a` equals `b`, two nulls counting as equal (SQLite's `IS`, the standard's `IS NOT DISTINCT FROM`). */
export function sameAs(a: Sql, b: Sql): Sql {
  return dialect({ sqlite: sql`${a} IS ${b}`, postgresql: sql`${a} IS NOT DISTINCT FROM ${b}` });
}

/**
 * The sum of 64-bit integers as a 64-bit integer. PostgreSQL sums `bigint` into `numeric`, whose `/` is exact
 * division, not the integer division the totals' arithmetic relies on.
 */
export function sumInteger(expression: Sql): Sql {
  return dialect({ sqlite: sql`SUM(${expression})`, postgresql: sql`CAST(SUM(${expression}) AS BIGINT)` });
}

/** Whether `needle` occurs in `haystack`, literally (no LIKE wildcards): SQLite's `instr`, PostgreSQL's `strpos`. */
export function containsText(haystack: Sql, needle: Sql): Sql {
  return sql`${positionOfText(haystack, needle)} > 0`;
}

/** Where `needle` first stands in `haystack`, counting characters from 1; 0 where it does not. */
export function positionOfText(haystack: Sql, needle: Sql): Sql {
  return dialect({ sqlite: sql`instr(${haystack}, ${needle})`, postgresql: sql`strpos(${haystack}, ${needle})` });
}

/** The character with this code point, for text functions over stored text (SQLite's `char`, PostgreSQL's `chr`). */
export function character(codePoint: number): Sql {
  if (!Number.isSafeInteger(codePoint) || codePoint < 1) throw new Error(`not a code point: ${codePoint}`);
  return dialect({ sqlite: sql`char(${literal(codePoint)})`, postgresql: sql`chr(${literal(codePoint)})` });
}

/**
 * An inner join that keeps the tables in the order written: SQLite never reorders around CROSS JOIN (which it lets
 * take an ON clause), where PostgreSQL's planner orders joins by cost anyway and has CROSS JOIN take none.
 */
export function joinInOrder(): Sql {
  return dialect({ sqlite: sql`CROSS JOIN`, postgresql: sql`JOIN` });
}
