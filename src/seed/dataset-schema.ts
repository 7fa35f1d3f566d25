// The shape of the curated dataset files in seed/data/. Records refer to each other by slug; the loader
// resolves slugs to ids and refuses a dataset with a dangling reference or a quote not in the article.
import { z } from 'zod';
import { CountryCodeInputSchema } from '../shared/input.js';
import {
  BoundSchema,
  ChipKindSchema,
  ChipPartnerRoleSchema,
  ChipPurposeSchema,
  ChipSpecKeySchema,
  CurrencySchema,
  DateQualifierSchema,
  DealKindSchema,
  DealPartyRoleSchema,
  DealStatusSchema,
  DeploymentKindSchema,
  MetricKeySchema,
  PartialDateTextSchema,
  RoundTypeSchema,
  SlugSchema,
  StanceSchema,
  VendorKindSchema,
} from '../shared/vocabulary.js';

/** Exact whole-unit money amount, written as a string of digits so no JSON parser rounds it. */
const AmountTextSchema = z.string().regex(/^(0|[1-9]\d*)$/, 'must be a non-negative integer written as digits');

const SeedPartialDateSchema = z.strictObject({
  value: PartialDateTextSchema,
  qualifier: DateQualifierSchema.optional(),
});

export const SeedSourceSchema = z.strictObject({
  slug: SlugSchema,
  quote: z.string().min(1),
  stance: StanceSchema,
});

export const SeedVendorSchema = z.strictObject({
  slug: SlugSchema,
  name: z.string().min(1),
  nameKo: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  kind: VendorKindSchema,
  country: CountryCodeInputSchema.optional(),
  foundedYear: z.number().int().min(1800).max(2100).optional(),
  founders: z.array(z.strictObject({ name: z.string().min(1), nameKo: z.string().min(1).optional() })).default([]),
  description: z.string().min(1).optional(),
  parent: SlugSchema.optional(),
  sources: z.array(SlugSchema).min(1),
});

export const SeedChipSchema = z.strictObject({
  slug: SlugSchema,
  name: z.string().min(1),
  nameKo: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  kind: ChipKindSchema,
  purpose: ChipPurposeSchema.optional(),
  architecture: z.string().min(1).optional(),
  generation: z.number().int().positive().optional(),
  description: z.string().min(1).optional(),
  designer: SlugSchema,
  announced: SeedPartialDateSchema.optional(),
  available: SeedPartialDateSchema.optional(),
  partners: z.array(z.strictObject({ vendor: SlugSchema, role: ChipPartnerRoleSchema, source: SlugSchema })).default([]),
  specs: z
    .array(
      z.strictObject({
        key: ChipSpecKeySchema,
        value: z.number().optional(),
        text: z.string().min(1).optional(),
        unit: z.string().min(1).optional(),
        bound: BoundSchema,
        notation: z.string().min(1).optional(),
        source: SlugSchema,
      }),
    )
    .default([]),
  deployments: z
    .array(
      z.strictObject({
        vendor: SlugSchema.optional(),
        kind: DeploymentKindSchema,
        name: z.string().min(1),
        nameKo: z.string().min(1).optional(),
        description: z.string().min(1).optional(),
        unitCount: z.number().int().positive().optional(),
        unitCountBound: BoundSchema.optional(),
        unitCountNotation: z.string().min(1).optional(),
        status: StanceSchema,
        start: SeedPartialDateSchema.optional(),
        source: SlugSchema,
      }),
    )
    .default([]),
  sources: z.array(SlugSchema).min(1),
});

export const SeedCurrencyRateSchema = z.strictObject({
  slug: SlugSchema,
  currency: CurrencySchema,
  unitsPerUsd: z.string().regex(/^\d+(\.\d+)?$/),
  asOf: PartialDateTextSchema,
  source: z.string().min(1),
});

export const SeedFundingRoundSchema = z.strictObject({
  slug: SlugSchema,
  company: SlugSchema,
  roundType: RoundTypeSchema,
  amount: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  amountNotation: z.string().min(1).optional(),
  usdRate: SlugSchema.optional(),
  date: SeedPartialDateSchema.optional(),
  investors: z.array(SlugSchema).default([]),
  investorsPartial: z.boolean().default(false),
  valuation: AmountTextSchema.optional(),
  valuationNotation: z.string().min(1).optional(),
  valuationStance: StanceSchema.optional(),
  cumulativeAmount: AmountTextSchema.optional(),
  cumulativeNotation: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  sources: z.array(SlugSchema).min(1),
});

export const SeedDealSchema = z.strictObject({
  slug: SlugSchema,
  title: z.string().min(1),
  titleKo: z.string().min(1).optional(),
  kind: DealKindSchema,
  status: DealStatusSchema,
  date: SeedPartialDateSchema.optional(),
  amount: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  amountNotation: z.string().min(1).optional(),
  usdRate: SlugSchema.optional(),
  description: z.string().min(1).optional(),
  parties: z
    .array(
      z.strictObject({
        vendor: SlugSchema.optional(),
        role: DealPartyRoleSchema,
        description: z.string().min(1).optional(),
      }),
    )
    .min(1),
  sources: z.array(SlugSchema).min(1),
});

export const SeedMetricSchema = z.strictObject({
  slug: SlugSchema,
  vendor: SlugSchema,
  key: MetricKeySchema,
  amountMin: AmountTextSchema.optional(),
  amountMax: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  notation: z.string().min(1).optional(),
  usdRate: SlugSchema.optional(),
  period: SeedPartialDateSchema.optional(),
  stance: StanceSchema,
  description: z.string().min(1).optional(),
  source: SlugSchema,
});

export const DatasetSchema = z.strictObject({
  sources: z.array(SeedSourceSchema),
  vendors: z.array(SeedVendorSchema),
  chips: z.array(SeedChipSchema),
  currencyRates: z.array(SeedCurrencyRateSchema),
  fundingRounds: z.array(SeedFundingRoundSchema),
  deals: z.array(SeedDealSchema),
  metrics: z.array(SeedMetricSchema),
});

export type Dataset = z.infer<typeof DatasetSchema>;

/** The dataset files, one per collection, under seed/data/. */
export const DATASET_FILES = {
  sources: 'sources.json',
  vendors: 'vendors.json',
  chips: 'chips.json',
  currencyRates: 'currency-rates.json',
  fundingRounds: 'funding-rounds.json',
  deals: 'deals.json',
  metrics: 'metrics.json',
} as const satisfies Record<keyof Dataset, string>;
