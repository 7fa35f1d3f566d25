// Funding round data access: filters, sort fields, the investors relation, and rows → API rounds.
import type { z } from 'zod';
import { sql, valuesList, type SqlReader } from '../db/sql.js';
import type { FilterField } from '../records/filters.js';
import type { SortFields } from '../records/list-query.js';
import { toMoney } from '../records/views.js';
import { curatedFields, datedPaths, withCurated, withYearBasis } from '../records/curated.js';
import { toPartialDate } from '../domain/partial-date.js';
import {
  groupByOwner,
  inIdOrder,
  rateColumns,
  rateOf,
  sourcesByOwner,
  toVendorSummary,
  vendorSummaryColumns,
  vendorSummaryOf,
} from '../records/views.js';
import { CurrencySchema, RoundTypeSchema } from '../domain/vocabulary.js';
import { FUNDING_ROUND_INCLUDES, FundingRoundSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { tableColumns, type ColumnsRow } from '../records/columns.js';
import { RESOURCES } from '../domain/resources.js';

type FundingRound = z.infer<typeof FundingRoundSchema>;
type Source = FundingRound['sources'][number];

export const fundingRoundFilters: FilterField[] = [
  {
    kind: 'reference',
    references: 'vendor',
    name: 'company',
    description: 'Raised by this company',
    example: 'd-matrix',
    where: (slugs) => sql`"companyId" IN (SELECT "id" FROM "Vendor" WHERE "slug" IN ${slugs})`,
  },
  {
    kind: 'reference',
    references: 'vendor',
    name: 'investor',
    description: 'Invested in by this company',
    example: 'samsung',
    where: (slugs) => sql`"id" IN (SELECT i."A" FROM "_RoundInvestors" i JOIN "Vendor" v ON v."id" = i."B" WHERE v."slug" IN ${slugs})`,
  },
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
    note: "in each round's own currency, so 1 KRW and 1 USD count the same: add `currency=` to compare like with like, or sort by `amountUsd`.",
  },
  amountUsd: {
    field: 'amountUsd',
    nullable: true,
    type: 'bigint',
    note: "in US dollars, each round converted on its own stated basis (`amount.usd`); rounds with no amount or no basis last.",
  },
} satisfies SortFields;

type Row = Record<string, unknown>;

/** The columns of "FundingRound" a round is built from. */
const ROUND_COLUMNS = tableColumns('r', {
  id: 'integer',
  slug: 'text',
  roundType: 'text',
  amount: 'exact?',
  currency: 'text?',
  amountNotation: 'text?',
  dateStart: 'text?',
  datePrecision: 'text?',
  dateQualifier: 'text?',
  investorsPartial: 'boolean',
  valuation: 'exact?',
  valuationNotation: 'text?',
  valuationStance: 'text?',
  cumulativeAmount: 'exact?',
  cumulativeNotation: 'text?',
  description: 'text?',
  curated: 'json',
});

/** The rounds with these ids, their company, rate and sources, and investors when asked for: one query each. */
export async function loadFundingRounds(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<FundingRound[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const [rounds, sources, investors] = await Promise.all([
    reader.all<Row & { id: number }>(
      sql`SELECT ${ROUND_COLUMNS.select}, ${vendorSummaryColumns('co', 'company')}, ${rateColumns('rt', 'rate')}
          FROM "FundingRound" r JOIN "Vendor" co ON co."id" = r."companyId" LEFT JOIN "CurrencyRate" rt ON rt."id" = r."rateId"
          WHERE r."id" IN ${idList}`,
    ),
    sourcesByOwner(reader, 'fundingRound', ids),
    include.has('investors')
      ? reader
          .all<Row & { owner: number }>(
            sql`SELECT i."A" AS "owner", ${vendorSummaryColumns('v', 'vendor')} FROM "_RoundInvestors" i JOIN "Vendor" v ON v."id" = i."B"
                WHERE i."A" IN ${idList} ORDER BY v."sortKey", v."id"`,
          )
          .then(groupByOwner)
      : undefined,
  ]);
  return inIdOrder(ids, rounds, (round) =>
    toFundingRound({
      ...ROUND_COLUMNS.read(round),
      company: vendorSummaryOf(round, 'company')!,
      rate: rateOf(round, 'rate'),
      sources: sources.get(round.id) ?? [],
      ...(investors && { investors: (investors.get(round.id) ?? []).map((row) => vendorSummaryOf(row, 'vendor')!) }),
    }),
  );
}

type RoundRow = ColumnsRow<typeof ROUND_COLUMNS> & {
  company: { slug: string; name: string; nameKo: string | null; kind: string };
  rate: ReturnType<typeof rateOf>;
  sources: Source[];
  investors?: { slug: string; name: string; nameKo: string | null; kind: string }[];
};

function toFundingRound(row: RoundRow): FundingRound {
  const date = withYearBasis(toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier), row.sources);
  return {
    slug: row.slug,
    company: toVendorSummary(row.company),
    roundType: row.roundType as FundingRound['roundType'],
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    date,
    ...(row.investors && { investors: row.investors.map(toVendorSummary) }),
    investorsPartial: row.investorsPartial,
    // Valuations and cumulative totals are in the round's currency and convert on the round's basis.
    valuation: toMoney(row.valuation, row.currency, row.valuationNotation, row.rate),
    valuationStance: row.valuationStance as FundingRound['valuationStance'],
    cumulativeAmount: toMoney(row.cumulativeAmount, row.currency, row.cumulativeNotation, row.rate),
    description: row.description,
    // A round has no name of its own: nothing of it is text to find in its passages; its date may be the document's.
    curated: withCurated(curatedFields(row.curated, [], []), datedPaths([['date', date]])),
    sources: row.sources,
  };
}

/** The data half of funding rounds' definition: what the write path and the reads need (src/records/definition.ts). */
export const fundingRoundRecord: RecordDefinition<typeof FundingRoundSchema> = {
  ...RESOURCES.fundingRound,
  itemSchema: FundingRoundSchema,
  includes: FUNDING_ROUND_INCLUDES,
  load: loadFundingRounds,
};
