// Vendor data access: reads from Prisma and shapes rows into the API's vendor views.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { z as zod } from 'zod';
import { commaList, type FilterField } from '../shared/filters.js';
import { CountryCodeInputSchema } from '../shared/input.js';
import type { SortFields } from '../shared/list-query.js';
import { prismaReads } from '../shared/resource-routes.js';
import { VendorKindSchema, VendorRoleSchema, type DealStatusSchema } from '../shared/vocabulary.js';
import { toMoney } from '../shared/money.js';
import { toPartialDate } from '../shared/partial-date.js';
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
import type { FounderSchema, VendorSchema } from './schemas.js';

type Vendor = z.infer<typeof VendorSchema>;
type VendorRole = Vendor['roles'][number];
type DealStatus = z.infer<typeof DealStatusSchema>;

/** What a vendor row needs to derive its roles. */
const roleEvidenceSelect = {
  _count: { select: { chipsDesigned: true, investments: true, fundingRounds: true, chipPartnerships: true } },
  dealParties: { select: { role: true, deal: { select: { status: true } } } },
  deployments: { select: { chip: { select: { designerId: true } } } },
} as const;

/**
 * Deal statuses under which an acquisition took place, is agreed or under way. One only being weighed
 * (`considering`) or `planned` makes nobody an acquirer yet: OpenAI is not one for weighing a purchase.
 */
const ACQUISITION_STATUSES_GIVING_ROLES: readonly DealStatus[] = ['completed', 'announced', 'ongoing'];

const vendorSelect = {
  id: true,
  slug: true,
  name: true,
  // The `name` sort field: cursors carry the row's value of it.
  sortKey: true,
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
  acquirer: { dealParties: { some: { role: 'acquirer', deal: { status: { in: [...ACQUISITION_STATUSES_GIVING_ROLES] } } } } },
  acquired: { dealParties: { some: { role: 'target', deal: { status: { in: [...ACQUISITION_STATUSES_GIVING_ROLES] } } } } },
};

