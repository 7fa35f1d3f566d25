// Source data access: filters, sort fields, the records citing a passage, and rows → API sources.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import type { FilterField } from '../shared/filters.js';
import type { SortFields } from '../shared/list-query.js';
import { prismaReads } from '../shared/resource-routes.js';
import { StanceSchema } from '../shared/vocabulary.js';
import type { SourceRecordSchema } from './schemas.js';

type SourceRecord = z.infer<typeof SourceRecordSchema>;

export const sourceFilters: FilterField[] = [
  { kind: 'enum', name: 'stance', column: 'stance', values: StanceSchema, description: 'How the article frames the passage.' },
  { kind: 'text', name: 'quote', table: 'Source', description: "The quote, ignoring spaces and the article's line breaks,", examples: { contains: 'TPU', q: '마이아' } },
  {
    kind: 'reference',
    name: 'vendor',
    description: 'Cited by this company',
    example: 'd-matrix',
    where: (slugs) => ({ vendors: { some: { slug: { in: slugs } } } }),
  },
  {
    kind: 'reference',
    name: 'chip',
    description: 'Cited by this chip (its own record, specs, partners or deployments)',
    example: 'sambanova-sn40l',
    where: (slugs) => ({
      OR: [
        { chips: { some: { slug: { in: slugs } } } },
        { chipSpecs: { some: { chip: { slug: { in: slugs } } } } },
        { chipPartners: { some: { chip: { slug: { in: slugs } } } } },
        { chipDeployments: { some: { chip: { slug: { in: slugs } } } } },
      ],
    }),
  },
];

export const sourceSortFields = {
  position: { field: 'startOffset', nullable: false, type: 'integer' },
  slug: { field: 'slug', nullable: false, type: 'text' },
} satisfies SortFields;

const slugs = { select: { slug: true }, orderBy: { slug: 'asc' } } as const;

const baseSelect = { id: true, slug: true, quote: true, stance: true, startOffset: true } as const satisfies Prisma.SourceSelect;
const citationsSelect = { vendors: slugs, chips: slugs, fundingRounds: slugs, deals: slugs } as const;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof baseSelect }> &
  Partial<Prisma.SourceGetPayload<{ select: typeof citationsSelect }>>;

function selectFor(include: ReadonlySet<string>) {
  return { ...baseSelect, ...(include.has('citedBy') ? citationsSelect : {}) };
}

export function toSourceRecord(row: SourceRow): SourceRecord {
  const names = (rows: { slug: string }[] | undefined) => (rows ?? []).map((item) => item.slug);
  return {
    slug: row.slug,
    quote: row.quote,
    stance: row.stance as SourceRecord['stance'],
    startOffset: row.startOffset,
    ...(row.vendors && {
      citedBy: { vendors: names(row.vendors), chips: names(row.chips), fundingRounds: names(row.fundingRounds), deals: names(row.deals) },
    }),
  };
}

export const sourceReads = prismaReads<SourceRow>((db) => db.source, selectFor);
