// Response shapes shared by every resource: sources, dates with precision, money, summaries of related
// records, and the list envelope.
import { z } from 'zod';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from './list-query.js';
import { shownText } from '../domain/limits.js';
import { MAX_AMOUNT_DIGITS, MAX_USD_AMOUNT_DIGITS } from '../domain/money.js';
import {
  CurrencySchema,
  DatePrecisionSchema,
  DateQualifierSchema,
  StanceSchema,
  VendorKindSchema,
  ChipKindSchema,
  ChipPurposeSchema,
  RoundTypeSchema,
  DealKindSchema,
  DealStatusSchema,
  PartialDateTextSchema,
  MAX_SLUG_LENGTH,
  SlugFormatSchema,
  SlugSchema,
} from '../domain/vocabulary.js';

export const SourceSchema = z
  .object({
    slug: SlugSchema,
    quote: shownText('quote').describe('The passage verbatim from the article, layout line breaks included.'),
    stance: StanceSchema,
    startOffset: z.number().int().min(0).describe('Where the quote starts in the article text (UTF-16 code units).'),
  })
  .meta({
    id: 'Source',
    description: 'A verbatim Korean passage of the article that a record comes from.',
    example: {
      slug: 'sambanova-sn40l-launched-september',
      quote: '삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.',
      stance: 'fact',
      startOffset: 2901,
    },
  });

export const PartialDateSchema = z
  .object({
    value: PartialDateTextSchema.describe('The date as precise as the article gives it: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.'),
    precision: DatePrecisionSchema,
    qualifier: DateQualifierSchema.nullable(),
    start: z.iso.date().max(10).describe('First day of the period (YYYY-MM-DD).'),
    end: z.iso.date().max(10).describe('Last day of the period (YYYY-MM-DD).'),
  })
  .meta({
    id: 'PartialDate',
    description: 'A date with the precision the article states, never more.',
    example: { value: '2023-09', precision: 'month', qualifier: null, start: '2023-09-01', end: '2023-09-30' },
  });

/** An exact whole amount of at most `digits` digits, as a string so no JSON parser rounds it. */
export function exactAmount(digits: number) {
  return z.string().max(digits).regex(/^\d+$/);
}

const AmountSchema = exactAmount(MAX_AMOUNT_DIGITS).describe('Exact integer in whole units of the currency, as a string so no JSON parser rounds it.');

export const UsdConversionSchema = z
  .object({
    amount: exactAmount(MAX_USD_AMOUNT_DIGITS).describe('The amount in US dollars, rounded half up to a whole dollar.'),
    unitsPerUsd: shownText('rate')
      .regex(/^\d+(\.\d+)?$/)
      .describe('The rate used: units of the original currency per US dollar (exact decimal).'),
    asOf: PartialDateSchema.nullable().describe('The period the rate describes; null for amounts already in USD.'),
    basis: shownText('rateBasis').describe('Where the rate comes from.'),
  })
  .meta({
    id: 'UsdConversion',
    description: 'A USD figure for an amount, with the basis it was converted on.',
    example: { amount: '47980189', unitsPerUsd: '1292.20', asOf: null, basis: 'Bank of Korea, 2022 annual average' },
  });

export const MoneySchema = z
  .object({
    amount: AmountSchema,
    currency: CurrencySchema,
    notation: shownText('notation').nullable().describe('The figure as the article writes it, e.g. "1억 1천만 달러".'),
    usd: UsdConversionSchema.nullable().describe('The amount in USD with its conversion basis; null if no basis is known.'),
  })
  .meta({
    id: 'Money',
    description: 'An exact amount in its own currency, with a USD figure on a stated basis.',
    example: {
      amount: '110000000',
      currency: 'USD',
      notation: '1억 1천만 달러',
      usd: { amount: '110000000', unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' },
    },
  });

export const VendorSummarySchema = z
  .object({
    slug: SlugSchema,
    name: shownText('name'),
    nameKo: shownText('name').nullable(),
    kind: VendorKindSchema,
  })
  .meta({
    id: 'VendorSummary',
    description: 'A company, in brief; follow `slug` to /v1/vendors/{slug}.',
    example: { slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' },
  });

export const ChipSummarySchema = z
  .object({
    slug: SlugSchema,
    name: shownText('name'),
    nameKo: shownText('name').nullable(),
    kind: ChipKindSchema,
    purpose: ChipPurposeSchema.nullable(),
  })
  .meta({
    id: 'ChipSummary',
    description: 'A chip, in brief; follow `slug` to /v1/chips/{slug}.',
    example: { slug: 'azure-maia-100', name: 'Azure Maia 100', nameKo: '마이아 100', kind: 'gpu', purpose: 'training_and_inference' },
  });

export const FundingRoundSummarySchema = z
  .object({
    slug: SlugSchema,
    roundType: RoundTypeSchema,
    amount: MoneySchema.nullable(),
    date: PartialDateSchema.nullable(),
  })
  .meta({ id: 'FundingRoundSummary', description: 'A funding round, in brief; follow `slug` to /v1/funding-rounds/{slug}.' });

export const DealSummarySchema = z
  .object({
    slug: SlugSchema,
    title: shownText('title'),
    kind: DealKindSchema,
    status: DealStatusSchema,
    date: PartialDateSchema.nullable(),
  })
  .meta({ id: 'DealSummary', description: 'A deal, in brief; follow `slug` to /v1/deals/{slug}.' });

/** Where a record is served, relative to the API root. */
export const RecordUrlSchema = z
  .string()
  .max('/v1/funding-rounds/'.length + MAX_SLUG_LENGTH)
  .regex(/^\/v1\/(vendors|chips|funding-rounds|deals)\/[a-z0-9]+(-[a-z0-9]+)*$/);

/** A country as ISO 3166-1 alpha-2, in capitals. */
export const CountryCodeSchema = z.string().length(2).regex(/^[A-Z]{2}$/);

/** A cursor as the API issues it: base64url. */
export const CursorSchema = z.string().min(1).max(MAX_CURSOR_LENGTH).regex(/^[A-Za-z0-9_-]+$/);

export const PageInfoSchema = z
  .object({
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).describe('The page size used.'),
    nextCursor: CursorSchema.nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
    prevCursor: CursorSchema.nullable().describe('Pass as `cursor` to get the previous page; null on the first page.'),
    totalCount: z.number().int().min(0).optional().describe('All records matching the filters; only with `count=true`.'),
  })
  .meta({
    id: 'PageInfo',
    description: 'Where this page sits in the list. The same cursors are in the `Link` header.',
    example: { limit: 20, nextCursor: 'eyJsaXN0IjoidmVuZG9ycyIsInNvcnQiOiJuYW1lIiwidmFsdWVzIjpbImt0Il0sImlkIjoyMSwiZGlyZWN0aW9uIjoibmV4dCJ9', prevCursor: null },
  });

/** The `{slug}` path parameter, with an example that exists among the resource's seeded records. */
export function slugParams(example: string) {
  return z.object({ slug: SlugFormatSchema.meta({ description: "The record's slug.", example }) });
}
