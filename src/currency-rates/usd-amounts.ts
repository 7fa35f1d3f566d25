// The dollar figure kept beside each round's and deal's amount (`amountUsd`), so that lists sort by it with an index:
// computed with the same exact arithmetic the responses show (convertToUsd), never by the database's floats. Written
// in the transaction that writes the record (src/records/derived.ts) or changes the rate it converts on.
import { identifier, sql, valuesList, type SqlWriter } from '../db/sql.js';
import { convertToUsd } from '../domain/money.js';
import { bigintOf, exactInteger } from '../records/columns.js';

/** The tables whose records carry an amount with a USD basis. */
export type AmountTable = 'FundingRound' | 'Deal';

/** Recomputes `amountUsd` of the records of `table` with these ids. */
export async function deriveUsdAmounts(db: SqlWriter, table: AmountTable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.all<{ id: number; amount: unknown; currency: string | null; unitsPerUsd: string | null; amountUsd: unknown }>(
    sql`SELECT r."id", ${exactInteger('r."amount"')}, r."currency", rt."unitsPerUsd", ${exactInteger('r."amountUsd"')}
        FROM ${identifier(table)} r LEFT JOIN "CurrencyRate" rt ON rt."id" = r."rateId" WHERE r."id" IN ${valuesList(ids)}`,
  );
  for (const row of rows) {
    const amount = bigintOf(row.amount);
    const usd =
      amount === null || row.currency === null
        ? null
        : row.currency === 'USD'
          ? amount
          : row.unitsPerUsd === null
            ? null
            : convertToUsd(amount, row.unitsPerUsd);
    // Unchanged figures are not rewritten: a rebuild of a large database touches only what moved.
    if (usd === bigintOf(row.amountUsd)) continue;
    await db.run(sql`UPDATE ${identifier(table)} SET "amountUsd" = ${usd} WHERE "id" = ${row.id}`);
  }
}

/** After a rate changed: recomputes every round's and deal's dollar figure that converts on it. */
export async function deriveUsdAmountsOnRate(db: SqlWriter, rateId: number): Promise<void> {
  for (const table of ['FundingRound', 'Deal'] as const) {
    const ids = await db.all<{ id: number }>(sql`SELECT "id" FROM ${identifier(table)} WHERE "rateId" = ${rateId}`);
    await deriveUsdAmounts(db, table, ids.map((row) => row.id));
  }
}
