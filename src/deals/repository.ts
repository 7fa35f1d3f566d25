// Deal data access: filters, sort fields, the parties relation, and rows → API deals.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import type { FilterField } from '../shared/filters.js';
import type { SortFields } from '../shared/list-query.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
import { prismaReads } from '../shared/resource-routes.js';
import { rateSelect, sourcesInArticleOrder, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import { DealKindSchema, DealStatusSchema } from '../shared/vocabulary.js';
import type { DealSchema } from './schemas.js';

type Deal = z.infer<typeof DealSchema>;

export const dealFilters: FilterField[] = [
  { kind: 'reference', name: 'vendor', description: 'With this company as a party', example: 'amazon', where: (slugs) => ({ parties: { some: { vendor: { slug: { in: slugs } } } } }) },
  { kind: 'enum', name: 'kind', column: 'kind', values: DealKindSchema, description: 'Kind of deal.' },
  { kind: 'enum', name: 'status', column: 'status', values: DealStatusSchema, description: 'Where the deal stands (`considering` for ones only being weighed).' },
  { kind: 'date', name: 'date', prefix: 'date', description: 'Dated', yearParam: 'year', examples: { from: '2015', to: '2015-12-31', year: 2015 } },
  { kind: 'text', name: 'name', table: 'Deal', description: "Title (English or Korean), or a party's name or alias", examples: { contains: 'annapurna', q: '인수' } },
];

export const dealSortFields = {
  date: { field: 'dateStart', nullable: true, type: 'text' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  title: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the title folded to lower case, NFKC).' },
} satisfies SortFields;

const baseSelect = {
  id: true,
  slug: true,
  title: true,
  // The `title` sort field: cursors carry the row's value of it.
  sortKey: true,
  titleKo: true,
  kind: true,
  status: true,
  dateStart: true,
  datePrecision: true,
  dateQualifier: true,
  amount: true,
  currency: true,
  amountNotation: true,
  rate: { select: rateSelect },
  description: true,
  sources: sourcesInArticleOrder,
} as const satisfies Prisma.DealSelect;

const partiesSelect = {
  select: { role: true, description: true, vendor: { select: vendorSummarySelect } },
  orderBy: { id: 'asc' },
} as const;

type DealRow = Prisma.DealGetPayload<{ select: typeof baseSelect }> & {
  parties?: Prisma.DealPartyGetPayload<{ select: typeof partiesSelect.select }>[];
};

function selectFor(include: ReadonlySet<string>) {
  return { ...baseSelect, ...(include.has('parties') ? { parties: partiesSelect } : {}) };
}




export function toDeal(row: DealRow): Deal {
  type Party = NonNullable<Deal['parties']>[number];
  return {
    slug: row.slug,
    title: row.title,
    titleKo: row.titleKo,
    kind: row.kind as Deal['kind'],
    status: row.status as Deal['status'],
    date: toPartialDate(row.dateStart, row.datePrecision, row.dateQualifier),
    amount: toMoney(row.amount, row.currency, row.amountNotation, row.rate),
    description: row.description,
    ...(row.parties && {
      parties: row.parties.map((party) => ({
        vendor: party.vendor ? toVendorSummary(party.vendor) : null,
        role: party.role as Party['role'],
        description: party.description,
      })),
    }),
    sources: row.sources.map(toSource),
  };
}

export const dealReads = prismaReads<DealRow>((db) => db.deal, selectFor);
