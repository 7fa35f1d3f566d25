// Funding round data access: filters, sort fields, the investors relation, and rows → API rounds.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import type { FilterField } from '../shared/filters.js';
import type { SortFields } from '../shared/list-query.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
import { prismaReads } from '../shared/resource-routes.js';
import { rateSelect, sourcesInArticleOrder, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import { CurrencySchema, RoundTypeSchema } from '../shared/vocabulary.js';
import type { FundingRoundSchema } from './schemas.js';

type FundingRound = z.infer<typeof FundingRoundSchema>;

export const fundingRoundFilters: FilterField[] = [
  { kind: 'reference', name: 'company', description: 'Raised by this company', example: 'd-matrix', where: (slugs) => ({ company: { slug: { in: slugs } } }) },
  { kind: 'reference', name: 'investor', description: 'Invested in by this company', example: 'samsung', where: (slugs) => ({ investors: { some: { slug: { in: slugs } } } }) },
  { kind: 'enum', name: 'currency', column: 'currency', values: CurrencySchema, description: 'Original currency of the amount.' },
  { kind: 'enum', name: 'roundType', column: 'roundType', values: RoundTypeSchema, description: 'Type of round.', examples: ['series_a', 'series_b'] },
  { kind: 'amount', name: 'amount', column: 'amount', description: 'The amount raised', examples: { gte: '100000000', lte: '110000000' } },
  { kind: 'usdAmount', name: 'amountUsd', description: 'The amount raised' },
  { kind: 'date', name: 'date', prefix: 'date', description: 'Dated', yearParam: 'year' },
  { kind: 'text', name: 'name', table: 'FundingRound', description: "The round's name (its company's name and round type, e.g. 'Rebellions Series A' or '리벨리온 시리즈 A'), the company's alias, or the round's description", examples: { contains: 'series a', q: '리벨리온' } },
];

export const fundingRoundSortFields = {
  date: { field: 'dateStart', nullable: true, type: 'text' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  amount: {
    field: 'amount',
    nullable: true,
    type: 'bigint',
    note: "in each round's own currency, so 1 KRW and 1 USD count the same: add `currency=` to compare like with like.",
  },
} satisfies SortFields;

const baseSelect = {
  id: true,
  slug: true,
  roundType: true,
  amount: true,
  currency: true,
  amountNotation: true,
  rate: { select: rateSelect },
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
  investorsPartial: true,
  valuation: true,
  valuationNotation: true,
  valuationStance: true,
  cumulativeAmount: true,
  cumulativeNotation: true,
  description: true,
  company: { select: vendorSummarySelect },
  sources: sourcesInArticleOrder,
} as const satisfies Prisma.FundingRoundSelect;

const investorsSelect = { select: vendorSummarySelect, orderBy: { sortKey: 'asc' } } as const;

type RoundRow = Prisma.FundingRoundGetPayload<{ select: typeof baseSelect }> & {
  investors?: Prisma.VendorGetPayload<{ select: typeof vendorSummarySelect }>[];
};

function selectFor(include: ReadonlySet<string>) {
  return { ...baseSelect, ...(include.has('investors') ? { investors: investorsSelect } : {}) };
}




export function toFundingRound(row: RoundRow): FundingRound {
  return {
    slug: row.slug,
    company: toVendorSummary(row.company),
    roundType: row.roundType as FundingRound['roundType'],
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
    ...(row.investors && { investors: row.investors.map(toVendorSummary) }),
    investorsPartial: row.investorsPartial,
    // Valuations and cumulative totals are in the round's currency and convert on the round's basis.
    valuation: toMoney(row.valuation, row.currency, row.valuationNotation, row.rate),
    valuationStance: row.valuationStance as FundingRound['valuationStance'],
    cumulativeAmount: toMoney(row.cumulativeAmount, row.currency, row.cumulativeNotation, row.rate),
    description: row.description,
    sources: row.sources.map(toSource),
  };
}

export const fundingRoundReads = prismaReads<RoundRow>((db) => db.fundingRound, selectFor);
