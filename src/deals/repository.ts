// Deal data access: filters, sort fields, the parties relation, and rows → API deals.
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
import { DealKindSchema, DealStatusSchema } from '../domain/vocabulary.js';
import { DEAL_INCLUDES, DealSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { tableColumns, type ColumnsRow } from '../records/columns.js';
import { RESOURCES } from '../domain/resources.js';

type Deal = z.infer<typeof DealSchema>;
type Source = Deal['sources'][number];

export const dealFilters: FilterField[] = [
  {
    kind: 'reference',
    references: 'vendor',
    name: 'vendor',
    description: 'With this company as a party',
    example: 'amazon',
    where: (slugs) => sql`"id" IN (SELECT p."dealId" FROM "DealParty" p JOIN "Vendor" v ON v."id" = p."vendorId" WHERE v."slug" IN ${slugs})`,
  },
  { kind: 'enum', name: 'kind', column: 'kind', values: DealKindSchema, description: 'Kind of deal.' },
  { kind: 'enum', name: 'status', column: 'status', values: DealStatusSchema, description: 'Where the deal stands (`considering` for ones only being weighed).' },
  { kind: 'date', name: 'date', prefix: 'date', description: 'Dated', yearParam: 'year', examples: { from: '2015', to: '2015-12-31', year: 2015 } },
  { kind: 'text', name: 'name', table: 'Deal', description: "Title (English or Korean), or a party's name or alias", examples: { contains: 'annapurna', q: '인수' } },
];

export const dealSortFields = {
  date: { field: 'dateStart', nullable: true, type: 'text' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  title: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the title folded to lower case, NFKC).' },
  amount: {
    field: 'amount',
    nullable: true,
    type: 'bigint',
    note: "in each deal's own currency, so 1 KRW and 1 USD count the same: sort by `amountUsd` to compare across currencies.",
  },
  amountUsd: {
    field: 'amountUsd',
    nullable: true,
    type: 'bigint',
    note: "in US dollars, each deal converted on its own stated basis (`amount.usd`); deals with no amount or no basis last.",
  },
} satisfies SortFields;

type Row = Record<string, unknown>;

/** The columns of "Deal" a deal is built from. */
const DEAL_COLUMNS = tableColumns('d', {
  id: 'integer',
  slug: 'text',
  title: 'text',
  titleKo: 'text?',
  kind: 'text',
  status: 'text',
  dateStart: 'text?',
  datePrecision: 'text?',
  dateQualifier: 'text?',
  amount: 'exact?',
  currency: 'text?',
  amountNotation: 'text?',
  description: 'text?',
  curated: 'json',
});

type DealRow = ColumnsRow<typeof DEAL_COLUMNS> & {
  rate: ReturnType<typeof rateOf>;
  sources: Source[];
  parties?: { role: string; description: string | null; vendor: { slug: string; name: string; nameKo: string | null; kind: string } | null }[];
};

/** The deals with these ids, their rate and sources, and parties when asked for: one query each. */
export async function loadDeals(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<Deal[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const [deals, sources, parties] = await Promise.all([
    reader.all<Row & { id: number }>(
      sql`SELECT ${DEAL_COLUMNS.select}, ${rateColumns('rt', 'rate')}
          FROM "Deal" d LEFT JOIN "CurrencyRate" rt ON rt."id" = d."rateId" WHERE d."id" IN ${idList}`,
    ),
    sourcesByOwner(reader, 'deal', ids),
    include.has('parties')
      ? reader
          .all<Row & { owner: number }>(
            sql`SELECT p."dealId" AS "owner", p."role", p."description", ${vendorSummaryColumns('v', 'vendor')}
                FROM "DealParty" p LEFT JOIN "Vendor" v ON v."id" = p."vendorId" WHERE p."dealId" IN ${idList} ORDER BY p."id"`,
          )
          .then(groupByOwner)
      : undefined,
  ]);
  return inIdOrder(ids, deals, (deal) =>
    toDeal({
      ...DEAL_COLUMNS.read(deal),
      rate: rateOf(deal, 'rate'),
      sources: sources.get(deal.id) ?? [],
      ...(parties && {
        parties: (parties.get(deal.id) ?? []).map((party) => ({
          role: party.role as string,
          description: party.description as string | null,
          vendor: vendorSummaryOf(party, 'vendor'),
        })),
      }),
    }),
  );
}

function toDeal(row: DealRow): Deal {
  type Party = NonNullable<Deal['parties']>[number];
  const date = withYearBasis(toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier), row.sources);
  return {
    slug: row.slug,
    title: row.title,
    titleKo: row.titleKo,
    kind: row.kind as Deal['kind'],
    status: row.status as Deal['status'],
    date,
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    description: row.description,
    ...(row.parties && {
      parties: row.parties.map((party) => ({
        vendor: party.vendor ? toVendorSummary(party.vendor) : null,
        role: party.role as Party['role'],
        description: party.description,
      })),
    }),
    curated: withCurated(
      curatedFields(row.curated, [['title', row.title], ['titleKo', row.titleKo]], row.sources.map((source) => source.quote)),
      datedPaths([['date', date]]),
    ),
    sources: row.sources,
  };
}

/** The data half of deals' definition: what the write path and the reads need (src/records/definition.ts). */
export const dealRecord: RecordDefinition<typeof DealSchema> = {
  ...RESOURCES.deal,
  itemSchema: DealSchema,
  includes: DEAL_INCLUDES,
  load: loadDeals,
};
