import { z } from 'zod';
import {
  ChipSummarySchema,
  DealSummarySchema,
  FundingRoundSummarySchema,
  MoneySchema,
  PartialDateSchema,
  SourceSchema,
  VendorSummarySchema,
  listEnvelope,
} from '../shared/schemas.js';
import {
  ChipPartnerRoleSchema,
  DealPartyRoleSchema,
  DeploymentKindSchema,
  MetricKeySchema,
  StanceSchema,
  VendorKindSchema,
  VendorRoleSchema,
} from '../shared/vocabulary.js';
import { enumFilter, CursorParamSchema, LimitParamSchema, SearchParamSchema, sortParam } from '../shared/list-query.js';

export const FounderSchema = z
  .object({ name: z.string(), nameKo: z.string().nullable() })
  .meta({ id: 'Founder', description: 'A founder, in English and as the article writes the name in Korean.' });

export const VendorSchema = z
  .object({
    slug: z.string(),
    name: z.string().describe('English name.'),
    nameKo: z.string().nullable().describe('Korean name as the article writes it.'),
    aliases: z.array(z.string()).describe('Other names and spellings.'),
    kind: VendorKindSchema,
    roles: z.array(VendorRoleSchema).describe('Roles derived from the company\'s relations in the dataset.'),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2 country, only where the article states it.'),
    foundedYear: z.number().int().nullable(),
    founders: z.array(FounderSchema),
    description: z.string().nullable(),
    parent: VendorSummarySchema.nullable().describe('The company this one belongs to, where the article says.'),
    sources: z.array(SourceSchema),
  })
  .meta({
    id: 'Vendor',
    description: 'A company in the AI-chip market: designer, investor, partner or customer.',
    example: {
      slug: 'rebellions',
      name: 'Rebellions',
      nameKo: '리벨리온',
      aliases: [],
      kind: 'startup',
      roles: ['designer', 'funded'],
      country: 'KR',
      foundedYear: 2020,
      founders: [{ name: 'Park Sunghyun', nameKo: '박성현' }],
      description: 'Korean AI chip startup designing inference-optimised data-centre chips.',
      parent: null,
      sources: [],
    },
  });

export const VendorChipPartnershipSchema = z
  .object({ chip: ChipSummarySchema, designer: VendorSummarySchema, role: ChipPartnerRoleSchema, source: SourceSchema })
  .meta({ id: 'VendorChipPartnership', description: 'A chip this company works on with its designer.' });

export const VendorDeploymentSchema = z
  .object({
    chip: ChipSummarySchema,
    designer: VendorSummarySchema,
    kind: DeploymentKindSchema,
    name: z.string(),
    nameKo: z.string().nullable(),
    status: StanceSchema,
    start: PartialDateSchema.nullable(),
    source: SourceSchema,
  })
  .meta({ id: 'VendorDeployment', description: 'A chip that runs in this company\'s infrastructure or services.' });

export const VendorDealSchema = z
  .object({ deal: DealSummarySchema, role: DealPartyRoleSchema })
  .meta({ id: 'VendorDeal', description: 'A deal this company is a party to, and its role in it.' });

export const VendorInvestmentSchema = z
  .object({ round: FundingRoundSummarySchema, company: VendorSummarySchema })
  .meta({ id: 'VendorInvestment', description: 'A funding round this company invested in.' });

export const MetricSchema = z
  .object({
    slug: z.string(),
    key: MetricKeySchema,
    min: MoneySchema.nullable().describe('Lower bound (equal to `max` for a point figure).'),
    max: MoneySchema.nullable().describe('Upper bound; null when the article gives only a lower bound.'),
    notation: z.string().nullable().describe('The figure as the article writes it.'),
    period: PartialDateSchema.nullable(),
    stance: StanceSchema,
    description: z.string().nullable(),
    source: SourceSchema,
  })
  .meta({ id: 'Metric', description: 'A figure the article gives about a company other than funding (e.g. expected revenue).' });

export const VendorDetailSchema = VendorSchema.extend({
  children: z.array(VendorSummarySchema).describe('Companies that belong to this one.'),
  chips: z.array(ChipSummarySchema).describe('Chips this company designs.'),
  chipPartnerships: z.array(VendorChipPartnershipSchema),
  deployments: z.array(VendorDeploymentSchema).describe("Other companies' chips running in this company's infrastructure."),
  fundingRounds: z.array(FundingRoundSummarySchema).describe('Rounds this company raised.'),
  investments: z.array(VendorInvestmentSchema).describe('Rounds this company invested in.'),
  deals: z.array(VendorDealSchema),
  metrics: z.array(MetricSchema),
}).meta({ id: 'VendorDetail', description: 'A company with its chips, funding, investments, deals and figures.' });

export const ListVendorsQuerySchema = z.strictObject({
  limit: LimitParamSchema,
  cursor: CursorParamSchema.optional(),
  sort: sortParam(
    {
      name: { field: 'name', nullable: false },
      slug: { field: 'slug', nullable: false },
      foundedYear: { field: 'foundedYear', nullable: true },
    },
    'name',
  ),
  kind: enumFilter(VendorKindSchema, 'Only companies of this kind.'),
  role: enumFilter(VendorRoleSchema, 'Only companies playing this role (e.g. `investor`).'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR')
    .transform((code) => code.toUpperCase())
    .optional()
    .describe('Only companies from this country (ISO 3166-1 alpha-2, e.g. `KR`).'),
  q: SearchParamSchema.optional(),
});

export type ListVendorsQuery = z.infer<typeof ListVendorsQuerySchema>;

export const VendorListSchema = listEnvelope(VendorSchema).meta({ id: 'VendorList', description: 'A page of companies.' });
