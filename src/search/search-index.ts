// The engine-specific part of search, behind one small interface with an implementation per engine: how the
// substring index finds the search terms that hold a needle, and how text is folded in SQL. Everything else about
// search (what terms a record has, how matches rank) is the same SQL on both engines.
//
// SQLite: FTS5 tables with the trigram tokenizer over SearchTerm and over documents' texts in SearchText
// (prisma/migrations/…_search_index, …_search_texts), queried with MATCH on a phrase. PostgreSQL: pg_trgm GIN indexes
// on their columns (prisma/postgresql/migrations), which answer `LIKE '%needle%'`. Both find any run of three or
// more characters, Korean included; shorter needles are looked for by reading the terms (see the callers).
import { dialect, identifier, sql, type Sql } from '../db/sql.js';

export type TermColumn = 'text' | 'loose';

/** SearchTerm rows (as `t`): the FROM clause that reads them and the condition that selects them. */
export interface TermSource {
  from: Sql;
  where: Sql;
}

export interface SearchIndex {
  /**
   * The SearchTerm rows (as `t`) whose `column` holds `needle` (three characters or more), read starting from the
   * index: whatever else a query joins and filters, it visits each matching term once. (A subquery of matching term
   * ids, `t."id" IN (…)`, let SQLite's planner start from the records instead and probe every matching term for every
   * record of the type: 67 s for `/v1/vendors?q=%20in` at 1,000×, where this takes 12 ms.)
   */
  termsHolding(column: TermColumn, needle: string): TermSource;
  /** The SearchText rows (as `x`) holding `needle` (three characters or more): documents' texts, apart from the terms. */
  textsHolding(needle: string): TermSource;
  /** `expression` lower-cased in ASCII only, as SQLite's lower() does: both engines fold the same letters. */
  foldAscii(expression: Sql): Sql;
}

/** An FTS5 query matching `text` literally as a substring of the trigram table's `column` (a quote written twice). */
function phrase(column: TermColumn, text: string): string {
  return `${column} : "${text.replaceAll('"', '""')}"`;
}

const sqliteIndex: SearchIndex = {
  // CROSS JOIN fixes the order: SQLite never reorders the tables around it.
  termsHolding: (column, needle) => ({
    from: sql`"SearchTermTrigram" m CROSS JOIN "SearchTerm" t ON t."id" = m."rowid"`,
    where: sql`m."SearchTermTrigram" MATCH ${phrase(column, needle)}`,
  }),
  textsHolding: (needle) => ({
    from: sql`"SearchTextTrigram" m CROSS JOIN "SearchText" x ON x."id" = m."rowid"`,
    where: sql`m."SearchTextTrigram" MATCH ${phrase('text', needle)}`,
  }),
  foldAscii: (expression) => sql`lower(${expression})`,
};

/** A LIKE pattern matching `text` literally anywhere: its own `%`, `_` and `\` escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const postgresIndex: SearchIndex = {
  // PostgreSQL's planner reads the trigram index for the LIKE, wherever the term table stands in the query.
  termsHolding: (column, needle) => ({
    from: sql`"SearchTerm" t`,
    where: sql`t.${identifier(column)} LIKE ${containsPattern(needle)} ESCAPE '\\'`,
  }),
  textsHolding: (needle) => ({ from: sql`"SearchText" x`, where: sql`x."text" LIKE ${containsPattern(needle)} ESCAPE '\\'` }),
  // PostgreSQL's lower() folds every cased letter of the database's ctype; SQLite's, ASCII only.
  foldAscii: (expression) => sql`translate(${expression}, ${ASCII_UPPER}, ${ASCII_UPPER.toLowerCase()})`,
};

/** Rows of either engine's index, as the engine that runs the statement reads them. */
function onEither(sqlite: TermSource, postgresql: TermSource): TermSource {
  return { from: dialect({ sqlite: sqlite.from, postgresql: postgresql.from }), where: dialect({ sqlite: sqlite.where, postgresql: postgresql.where }) };
}

/** The search index of whichever engine runs the statement. */
export const searchIndex: SearchIndex = {
  termsHolding: (column, needle) => onEither(sqliteIndex.termsHolding(column, needle), postgresIndex.termsHolding(column, needle)),
  textsHolding: (needle) => onEither(sqliteIndex.textsHolding(needle), postgresIndex.textsHolding(needle)),
  foldAscii: (expression) => dialect({ sqlite: sqliteIndex.foldAscii(expression), postgresql: postgresIndex.foldAscii(expression) }),
};
