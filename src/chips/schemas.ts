import { z } from 'zod';
import { PartialDateSchema, SourceSchema, VendorSummarySchema } from '../shared/schemas.js';
import {
  BoundSchema,
  ChipKindSchema,
  ChipPartnerRoleSchema,
  ChipPurposeSchema,
  ChipSpecKeySchema,
  DeploymentKindSchema,
  StanceSchema,
} from '../shared/vocabulary.js';

export const ChipPartnerSchema = z
  .object({ vendor: VendorSummarySchema, role: ChipPartnerRoleSchema, source: SourceSchema })
  .meta({ id: 'ChipPartner', description: 'A company that works on the chip with its designer.' });

export const ChipSpecSchema = z
  .object({
    key: ChipSpecKeySchema,
    value: z.number().nullable().describe('The figure, where the spec is a number.'),
    text: z.string().nullable().describe('The spec in words, where it is not a number.'),
    unit: z.string().nullable(),
    bound: BoundSchema,
    notation: z.string().nullable().describe('The figure as the article writes it, e.g. "1,020억".'),
    source: SourceSchema,
  })
  .meta({
    id: 'ChipSpec',
    description: 'A specification the article states.',
    example: { key: 'transistor_count', value: 102000000000, text: null, unit: 'transistors', bound: 'at_least', notation: '1,020억', source: { slug: 'sn40l-transistors', quote: '이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.', stance: 'fact', startOffset: 3478 } },
  });

export const ChipDeploymentSchema = z
  .object({
    kind: DeploymentKindSchema,
    name: z.string(),
    nameKo: z.string().nullable(),
    description: z.string().nullable(),
    vendor: VendorSummarySchema.nullable().describe('The operator or customer, where the article names one.'),
    unitCount: z.number().int().nullable(),
    unitCountBound: BoundSchema.nullable(),
    unitCountNotation: z.string().nullable(),
    status: StanceSchema.describe('Whether the deployment is stated as fact, reported, planned or estimated.'),
    start: PartialDateSchema.nullable(),
    source: SourceSchema,
  })
  .meta({ id: 'ChipDeployment', description: 'Where the chip runs: data centres, systems, services, customers.' });

export const ChipSchema = z
  .object({
    slug: z.string(),
    name: z.string().describe('English name.'),
    nameKo: z.string().nullable().describe('Korean name as the article writes it.'),
    aliases: z.array(z.string()),
    kind: ChipKindSchema,
    purpose: ChipPurposeSchema.nullable(),
    architecture: z.string().nullable().describe('Architecture or compute approach, where stated.'),
    generation: z.number().int().nullable().describe('Product generation, where stated (e.g. 4 for "4세대").'),
    description: z.string().nullable(),
    designer: VendorSummarySchema,
    announced: PartialDateSchema.nullable().describe('When the chip was announced or unveiled.'),
    available: PartialDateSchema.nullable().describe('When the chip ships or enters service.'),
    sources: z.array(SourceSchema),
    partners: z.array(ChipPartnerSchema).optional().describe('Companies working on the chip with its designer (`include=partners`).'),
    specs: z.array(ChipSpecSchema).optional().describe('Specifications the article states (`include=specs`).'),
    deployments: z.array(ChipDeploymentSchema).optional().describe('Where the chip runs (`include=deployments`).'),
  })
  .meta({
    id: 'Chip',
    description:
      'A chip, with its designer and the passages that describe it. `partners`, `specs` and `deployments` are ' +
      'present when included: always on the detail endpoint unless `include=` narrows it, on request in lists.',
    example: {
      slug: 'sambanova-sn40l',
      name: 'SN40L',
      nameKo: 'SN40L',
      aliases: [],
      kind: 'processor',
      purpose: null,
      architecture: null,
      generation: 4,
      description: "SambaNova's fourth-generation processor.",
      designer: { slug: 'sambanova', name: 'SambaNova', nameKo: '삼바노바', kind: 'startup' },
      announced: { value: '2023-09', precision: 'month', qualifier: null, start: '2023-09-01', end: '2023-09-30' },
      available: null,
      sources: [],
    },
  });

export const CHIP_INCLUDES = ['partners', 'specs', 'deployments'] as const;

export const ChipFieldsSchema = ChipSchema.partial().meta({
  id: 'ChipFields',
  description: 'A chip reduced to the fields named by `fields=`.',
});
