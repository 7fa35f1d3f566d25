// The shape of the curated dataset files in seed/data/. Records refer to each other by slug; the loader
// resolves slugs to ids and refuses a dataset with a dangling reference or a quote not in the article.
import { z } from 'zod';
import { CountryCodeInputSchema } from '../shared/input.js';
import { LIST_MAX, TEXT_MAX } from '../shared/limits.js';
import { MAX_AMOUNT_DIGITS } from '../shared/money.js';
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

/** Exact whole-unit money amount, written as a string of digits so no JSON parser rounds it; as many as writes take. */
const AmountTextSchema = z
  .string()
  .max(MAX_AMOUNT_DIGITS)
  .regex(/^(0|[1-9]\d*)$/, 'must be a non-negative integer written as digits');

/** Text of a kind, as long as the write API takes it: the limits the API documents hold for seeded records too. */
const text = (kind: keyof typeof TEXT_MAX) => z.string().min(1).max(TEXT_MAX[kind]);
const sourceSlugs = z.array(SlugSchema).min(1).max(LIST_MAX.sources);

const SeedPartialDateSchema = z.strictObject({
  value: PartialDateTextSchema,
  qualifier: DateQualifierSchema.optional(),
});

export const SeedSourceSchema = z.strictObject({
  slug: SlugSchema,
  quote: text('quote'),
  stance: StanceSchema,
});

export const SeedVendorSchema = z.strictObject({
  slug: SlugSchema,
  name: text('name'),
  nameKo: text('name').optional(),
  aliases: z.array(text('name')).max(LIST_MAX.aliases).default([]),
  kind: VendorKindSchema,
  country: CountryCodeInputSchema.optional(),
  foundedYear: z.number().int().min(1800).max(2100).optional(),
  founders: z.array(z.strictObject({ name: text('name'), nameKo: text('name').optional() })).max(LIST_MAX.founders).default([]),
  description: text('description').optional(),
  parent: SlugSchema.optional(),
  sources: sourceSlugs,
});

export const SeedChipSchema = z.strictObject({
  slug: SlugSchema,
  name: text('name'),
  nameKo: text('name').optional(),
  aliases: z.array(text('name')).max(LIST_MAX.aliases).default([]),
  kind: ChipKindSchema,
  purpose: ChipPurposeSchema.optional(),
  architecture: text('name').optional(),
  generation: z.number().int().positive().optional(),
  description: text('description').optional(),
  designer: SlugSchema,
  announced: SeedPartialDateSchema.optional(),
  available: SeedPartialDateSchema.optional(),
  partners: z.array(z.strictObject({ vendor: SlugSchema, role: ChipPartnerRoleSchema, source: SlugSchema })).max(LIST_MAX.partners).default([]),
  specs: z
    .array(
      z.strictObject({
        key: ChipSpecKeySchema,
        value: z.number().optional(),
        text: text('specText').optional(),
        unit: text('unit').optional(),
        bound: BoundSchema,
        notation: text('notation').optional(),
        source: SlugSchema,
      }),
    )
    .max(LIST_MAX.specs)
    .default([]),
  deployments: z
    .array(
      z.strictObject({
        vendor: SlugSchema.optional(),
        kind: DeploymentKindSchema,
        name: text('name'),
        nameKo: text('name').optional(),
        description: text('description').optional(),
        unitCount: z.number().int().positive().optional(),
        unitCountBound: BoundSchema.optional(),
        unitCountNotation: text('notation').optional(),
        status: StanceSchema,
        start: SeedPartialDateSchema.optional(),
        source: SlugSchema,
      }),
    )
    .max(LIST_MAX.deployments)
    .default([]),
  sources: sourceSlugs,
});

export const SeedCurrencyRateSchema = z.strictObject({
  slug: SlugSchema,
  currency: CurrencySchema,
  // At most six decimals and never zero: a USD figure then has at most six digits more than its amount.
  unitsPerUsd: z
    .string()
    .max(TEXT_MAX.rate)
    .regex(/^\d+(\.\d{1,6})?$/)
    .refine((rate) => /[1-9]/.test(rate), 'must not be zero'),
  asOf: PartialDateTextSchema,
  source: text('rateBasis'),
});

export const SeedFundingRoundSchema = z.strictObject({
  slug: SlugSchema,
  company: SlugSchema,
  roundType: RoundTypeSchema,
  amount: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  amountNotation: text('notation').optional(),
  usdRate: SlugSchema.optional(),
  date: SeedPartialDateSchema.optional(),
  investors: z.array(SlugSchema).max(LIST_MAX.investors).default([]),
  investorsPartial: z.boolean().default(false),
  valuation: AmountTextSchema.optional(),
  valuationNotation: text('notation').optional(),
  valuationStance: StanceSchema.optional(),
  cumulativeAmount: AmountTextSchema.optional(),
  cumulativeNotation: text('notation').optional(),
  description: text('description').optional(),
  sources: sourceSlugs,
});

export const SeedDealSchema = z.strictObject({
  slug: SlugSchema,
  title: text('title'),
  titleKo: text('title').optional(),
  kind: DealKindSchema,
  status: DealStatusSchema,
  date: SeedPartialDateSchema.optional(),
  amount: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  amountNotation: text('notation').optional(),
  usdRate: SlugSchema.optional(),
  description: text('description').optional(),
  parties: z
    .array(
      z.strictObject({
        vendor: SlugSchema.optional(),
        role: DealPartyRoleSchema,
        description: text('partyDescription').optional(),
      }),
    )
    .min(1)
    .max(LIST_MAX.parties),
  sources: sourceSlugs,
});

export const SeedMetricSchema = z.strictObject({
  slug: SlugSchema,
  vendor: SlugSchema,
  key: MetricKeySchema,
  amountMin: AmountTextSchema.optional(),
  amountMax: AmountTextSchema.optional(),
  currency: CurrencySchema.optional(),
  notation: text('notation').optional(),
  usdRate: SlugSchema.optional(),
  period: SeedPartialDateSchema.optional(),
  stance: StanceSchema,
  description: text('description').optional(),
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
