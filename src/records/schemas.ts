// Response shapes shared by every resource: sources, dates with precision, money, summaries of related
// records, and the list envelope.
import { z } from 'zod';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from './list-query.js';
import { shownText } from '../domain/limits.js';
import { SELECTOR_CONTEXT } from '../domain/document-text.js';
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

export const PartialDateSchema = z
  .object({
    value: PartialDateTextSchema.describe('The date as precise as the article gives it: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD.'),
    precision: DatePrecisionSchema,
    qualifier: DateQualifierSchema.nullable(),
    start: z.iso.date().max(10).describe('First day of the period (YYYY-MM-DD).'),
    end: z.iso.date().max(10).describe('Last day of the period (YYYY-MM-DD).'),
    yearFrom: z
      .object({ document: SlugSchema })
      .optional()
      .describe(
        "Present when the year stands in none of the passages the date rests on (they say \"11월 15일\", \"지난해\", \"올해\"): the year is read from this document's publication date, and the field is listed in the record's `curated`.",
      ),
  })
  .meta({
    id: 'PartialDate',
    description: 'A date with the precision the article states, never more.',
    example: { value: '2023-09', precision: 'month', qualifier: null, start: '2023-09-01', end: '2023-09-30' },
  });

/** A source as every response shows it: the example of every schema that shows one. */
export const SOURCE_EXAMPLE = {
  slug: 'sambanova-sn40l-launched-september',
  quote: '삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.',
  stance: 'fact',
  startOffset: 2901,
  document: {
    slug: 'ai-chip-market-big-tech-and-startups-2023',
    title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
    publisher: null,
    published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
  },
  selector: [
    { type: 'TextQuoteSelector', exact: '삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.', prefix: ' 삼바노바(Sambanova)에 10억 달러를 투자했다. ', suffix: ' 이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.' },
    { type: 'TextPositionSelector', start: 2901, end: 2931 },
  ],
};

/** The document a passage quotes, in brief; follow `slug` to /v1/documents/{slug}. */
export const DocumentRefSchema = z
  .object({
    slug: SlugSchema,
    title: shownText('documentTitle').describe('The title as the document writes it.'),
    publisher: shownText('name').nullable().describe('Who published it; null where the document names no one.'),
    published: PartialDateSchema.nullable().describe('When it was published, as precisely as known.'),
  })
  .meta({
    id: 'DocumentRef',
    description: 'The document a passage quotes, in brief; follow `slug` to /v1/documents/{slug}.',
    example: {
      slug: 'ai-chip-market-big-tech-and-startups-2023',
      title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
      publisher: null,
      published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
    },
  });

export const TextQuoteSelectorSchema = z
  .object({
    type: z.literal('TextQuoteSelector'),
    exact: shownText('quote').describe('The quote.'),
    prefix: z.string().max(SELECTOR_CONTEXT * 2).describe(`Up to ${SELECTOR_CONTEXT} code points of the text just before it.`),
    suffix: z.string().max(SELECTOR_CONTEXT * 2).describe(`Up to ${SELECTOR_CONTEXT} code points of the text just after it.`),
  })
  .meta({ id: 'TextQuoteSelector', description: "W3C Web Annotation's TextQuoteSelector: the quote with the text around it." });

export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0).describe("Code points of the document's text before the quote."),
    end: z.number().int().min(0).describe('Code points before the end of the quote.'),
  })
  .meta({ id: 'TextPositionSelector', description: "W3C Web Annotation's TextPositionSelector, in code points of the document's text (`/v1/documents/{slug}/text`)." });

export const SourceSchema = z
  .object({
    slug: SlugSchema,
    quote: shownText('quote').describe('The passage verbatim from its document, layout line breaks included.'),
    stance: StanceSchema,
    startOffset: z.number().int().min(0).describe("Where the quote starts in its document's text (UTF-16 code units, as JavaScript counts)."),
    document: DocumentRefSchema,
    selector: z
      .array(z.discriminatedUnion('type', [TextQuoteSelectorSchema, TextPositionSelectorSchema]))
      .length(2)
      .describe('Where the quote stands in its document, as W3C Web Annotation selectors, which annotation tools read: a TextQuoteSelector, then a TextPositionSelector.'),
  })
  .meta({
    id: 'Source',
    description: 'A verbatim passage of a document that a record comes from, and how the document frames it.',
    example: SOURCE_EXAMPLE,
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
  .regex(/^\/v1\/(vendors|chips|funding-rounds|deals|documents)\/[a-z0-9]+(-[a-z0-9]+)*$/);

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
