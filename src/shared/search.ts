// Substring conditions for the lists' `q=` and `name[contains]=` filters: over the search terms the write path keeps
// (src/search/derive.ts) for chips, companies, rounds and deals, found through their trigram index; over the quote
// itself for sources, which are passages of one article and stay few whatever the data's size. Matching is
// literal (no LIKE wildcards): the needle is always a bound parameter.
import { FALSE, raw, sql, valuesList, type Sql } from '../db/sql.js';
import { normaliseForSearch } from './list-query.js';

/** Whitespace a quote may carry: spaces, and the article's line and page breaks. Removed alike in SQL and here. */
const QUOTE_WHITESPACE = [' ', '\t', '\n', '\r'];
const QUOTE_WHITESPACE_PATTERN = new RegExp(`[${QUOTE_WHITESPACE.join('')}]`, 'g');

/**
 * A source's verbatim quote, lower-cased and with its whitespace removed: the article breaks lines (and pages)
 * inside words ('이그\n\n나이트', '마이크로\n\n소프트'), and Korean spacing varies, so quotes match whatever the spacing.
 * Korean has no case and lower() folds the ASCII names in them.
 */
const QUOTE_TEXT = raw(QUOTE_WHITESPACE.reduce((expression, character) => `replace(${expression}, char(${character.charCodeAt(0)}), '')`, 'lower("quote")'));

/** Which records' terms each list filters on: the names and aliases, and for rounds their description too. */
const LIST_TERMS = {
  Chip: { type: 'chip', column: 'chipId', fields: ['name', 'nameKo', 'alias'] },
  Vendor: { type: 'vendor', column: 'vendorId', fields: ['name', 'nameKo', 'alias'] },
  FundingRound: { type: 'fundingRound', column: 'fundingRoundId', fields: ['name', 'nameKo', 'alias', 'description'] },
  Deal: { type: 'deal', column: 'dealId', fields: ['name', 'nameKo', 'alias'] },
} as const;

export type SearchableTable = keyof typeof LIST_TERMS | 'Source';

/** The shortest needle the trigram index can find; a shorter one is looked for by reading the terms. */
export const TRIGRAM = 3;

/** How many characters (code points, as SQLite counts them) a text has. */
export const characters = (text: string) => [...text].length;

/** An FTS5 query matching `text` literally as a substring of the trigram table's `column` (a quote written twice). */
export function phrase(column: 'text' | 'loose', text: string): string {
  return `${column} : "${text.replaceAll('"', '""')}"`;
}

/** The condition, over `table` itself, for rows whose names contain `query` (NFKC, case-insensitive). */
export function textMatches(table: SearchableTable, query: string): Sql {
  const normalised = normaliseForSearch(query);
  if (table === 'Source') {
    const needle = normalised.replace(QUOTE_WHITESPACE_PATTERN, '');
    // A query of nothing but spaces matches every quote; it names nothing to look for.
    if (needle.length === 0) return FALSE;
    return sql`instr(${QUOTE_TEXT}, ${needle}) > 0`;
  }
  if (normalised.length === 0) return FALSE;
  const { type, column, fields } = LIST_TERMS[table];
  // The index narrows the terms; instr() decides, so what the index finds and what the filter means never differ.
  const indexed =
    characters(normalised) >= TRIGRAM
      ? sql` AND t."id" IN (SELECT "rowid" FROM "SearchTermTrigram" WHERE "SearchTermTrigram" MATCH ${phrase('text', normalised)})`
      : sql``;
  return sql`"id" IN (SELECT r.${raw(`"${column}"`)} FROM "SearchTerm" t JOIN "SearchRecord" r ON r."id" = t."recordId"
                     WHERE r."type" = ${type} AND t."field" IN ${valuesList(fields)}${indexed} AND instr(t."text", ${normalised}) > 0)`;
}
