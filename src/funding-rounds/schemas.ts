import { z } from 'zod';
import { MoneySchema, PartialDateSchema, SourceSchema, VendorSummarySchema } from '../shared/schemas.js';
import { RoundTypeSchema, StanceSchema } from '../shared/vocabulary.js';

export const FundingRoundSchema = z
  .object({
    slug: z.string(),
    company: VendorSummarySchema.describe('The company that raised the money.'),
    roundType: RoundTypeSchema,
    amount: MoneySchema.nullable().describe('The amount raised; null when the article gives none.'),
    date: PartialDateSchema.nullable(),
    investors: z
      .array(VendorSummarySchema)
      .optional()
      .describe('The investors the article names (`include=investors`; always on the detail endpoint unless narrowed).'),
    investorsPartial: z
      .boolean()
      .describe('True when the article lists investors with "등" (and others): the list is not complete.'),
    valuation: MoneySchema.nullable(),
    valuationStance: StanceSchema.nullable().describe('How the article frames the valuation (e.g. `estimate`).'),
    cumulativeAmount: MoneySchema.nullable().describe('Total raised to date, where stated.'),
    description: z.string().nullable(),
    sources: z.array(SourceSchema),
  })
  .meta({
    id: 'FundingRound',
    description: 'Money a company raised, from whom, when, with the passages that say so.',
    example: {
      slug: 'd-matrix-series-b-2023',
      company: { slug: 'd-matrix', name: 'd-Matrix', nameKo: '디-매트릭스', kind: 'startup' },
      roundType: 'series_b',
      amount: {
        amount: '110000000',
        currency: 'USD',
        notation: '1억 1천만 달러',
        usd: { amount: '110000000', unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' },
      },
      date: { value: '2023-09', precision: 'month', qualifier: null, start: '2023-09-01', end: '2023-09-30' },
      investors: [{ slug: 'samsung', name: 'Samsung', nameKo: '삼성', kind: 'conglomerate' }],
      investorsPartial: true,
      valuation: null,
      valuationStance: null,
      cumulativeAmount: null,
      description: null,
      sources: [],
    },
  });

export const FUNDING_ROUND_INCLUDES = ['investors'] as const;

export const FundingRoundFieldsSchema = FundingRoundSchema.partial().meta({
  id: 'FundingRoundFields',
  description: 'A funding round reduced to the fields named by `fields=`.',
});
