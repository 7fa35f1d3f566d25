// Mapping stored rows to the API's shapes, shared by every resource so a source, a summary or an amount
// looks the same wherever it appears.
import type { z } from 'zod';
import type {
  ChipSummarySchema,
  DealSummarySchema,
  FundingRoundSummarySchema,
  SourceSchema,
  VendorSummarySchema,
} from './schemas.js';
import { toPartialDate } from './partial-date.js';
import { toMoney, type StoredRate } from './money.js';

type Source = z.infer<typeof SourceSchema>;

export const sourceSelect = { slug: true, quote: true, stance: true, startOffset: true } as const;
export const sourcesInArticleOrder = { select: sourceSelect, orderBy: { startOffset: 'asc' } } as const;
export const vendorSummarySelect = { slug: true, name: true, nameKo: true, kind: true } as const;
export const chipSummarySelect = { slug: true, name: true, nameKo: true, kind: true, purpose: true } as const;
export const rateSelect = { unitsPerUsd: true, asOfStart: true, asOfPrecision: true, source: true } as const;
export const fundingRoundSummarySelect = {
  slug: true,
  roundType: true,
  amount: true,
  currency: true,
  amountNotation: true,
  rate: { select: rateSelect },
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
} as const;
export const dealSummarySelect = {
  slug: true,
  title: true,
  kind: true,
  status: true,
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
} as const;

export function toSource(row: { slug: string; quote: string; stance: string; startOffset: number }): Source {
  return { ...row, stance: row.stance as Source['stance'] };
}

export function toVendorSummary(row: { slug: string; name: string; nameKo: string | null; kind: string }) {
  return { ...row, kind: row.kind as z.infer<typeof VendorSummarySchema>['kind'] };
}

export function toChipSummary(row: { slug: string; name: string; nameKo: string | null; kind: string; purpose: string | null }) {
  type ChipSummary = z.infer<typeof ChipSummarySchema>;
  return { ...row, kind: row.kind as ChipSummary['kind'], purpose: row.purpose as ChipSummary['purpose'] };
}

export function toFundingRoundSummary(row: {
  slug: string;
  roundType: string;
  amount: bigint | null;
  currency: string | null;
  amountNotation: string | null;
  rate: StoredRate | null;
  dateStart: string | null;
  datePrecision: string | null;
  dateQualifier: string | null;
}): z.infer<typeof FundingRoundSummarySchema> {
  return {
    slug: row.slug,
    roundType: row.roundType as z.infer<typeof FundingRoundSummarySchema>['roundType'],
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
  };
}

export function toDealSummary(row: {
  slug: string;
  title: string;
  kind: string;
  status: string;
  dateStart: string | null;
  datePrecision: string | null;
  dateQualifier: string | null;
}): z.infer<typeof DealSummarySchema> {
  type DealSummary = z.infer<typeof DealSummarySchema>;
  return {
    slug: row.slug,
    title: row.title,
    kind: row.kind as DealSummary['kind'],
    status: row.status as DealSummary['status'],
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
  };
}

/** Parses a JSON column that holds an array of strings; anything else reads as empty. */
export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Every name a company goes by: English, Korean, aliases. Deals are found by their parties' names and rounds by
 * their company's aliases; this is the one list of them, whether the company comes from the seed or a row.
 */
export function companyNames(company: { name: string; nameKo?: string | null; aliases: unknown }): string[] {
  return [company.name, ...(company.nameKo ? [company.nameKo] : []), ...stringArray(company.aliases)];
}
