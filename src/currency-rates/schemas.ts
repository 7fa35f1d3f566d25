// The rates amounts convert to US dollars on: reference data curated with the seed, each named by the slug that
// rounds, deals and metrics give as their `usdRate`.
import { z } from 'zod';
import { safeText } from '../records/input.js';
import { TEXT_MAX } from '../domain/limits.js';
import { CurrencySchema, PartialDateTextSchema, SlugSchema } from '../domain/vocabulary.js';

export const CurrencyRateInputSchema = z.strictObject({
  slug: SlugSchema,
  currency: CurrencySchema.exclude(['USD']).describe('The currency converted; a US dollar needs no rate.'),
  // At most six decimals and never zero: a USD figure then has at most six digits more than its amount.
  unitsPerUsd: z
    .string()
    .max(TEXT_MAX.rate)
    .regex(/^[1-9]\d{0,9}(\.\d{1,6})?$/, 'must be a positive decimal written as text, e.g. "1292.20"')
    .describe('Units of the currency per US dollar, exact as text.'),
  asOf: PartialDateTextSchema.describe('The date or period the rate is for.'),
  source: safeText({ max: TEXT_MAX.rateBasis }).describe('Where the rate comes from (the article gives none).'),
});

export type CurrencyRateInput = z.output<typeof CurrencyRateInputSchema>;
