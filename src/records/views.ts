// Mapping stored rows to the API's shapes, shared by every resource so a source, a summary or an amount
// looks the same wherever it appears.
import type { z } from 'zod';
import type {
  ChipSummarySchema,
  MoneySchema,
  DealSummarySchema,
  FundingRoundSummarySchema,
  SourceSchema,
  VendorSummarySchema,
} from './schemas.js';
import { raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { toPartialDate } from '../domain/partial-date.js';
import { convertToUsd, type StoredRate } from '../domain/money.js';
import { rowReader, tableColumns, type ColumnKind, type RowOf } from './columns.js';

type Source = z.infer<typeof SourceSchema>;

export type Money = z.infer<typeof MoneySchema>;

/** An amount as the API shows it: exact in its own currency, with a USD figure on the rate's stated basis. */
export function toMoney(
  amount: bigint | null,
  currency: string | null,
  notation: string | null,
  rate: StoredRate | null,
): Money | null {
  if (amount === null || currency === null) return null;
  let usd: Money['usd'] = null;
  if (currency === 'USD') {
    usd = { amount: amount.toString(), unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' };
  } else if (rate) {
    usd = {
      amount: convertToUsd(amount, rate.unitsPerUsd).toString(),
      unitsPerUsd: rate.unitsPerUsd,
      asOf: toPartialDate(rate.asOfStart, rate.asOfPrecision, null),
      basis: rate.source,
    };
  }
  return { amount: amount.toString(), currency: currency as Money['currency'], notation, usd };
}

/** A passage's own columns, as SOURCE_COLUMNS selects them (`source_slug` ...). */
const PASSAGE = tableColumns(
  's',
  { slug: 'text', quote: 'text', stance: 'text', startOffset: 'integer', quoteStart: 'integer', quoteEnd: 'integer', quotePrefix: 'text', quoteSuffix: 'text' },
  'source',
);
/** What a passage shows of its document (`document_slug` ...). */
const PASSAGE_DOCUMENT = tableColumns(
  'sd',
  { slug: 'text', title: 'text', publisher: 'text?', publishedStart: 'text?', publishedPrecision: 'text?', publishedQualifier: 'text?' },
  'document',
);

/**
 * What a source is shown with, for a query reading the passage as `s` and its document as `sd`: join
 * SOURCE_DOCUMENT after the passage. Every source in every response is read through these and `readSource`.
 */
export const SOURCE_COLUMNS = sql`${PASSAGE.select}, ${PASSAGE_DOCUMENT.select}`;
export const SOURCE_DOCUMENT = raw('JOIN "Document" sd ON sd."id" = s."documentId"');

/** A source as the API shows it, from a row that selected SOURCE_COLUMNS. */
export function readSource(row: Record<string, unknown>): Source {
  const passage = PASSAGE.read(row);
  const document = PASSAGE_DOCUMENT.read(row);
  return {
    slug: passage.slug,
    quote: passage.quote,
    stance: passage.stance as Source['stance'],
    startOffset: passage.startOffset,
    document: {
      slug: document.slug,
      title: document.title,
      publisher: document.publisher,
      published: toPartialDate(document.publishedStart, document.publishedPrecision, document.publishedQualifier),
    },
    selector: [
      { type: 'TextQuoteSelector', exact: passage.quote, prefix: passage.quotePrefix, suffix: passage.quoteSuffix },
      { type: 'TextPositionSelector', start: passage.quoteStart, end: passage.quoteEnd },
    ],
  };
}

export function toVendorSummary(row: { slug: string; name: string; nameKo: string | null; kind: string }) {
  return { slug: row.slug, name: row.name, nameKo: row.nameKo, kind: row.kind as z.infer<typeof VendorSummarySchema>['kind'] };
}

export function toChipSummary(row: { slug: string; name: string; nameKo: string | null; kind: string; purpose: string | null }) {
  type ChipSummary = z.infer<typeof ChipSummarySchema>;
  return { slug: row.slug, name: row.name, nameKo: row.nameKo, kind: row.kind as ChipSummary['kind'], purpose: row.purpose as ChipSummary['purpose'] };
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

// SQL for the shapes above: the columns each shape needs, selected under a prefix so several can share a row,
// and the relation loaders that every resource's `load` uses. Lists of ids travel as one bound parameter.

/** What a company's summary is read from. */
const VENDOR_SUMMARY = { slug: 'text', name: 'text', nameKo: 'text?', kind: 'text' } as const satisfies Record<string, ColumnKind>;
/** What a chip's summary is read from. */
const CHIP_SUMMARY = { slug: 'text', name: 'text', nameKo: 'text?', kind: 'text', purpose: 'text?' } as const satisfies Record<string, ColumnKind>;
/** What a currency rate is read from (outer-joined: all null without a rate). */
const RATE = { unitsPerUsd: 'text?', asOfStart: 'text', asOfPrecision: 'text', source: 'text' } as const satisfies Record<string, ColumnKind>;

/** A vendor summary's columns from the table aliased `alias`, named `<prefix>_slug`, `<prefix>_name`, ... */
export function vendorSummaryColumns(alias: string, prefix: string): Sql {
  return tableColumns(alias, VENDOR_SUMMARY, prefix).select;
}

/** The summary selected by `vendorSummaryColumns`, or null where an outer join found no vendor. */
export function vendorSummaryOf(row: Record<string, unknown>, prefix: string): VendorSummaryRow | null {
  if (row[`${prefix}_slug`] === null || row[`${prefix}_slug`] === undefined) return null;
  return rowReader(VENDOR_SUMMARY, prefix)(row);
}

export type VendorSummaryRow = RowOf<typeof VENDOR_SUMMARY>;

export function chipSummaryColumns(alias: string, prefix: string): Sql {
  return tableColumns(alias, CHIP_SUMMARY, prefix).select;
}

export function chipSummaryOf(row: Record<string, unknown>, prefix: string) {
  return rowReader(CHIP_SUMMARY, prefix)(row);
}

/** A currency rate's columns from the table aliased `alias` (outer-joined: all null without a rate). */
export function rateColumns(alias: string, prefix: string): Sql {
  return tableColumns(alias, RATE, prefix).select;
}

export function rateOf(row: Record<string, unknown>, prefix: string): StoredRate | null {
  const rate = rowReader(RATE, prefix)(row);
  const { unitsPerUsd } = rate;
  return unitsPerUsd === null ? null : { ...rate, unitsPerUsd };
}

/** A JSON column's value; anything unparsable reads as null (the mappers then show their empty value). */
export function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** Rows grouped by a key, each group in query order. */
export function grouped<Row, Key>(rows: readonly Row[], keyOf: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Rows grouped by their `owner` column, each group in query order. */
export function groupByOwner<Row extends { owner: number }>(rows: readonly Row[]): Map<number, Row[]> {
  return grouped(rows, (row) => row.owner);
}

/** `build` for each id that has a row, in the order of `ids`. */
export function inIdOrder<Row extends { id: number }, Item>(ids: readonly number[], rows: Row[], build: (row: Row) => Item): Item[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [build(row)] : [];
  });
}

export type SourceOwner = 'vendor' | 'chip' | 'fundingRound' | 'deal' | 'statement';

/** Prisma's join tables for `sources`: column A is the model whose name sorts first. */
const SOURCE_LINKS: Record<SourceOwner, { table: string; owner: 'A' | 'B'; source: 'A' | 'B' }> = {
  vendor: { table: '_SourceToVendor', owner: 'B', source: 'A' },
  statement: { table: '_SourceToStatement', owner: 'B', source: 'A' },
  chip: { table: '_ChipToSource', owner: 'A', source: 'B' },
  fundingRound: { table: '_FundingRoundToSource', owner: 'A', source: 'B' },
  deal: { table: '_DealToSource', owner: 'A', source: 'B' },
};

/** The order sources are listed in: their documents in the order they were added, then text order. */
export const SOURCE_ORDER = raw('s."documentId", s."startOffset", s."id"');

/** The passages each record cites, by record id, documents in the order they were added and each in text order. */
export async function sourcesByOwner(reader: SqlReader, owner: SourceOwner, ids: readonly number[]): Promise<Map<number, Source[]>> {
  const link = SOURCE_LINKS[owner];
  const rows = await reader.all<Record<string, unknown> & { owner: number }>(
    sql`SELECT l.${raw(`"${link.owner}"`)} AS "owner", ${SOURCE_COLUMNS} FROM ${raw(`"${link.table}"`)} l
        JOIN "Source" s ON s."id" = l.${raw(`"${link.source}"`)} ${SOURCE_DOCUMENT}
        WHERE l.${raw(`"${link.owner}"`)} IN ${valuesList(ids)} ORDER BY ${SOURCE_ORDER}`,
  );
  return new Map([...groupByOwner(rows)].map(([owner, cited]) => [owner, cited.map(readSource)]));
}

/** The join table and columns linking records of `owner` to their sources, for conditions over citations. */
export function sourceLink(owner: SourceOwner) {
  return SOURCE_LINKS[owner];
}
