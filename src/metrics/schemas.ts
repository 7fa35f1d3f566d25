// A figure about a company other than its funding (an expected revenue, a cost), as curators write it. Metrics are
// curated with the seed (no write route yet); they show on their company (`include=metrics`).
import { z } from 'zod';
import { curatedInputSchema } from '../records/curated.js';
import { AmountInputSchema, PartialDateInputSchema, safeText, UsdRateInputSchema } from '../records/input.js';
import { TEXT_MAX } from '../domain/limits.js';
import { CurrencySchema, MetricKeySchema, SlugSchema, StanceSchema } from '../domain/vocabulary.js';

/** What a curator may declare theirs on a metric: which kind of figure it is, where the article leaves that implicit. */
export const METRIC_DECLARABLE = ['key'] as const;

export const MetricInputSchema = z
  .strictObject({
    slug: SlugSchema,
    vendor: SlugSchema.describe('Slug of the company the figure is about.'),
    key: MetricKeySchema,
    amountMin: AmountInputSchema.optional().describe('The figure, or the low end of its range.'),
    amountMax: AmountInputSchema.optional().describe('The high end of its range (the figure again when it is one).'),
    currency: CurrencySchema.optional(),
    notation: safeText({ max: TEXT_MAX.notation }).optional().describe('The figure as the source writes it; it must stand in the passage cited.'),
    usdRate: UsdRateInputSchema.optional(),
    period: PartialDateInputSchema.optional().describe('The period the figure is for.'),
    stance: StanceSchema,
    description: safeText({ max: TEXT_MAX.description, multiline: true }).optional(),
    source: SlugSchema.describe('Slug of the source passage that gives the figure.'),
    curated: curatedInputSchema(METRIC_DECLARABLE).optional(),
  })
  .refine((metric) => (metric.amountMin === undefined && metric.amountMax === undefined) === (metric.currency === undefined), {
    message: 'goes with an amount, and an amount with its currency',
    path: ['currency'],
  })
  .refine((metric) => metric.amountMin === undefined || metric.amountMax === undefined || BigInt(metric.amountMin) <= BigInt(metric.amountMax), {
    message: 'is below `amountMin`',
    path: ['amountMax'],
  });

export type MetricInput = z.output<typeof MetricInputSchema>;
