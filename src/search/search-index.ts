// The engine-specific part of search, behind one small interface with an implementation per engine: how the
// substring index finds the search terms that hold a needle, and how text is folded in SQL. Everything else about
// search (what terms a record has, how matches rank) is the same SQL on both engines.
//
// SQLite: an FTS5 table with the trigram tokenizer over SearchTerm (prisma/migrations/…_search_index), queried with
// MATCH on a phrase. PostgreSQL: pg_trgm GIN indexes on SearchTerm's columns (prisma/postgresql/migrations), which
// answer `LIKE '%needle%'`. Both find any run of three or more characters, Korean included; shorter needles are
// looked for by reading the terms (see the callers).
import { dialect, identifier, or, sql, type Sql } from '../db/sql.js';

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
  /** The SearchTerm rows holding any of these needles in its column (each three characters or more), as above. */
  termsHoldingAny(needles: readonly (readonly [TermColumn, string])[]): TermSource;
  /** `expression` lower-cased in ASCII only, as SQLite's lower() does: both engines fold the same letters. */
  foldAscii(expression: Sql): Sql;
}

/** An FTS5 query matching `text` literally as a substring of the trigram table's `column` (a quote written twice). */
function phrase(column: TermColumn, text: string): string {
  return `${column} : "${text.replaceAll('"', '""')}"`;
}

const sqliteIndex: SearchIndex = {
  termsHolding: (column, needle) => sqliteIndex.termsHoldingAny([[column, needle]]),
  // CROSS JOIN fixes the order: SQLite never reorders the tables around it.
  termsHoldingAny: (needles) => ({
    from: sql`"SearchTermTrigram" m CROSS JOIN "SearchTerm" t ON t."id" = m."rowid"`,
    where: sql`m."SearchTermTrigram" MATCH ${needles.map(([column, needle]) => `(${phrase(column, needle)})`).join(' OR ')}`,
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
  termsHolding: (column, needle) => postgresIndex.termsHoldingAny([[column, needle]]),
  // Each alternative through its own trigram index, joined by a bitmap OR.
  termsHoldingAny: (needles) => ({
    from: sql`"SearchTerm" t`,
    where: or(needles.map(([column, needle]) => sql`t.${identifier(column)} LIKE ${containsPattern(needle)} ESCAPE '\\'`)),
  }),
  // PostgreSQL's lower() folds every cased letter of the database's ctype; SQLite's, ASCII only.
  foldAscii: (expression) => sql`translate(${expression}, ${ASCII_UPPER}, ${ASCII_UPPER.toLowerCase()})`,
};

/** The search index of whichever engine runs the statement. */
export const searchIndex: SearchIndex = {
  termsHolding: (column, needle) => searchIndex.termsHoldingAny([[column, needle]]),
  termsHoldingAny: (needles) => {
    const sqlite = sqliteIndex.termsHoldingAny(needles);
    const postgresql = postgresIndex.termsHoldingAny(needles);
    return { from: dialect({ sqlite: sqlite.from, postgresql: postgresql.from }), where: dialect({ sqlite: sqlite.where, postgresql: postgresql.where }) };
  },
  foldAscii: (expression) => dialect({ sqlite: sqliteIndex.foldAscii(expression), postgresql: postgresIndex.foldAscii(expression) }),
};