function deriveRoles(row: Pick<VendorRow, '_count' | 'dealParties' | 'deployments'> & { id: number }): VendorRole[] {
  const partyRoles = new Set(row.dealParties.map((party) => party.role));
  const doneDealRoles = new Set(row.dealParties.filter((party) => ACQUISITION_STATUSES_GIVING_ROLES.includes(party.deal.status as DealStatus)).map((party) => party.role));
  const roles: [VendorRole, boolean][] = [
    ['designer', row._count.chipsDesigned > 0],
    ['investor', row._count.investments > 0],
    ['funded', row._count.fundingRounds > 0],
    ['partner', row._count.chipPartnerships > 0 || partyRoles.has('partner') || partyRoles.has('supplier')],
    ['customer', partyRoles.has('customer') || row.deployments.some((d) => d.chip.designerId !== row.id)],
    ['acquirer', doneDealRoles.has('acquirer')],
    ['acquired', doneDealRoles.has('target')],
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

const RoleParamSchema = zod.enum(VendorRoleSchema.enum);

/** A country code as writes take it, in either case: `kr` finds Korea. An unassigned code is a 400, not an empty list. */
const CountryParamSchema = zod
  .string()
  .transform((code) => code.toUpperCase())
  .pipe(CountryCodeInputSchema);

async function roleCondition(db: Database, role: VendorRole): Promise<Prisma.VendorWhereInput> {
  return role === 'customer' ? { OR: [roleWhere.customer, { id: { in: await customerIds(db) } }] } : roleWhere[role];
}

export const vendorFilters: FilterField[] = [
  { kind: 'enum', name: 'kind', column: 'kind', values: VendorKindSchema, description: 'Kind of company.' },
  {
    kind: 'custom',
    name: 'role',
    schema: RoleParamSchema.meta({ description: 'Only companies playing this role, derived from their relations (e.g. `investor`).', example: 'investor' }),
    where: roleCondition,
  },
  {
    kind: 'custom',
    name: 'role[in]',
    schema: commaList(RoleParamSchema).meta({ description: 'Only companies playing any of these roles, comma-separated.', example: 'investor,customer' }),
    where: async (db: Database, roles: VendorRole[]) => ({ OR: await Promise.all(roles.map((role) => roleCondition(db, role))) }),
  },
  {
    kind: 'custom',
    name: 'country',
    schema: CountryParamSchema.meta({ description: 'Only companies from this country (ISO 3166-1 alpha-2, e.g. `KR`), where the article states it.', example: 'KR' }),
    where: (_db: Database, country: string) => ({ country }),
  },
  {
    kind: 'custom',
    name: 'country[in]',
    schema: commaList(CountryParamSchema).meta({ description: 'Only companies from any of these countries, comma-separated.', example: 'KR,US' }),
    where: (_db: Database, countries: string[]) => ({ country: { in: countries } }),
  },
  { kind: 'integer', name: 'foundedYear', column: 'foundedYear', min: 1800, max: 2100, description: 'Founding year', example: 2017 },
  { kind: 'text', name: 'name', table: 'Vendor', description: 'English or Korean name or alias', examples: { contains: 'samsung', q: '삼성' } },
];

export const vendorSortFields = {
  name: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the name folded to lower case, NFKC).' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  foundedYear: { field: 'foundedYear', nullable: true, type: 'integer' },
} satisfies SortFields;

const relationSelects = {
  children: { select: vendorSummarySelect, orderBy: { sortKey: 'asc' } },
  chipsDesigned: { select: chipSummarySelect, orderBy: { sortKey: 'asc' } },
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
} as const satisfies Prisma.VendorSelect;

type FullRow = Prisma.VendorGetPayload<{ select: typeof vendorSelect & typeof relationSelects }>;

/** The select for a vendor with the requested relations; role evidence is always read, roles are always shown. */
function selectFor(include: ReadonlySet<string>) {
  const select: Record<string, unknown> = { ...vendorSelect };
  if (include.has('children')) select.children = relationSelects.children;
  if (include.has('chips')) select.chipsDesigned = relationSelects.chipsDesigned;
  if (include.has('chipPartnerships')) select.chipPartnerships = relationSelects.chipPartnerships;
  if (include.has('deployments')) select.deployments = relationSelects.deployments;
  if (include.has('fundingRounds')) select.fundingRounds = relationSelects.fundingRounds;
  if (include.has('investments')) select.investments = relationSelects.investments;
  if (include.has('deals')) select.dealParties = relationSelects.dealParties;
  if (include.has('metrics')) select.metrics = relationSelects.metrics;
  return select as typeof vendorSelect;
}




export function toVendorWithRelations(row: VendorRow, include: ReadonlySet<string>): Vendor {
  const full = row as unknown as FullRow;
  type Relation<K extends keyof Vendor> = NonNullable<Vendor[K]> extends (infer Item)[] ? Item : never;
  return {
    ...toVendor(row),
    ...(include.has('children') && { children: full.children.map(toVendorSummary) }),
    ...(include.has('chips') && { chips: full.chipsDesigned.map(toChipSummary) }),
    ...(include.has('chipPartnerships') && {
      chipPartnerships: full.chipPartnerships.map((partnership) => ({
        chip: toChipSummary(partnership.chip),
        designer: toVendorSummary(partnership.chip.designer),
        role: partnership.role as Relation<'chipPartnerships'>['role'],
        source: toSource(partnership.source),
      })),
    }),
    ...(include.has('deployments') && {
      deployments: full.deployments.map((deployment) => ({
        chip: toChipSummary(deployment.chip),
        designer: toVendorSummary(deployment.chip.designer),
        kind: deployment.kind as Relation<'deployments'>['kind'],
        name: deployment.name,
        nameKo: deployment.nameKo,
        status: deployment.status as Relation<'deployments'>['status'],
        start: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier),
        source: toSource(deployment.source),
      })),
    }),
    ...(include.has('fundingRounds') && { fundingRounds: full.fundingRounds.map(toFundingRoundSummary) }),
    ...(include.has('investments') && {
      investments: full.investments.map((round) => ({ round: toFundingRoundSummary(round), company: toVendorSummary(round.company) })),
    }),
    ...(include.has('deals') && {
      deals: full.dealParties.map((party) => ({
        deal: toDealSummary(party.deal),
        role: party.role as Relation<'deals'>['role'],
      })),
    }),
    ...(include.has('metrics') && {
      metrics: full.metrics.map((metric) => ({
        slug: metric.slug,
        key: metric.key as Relation<'metrics'>['key'],
        min: toMoney(metric.amountMin, metric.currency, null, metric.rate),
        max: toMoney(metric.amountMax, metric.currency, null, metric.rate),
        notation: metric.notation,
        period: toPartialDate(metric.periodStart, metric.periodPrecision, metric.periodQualifier),
        stance: metric.stance as Relation<'metrics'>['stance'],
        description: metric.description,
        source: toSource(metric.source),
      })),
    }),
  };
}

export const vendorReads = prismaReads<VendorRow>((db) => db.vendor, selectFor);
