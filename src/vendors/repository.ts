// Vendor data access: reads from Prisma and shapes rows into the API's vendor views.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { keysetOrderBy, keysetWhere, paginate } from '../shared/list-query.js';
import { idsMatching } from '../shared/search.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
import { NotFoundProblem } from '../shared/problem.js';
import {
  chipSummarySelect,
  dealSummarySelect,
  fundingRoundSummarySelect,
  rateSelect,
  sourcesInArticleOrder,
  sourceSelect,
  stringArray,
  toChipSummary,
  toDealSummary,
  toFundingRoundSummary,
  toSource,
  toVendorSummary,
  vendorSummarySelect,
} from '../shared/views.js';
import type { FounderSchema, ListVendorsQuery, VendorDetailSchema, VendorSchema } from './schemas.js';

type Vendor = z.infer<typeof VendorSchema>;
type VendorDetail = z.infer<typeof VendorDetailSchema>;
type VendorRole = Vendor['roles'][number];

/** What a vendor row needs to derive its roles. */
const roleEvidenceSelect = {
  _count: { select: { chipsDesigned: true, investments: true, fundingRounds: true, chipPartnerships: true } },
  dealParties: { select: { role: true } },
  deployments: { select: { chip: { select: { designerId: true } } } },
} as const;

const vendorSelect = {
  id: true,
  slug: true,
  name: true,
  nameKo: true,
  aliases: true,
  kind: true,
  country: true,
  foundedYear: true,
  founders: true,
  description: true,
  parent: { select: vendorSummarySelect },
  sources: sourcesInArticleOrder,
  ...roleEvidenceSelect,
} as const satisfies Prisma.VendorSelect;

type VendorRow = Prisma.VendorGetPayload<{ select: typeof vendorSelect }>;

/** The Prisma condition for each derived role, kept beside `deriveRoles` so the two cannot drift apart. */
const roleWhere: Record<VendorRole, Prisma.VendorWhereInput> = {
  designer: { chipsDesigned: { some: {} } },
  investor: { investments: { some: {} } },
  funded: { fundingRounds: { some: {} } },
  partner: { OR: [{ chipPartnerships: { some: {} } }, { dealParties: { some: { role: { in: ['partner', 'supplier'] } } } }] },
  // "Another company's chips" needs a column comparison Prisma cannot express; customers are resolved in two steps.
  customer: { dealParties: { some: { role: 'customer' } } },
  acquirer: { dealParties: { some: { role: 'acquirer' } } },
  acquired: { dealParties: { some: { role: 'target' } } },
};

function deriveRoles(row: Pick<VendorRow, '_count' | 'dealParties' | 'deployments'> & { id: number }): VendorRole[] {
  const partyRoles = new Set(row.dealParties.map((party) => party.role));
  const roles: [VendorRole, boolean][] = [
    ['designer', row._count.chipsDesigned > 0],
    ['investor', row._count.investments > 0],
    ['funded', row._count.fundingRounds > 0],
    ['partner', row._count.chipPartnerships > 0 || partyRoles.has('partner') || partyRoles.has('supplier')],
    ['customer', partyRoles.has('customer') || row.deployments.some((d) => d.chip.designerId !== row.id)],
    ['acquirer', partyRoles.has('acquirer')],
    ['acquired', partyRoles.has('target')],
  ];
  return roles.filter(([, has]) => has).map(([role]) => role);
}

function toFounders(value: unknown): z.infer<typeof FounderSchema>[] {
  if (!Array.isArray(value)) return [];
  return value.map((founder: { name?: unknown; nameKo?: unknown }) => ({
    name: String(founder.name ?? ''),
    nameKo: typeof founder.nameKo === 'string' ? founder.nameKo : null,
  }));
}

function toVendor(row: VendorRow): Vendor {
  return {
    slug: row.slug,
    name: row.name,
    nameKo: row.nameKo,
    aliases: stringArray(row.aliases),
    kind: row.kind as Vendor['kind'],
    roles: deriveRoles(row),
    country: row.country,
    foundedYear: row.foundedYear,
    founders: toFounders(row.founders),
    description: row.description,
    parent: row.parent ? toVendorSummary(row.parent) : null,
    sources: row.sources.map(toSource),
  };
}

async function customerIds(db: Database): Promise<number[]> {
  const deployments = await db.chipDeployment.findMany({
    where: { vendorId: { not: null } },
    select: { vendorId: true, chip: { select: { designerId: true } } },
  });
  return deployments.filter((d) => d.vendorId !== d.chip.designerId).map((d) => d.vendorId!);
}

