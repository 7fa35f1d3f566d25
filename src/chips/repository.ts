// Chip data access: the chip resource's filters, sort fields and relations, and the mapping of rows to the
// API's chip shape.
import type { z } from 'zod';
import { sql, valuesList, type SqlReader } from '../db/sql.js';
import { curatedFields, listed, datedPaths, withCurated, withYearBasis } from '../records/curated.js';
import type { FilterField } from '../records/filters.js';
import type { SortFields } from '../records/list-query.js';
import { toPartialDate } from '../domain/partial-date.js';
import {
  groupByOwner,
  inIdOrder,
  jsonOf,
  readSource,
  sourcesByOwner,
  SOURCE_COLUMNS,
  SOURCE_DOCUMENT,
  stringArray,
  toVendorSummary,
  vendorSummaryColumns,
  vendorSummaryOf,
  type VendorSummaryRow,
} from '../records/views.js';
import { ChipKindSchema, ChipPurposeSchema } from '../domain/vocabulary.js';
import { CHIP_INCLUDES, ChipSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { tableColumns, type ColumnsRow } from '../records/columns.js';
import { RESOURCES } from '../domain/resources.js';

type Chip = z.infer<typeof ChipSchema>;

export const chipFilters: FilterField[] = [
  {
    kind: 'reference',
    references: 'vendor',
    name: 'vendor',
    description: 'Designed by this company',
    example: 'microsoft',
    where: (slugs) => sql`"designerId" IN (SELECT "id" FROM "Vendor" WHERE "slug" IN ${slugs})`,
  },
  {
    kind: 'reference',
    references: 'vendor',
    name: 'partner',
    description: 'Co-developed or made by this company',
    example: 'marvell-technology',
    where: (slugs) =>
      sql`"id" IN (SELECT p."chipId" FROM "ChipPartner" p JOIN "Vendor" v ON v."id" = p."vendorId" WHERE v."slug" IN ${slugs})`,
  },
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

type SourceRow = Chip['sources'][number];

/** The columns of "Chip" a chip is built from. */
const CHIP_COLUMNS = tableColumns('c', {
  id: 'integer',
  slug: 'text',
  name: 'text',
  nameKo: 'text?',
  aliases: 'json',
  kind: 'text',
  purpose: 'text?',
  architecture: 'text?',
  generation: 'integer?',
  description: 'text?',
  announcedStart: 'text?',
  announcedPrecision: 'text?',
  announcedQualifier: 'text?',
  availableStart: 'text?',
  availablePrecision: 'text?',
  availableQualifier: 'text?',
  curated: 'json',
});
/** The columns of "ChipSpec" a spec is built from. */
const SPEC_COLUMNS = tableColumns('x', { key: 'text', value: 'number?', text: 'text?', unit: 'text?', bound: 'text', notation: 'text?' });
/** The columns of "ChipDeployment" a deployment is built from. */
const DEPLOYMENT_COLUMNS = tableColumns('x', {
  kind: 'text',
  name: 'text',
  nameKo: 'text?',
  description: 'text?',
  unitCount: 'integer?',
  unitCountBound: 'text?',
  unitCountNotation: 'text?',
  status: 'text',
  startStart: 'text?',
  startPrecision: 'text?',
  startQualifier: 'text?',
});

/** A chip as stored, with its designer and sources, and the relations that were asked for. */
type ChipRow = ColumnsRow<typeof CHIP_COLUMNS> & {
  designer: VendorSummaryRow;
  sources: SourceRow[];
  partners?: { role: string; vendor: VendorSummaryRow; source: SourceRow }[];
  specs?: (ColumnsRow<typeof SPEC_COLUMNS> & { source: SourceRow })[];
  deployments?: (ColumnsRow<typeof DEPLOYMENT_COLUMNS> & { vendor: VendorSummaryRow | null; source: SourceRow })[];
};
type FullRow = Required<ChipRow>;

/** The chips with these ids, their designer, sources and the relations in `include`: one query each. */
async function loadChipRows(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<ChipRow[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const [chips, sources, partners, specs, deployments] = await Promise.all([
    reader.all<Record<string, unknown> & { id: number }>(
      sql`SELECT ${CHIP_COLUMNS.select}, ${vendorSummaryColumns('d', 'designer')}
          FROM "Chip" c JOIN "Vendor" d ON d."id" = c."designerId" WHERE c."id" IN ${idList}`,
    ),
    sourcesByOwner(reader, 'chip', ids),
    include.has('partners')
      ? reader.all<Record<string, unknown> & { owner: number }>(
          sql`SELECT p."chipId" AS "owner", p."role", ${vendorSummaryColumns('v', 'vendor')}, ${SOURCE_COLUMNS}
              FROM "ChipPartner" p JOIN "Vendor" v ON v."id" = p."vendorId" JOIN "Source" s ON s."id" = p."sourceId" ${SOURCE_DOCUMENT}
              WHERE p."chipId" IN ${idList} ORDER BY p."vendorId"`,
        )
      : undefined,
    include.has('specs')
      ? reader.all<Record<string, unknown> & { owner: number }>(
          sql`SELECT x."chipId" AS "owner", ${SPEC_COLUMNS.select}, ${SOURCE_COLUMNS}
              FROM "ChipSpec" x JOIN "Source" s ON s."id" = x."sourceId" ${SOURCE_DOCUMENT} WHERE x."chipId" IN ${idList} ORDER BY x."id"`,
        )
      : undefined,
    include.has('deployments')
      ? reader.all<Record<string, unknown> & { owner: number }>(
          sql`SELECT x."chipId" AS "owner", ${DEPLOYMENT_COLUMNS.select}, ${vendorSummaryColumns('v', 'vendor')}, ${SOURCE_COLUMNS}
              FROM "ChipDeployment" x LEFT JOIN "Vendor" v ON v."id" = x."vendorId" JOIN "Source" s ON s."id" = x."sourceId" ${SOURCE_DOCUMENT}
              WHERE x."chipId" IN ${idList} ORDER BY x."id"`,
        )
      : undefined,
  ]);
  const partnersOf = partners && groupByOwner(partners);
  const specsOf = specs && groupByOwner(specs);
  const deploymentsOf = deployments && groupByOwner(deployments);
  return inIdOrder(ids, chips, (chip): ChipRow => ({
    ...CHIP_COLUMNS.read(chip),
    aliases: jsonOf(chip.aliases),
    designer: vendorSummaryOf(chip, 'designer')!,
    sources: sources.get(chip.id) ?? [],
    ...(partnersOf && {
      partners: (partnersOf.get(chip.id) ?? []).map((row) => ({ role: row.role as string, vendor: vendorSummaryOf(row, 'vendor')!, source: readSource(row) })),
    }),
    ...(specsOf && { specs: (specsOf.get(chip.id) ?? []).map((row) => ({ ...SPEC_COLUMNS.read(row), source: readSource(row) })) }),
    ...(deploymentsOf && {
      deployments: (deploymentsOf.get(chip.id) ?? []).map((row) => ({
        ...DEPLOYMENT_COLUMNS.read(row),
        vendor: vendorSummaryOf(row, 'vendor'),
        source: readSource(row),
      })),
    }),
  }));
}

export function toChip(row: ChipRow): Chip {
  const full = row as unknown as Partial<FullRow>;
  const aliases = stringArray(row.aliases);
  const announced = withYearBasis(toPartialDate(row.announcedStart, row.announcedPrecision, row.announcedQualifier), row.sources);
  const available = withYearBasis(toPartialDate(row.availableStart, row.availablePrecision, row.availableQualifier), row.sources);
  const deployments = full.deployments?.map((deployment) => ({
    deployment,
    start: withYearBasis(toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier), [deployment.source]),
  }));
  return {
    slug: row.slug,
    name: row.name,
    nameKo: row.nameKo,
    aliases,
    kind: row.kind as Chip['kind'],
    purpose: row.purpose as Chip['purpose'],
    architecture: row.architecture,
    generation: row.generation,
    description: row.description,
    designer: toVendorSummary(row.designer),
    announced,
    available,
    curated: withCurated(
      curatedFields(
        row.curated,
        [['name', row.name], ['nameKo', row.nameKo], ...listed('aliases', aliases), ['architecture', row.architecture]],
        row.sources.map((source) => source.quote),
      ),
      datedPaths([['announced', announced], ['available', available], ...(deployments ?? []).map(({ start }, index): [string, typeof start] => [`deployments.${index}.start`, start])]),
    ),
    sources: row.sources,
    ...(full.partners && {
      partners: full.partners.map((partner) => ({
        vendor: toVendorSummary(partner.vendor),
        role: partner.role as NonNullable<Chip['partners']>[number]['role'],
        source: partner.source,
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
        source: spec.source,
      })),
    }),
    ...(deployments && {
      deployments: deployments.map(({ deployment, start }) => {
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
          start,
          source: deployment.source,
        };
      }),
    }),
  };
}

/** The chips with these ids as the API shows them. */
export async function loadChips(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<Chip[]> {
  return (await loadChipRows(reader, ids, include)).map(toChip);
}

/** The data half of chips' definition: what the write path and the reads need (src/records/definition.ts). */
export const chipRecord: RecordDefinition<typeof ChipSchema> = {
  ...RESOURCES.chip,
  itemSchema: ChipSchema,
  includes: CHIP_INCLUDES,
  load: loadChips,
};
