// Vendor data access: the vendor resource's filters, sort fields and relations in SQL, and rows → the API's
// vendor views. Roles are derived from the relations by the same SQL conditions that the `role` filter applies.
import type { z } from 'zod';
import { z as zod } from 'zod';
import { joinSql, or, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { curatedFields, listed, datedPaths, withCurated, withYearBasis } from '../records/curated.js';
import { commaList, enumList, type FilterField } from '../records/filters.js';
import { CountryCodeInputSchema } from '../records/input.js';
import type { SortFields } from '../records/list-query.js';
import { VendorKindSchema, VendorRoleSchema, type DealStatusSchema } from '../domain/vocabulary.js';
import { toMoney } from '../records/views.js';
import { toPartialDate } from '../domain/partial-date.js';
import {
  chipSummaryColumns,
  chipSummaryOf,
  groupByOwner,
  inIdOrder,
  jsonOf,
  rateColumns,
  rateOf,
  readSource,
  SOURCE_COLUMNS,
  SOURCE_DOCUMENT,
  sourcesByOwner,
  stringArray,
  toChipSummary,
  toDealSummary,
  toFundingRoundSummary,
  toVendorSummary,
  vendorSummaryColumns,
  vendorSummaryOf,
} from '../records/views.js';
import { VENDOR_INCLUDES, VendorSchema, type FounderSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { tableColumns } from '../records/columns.js';
import { RESOURCES } from '../domain/resources.js';

type Vendor = z.infer<typeof VendorSchema>;
type VendorRole = Vendor['roles'][number];
type DealStatus = z.infer<typeof DealStatusSchema>;

/**
 * Deal statuses under which an acquisition took place, is agreed or under way. One only being weighed
 * (`considering`) or `planned` makes nobody an acquirer yet: OpenAI is not one for weighing a purchase.
 */
const ACQUISITION_STATUSES_GIVING_ROLES: readonly DealStatus[] = ['completed', 'announced', 'ongoing'];
const GIVING_ROLES = raw(`(${ACQUISITION_STATUSES_GIVING_ROLES.map((status) => `'${status}'`).join(', ')})`);

/**
 * Each derived role as a condition on the vendor whose id is `vendor`: what the `role` filter applies and what a
 * vendor's `roles` are computed from, so the two cannot disagree.
 */
const ROLE_CONDITIONS: Record<VendorRole, (vendor: Sql) => Sql> = {
  designer: (vendor) => sql`EXISTS (SELECT 1 FROM "Chip" c WHERE c."designerId" = ${vendor})`,
  investor: (vendor) => sql`EXISTS (SELECT 1 FROM "_RoundInvestors" i WHERE i."B" = ${vendor})`,
  funded: (vendor) => sql`EXISTS (SELECT 1 FROM "FundingRound" r WHERE r."companyId" = ${vendor})`,
  partner: (vendor) =>
    sql`(EXISTS (SELECT 1 FROM "ChipPartner" p WHERE p."vendorId" = ${vendor})
         OR EXISTS (SELECT 1 FROM "DealParty" dp WHERE dp."vendorId" = ${vendor} AND dp."role" IN ('partner', 'supplier')))`,
  // A customer buys in a deal, or runs chips another company designed.
  customer: (vendor) =>
    sql`(EXISTS (SELECT 1 FROM "DealParty" dp WHERE dp."vendorId" = ${vendor} AND dp."role" = 'customer')
         OR EXISTS (SELECT 1 FROM "ChipDeployment" x JOIN "Chip" c ON c."id" = x."chipId"
                    WHERE x."vendorId" = ${vendor} AND c."designerId" <> ${vendor}))`,
  acquirer: (vendor) =>
    sql`EXISTS (SELECT 1 FROM "DealParty" dp JOIN "Deal" d ON d."id" = dp."dealId"
                WHERE dp."vendorId" = ${vendor} AND dp."role" = 'acquirer' AND d."status" IN ${GIVING_ROLES})`,
  acquired: (vendor) =>
    sql`EXISTS (SELECT 1 FROM "DealParty" dp JOIN "Deal" d ON d."id" = dp."dealId"
                WHERE dp."vendorId" = ${vendor} AND dp."role" = 'target' AND d."status" IN ${GIVING_ROLES})`,
};
const ROLE_ORDER = VendorRoleSchema.options;

/** The list's own table, as filters see it. */
const LISTED_VENDOR = raw('"Vendor"."id"');

function toFounders(value: unknown): z.infer<typeof FounderSchema>[] {
  if (!Array.isArray(value)) return [];
  return value.map((founder: { name?: unknown; nameKo?: unknown }) => ({
    name: String(founder.name ?? ''),
    nameKo: typeof founder.nameKo === 'string' ? founder.nameKo : null,
  }));
}

const RoleParamSchema = zod.enum(VendorRoleSchema.enum);

/** A country code as writes take it, in either case: `kr` finds Korea. An unassigned code is a 400, not an empty list. */
const CountryParamSchema = zod
  .string()
  .max(2, { error: 'must be an ISO 3166-1 alpha-2 code, e.g. KR', abort: true })
  .transform((code) => code.toUpperCase())
  .pipe(CountryCodeInputSchema);


export const vendorFilters: FilterField[] = [
  { kind: 'enum', name: 'kind', column: 'kind', values: VendorKindSchema, description: 'Kind of company.' },
  {
    kind: 'custom',
    name: 'role',
    schema: RoleParamSchema.meta({ description: 'Only companies playing this role, derived from their relations (e.g. `investor`).', example: 'investor' }),
    where: (_reader: SqlReader, role: VendorRole) => ROLE_CONDITIONS[role](LISTED_VENDOR),
  },
  {
    kind: 'custom',
    name: 'role[in]',
    schema: enumList(RoleParamSchema).meta({ description: 'Only companies playing any of these roles, comma-separated.', example: 'investor,customer' }),
    where: (_reader: SqlReader, roles: VendorRole[]) => or(roles.map((role) => ROLE_CONDITIONS[role](LISTED_VENDOR))),
  },
  {
    kind: 'custom',
    name: 'country',
    schema: CountryParamSchema.meta({ description: 'Only companies from this country (ISO 3166-1 alpha-2, e.g. `KR`), where the article states it.', example: 'KR' }),
    where: (_reader: SqlReader, country: string) => sql`"country" = ${country}`,
  },
  {
    kind: 'custom',
    name: 'country[in]',
    schema: commaList(CountryParamSchema, 2).meta({ description: 'Only companies from any of these countries, comma-separated.', example: 'KR,US' }),
    where: (_reader: SqlReader, countries: string[]) => sql`"country" IN ${valuesList(countries)}`,
  },
  { kind: 'integer', name: 'foundedYear', column: 'foundedYear', min: 1800, max: 2100, description: 'Founding year', example: 2017 },
  { kind: 'text', name: 'name', table: 'Vendor', description: 'English or Korean name or alias', examples: { contains: 'samsung', q: '삼성' } },
];

export const vendorSortFields = {
  name: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the name folded to lower case, NFKC).' },
  slug: { field: 'slug', nullable: false, type: 'text' },
  foundedYear: { field: 'foundedYear', nullable: true, type: 'integer' },
} satisfies SortFields;

type Row = Record<string, unknown>;
type OwnedRow = Row & { owner: number };

/** A funding round summary's columns (round aliased `r`, its rate outer-joined as `rt`). */
/** A round's summary columns, named apart from the company's (`round_slug`). */
const ROUND_SUMMARY = tableColumns(
  'r',
  { slug: 'text', roundType: 'text', amount: 'exact?', currency: 'text?', amountNotation: 'text?', dateStart: 'text?', datePrecision: 'text?', dateQualifier: 'text?' },
  'round',
);
const ROUND_SUMMARY_COLUMNS = sql`${ROUND_SUMMARY.select}, ${rateColumns('rt', 'rate')}`;
const roundSummaryOf = (row: Row) => ({ ...ROUND_SUMMARY.read(row), rate: rateOf(row, 'rate') });

/** A deployment's columns, as a company's `include=deployments` shows them. */
const DEPLOYMENT = tableColumns(
  'x',
  { kind: 'text', name: 'text', nameKo: 'text?', status: 'text', startStart: 'text?', startPrecision: 'text?', startQualifier: 'text?' },
  'deployment',
);
/** A deal's summary columns, named apart from the party's. */
const DEAL_SUMMARY = tableColumns(
  'd',
  { slug: 'text', title: 'text', kind: 'text', status: 'text', dateStart: 'text?', datePrecision: 'text?', dateQualifier: 'text?' },
  'deal',
);
/** A metric's columns. */
const METRIC = tableColumns(
  'm',
  {
    slug: 'text',
    key: 'text',
    amountMin: 'exact?',
    amountMax: 'exact?',
    currency: 'text?',
    notation: 'text?',
    periodStart: 'text?',
    periodPrecision: 'text?',
    periodQualifier: 'text?',
    stance: 'text',
    description: 'text?',
    curated: 'json',
  },
  'metric',
);
/** The part a company plays, in a chip partnership or a deal (`p`, the link's row). */
const ROLE = tableColumns('p', { role: 'text' });

/** Each relation `include=` can add: one query for every vendor of the page. */
const RELATION_QUERIES: Record<(typeof import('./schemas.js').VENDOR_INCLUDES)[number], (ids: Sql) => Sql> = {
  children: (ids) =>
    sql`SELECT c."parentId" AS "owner", ${vendorSummaryColumns('c', 'vendor')} FROM "Vendor" c
        WHERE c."parentId" IN ${ids} ORDER BY c."sortKey", c."id"`,
  chips: (ids) =>
    sql`SELECT c."designerId" AS "owner", ${chipSummaryColumns('c', 'chip')} FROM "Chip" c
        WHERE c."designerId" IN ${ids} ORDER BY c."sortKey", c."id"`,
  chipPartnerships: (ids) =>
    sql`SELECT p."vendorId" AS "owner", ${ROLE.select}, ${chipSummaryColumns('c', 'chip')}, ${vendorSummaryColumns('d', 'designer')}, ${SOURCE_COLUMNS}
        FROM "ChipPartner" p JOIN "Chip" c ON c."id" = p."chipId" JOIN "Vendor" d ON d."id" = c."designerId"
        JOIN "Source" s ON s."id" = p."sourceId" ${SOURCE_DOCUMENT} WHERE p."vendorId" IN ${ids} ORDER BY p."chipId"`,
  deployments: (ids) =>
    sql`SELECT x."vendorId" AS "owner", ${DEPLOYMENT.select}, ${chipSummaryColumns('c', 'chip')}, ${vendorSummaryColumns('d', 'designer')}, ${SOURCE_COLUMNS}
        FROM "ChipDeployment" x JOIN "Chip" c ON c."id" = x."chipId" JOIN "Vendor" d ON d."id" = c."designerId"
        JOIN "Source" s ON s."id" = x."sourceId" ${SOURCE_DOCUMENT} WHERE x."vendorId" IN ${ids} ORDER BY x."id"`,
  fundingRounds: (ids) =>
    sql`SELECT r."companyId" AS "owner", ${ROUND_SUMMARY_COLUMNS}
        FROM "FundingRound" r LEFT JOIN "CurrencyRate" rt ON rt."id" = r."rateId"
        WHERE r."companyId" IN ${ids} ORDER BY r."dateStart" ASC NULLS LAST, r."id"`,
  investments: (ids) =>
    sql`SELECT i."B" AS "owner", ${ROUND_SUMMARY_COLUMNS}, ${vendorSummaryColumns('co', 'company')}
        FROM "_RoundInvestors" i JOIN "FundingRound" r ON r."id" = i."A" JOIN "Vendor" co ON co."id" = r."companyId"
        LEFT JOIN "CurrencyRate" rt ON rt."id" = r."rateId"
        WHERE i."B" IN ${ids} ORDER BY r."dateStart" ASC NULLS LAST, r."id"`,
  deals: (ids) =>
    sql`SELECT p."vendorId" AS "owner", ${ROLE.select}, ${DEAL_SUMMARY.select}
        FROM "DealParty" p JOIN "Deal" d ON d."id" = p."dealId" WHERE p."vendorId" IN ${ids} ORDER BY p."id"`,
  metrics: (ids) =>
    sql`SELECT m."vendorId" AS "owner", ${METRIC.select}, ${rateColumns('rt', 'rate')}, ${SOURCE_COLUMNS}
        FROM "Metric" m LEFT JOIN "CurrencyRate" rt ON rt."id" = m."rateId" JOIN "Source" s ON s."id" = m."sourceId" ${SOURCE_DOCUMENT}
        WHERE m."vendorId" IN ${ids} ORDER BY m."id"`,
};

type Relation<K extends keyof Vendor> = NonNullable<Vendor[K]> extends (infer Item)[] ? Item : never;

/** How each relation's rows become the API's shape. */
const RELATION_ITEMS = {
  children: (row: Row) => toVendorSummary(vendorSummaryOf(row, 'vendor')!),
  chips: (row: Row) => toChipSummary(chipSummaryOf(row, 'chip')),
  chipPartnerships: (row: Row) => ({
    chip: toChipSummary(chipSummaryOf(row, 'chip')),
    designer: toVendorSummary(vendorSummaryOf(row, 'designer')!),
    role: ROLE.read(row).role as Relation<'chipPartnerships'>['role'],
    source: readSource(row),
  }),
  deployments: (row: Row) => {
    const deployment = DEPLOYMENT.read(row);
    return {
      chip: toChipSummary(chipSummaryOf(row, 'chip')),
      designer: toVendorSummary(vendorSummaryOf(row, 'designer')!),
      kind: deployment.kind as Relation<'deployments'>['kind'],
      name: deployment.name,
      nameKo: deployment.nameKo,
      status: deployment.status as Relation<'deployments'>['status'],
      start: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier),
      source: readSource(row),
    };
  },
  fundingRounds: (row: Row) => toFundingRoundSummary(roundSummaryOf(row)),
  investments: (row: Row) => ({ round: toFundingRoundSummary(roundSummaryOf(row)), company: toVendorSummary(vendorSummaryOf(row, 'company')!) }),
  deals: (row: Row) => ({
    deal: toDealSummary(DEAL_SUMMARY.read(row)),
    role: ROLE.read(row).role as Relation<'deals'>['role'],
  }),
  metrics: (row: Row) => {
    const metric = METRIC.read(row);
    const rate = rateOf(row, 'rate');
    const source = readSource(row);
    const period = withYearBasis(toPartialDate(metric.periodStart, metric.periodPrecision, metric.periodQualifier), [source]);
    return {
      slug: metric.slug,
      key: metric.key as Relation<'metrics'>['key'],
      min: toMoney(metric.amountMin, metric.currency, null, rate),
      max: toMoney(metric.amountMax, metric.currency, null, rate),
      notation: metric.notation,
      period,
      stance: metric.stance as Relation<'metrics'>['stance'],
      description: metric.description,
      source,
      // A metric has no names: what is the curator's is what they declared, and a period whose year is the document's.
      curated: withCurated(curatedFields(metric.curated, [], []), datedPaths([['period', period]])),
    };
  },
} satisfies Record<keyof typeof RELATION_QUERIES, (row: Row) => unknown>;

