// Market statistics, kept by every write as totals per group (src/stats/derive.ts): funding totals by company,
// investor and year, and chip counts by designer, kind and purpose. The groupings that grow with the data are
// paged: /v1/stats shows the first `limit` of each, and each has a list of its own.
import { z } from 'zod';
import { CountParamSchema, CursorParamSchema, limitParam, MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from '../records/list-query.js';
import { MAX_SUM_DIGITS } from '../domain/money.js';
import { exactAmount, PageInfoSchema, VendorSummarySchema } from '../records/schemas.js';
import { ChipKindSchema, ChipPurposeSchema, CurrencySchema } from '../domain/vocabulary.js';

const ExactAmountSchema = exactAmount(MAX_SUM_DIGITS).describe('Exact integer in whole units, as a string so no JSON parser rounds it.');

export const CurrencyTotalSchema = z
  .object({
    currency: CurrencySchema,
    amount: ExactAmountSchema.describe('The sum of the rounds\' amounts in this currency, exactly, unconverted.'),
    roundCount: z.number().int().min(0).describe('How many rounds with an amount in this currency it sums.'),
  })
  .meta({
    id: 'CurrencyTotal',
    description: 'Money raised in one currency, as the article states it.',
    example: { currency: 'KRW', amount: '62000000000', roundCount: 1 },
  });

export const UsdTotalSchema = z
  .object({
    amount: ExactAmountSchema.nullable().describe(
      'The sum of each round\'s own USD figure (USD amounts as they are; others converted on the round\'s stated rate ' +
        'and rounded half up to a whole dollar, round by round, before summing); null when no round counted has a ' +
        'USD figure, since nothing known is not zero.',
    ),
    roundsNotConverted: z
      .number()
      .int()
      .describe('Rounds with an amount but no USD basis (a non-USD amount without a rate); left out of `amount`.'),
  })
  .meta({
    id: 'UsdTotal',
    description: 'Money raised in US dollars, on each round\'s stated conversion basis.',
    example: { amount: '47980189', roundsNotConverted: 0 },
  });

const fundingTotalsShape = {
  roundCount: z.number().int().min(0).describe('Funding rounds counted, with or without an amount.'),
  roundsWithoutAmount: z.number().int().min(0).describe('Of those, rounds the article gives no amount for; they add nothing to the sums.'),
  byCurrency: z.array(CurrencyTotalSchema).max(CurrencySchema.options.length).describe('Sums per original currency, by currency code; currencies with no amount are left out.'),
  usd: UsdTotalSchema,
};

const FUNDING_TOTALS_EXAMPLE = {
  roundCount: 2,
  roundsWithoutAmount: 1,
  byCurrency: [{ currency: 'USD', amount: '110000000', roundCount: 1 }],
  usd: { amount: '110000000', roundsNotConverted: 0 },
};

export const FundingTotalsSchema = z.object(fundingTotalsShape).meta({
  id: 'FundingTotals',
  description: 'Funding rounds counted and summed: per original currency, and in US dollars.',
  example: FUNDING_TOTALS_EXAMPLE,
});

export const CompanyFundingTotalsSchema = z
  .object({ company: VendorSummarySchema.describe('The company that raised the rounds.'), ...fundingTotalsShape })
  .meta({
    id: 'CompanyFundingTotals',
    description: 'What one company raised.',
    example: { company: { slug: 'd-matrix', name: 'd-Matrix', nameKo: '디-매트릭스', kind: 'startup' }, ...FUNDING_TOTALS_EXAMPLE },
  });

export const InvestorFundingTotalsSchema = z
  .object({ investor: VendorSummarySchema.describe('The company named as an investor in the rounds.'), ...fundingTotalsShape })
  .meta({
    id: 'InvestorFundingTotals',
    description:
      'The rounds one company invested in. Each round\'s WHOLE amount is attributed to every investor it names: ' +
      'the article never says how a round is split, so this is the money raised in rounds the investor took part ' +
      'in, not the investor\'s own contribution, and these totals overlap and add up to more than was raised.',
    example: {
      investor: { slug: 'samsung', name: 'Samsung', nameKo: '삼성', kind: 'conglomerate' },
      roundCount: 2,
      roundsWithoutAmount: 0,
      byCurrency: [{ currency: 'USD', amount: '445000000', roundCount: 2 }],
      usd: { amount: '445000000', roundsNotConverted: 0 },
    },
  });

export const YearFundingTotalsSchema = z
  .object({
    year: z
      .number()
      .int()
      .min(1000)
      .max(9999)
      .nullable()
      .describe('The year of the rounds\' dates, at whatever precision they are given; null for rounds the article gives no date.'),
    ...fundingTotalsShape,
  })
  .meta({
    id: 'YearFundingTotals',
    description: 'The rounds dated in one year, or (year null) the undated rounds.',
    example: { year: 2023, ...FUNDING_TOTALS_EXAMPLE, roundCount: 1, roundsWithoutAmount: 0 },
  });

export const FundingStatsSchema = z
  .object({
    overall: FundingTotalsSchema.describe('Every funding round.'),
    byCompany: z
      .array(CompanyFundingTotalsSchema)
      .max(MAX_PAGE_SIZE)
      .describe(
        'One entry per company that raised a round; most USD raised first, then by slug. The first `limit` of them: ' +
          '`more.fundingByCompany` pages through the rest.',
      ),
    byInvestor: z
      .array(InvestorFundingTotalsSchema)
      .max(MAX_PAGE_SIZE)
      .describe(
        'One entry per company named as an investor; most USD first, then by slug. Whole round amounts are credited ' +
          'to each investor (see InvestorFundingTotals), and rounds naming no investor appear under none. The first ' +
          '`limit` of them: `more.fundingByInvestor` pages through the rest.',
      ),
    // Every year a date can be written in (1000 to 9999), and the undated rounds.
    byYear: z
      .array(YearFundingTotalsSchema)
      .max(9000 + 1)
      .describe('One entry per year with a dated round, earliest first, then `year: null` for the undated rounds (if any).'),
  })
  .meta({ id: 'FundingStats', description: 'Funding totals overall and by company, investor and year.' });

export const DesignerChipCountSchema = z
  .object({ designer: VendorSummarySchema, chipCount: z.number().int().min(0) })
  .meta({
    id: 'DesignerChipCount',
    description: 'How many chips one company designs.',
    example: { designer: { slug: 'google', name: 'Google', nameKo: '구글', kind: 'big_tech' }, chipCount: 4 },
  });

export const KindChipCountSchema = z
  .object({ kind: ChipKindSchema, chipCount: z.number().int().min(0) })
  .meta({ id: 'KindChipCount', description: 'How many chips are of one kind.', example: { kind: 'tpu', chipCount: 3 } });

export const PurposeChipCountSchema = z
  .object({
    purpose: ChipPurposeSchema.nullable().describe('The purpose; null for chips whose purpose the article does not state.'),
    chipCount: z.number().int().min(0),
  })
  .meta({ id: 'PurposeChipCount', description: 'How many chips serve one purpose.', example: { purpose: 'inference', chipCount: 2 } });

export const ChipStatsSchema = z
  .object({
    chipCount: z.number().int().min(0).describe('Every chip.'),
    byDesigner: z
      .array(DesignerChipCountSchema)
      .max(MAX_PAGE_SIZE)
      .describe(
        'One entry per company that designs a chip; most chips first, then by slug. The first `limit` of them: ' +
          '`more.chipsByDesigner` pages through the rest.',
      ),
    byKind: z.array(KindChipCountSchema).max(ChipKindSchema.options.length).describe('Every chip kind, in the order of `ChipKind`, including kinds with no chips (0).'),
    byPurpose: z
      .array(PurposeChipCountSchema)
      .max(ChipPurposeSchema.options.length + 1)
      .describe(
        'Every purpose, in the order of `ChipPurpose` (0 where no chip has it), then `purpose: null` for the chips ' +
          'whose purpose the article does not state.',
      ),
  })
  .meta({ id: 'ChipStats', description: 'Chip counts by designer, kind and purpose; each breakdown adds up to `chipCount`.' });

const nextPage = (grouping: string, path: string) =>
  z
    .string()
    .max(`/v1/stats/${path}?limit=${MAX_PAGE_SIZE}&cursor=`.length + MAX_CURSOR_LENGTH)
    .meta({ format: 'uri-reference' })
    .nullable()
    .describe(`The next page of \`${grouping}\` on /v1/stats/${path} (same order, same limit); null when this page holds all of them.`);

export const StatsMoreSchema = z
  .object({
    fundingByCompany: nextPage('funding.byCompany', 'funding-by-company'),
    fundingByInvestor: nextPage('funding.byInvestor', 'funding-by-investor'),
    chipsByDesigner: nextPage('chips.byDesigner', 'chips-by-designer'),
  })
  .meta({
    id: 'StatsMore',
    description: 'Where each grouping that shows only its first `limit` entries continues.',
    example: { fundingByCompany: null, fundingByInvestor: '/v1/stats/funding-by-investor?limit=5&cursor=eyJsaXN0Ijoi...', chipsByDesigner: null },
  });

export const StatsSchema = z
  .object({
    funding: FundingStatsSchema,
    chips: ChipStatsSchema,
    more: StatsMoreSchema,
  })
  .meta({
    id: 'Stats',
    description: 'Market statistics over every record, kept in step with every write, in two sections: `funding` and `chips`.',
  });

/** /v1/stats shows this many of each grouping that grows with the data: the article's fit in it whole. */
export const DEFAULT_STATS_GROUPS = 20;

export const StatsQuerySchema = z.strictObject({
  limit: limitParam(DEFAULT_STATS_GROUPS).meta({
    description: `How many entries of \`byCompany\`, \`byInvestor\` and \`byDesigner\` to show, 1 to 100 (default ${DEFAULT_STATS_GROUPS}); \`more\` says where each continues.`,
    example: 5,
  }),
});

/** The query of a grouping's own list: a page of groups. */
export const StatsGroupQuerySchema = z.strictObject({
  limit: limitParam(DEFAULT_STATS_GROUPS),
  cursor: CursorParamSchema.optional(),
  count: CountParamSchema,
});

export const CompanyFundingTotalsListSchema = z
  .object({ data: z.array(CompanyFundingTotalsSchema).max(MAX_PAGE_SIZE), page: PageInfoSchema })
  .meta({ id: 'CompanyFundingTotalsList', description: 'What each company raised, most USD first, then by slug, a page at a time.' });

export const InvestorFundingTotalsListSchema = z
  .object({ data: z.array(InvestorFundingTotalsSchema).max(MAX_PAGE_SIZE), page: PageInfoSchema })
  .meta({ id: 'InvestorFundingTotalsList', description: 'The rounds each investor took part in, most USD first, then by slug, a page at a time.' });

export const DesignerChipCountListSchema = z
  .object({ data: z.array(DesignerChipCountSchema).max(MAX_PAGE_SIZE), page: PageInfoSchema })
  .meta({ id: 'DesignerChipCountList', description: 'How many chips each company designs, most first, then by slug, a page at a time.' });

export type CurrencyTotal = z.infer<typeof CurrencyTotalSchema>;
export type CompanyFundingTotals = z.infer<typeof CompanyFundingTotalsSchema>;
export type InvestorFundingTotals = z.infer<typeof InvestorFundingTotalsSchema>;
export type DesignerChipCount = z.infer<typeof DesignerChipCountSchema>;
export type FundingTotals = z.infer<typeof FundingTotalsSchema>;
export type Stats = z.infer<typeof StatsSchema>;
