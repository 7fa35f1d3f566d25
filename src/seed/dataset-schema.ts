// The shape of the curated dataset files in seed/data/: each record is exactly what the write API takes to create
// it (its input schema), so the seed is held to the API's rules by construction and written by the same stores.
import { z } from 'zod';
import { ChipInputSchema } from '../chips/schemas.js';
import { CurrencyRateInputSchema } from '../currency-rates/schemas.js';
import { DealInputSchema } from '../deals/schemas.js';
import { FundingRoundInputSchema } from '../funding-rounds/schemas.js';
import { MetricInputSchema } from '../metrics/schemas.js';
import { SourceInputSchema } from '../sources/schemas.js';
import { DocumentInputSchema } from '../documents/schemas.js';
import { VendorInputSchema } from '../vendors/schemas.js';
import { StatementInputSchema } from '../statements/schemas.js';

/**
 * A document as the seed keeps it: its record as the write API takes it, with its text in a file of its own beside
 * the data (`textFile`, under seed/), read into `text` when the dataset is loaded.
 */
export const SeedDocumentSchema = DocumentInputSchema.omit({ text: true }).extend({
  textFile: z.string().regex(/^[a-z0-9.-]+\.txt$/, 'must name a .txt file in the seed folder'),
});

export const DatasetSchema = z.strictObject({
  documents: z.array(SeedDocumentSchema),
  sources: z.array(SourceInputSchema),
  vendors: z.array(VendorInputSchema),
  chips: z.array(ChipInputSchema),
  currencyRates: z.array(CurrencyRateInputSchema),
  fundingRounds: z.array(FundingRoundInputSchema),
  deals: z.array(DealInputSchema),
  metrics: z.array(MetricInputSchema),
  statements: z.array(StatementInputSchema),
});

export type Dataset = z.output<typeof DatasetSchema>;

/** The dataset files, one per collection, under seed/data/. */
export const DATASET_FILES = {
  documents: 'documents.json',
  sources: 'sources.json',
  vendors: 'vendors.json',
  chips: 'chips.json',
  currencyRates: 'currency-rates.json',
  fundingRounds: 'funding-rounds.json',
  deals: 'deals.json',
  metrics: 'metrics.json',
  statements: 'statements.json',
} as const satisfies Record<keyof Dataset, string>;
