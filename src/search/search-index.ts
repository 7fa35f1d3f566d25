// The engine-specific part of search, behind one small interface with an implementation per engine: how the
// substring index finds the search terms that hold a needle, and how text is folded in SQL. Everything else about
// search (what terms a record has, how matches rank) is the same SQL on both engines.
//
// SQLite: an FTS5 table with the trigram tokenizer over SearchTerm (prisma/migrations/…_search_index), queried with
// MATCH on a phrase. PostgreSQL: pg_trgm GIN indexes on SearchTerm's columns (prisma/postgresql/migrations), which
// answer `LIKE '%needle%'`. Both find any run of three or more characters, Korean included; shorter needles are
// looked for by reading the terms (see the callers).
import { dialect, identifier, sql, type Sql } from '../db/sql.js';

export type TermColumn = 'text' | 'loose';

export interface SearchIndex {
  /** A subquery of the ids of the SearchTerm rows whose `column` holds `needle` (three characters or more). */
  termIdsHolding(column: TermColumn, needle: string): Sql;
  /** `expression` lower-cased in ASCII only, as SQLite's lower() does: both engines fold the same letters. */
  foldAscii(expression: Sql): Sql;
}

/** An FTS5 query matching `text` literally as a substring of the trigram table's `column` (a quote written twice). */
function phrase(column: TermColumn, text: string): string {
  return `${column} : "${text.replaceAll('"', '""')}"`;
}

const sqliteIndex: SearchIndex = {
  termIdsHolding: (column, needle) => sql`SELECT "rowid" FROM "SearchTermTrigram" WHERE "SearchTermTrigram" MATCH ${phrase(column, needle)}`,
  foldAscii: (expression) => sql`lower(${expression})`,
};

/** A LIKE pattern matching `text` literally anywhere: its own `%`, `_` and `\` escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const postgresIndex: SearchIndex = {
  termIdsHolding: (column, needle) =>
    sql`SELECT "id" FROM "SearchTerm" WHERE ${identifier(column)} LIKE ${containsPattern(needle)} ESCAPE '\\'`,
  // PostgreSQL's lower() folds every cased letter of the database's ctype; SQLite's, ASCII only.
  foldAscii: (expression) => sql`translate(${expression}, ${ASCII_UPPER}, ${ASCII_UPPER.toLowerCase()})`,
};

/** The search index of whichever engine runs the statement. */
export const searchIndex: SearchIndex = {
  termIdsHolding: (column, needle) => dialect({ sqlite: sqliteIndex.termIdsHolding(column, needle), postgresql: postgresIndex.termIdsHolding(column, needle) }),
  foldAscii: (expression) => dialect({ sqlite: sqliteIndex.foldAscii(expression), postgresql: postgresIndex.foldAscii(expression) }),
};
