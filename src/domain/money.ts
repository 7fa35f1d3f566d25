// Exact money: integers in their own currency, converted to USD with BigInt arithmetic on a stated rate so
// that no float rounding creeps into a figure users will quote.

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