export async function listVendors(db: Database, query: ListVendorsQuery) {
  const filters: Prisma.VendorWhereInput[] = [];
  if (query.kind) filters.push({ kind: query.kind });
  if (query.country) filters.push({ country: query.country });
  if (query.q) filters.push({ id: { in: await idsMatching(db, 'Vendor', query.q) } });
  if (query.role === 'customer') {
    filters.push({ OR: [roleWhere.customer, { id: { in: await customerIds(db) } }] });
  } else if (query.role) {
    filters.push(roleWhere[query.role]);
  }
  const after = keysetWhere(query.cursor, query.sort);
  if (after) filters.push(after as Prisma.VendorWhereInput);

  const rows = await db.vendor.findMany({
    where: { AND: filters },
    orderBy: keysetOrderBy(query.sort.keys) as Prisma.VendorOrderByWithRelationInput[],
    take: query.limit + 1,
    select: vendorSelect,
  });
  const page = paginate(rows, query.limit, query.sort);
  return { data: page.rows.map(toVendor), page: { limit: query.limit, nextCursor: page.nextCursor } };
}

export async function getVendor(db: Database, slug: string): Promise<VendorDetail> {
  const row = await db.vendor.findUnique({
    where: { slug },
    select: {
      ...vendorSelect,
      children: { select: vendorSummarySelect, orderBy: { name: 'asc' } },
      chipsDesigned: { select: chipSummarySelect, orderBy: { name: 'asc' } },
      chipPartnerships: {
        select: {
          role: true,
          source: { select: sourceSelect },
          chip: { select: { ...chipSummarySelect, designer: { select: vendorSummarySelect } } },
        },
      },
      deployments: {
        select: {
          kind: true,
          name: true,
          nameKo: true,
          status: true,
          startStart: true,
          startPrecision: true,
          startQualifier: true,
          source: { select: sourceSelect },
          chip: { select: { ...chipSummarySelect, designerId: true, designer: { select: vendorSummarySelect } } },
        },
        orderBy: { id: 'asc' },
      },
      fundingRounds: { select: fundingRoundSummarySelect, orderBy: [{ dateStart: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] },
      investments: {
        select: { ...fundingRoundSummarySelect, company: { select: vendorSummarySelect } },
        orderBy: [{ dateStart: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      },
      dealParties: { select: { role: true, deal: { select: dealSummarySelect } }, orderBy: { id: 'asc' } },
      metrics: {
        select: {
          slug: true,
          key: true,
          amountMin: true,
          amountMax: true,
          currency: true,
          notation: true,
          rate: { select: rateSelect },
          periodStart: true,
          periodPrecision: true,
          periodQualifier: true,
          stance: true,
          description: true,
          source: { select: sourceSelect },
        },
        orderBy: { id: 'asc' },
      },
    },
  });
  if (!row) throw new NotFoundProblem(`No vendor with slug '${slug}'.`);
  return {
    ...toVendor(row),
    children: row.children.map(toVendorSummary),
    chips: row.chipsDesigned.map(toChipSummary),
    chipPartnerships: row.chipPartnerships.map((partnership) => ({
      chip: toChipSummary(partnership.chip),
      designer: toVendorSummary(partnership.chip.designer),
      role: partnership.role as VendorDetail['chipPartnerships'][number]['role'],
      source: toSource(partnership.source),
    })),
    deployments: row.deployments.map((deployment) => ({
      chip: toChipSummary(deployment.chip),
      designer: toVendorSummary(deployment.chip.designer),
      kind: deployment.kind as VendorDetail['deployments'][number]['kind'],
      name: deployment.name,
      nameKo: deployment.nameKo,
      status: deployment.status as VendorDetail['deployments'][number]['status'],
      start: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier),
      source: toSource(deployment.source),
    })),
    fundingRounds: row.fundingRounds.map(toFundingRoundSummary),
    investments: row.investments.map((round) => ({
      round: toFundingRoundSummary(round),
      company: toVendorSummary(round.company),
    })),
    deals: row.dealParties.map((party) => ({
      deal: toDealSummary(party.deal),
      role: party.role as VendorDetail['deals'][number]['role'],
    })),
    metrics: row.metrics.map((metric) => ({
      slug: metric.slug,
      key: metric.key as VendorDetail['metrics'][number]['key'],
      min: toMoney(metric.amountMin, metric.currency, null, metric.rate),
      max: toMoney(metric.amountMax, metric.currency, null, metric.rate),
      notation: metric.notation,
      period: toPartialDate(metric.periodStart, metric.periodPrecision, metric.periodQualifier),
      stance: metric.stance as VendorDetail['metrics'][number]['stance'],
      description: metric.description,
      source: toSource(metric.source),
    })),
  };
}
