// Substring conditions for the lists' `q=` and `name[contains]=` filters: over the search terms the write path keeps
// (src/search/derive.ts) for chips, companies, rounds and deals, found through their trigram index; over the quote
// itself for sources, which are passages of one article and stay few whatever the data's size. Matching is
// literal (no LIKE wildcards): the needle is always a bound parameter.
import { character, containsText, joinInOrder } from '../db/dialect.js';
import { and, FALSE, or, raw, sql, valuesList, type Sql } from '../db/sql.js';
import { searchIndex } from '../search/search-index.js';
import { normaliseForSearch } from './list-query.js';

/** Whitespace a quote may carry: spaces, and the article's line and page breaks. Removed alike in SQL and here. */
const QUOTE_WHITESPACE = [' ', '\t', '\n', '\r'];
const QUOTE_WHITESPACE_PATTERN = new RegExp(`[${QUOTE_WHITESPACE.join('')}]`, 'g');

/**
 * A source's verbatim quote, lower-cased and with its whitespace removed: the article breaks lines (and pages)
 * inside words ('이그\n\n나이트', '마이크로\n\n소프트'), and Korean spacing varies, so quotes match whatever the spacing.
 * Korean has no case and lower() folds the ASCII names in them.
 */
const QUOTE_TEXT = QUOTE_WHITESPACE.reduce(
  (expression, whitespace) => sql`replace(${expression}, ${character(whitespace.charCodeAt(0))}, '')`,
  searchIndex.foldAscii(raw('"quote"')),
);

/** Which records' terms each list filters on: the names and aliases, and for rounds their description too. */
export const LIST_TERMS = {
  Chip: { type: 'chip', column: 'chipId', fields: ['name', 'nameKo', 'alias'] },
  Vendor: { type: 'vendor', column: 'vendorId', fields: ['name', 'nameKo', 'alias'] },
  FundingRound: { type: 'funding_round', column: 'fundingRoundId', fields: ['name', 'nameKo', 'alias', 'description'] },
  Deal: { type: 'deal', column: 'dealId', fields: ['name', 'nameKo', 'alias'] },
} as const;

export type SearchableTable = keyof typeof LIST_TERMS | 'Source' | 'Document';

/** The shortest needle the trigram index can find; a shorter one is looked for by reading the terms. */
export const TRIGRAM = 3;

/** How many characters (code points, as SQLite counts them) a text has. */
export const characters = (text: string) => [...text].length;


/** The condition, over `table` itself, for rows whose names contain `query` (NFKC, case-insensitive). */
export function textMatches(table: SearchableTable, query: string): Sql {
  const normalised = normaliseForSearch(query);
  if (table === 'Source') {
    const needle = normalised.replace(QUOTE_WHITESPACE_PATTERN, '');
    // A query of nothing but spaces matches every quote; it names nothing to look for.
    if (needle.length === 0) return FALSE;
    return containsText(QUOTE_TEXT, sql`${needle}`);
  }
  if (normalised.length === 0) return FALSE;
  if (table === 'Document') {
    // The title as folded for sorting (NFKC, lower case), or the English title: documents are few beside the records
    // citing them, so their titles are read rather than indexed.
    return or([containsText(raw('"sortKey"'), sql`${normalised}`), containsText(searchIndex.foldAscii(raw(`coalesce("titleEn", '')`)), sql`${normalised}`)]);
  }
  const { type, column, fields } = LIST_TERMS[table];
  // From three characters on, the index finds the terms and each is joined to its record. Shorter needles read
  // every term in order and join the matching ones: a sequential read of all of them (8 ms at 1,000×, measured)
  // beats reading the type's records and each one's terms through their index (35 ms). containsText decides either
  // way, so what the index finds and what the filter means never differ.
  const indexed = characters(normalised) >= TRIGRAM ? searchIndex.termsHolding('text', normalised) : null;
  const from = sql`${indexed ? indexed.from : sql`"SearchTerm" t`} ${joinInOrder()} "SearchRecord" r ON r."id" = t."recordId"`;
  const conditions = [
    ...(indexed ? [indexed.where] : []),
    sql`r."type" = ${type}`,
    sql`t."field" IN ${valuesList(fields)}`,
    containsText(sql`t."text"`, sql`${normalised}`),
  ];
  return sql`"id" IN (SELECT r.${raw(`"${column}"`)} FROM ${from} WHERE ${and(conditions)})`;
}
