// Substring search over a table's normalised `searchText`. Prisma's `contains` compiles to LIKE without an
// ESCAPE clause, so a user's '%' or '_' would act as a wildcard; instr() matches the text literally.
import type { Database } from '../db/client.js';
import { normaliseForSearch } from './list-query.js';

/** What each table is searched over: the normalised names, or a source's verbatim quote (lower-cased). */
const SEARCHED_TEXT = {
  Chip: '"searchText"',
  Vendor: '"searchText"',
  FundingRound: '"searchText"',
  Deal: '"searchText"',
  // Quotes stay verbatim; Korean has no case and lower() folds the ASCII names in them.
  Source: 'lower("quote")',
} as const;

export type SearchableTable = keyof typeof SEARCHED_TEXT;

/** Ids of the rows whose names contain `query` (NFKC, case-insensitive). */
export async function idsMatching(db: Database, table: SearchableTable, query: string): Promise<number[]> {
  // The table name comes from a closed union, never from input; the needle is a bound parameter.
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT "id" FROM "${table}" WHERE instr(${SEARCHED_TEXT[table]}, ?) > 0`,
    normaliseForSearch(query),
  );
  return rows.map((row) => Number(row.id));
}
