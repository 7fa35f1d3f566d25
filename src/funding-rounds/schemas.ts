import { z } from 'zod';
import { CuratedFieldsSchema, curatedInputSchema } from '../records/curated.js';
import { AmountInputSchema, MoneyInputSchema, noRepeats, PartialDateInputSchema, safeText, SourceSlugsInputSchema, UsdRateInputSchema } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import { MoneySchema, PartialDateSchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import { RoundTypeSchema, SlugSchema, StanceSchema } from '../domain/vocabulary.js';

export const FundingRoundSchema = z
  .object({
    slug: SlugSchema,
    company: VendorSummarySchema.describe('The company that raised the money.'),
    roundType: RoundTypeSchema,
    amount: MoneySchema.nullable().describe('The amount raised; null when the article gives none.'),
    date: PartialDateSchema.nullable(),
    investors: z
      .array(VendorSummarySchema)
      .max(LIST_MAX.investors)
      .optional()
      .describe('The investors the article names (`include=investors`; always on the detail endpoint unless narrowed).'),
    investorsPartial: z
      .boolean()
      .describe(
        'True when the list of investors is known to be incomplete: the article adds "등" (and others), or names ' +
          'none for a round that had investors.',
      ),
    valuation: MoneySchema.nullable(),
    valuationStance: StanceSchema.nullable().describe('How the article frames the valuation (e.g. `estimate`).'),
    cumulativeAmount: MoneySchema.nullable().describe('Total raised to date, where stated.'),
    description: shownText('description').nullable(),
    curated: CuratedFieldsSchema,
    sources: z.array(SourceSchema).max(LIST_MAX.sources),
  })
  .meta({
    id: 'FundingRound',
    description: 'Money a company raised, from whom, when, with the passages that say so.',
    example: {
      "slug": "d-matrix-series-b-2023",
      "company": {
        "slug": "d-matrix",
        "name": "d-Matrix",
        "nameKo": "디-매트릭스",
        "kind": "startup"
      },
      "roundType": "series_b",
      "amount": {
        "amount": "110000000",
        "currency": "USD",
        "notation": "1억 1천만 달러",
        "usd": {
          "amount": "110000000",
          "unitsPerUsd": "1",
          "asOf": null,
          "basis": "The amount is in US dollars."
        }
      },
      "date": {
        "value": "2023-09",
        "precision": "month",
        "qualifier": null,
        "start": "2023-09-01",
        "end": "2023-09-30",
        "yearFrom": {
          "document": "ai-chip-market-big-tech-and-startups-2023"
        }
      },
      "investorsPartial": true,
      "valuation": null,
      "valuationStance": null,
      "cumulativeAmount": null,
      "description": "d-Matrix raised $110 million in a September 2023 Series B from Samsung, Mirae Asset, Microsoft, Playground Global and others (\"등\").",
      "curated": [
        "date"
      ],
      "sources": [
        {
          "slug": "d-matrix-series-b-110-million",
          "quote": "디-매트릭스는 9월 시리즈 B 라운드에서 삼성, 미래에셋, 마이크로\n\n소프트와 미국의 스타트업 자문기업 플레이그라운드 글로벌(Playground Global) 등에서 1억 1천만 달러를 투자받았다.",
          "stance": "fact",
          "startOffset": 3219,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "디-매트릭스는 9월 시리즈 B 라운드에서 삼성, 미래에셋, 마이크로\n\n소프트와 미국의 스타트업 자문기업 플레이그라운드 글로벌(Playground Global) 등에서 1억 1천만 달러를 투자받았다.",
              "prefix": "ansformer) 배포를 지원하는 칩을 개발하고 있다. ",
              "suffix": " 앞서 SK하이닉스가 투자를 진행한 바도 있다.\n\n2019"
            },
            {
              "type": "TextPositionSelector",
              "start": 3219,
              "end": 3329
            }
          ]
        }
      ]
    },
  });

export const FUNDING_ROUND_INCLUDES = ['investors'] as const;

export const FundingRoundFieldsSchema = FundingRoundSchema.partial().meta({
  id: 'FundingRoundFields',
  description: 'A funding round reduced to the fields named by `fields=`.',
});

/** A figure in the round's currency (it needs an `amount` to take the currency from), as it reads back. */
const RoundFigureSchema = z
  .strictObject({
    amount: AmountInputSchema,
    notation: safeText({ max: TEXT_MAX.notation })
      .nullable()
      .optional()
      .describe('The figure as the source writes it; where given, it must stand in a passage the round cites.'),
  })
  .meta({ id: 'RoundFigureValue', description: "An exact figure in the currency of the round's `amount`.", example: { amount: '112000000000', notation: '1,120억원' } })
  .nullable()
  .optional();

/** What of a round a curator may mark as their classification rather than the sources'. */
export const FUNDING_ROUND_DECLARABLE = ['roundType', 'date', 'investorsPartial', 'valuationStance'] as const;

const FundingRoundFieldsInputSchema = z.strictObject({
  slug: SlugSchema,
  company: SlugSchema.describe('Slug of the company that raised the money.'),
  roundType: RoundTypeSchema,
  amount: MoneyInputSchema.nullable().optional().describe('The amount raised; omit or null when the source gives none.'),
  usdRate: UsdRateInputSchema.optional(),
  date: PartialDateInputSchema.nullable().optional(),
  investors: z
    .array(SlugSchema)
    .max(LIST_MAX.investors)
    .superRefine(noRepeats((slug) => slug, (slug) => `investor '${slug}'`))
    .optional()
    .describe('Slugs of the investors the source names, each once and not the company itself; on update, replaces the list.'),
  investorsPartial: z.boolean().optional().describe('True when the source\'s list of investors is not complete ("등").'),
  valuation: RoundFigureSchema.describe('Valuation in the currency of `amount`.'),
  valuationStance: StanceSchema.nullable().optional().describe('How the source frames the valuation.'),
  cumulativeAmount: RoundFigureSchema.describe('Total raised to date, in the currency of `amount`.'),
  description: safeText({ max: TEXT_MAX.description, multiline: true }).nullable().optional(),
  curated: curatedInputSchema(FUNDING_ROUND_DECLARABLE).optional(),
  sources: SourceSlugsInputSchema,
});

export const FundingRoundInputSchema = FundingRoundFieldsInputSchema.meta({
  id: 'NewFundingRound',
  description:
    'A new funding round. Unknown fields are refused. Money is exact: digit strings in whole units of the currency; ' +
    '`valuation` and `cumulativeAmount` are in the currency of `amount`. Every figure is the source\'s: its notation (as ' +
    'the source writes it) must stand in a passage the round cites.',
  example: {
    slug: 'rebellions-series-a-2022',
    company: 'rebellions',
    roundType: 'series_a',
    amount: { amount: '62000000000', currency: 'KRW', notation: '620억원' },
    usdRate: 'krw-per-usd-2022-average',
    date: { value: '2022' },
    investorsPartial: true,
    cumulativeAmount: { amount: '112000000000', notation: '1,120억원' },
    sources: ['rebellions-series-a-2022-62-billion-won'],
  },
});

export const FundingRoundPatchSchema = FundingRoundFieldsInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({
    id: 'FundingRoundChanges',
    description: 'Fields to change; others stay as they are. `investors` and `sources` replace their lists. The slug cannot change.',
    example: { investors: ['samsung', 'kt'], investorsPartial: false },
  });
