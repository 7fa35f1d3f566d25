// Substring search over a table's normalised `searchText`. Prisma's `contains` compiles to LIKE without an
// ESCAPE clause, so a user's '%' or '_' would act as a wildcard; instr() matches the text literally.
import type { Database } from '../db/client.js';
import { normaliseForSearch } from './list-query.js';

export type SearchableTable = 'Chip' | 'Vendor' | 'FundingRound' | 'Deal';

/** Ids of the rows whose names contain `query` (NFKC, case-insensitive). */
export async function idsMatching(db: Database, table: SearchableTable, query: string): Promise<number[]> {
  // The table name comes from a closed union, never from input; the needle is a bound parameter.
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT "id" FROM "${table}" WHERE instr("searchText", ?) > 0`,
    normaliseForSearch(query),
  );
  return rows.map((row) => Number(row.id));
}
