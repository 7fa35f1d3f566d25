// Turning validated write bodies into stored columns, shared by the resources whose records carry partial dates
// and money: a 400 names the exact body field whenever a value passes its schema but cannot be stored.
import { InvalidInput } from '../domain/refusal.js';
import type { z } from 'zod';
import { first, identifier, sql, type SqlReader } from '../db/sql.js';
import type { MoneyInputSchema, PartialDateInputSchema } from './input.js';
import { parsePartialDate } from '../domain/partial-date.js';

type DateInput = z.output<typeof PartialDateInputSchema>;
type MoneyInput = z.output<typeof MoneyInputSchema>;

/** A 400 naming one body field, worded like the validator's. */
export function invalidField(field: string, message: string): InvalidInput {
  return new InvalidInput(`Invalid body: '${field}' ${message}.`, [{ location: 'body', name: field, message }]);
}

/**
 * The fields of `input` named in `keys` that were sent (not undefined), under the same names: the columns a write sets
 * where a field is stored as it is sent, so that a patch leaves the fields it does not send alone.
 */
export function sentColumns<I extends object, K extends keyof I>(input: I, keys: readonly K[]): { [P in K]?: Exclude<I[P], undefined> } {
  const sent: { [P in K]?: Exclude<I[P], undefined> } = {};
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) sent[key] = value as Exclude<I[K], undefined>;
  }
  return sent;
}

/**
 * The three stored columns of a partial date under `prefix`; `{}` when the field was not sent, so a patch leaves
 * it alone. `field` names the body field in a 400.
 */
export function dateColumns<P extends string>(prefix: P, date: DateInput | null | undefined, field: string) {
  type Columns = Partial<Record<`${P}Start` | `${P}Precision` | `${P}Qualifier`, string | null>>;
  if (date === undefined) return {} as Columns;
  if (date === null) return { [`${prefix}Start`]: null, [`${prefix}Precision`]: null, [`${prefix}Qualifier`]: null } as Columns;
  const parsed = parsePartialDate(date.value);
  // The pattern admits e.g. 2023-02-30; only the parser knows month lengths.
  if (!parsed) throw invalidField(field, `'${date.value}' is not a date in the calendar, or is before the year 1000`);
  return { [`${prefix}Start`]: parsed.start, [`${prefix}Precision`]: parsed.precision, [`${prefix}Qualifier`]: date.qualifier ?? null } as Columns;
}

export interface StoredMoney {
  currency: string | null;
  rateId: number | null;
}

/** The id of the currency rate `usdRate` names, which must convert `currency`: 400s naming `usdRate` otherwise. */
export async function usdRateId(db: SqlReader, usdRate: string, currency: string): Promise<number> {
  const rate = await first<{ id: number; currency: string }>(db, sql`SELECT "id", "currency" FROM "CurrencyRate" WHERE "slug" = ${usdRate}`);
  if (!rate) throw invalidField('usdRate', `refers to no currency rate '${usdRate}'`);
  if (rate.currency !== currency) throw invalidField('usdRate', `converts ${rate.currency}, not ${currency}`);
  return rate.id;
}

/**
 * The money columns a write leaves: amount, currency and notation when `amount` was sent, and always the rate,
 * checked against the currency that results (the stored one when `amount` was not sent). A rate is kept across
 * a change of amount in the same currency, dropped when the currency becomes USD, and required otherwise.
 */
export async function moneyColumns(
  db: SqlReader,
  amount: MoneyInput | null | undefined,
  usdRate: string | undefined,
  current: StoredMoney | null,
) {
  const currency = amount !== undefined ? (amount?.currency ?? null) : (current?.currency ?? null);
  let rateId: number | null = null;
  if (usdRate !== undefined) {
    if (currency === null) throw invalidField('usdRate', 'converts an amount, and there is none');
    if (currency === 'USD') throw invalidField('usdRate', 'is for amounts in other currencies; a USD amount needs none');
    rateId = await usdRateId(db, usdRate, currency);
  } else if (currency !== null && currency !== 'USD') {
    if (current?.currency !== currency || current.rateId === null) {
      throw invalidField('usdRate', `is required for an amount in ${currency}: the slug of a ${currency} currency rate`);
    }
    rateId = current.rateId;
  }
  return {
    currency,
    columns: {
      ...(amount !== undefined && {
        amount: amount === null ? null : BigInt(amount.amount),
        currency,
        amountNotation: amount?.notation ?? null,
      }),
      rateId,
    },
  };
}

/** A figure as the source writes it ('620억원'), and the body field that sent it. */
export interface Notation {
  field: string;
  text: string | null;
}

/**
 * Every figure's notation stands verbatim in a passage it cites: a figure is the source's, spelled as the source
 * spells it, or it is refused. `quotes` are the cited passages, read after the write (a change of sources alone
 * can leave a notation without its passage).
 */
export function refuseNotationsOutsideQuotes(notations: Notation[], quotes: string[], cited: string): void {
  for (const { field, text } of notations) {
    if (text === null || quotes.some((quote) => quote.includes(text))) continue;
    throw invalidField(field, `'${text}' does not stand in ${cited}: quote the figure as the passage writes it`);
  }
}

/** The quotes a record cites through its implicit citation table (`_ChipToSource` and the like). */
export async function citedQuotes(db: SqlReader, link: { table: string; recordColumn: 'A' | 'B' }, recordId: number): Promise<string[]> {
  const sourceColumn = link.recordColumn === 'A' ? 'B' : 'A';
  const rows = await db.all<{ quote: string }>(
    sql`SELECT s."quote" FROM ${identifier(link.table)} l JOIN "Source" s ON s."id" = l.${identifier(sourceColumn)}
        WHERE l.${identifier(link.recordColumn)} = ${recordId}`,
  );
  return rows.map((row) => row.quote);
}
