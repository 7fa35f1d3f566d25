// Chip data access: the chip resource's filters, sort fields and relations, and the mapping of rows to the
// API's chip shape.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.js';
import type { FilterField } from '../shared/filters.js';
import type { SortFields } from '../shared/list-query.js';
import { toPartialDate } from '../shared/partial-date.js';
import { prismaReads } from '../shared/resource-routes.js';
import { sourceSelect, sourcesInArticleOrder, stringArray, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import { ChipKindSchema, ChipPurposeSchema } from '../shared/vocabulary.js';
import type { ChipSchema } from './schemas.js';

type Chip = z.infer<typeof ChipSchema>;

export const chipFilters: FilterField[] = [
  { kind: 'reference', name: 'vendor', description: 'Designed by this company', example: 'microsoft', where: (slugs) => ({ designer: { slug: { in: slugs } } }) },
  { kind: 'reference', name: 'partner', description: 'Co-developed or made by this company', example: 'marvell-technology', where: (slugs) => ({ partners: { some: { vendor: { slug: { in: slugs } } } } }) },
  { kind: 'enum', name: 'kind', column: 'kind', values: ChipKindSchema, description: 'Kind of chip.' },
  { kind: 'enum', name: 'purpose', column: 'purpose', values: ChipPurposeSchema, description: 'What the chip is for.', examples: ['inference', 'training_and_inference'] },
  { kind: 'integer', name: 'generation', column: 'generation', min: 0, max: 1000, description: 'Product generation', example: 4 },
  { kind: 'date', name: 'announced', prefix: 'announced', description: 'Announced', yearParam: 'announcedYear' },
  { kind: 'date', name: 'available', prefix: 'available', description: 'Available' },
  { kind: 'text', name: 'name', table: 'Chip', description: 'English or Korean name or alias', examples: { contains: 'tpu', q: '마이아' } },
];

export const chipSortFields = {
  name: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the name folded to lower case, NFKC).' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  announced: { field: 'announcedStart', nullable: true, type: 'text' },
  available: { field: 'availableStart', nullable: true, type: 'text' },
  generation: { field: 'generation', nullable: true, type: 'integer' },
} satisfies SortFields;

const baseSelect = {
  id: true,
  slug: true,
  name: true,
  // The `name` sort field: cursors carry the row's value of it.
  sortKey: true,
  nameKo: true,
  aliases: true,
  kind: true,
  purpose: true,
  architecture: true,
  generation: true,
  description: true,
  announcedStart: true,
  announcedPrecision: true,
  announcedQualifier: true,
  availableStart: true,
  availablePrecision: true,
  availableQualifier: true,
  designer: { select: vendorSummarySelect },
  sources: sourcesInArticleOrder,
} as const satisfies Prisma.ChipSelect;

const relationSelects = {
  partners: {
    select: { role: true, vendor: { select: vendorSummarySelect }, source: { select: sourceSelect } },
    orderBy: { vendorId: 'asc' },
  },
  specs: {
    select: { key: true, value: true, text: true, unit: true, bound: true, notation: true, source: { select: sourceSelect } },
    orderBy: { id: 'asc' },
  },
  deployments: {
    select: {
      kind: true,
      name: true,
      nameKo: true,
      description: true,
      vendor: { select: vendorSummarySelect },
      unitCount: true,
      unitCountBound: true,
      unitCountNotation: true,
      status: true,
      startStart: true,
      startPrecision: true,
      startQualifier: true,
      source: { select: sourceSelect },
    },
    orderBy: { id: 'asc' },
  },
} as const satisfies Prisma.ChipSelect;

type ChipRow = Prisma.ChipGetPayload<{ select: typeof baseSelect & Partial<typeof relationSelects> }>;
type FullRow = Prisma.ChipGetPayload<{ select: typeof baseSelect & typeof relationSelects }>;

function selectFor(include: ReadonlySet<string>) {
  return {
    ...baseSelect,
    ...(include.has('partners') ? { partners: relationSelects.partners } : {}),
    ...(include.has('specs') ? { specs: relationSelects.specs } : {}),
    ...(include.has('deployments') ? { deployments: relationSelects.deployments } : {}),
  };
}




export function toChip(row: ChipRow): Chip {
  const full = row as unknown as Partial<FullRow>;
  return {
    slug: row.slug,
    name: row.name,
    nameKo: row.nameKo,
    aliases: stringArray(row.aliases),
    kind: row.kind as Chip['kind'],
    purpose: row.purpose as Chip['purpose'],
    architecture: row.architecture,
    generation: row.generation,
    description: row.description,
    designer: toVendorSummary(row.designer),
    announced: toPartialDate(row.announcedStart, row.announcedPrecision, row.announcedQualifier),
    available: toPartialDate(row.availableStart, row.availablePrecision, row.availableQualifier),
    sources: row.sources.map(toSource),
    ...(full.partners && {
      partners: full.partners.map((partner) => ({
        vendor: toVendorSummary(partner.vendor),
        role: partner.role as NonNullable<Chip['partners']>[number]['role'],
        source: toSource(partner.source),
      })),
    }),
    ...(full.specs && {
      specs: full.specs.map((spec) => ({
        key: spec.key as NonNullable<Chip['specs']>[number]['key'],
        value: spec.value,
        text: spec.text,
        unit: spec.unit,
        bound: spec.bound as NonNullable<Chip['specs']>[number]['bound'],
        notation: spec.notation,
        source: toSource(spec.source),
      })),
    }),
    ...(full.deployments && {
      deployments: full.deployments.map((deployment) => {
        type Deployment = NonNullable<Chip['deployments']>[number];
        return {
          kind: deployment.kind as Deployment['kind'],
          name: deployment.name,
          nameKo: deployment.nameKo,
          description: deployment.description,
          vendor: deployment.vendor ? toVendorSummary(deployment.vendor) : null,
          unitCount: deployment.unitCount,
          unitCountBound: deployment.unitCountBound as Deployment['unitCountBound'],
          unitCountNotation: deployment.unitCountNotation,
          status: deployment.status as Deployment['status'],
          start: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier),
          source: toSource(deployment.source),
        };
      }),
    }),
  };
}

export const chipReads = prismaReads<ChipRow>((db) => db.chip, selectFor);