const RELATIONS = Object.keys(RELATION_QUERIES) as (keyof typeof RELATION_QUERIES)[];

/** The columns of "Vendor" a company is built from. */
const VENDOR_COLUMNS = tableColumns('v', {
  id: 'integer',
  slug: 'text',
  name: 'text',
  nameKo: 'text?',
  aliases: 'json',
  kind: 'text',
  country: 'text?',
  foundedYear: 'integer?',
  founders: 'json',
  description: 'text?',
  curated: 'json',
});

/** The vendors with these ids, their roles, parent, sources and the relations in `include`: one query each. */
export async function loadVendors(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<Vendor[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const roleColumns = joinSql(
    ROLE_ORDER.map((role) => sql`${ROLE_CONDITIONS[role](raw('v."id"'))} AS ${raw(`"role_${role}"`)}`),
    ', ',
  );
  const wanted = RELATIONS.filter((relation) => include.has(relation));
  const [vendors, sources, ...related] = await Promise.all([
    reader.all<Row & { id: number }>(
      sql`SELECT ${VENDOR_COLUMNS.select}, ${vendorSummaryColumns('parent', 'parent')}, ${roleColumns}
          FROM "Vendor" v LEFT JOIN "Vendor" parent ON parent."id" = v."parentId" WHERE v."id" IN ${idList}`,
    ),
    sourcesByOwner(reader, 'vendor', ids),
    ...wanted.map((relation) => reader.all<OwnedRow>(RELATION_QUERIES[relation](idList)).then(groupByOwner)),
  ]);
  return inIdOrder(ids, vendors, (selected): Vendor => {
    const vendor = VENDOR_COLUMNS.read(selected);
    const parent = vendorSummaryOf(selected, 'parent');
    const cited = sources.get(vendor.id) ?? [];
    const aliases = stringArray(jsonOf(vendor.aliases));
    const founders = toFounders(jsonOf(vendor.founders));
    const item: Vendor = {
      slug: vendor.slug,
      name: vendor.name,
      nameKo: vendor.nameKo,
      aliases,
      kind: vendor.kind as Vendor['kind'],
      roles: ROLE_ORDER.filter((role) => Boolean(selected[`role_${role}`])),
      country: vendor.country,
      foundedYear: vendor.foundedYear,
      founders,
      description: vendor.description,
      parent: parent ? toVendorSummary(parent) : null,
      curated: curatedFields(
        vendor.curated,
        [
          ['name', vendor.name],
          ['nameKo', vendor.nameKo],
          ...listed('aliases', aliases),
          ...founders.flatMap((founder, index): [string, string | null][] => [
            [`founders.${index}.name`, founder.name],
            [`founders.${index}.nameKo`, founder.nameKo],
          ]),
        ],
        cited.map((source) => source.quote),
      ),
      sources: cited,
    };
    wanted.forEach((relation, index) => {
      const rows = related[index]!.get(vendor.id) ?? [];
      const toItem: (row: Row) => unknown = RELATION_ITEMS[relation];
      (item as Record<string, unknown>)[relation] = rows.map((row) => toItem(row));
    });
    return item;
  });
}

/** The data half of vendors' definition: what the write path and the reads need (src/records/definition.ts). */
export const vendorRecord: RecordDefinition<typeof VendorSchema> = {
  ...RESOURCES.vendor,
  itemSchema: VendorSchema,
  includes: VENDOR_INCLUDES,
  load: loadVendors,
};
