// Exact money: integers in their own currency, converted to USD with BigInt arithmetic on a stated rate so
// that no float rounding creeps into a figure users will quote.
import type { z } from 'zod';
import type { MoneySchema } from './schemas.js';
import { toPartialDate } from './partial-date.js';

export type Money = z.infer<typeof MoneySchema>;

/** Digits of a stored amount: writes and the seed take at most 18 (below SQLite's 64-bit integers). */
export const MAX_AMOUNT_DIGITS = 18;
/**
 * Digits of an amount converted to USD: a stored amount divided by a rate of at least 0.000001 units per dollar
 * (the seed's currency rates have at most six decimals and are never zero).
 */
export const MAX_USD_AMOUNT_DIGITS = MAX_AMOUNT_DIGITS + 6;
/** Digits of a sum of amounts: at most 2^63 of them (SQLite's row ids), each of at most 24 digits. */
export const MAX_SUM_DIGITS = MAX_USD_AMOUNT_DIGITS + 19;

export interface StoredRate {
  unitsPerUsd: string;
  asOfStart: string;
  asOfPrecision: string;
  source: string;
}

/** amount / unitsPerUsd, rounded half up to a whole unit. `unitsPerUsd` is an exact decimal string. */
export function convertToUsd(amount: bigint, unitsPerUsd: string): bigint {
  const [whole, fraction = ''] = unitsPerUsd.split('.');
  const numerator = BigInt(`${whole}${fraction}`);
  const denominator = 10n ** BigInt(fraction.length);
  return (2n * amount * denominator + numerator) / (2n * numerator);
}

export function toMoney(
  amount: bigint | null,
  currency: string | null,
  notation: string | null,
  rate: StoredRate | null,
): Money | null {
  if (amount === null || currency === null) return null;
  let usd: Money['usd'] = null;
  if (currency === 'USD') {
    usd = { amount: amount.toString(), unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' };
  } else if (rate) {
    usd = {
      amount: convertToUsd(amount, rate.unitsPerUsd).toString(),
      unitsPerUsd: rate.unitsPerUsd,
      asOf: toPartialDate(rate.asOfStart, rate.asOfPrecision, null),
      basis: rate.source,
    };
  }
  return { amount: amount.toString(), currency: currency as Money['currency'], notation, usd };
}
