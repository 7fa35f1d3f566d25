// Substring search over a table's normalised `searchText`. Prisma's `contains` compiles to LIKE without an
// ESCAPE clause, so a user's '%' or '_' would act as a wildcard; instr() matches the text literally.
import { FALSE, raw, sql, type Sql } from '../db/sql.js';
import { normaliseForSearch } from './list-query.js';

/** Whitespace a quote may carry: spaces, and the article's line and page breaks. Removed alike in SQL and here. */
const QUOTE_WHITESPACE = [' ', '\t', '\n', '\r'];
const QUOTE_WHITESPACE_PATTERN = new RegExp(`[${QUOTE_WHITESPACE.join('')}]`, 'g');

/**
 * What each table is searched over, and how a query is prepared to match it: the normalised names, or a source's
 * verbatim quote, lower-cased and with its whitespace removed. The article breaks lines (and pages) inside
 * words ('이그\n\n나이트', '마이크로\n\n소프트'), and Korean spacing varies, so quotes match whatever the spacing.
 */
const SEARCHED = {
  Chip: { text: '"searchText"', whitespaceInsensitive: false },
  Vendor: { text: '"searchText"', whitespaceInsensitive: false },
  FundingRound: { text: '"searchText"', whitespaceInsensitive: false },
  Deal: { text: '"searchText"', whitespaceInsensitive: false },
  // Quotes stay verbatim; Korean has no case and lower() folds the ASCII names in them.
  Source: {
    text: QUOTE_WHITESPACE.reduce(
      (expression, character) => `replace(${expression}, char(${character.charCodeAt(0)}), '')`,
      'lower("quote")',
    ),
    whitespaceInsensitive: true,
  },
} as const;

export type SearchableTable = keyof typeof SEARCHED;

/** The condition, over `table` itself, for rows whose names contain `query` (NFKC, case-insensitive). */
export function textMatches(table: SearchableTable, query: string): Sql {
  const { text, whitespaceInsensitive } = SEARCHED[table];
  const normalised = normaliseForSearch(query);
  const needle = whitespaceInsensitive ? normalised.replace(QUOTE_WHITESPACE_PATTERN, '') : normalised;
  // A query of nothing but spaces matches every quote; it names nothing to look for.
  if (needle.length === 0) return FALSE;
  // The expression comes from a closed table of SQL, never from input; the needle is a bound parameter.
  return sql`instr(${raw(text)}, ${needle}) > 0`;
}
