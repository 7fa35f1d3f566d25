// Chip data access: reads from Prisma and shapes rows into the API's chip views.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { keysetOrderBy, keysetWhere, paginate } from '../shared/list-query.js';
import { idsMatching } from '../shared/search.js';
import { toPartialDate } from '../shared/partial-date.js';
import { NotFoundProblem } from '../shared/problem.js';
import { sourceSelect, sourcesInArticleOrder, stringArray, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import type { ChipDetailSchema, ChipSchema, ListChipsQuery } from './schemas.js';

type Chip = z.infer<typeof ChipSchema>;
type ChipDetail = z.infer<typeof ChipDetailSchema>;

const chipSelect = {
  id: true,
  slug: true,
  name: true,
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

type ChipRow = Prisma.ChipGetPayload<{ select: typeof chipSelect }>;

function toChip(row: ChipRow): Chip {
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
  };
}

export async function listChips(db: Database, query: ListChipsQuery) {
  const filters: Prisma.ChipWhereInput[] = [];
  if (query.vendor) filters.push({ designer: { slug: query.vendor } });
  if (query.partner) filters.push({ partners: { some: { vendor: { slug: query.partner } } } });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.purpose) filters.push({ purpose: query.purpose });
  // Dates are stored as the first day of their period, so any precision falls inside its year.
  if (query.announcedYear !== undefined) {
    filters.push({ announcedStart: { gte: `${query.announcedYear}-01-01`, lte: `${query.announcedYear}-12-31` } });
  }
  if (query.q) filters.push({ id: { in: await idsMatching(db, 'Chip', query.q) } });
  const after = keysetWhere(query.cursor, query.sort);
  if (after) filters.push(after as Prisma.ChipWhereInput);

  const rows = await db.chip.findMany({
    where: { AND: filters },
    orderBy: keysetOrderBy(query.sort.keys) as Prisma.ChipOrderByWithRelationInput[],
    take: query.limit + 1,
    select: chipSelect,
  });
  const page = paginate(rows, query.limit, query.sort);
  return { data: page.rows.map(toChip), page: { limit: query.limit, nextCursor: page.nextCursor } };
}

export async function getChip(db: Database, slug: string): Promise<ChipDetail> {
  const row = await db.chip.findUnique({
    where: { slug },
    select: {
      ...chipSelect,
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
    },
  });
  if (!row) throw new NotFoundProblem(`No chip with slug '${slug}'.`);
  type Detail = ChipDetail;
  return {
    ...toChip(row),
    partners: row.partners.map((partner) => ({
      vendor: toVendorSummary(partner.vendor),
      role: partner.role as Detail['partners'][number]['role'],
      source: toSource(partner.source),
    })),
    specs: row.specs.map((spec) => ({
      key: spec.key as Detail['specs'][number]['key'],
      value: spec.value,
      text: spec.text,
      unit: spec.unit,
      bound: spec.bound as Detail['specs'][number]['bound'],
      notation: spec.notation,
      source: toSource(spec.source),
    })),
    deployments: row.deployments.map((deployment) => ({
      kind: deployment.kind as Detail['deployments'][number]['kind'],
      name: deployment.name,
      nameKo: deployment.nameKo,
      description: deployment.description,
      vendor: deployment.vendor ? toVendorSummary(deployment.vendor) : null,
      unitCount: deployment.unitCount,
      unitCountBound: deployment.unitCountBound as Detail['deployments'][number]['unitCountBound'],
      unitCountNotation: deployment.unitCountNotation,
      status: deployment.status as Detail['deployments'][number]['status'],
      start: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier),
      source: toSource(deployment.source),
    })),
  };
}
