import { z } from 'zod';
import { CuratedFieldsSchema, curatedInputSchema } from '../records/curated.js';
import { AliasesInputSchema, noRepeats, PartialDateInputSchema, safeText, SourceSlugsInputSchema  } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import { PartialDateSchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import {
  BoundSchema,
  ChipKindSchema,
  ChipPartnerRoleSchema,
  ChipPurposeSchema,
  ChipSpecKeySchema,
  DeploymentKindSchema,
  SlugSchema,
  StanceSchema,
} from '../domain/vocabulary.js';

export const ChipPartnerSchema = z
  .object({ vendor: VendorSummarySchema, role: ChipPartnerRoleSchema, source: SourceSchema })
  .meta({ id: 'ChipPartner', description: 'A company that works on the chip with its designer.' });

export const ChipSpecSchema = z
  .object({
    key: ChipSpecKeySchema,
    value: z.number().nullable().describe('The figure, where the spec is a number.'),
    text: shownText('specText').nullable().describe('The spec in words, where it is not a number.'),
    unit: shownText('unit').nullable(),
    bound: BoundSchema,
    notation: shownText('notation').nullable().describe('The figure as the article writes it, e.g. "1,020억".'),
    source: SourceSchema,
  })
  .meta({
    id: 'ChipSpec',
    description: 'A specification the article states.',
    example: { key: 'transistor_count', value: 102000000000, text: null, unit: 'transistors', bound: 'at_least', notation: '1,020억', source: {"slug":"sn40l-transistor-count","quote":"이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.","stance":"fact","startOffset":2932,"document":{"slug":"ai-chip-market-big-tech-and-startups-2023","title":"AI 반도체 시장에 뛰어든 빅테크와 스타트업","publisher":null,"published":{"value":"2023","precision":"year","qualifier":"late","start":"2023-01-01","end":"2023-12-31"}},"selector":[{"type":"TextQuoteSelector","exact":"이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.","prefix":" 삼바노바는 9월 4세대 SN40L 프로세서를 출시했다. ","suffix":" 최대 638테라플롭스(TFlops) 컴퓨팅 속도를 제공한"},{"type":"TextPositionSelector","start":2932,"end":2963}]} },
  });

export const ChipDeploymentSchema = z
  .object({
    kind: DeploymentKindSchema,
    name: shownText('name'),
    nameKo: shownText('name').nullable(),
    description: shownText('description').nullable(),
    vendor: VendorSummarySchema.nullable().describe('The operator or customer, where the article names one.'),
    unitCount: z.number().int().nullable(),
    unitCountBound: BoundSchema.nullable(),
    unitCountNotation: shownText('notation').nullable(),
    status: StanceSchema.describe('Whether the deployment is stated as fact, reported, planned or estimated.'),
    start: PartialDateSchema.nullable(),
    source: SourceSchema,
  })
  .meta({ id: 'ChipDeployment', description: 'Where the chip runs: data centres, systems, services, customers.' });

export const ChipSchema = z
  .object({
    slug: SlugSchema,
    name: shownText('name').describe('English name.'),
    nameKo: shownText('name').nullable().describe('Korean name as the article writes it.'),
    aliases: z.array(shownText('name')).max(LIST_MAX.aliases),
    kind: ChipKindSchema,
    purpose: ChipPurposeSchema.nullable(),
    architecture: shownText('name').nullable().describe('Architecture or compute approach, where stated.'),
    generation: z.number().int().nullable().describe('Product generation, where stated (e.g. 4 for "4세대").'),
    description: shownText('description').nullable(),
    designer: VendorSummarySchema,
    announced: PartialDateSchema.nullable().describe('When the chip was announced or unveiled.'),
    available: PartialDateSchema.nullable().describe('When the chip ships or enters service.'),
    curated: CuratedFieldsSchema,
    sources: z.array(SourceSchema).max(LIST_MAX.sources),
    partners: z.array(ChipPartnerSchema).max(LIST_MAX.partners).optional().describe('Companies working on the chip with its designer (`include=partners`).'),
    specs: z.array(ChipSpecSchema).max(LIST_MAX.specs).optional().describe('Specifications the article states (`include=specs`).'),
    deployments: z.array(ChipDeploymentSchema).max(LIST_MAX.deployments).optional().describe('Where the chip runs (`include=deployments`).'),
  })
  .meta({
    id: 'Chip',
    description:
      'A chip, with its designer and the passages that describe it. `partners`, `specs` and `deployments` are ' +
      'present when included: always on the detail endpoint unless `include=` narrows it, on request in lists.',
    example: {
      "slug": "sambanova-sn40l",
      "name": "SN40L",
      "nameKo": "SN40L",
      "aliases": [
        "SambaNova SN40L"
      ],
      "kind": "processor",
      "purpose": null,
      "architecture": null,
      "generation": 4,
      "description": "SambaNova's fourth-generation processor, launched in September 2023: more than 102 billion transistors, up to 638 TFLOPS, and a new three-tier memory system for handling AI data flows efficiently.",
      "designer": {
        "slug": "sambanova",
        "name": "SambaNova",
        "nameKo": "삼바노바",
        "kind": "startup"
      },
      "announced": null,
      "available": {
        "value": "2023-09",
        "precision": "month",
        "qualifier": null,
        "start": "2023-09-01",
        "end": "2023-09-30",
        "yearFrom": {
          "document": "ai-chip-market-big-tech-and-startups-2023"
        }
      },
      "curated": [
        "aliases.0",
        "available"
      ],
      "sources": [
        {
          "slug": "sambanova-sn40l-launched-september",
          "quote": "삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.",
          "stance": "fact",
          "startOffset": 2901,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.",
              "prefix": " 삼바노바(Sambanova)에 10억 달러를 투자했다. ",
              "suffix": " 이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다."
            },
            {
              "type": "TextPositionSelector",
              "start": 2901,
              "end": 2931
            }
          ]
        },
        {
          "slug": "sn40l-transistor-count",
          "quote": "이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.",
          "stance": "fact",
          "startOffset": 2932,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다.",
              "prefix": " 삼바노바는 9월 4세대 SN40L 프로세서를 출시했다. ",
              "suffix": " 최대 638테라플롭스(TFlops) 컴퓨팅 속도를 제공한"
            },
            {
              "type": "TextPositionSelector",
              "start": 2932,
              "end": 2963
            }
          ]
        },
        {
          "slug": "sn40l-peak-performance",
          "quote": "최대 638테라플롭스(TFlops) 컴퓨팅 속도를 제공한다.",
          "stance": "fact",
          "startOffset": 2964,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "최대 638테라플롭스(TFlops) 컴퓨팅 속도를 제공한다.",
              "prefix": "이 칩에는 1,020억 개 이상의 트랜지스터가 들어있다. ",
              "suffix": " AI와 관련된 데이터 흐름을 효율적으로 처리할 수 있도록"
            },
            {
              "type": "TextPositionSelector",
              "start": 2964,
              "end": 2997
            }
          ]
        },
        {
          "slug": "sn40l-three-tier-memory-system",
          "quote": "AI와 관련된 데이터 흐름을 효율적으로 처리할 수 있도록 새로운 3계층 메모리 시스템도 갖췄다.",
          "stance": "fact",
          "startOffset": 2998,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "AI와 관련된 데이터 흐름을 효율적으로 처리할 수 있도록 새로운 3계층 메모리 시스템도 갖췄다.",
              "prefix": " 638테라플롭스(TFlops) 컴퓨팅 속도를 제공한다. ",
              "suffix": " 삼바노바는 AI 모델 크기가 커지면서 데이터 이동이 성능"
            },
            {
              "type": "TextPositionSelector",
              "start": 2998,
              "end": 3051
            }
          ]
        },
        {
          "slug": "sambanova-memory-as-differentiator",
          "quote": "삼바노바는 AI 모델 크기가 커지면서 데이터 이동이 성능에 영향을 미친다고 설명했다. 메모리가 AI 칩의 주요 차별요소가 된다는 뜻이다.",
          "stance": "fact",
          "startOffset": 3052,
          "document": {
            "slug": "ai-chip-market-big-tech-and-startups-2023",
            "title": "AI 반도체 시장에 뛰어든 빅테크와 스타트업",
            "publisher": null,
            "published": {
              "value": "2023",
              "precision": "year",
              "qualifier": "late",
              "start": "2023-01-01",
              "end": "2023-12-31"
            }
          },
          "selector": [
            {
              "type": "TextQuoteSelector",
              "exact": "삼바노바는 AI 모델 크기가 커지면서 데이터 이동이 성능에 영향을 미친다고 설명했다. 메모리가 AI 칩의 주요 차별요소가 된다는 뜻이다.",
              "prefix": "처리할 수 있도록 새로운 3계층 메모리 시스템도 갖췄다. ",
              "suffix": "\n\n또 다른 스타트업 디-매트릭스(d-Matrix)는 GP"
            },
            {
              "type": "TextPositionSelector",
              "start": 3052,
              "end": 3128
            }
          ]
        }
      ]
    },
  });

export const CHIP_INCLUDES = ['partners', 'specs', 'deployments'] as const;

export const ChipFieldsSchema = ChipSchema.partial().meta({
  id: 'ChipFields',
  description: 'A chip reduced to the fields named by `fields=`.',
});

export const ChipPartnerInputSchema = z
  .strictObject({
    vendor: SlugSchema.describe('Slug of the partner company.'),
    role: ChipPartnerRoleSchema,
    source: SlugSchema.describe('Slug of the source passage that says so.'),
  })
  .meta({
    id: 'NewChipPartner',
    description: 'A company that works on the chip with its designer.',
    example: { vendor: 'marvell-technology', role: 'co_developer', source: 'granite-redux-planned-with-marvell' },
  });

export const ChipSpecInputSchema = z
  .strictObject({
    key: ChipSpecKeySchema,
    value: z.number().nonnegative().nullable().optional().describe('The figure, where the spec is a number (never negative).'),
    text: safeText({ max: TEXT_MAX.specText, multiline: true }).nullable().optional().describe('The spec in words, where it is not a number.'),
    unit: safeText({ max: TEXT_MAX.unit }).nullable().optional(),
    bound: BoundSchema,
    notation: safeText({ max: TEXT_MAX.notation }).nullable().optional().describe('The figure as the source writes it, e.g. "1,020억".'),
    source: SlugSchema.describe('Slug of the source passage that states it.'),
  })
  // A spec with neither says nothing, and nothing could show it.
  .refine((spec) => (spec.value ?? null) !== null || (spec.text ?? null) !== null, {
    message: 'a spec needs a `value` (a number) or a `text`',
    path: ['value'],
  })
  // A number is the source's only as the source writes it: the notation is what a reader checks it against.
  .refine((spec) => (spec.value ?? null) === null || (spec.notation ?? null) !== null, {
    message: 'is required with a `value`: the figure as the source writes it, e.g. "1,020억 개 이상"',
    path: ['notation'],
  })
  .meta({
    id: 'NewChipSpec',
    description: 'A specification the source states: a number (`value`, with `unit` and `notation`) or words (`text`).',
    example: { key: 'transistor_count', value: 102000000000, unit: 'transistors', bound: 'at_least', notation: '1,020억 개 이상', source: 'sn40l-transistor-count' },
  });

export const ChipDeploymentInputSchema = z
  .strictObject({
    vendor: SlugSchema.nullable().optional().describe('Slug of the operator or customer, where the source names one.'),
    kind: DeploymentKindSchema,
    name: safeText({ max: TEXT_MAX.name }),
    nameKo: safeText({ max: TEXT_MAX.name }).nullable().optional(),
    description: safeText({ max: TEXT_MAX.description, multiline: true }).nullable().optional(),
    unitCount: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    unitCountBound: BoundSchema.nullable().optional(),
    unitCountNotation: safeText({ max: TEXT_MAX.notation }).nullable().optional(),
    status: StanceSchema.describe('Whether the deployment is stated as fact, reported, planned or estimated.'),
    start: PartialDateInputSchema.nullable().optional(),
    source: SlugSchema.describe('Slug of the source passage that describes it.'),
  })
  // A bound or a notation qualifies a count; alone they would describe a figure that is not there.
  .refine((deployment) => (deployment.unitCount ?? null) !== null || (deployment.unitCountBound ?? null) === null, {
    message: 'qualifies `unitCount`, which is missing',
    path: ['unitCountBound'],
  })
  .refine((deployment) => (deployment.unitCount ?? null) !== null || (deployment.unitCountNotation ?? null) === null, {
    message: 'spells `unitCount`, which is missing',
    path: ['unitCountNotation'],
  })
  .refine((deployment) => (deployment.unitCount ?? null) === null || (deployment.unitCountNotation ?? null) !== null, {
    message: 'is required with `unitCount`: the count as the source writes it',
    path: ['unitCountNotation'],
  })
  .meta({
    id: 'NewChipDeployment',
    description: 'Where the chip runs: a data centre, system, service or customer\'s infrastructure.',
    example: { vendor: 'microsoft', kind: 'datacenter', name: 'Microsoft data centres', status: 'plan', start: { value: '2024', qualifier: 'early' }, source: 'maia-100-into-microsoft-datacenters-early-2024' },
  });

/** What of a chip a curator may mark as their classification rather than the sources'. */
export const CHIP_DECLARABLE = ['kind', 'purpose', 'generation', 'designer', 'partners', 'announced', 'available'] as const;

const ChipFieldsInputSchema = z.strictObject({
  slug: SlugSchema,
  name: safeText({ max: TEXT_MAX.name }).describe('English name.'),
  nameKo: safeText({ max: TEXT_MAX.name }).nullable().optional().describe('Korean name as the source writes it.'),
  aliases: AliasesInputSchema.optional(),
  kind: ChipKindSchema,
  purpose: ChipPurposeSchema.nullable().optional(),
  architecture: safeText({ max: TEXT_MAX.name }).nullable().optional().describe('Architecture or compute approach, where stated.'),
  generation: z.number().int().min(1).max(1000).nullable().optional().describe('Product generation, where stated.'),
  description: safeText({ max: TEXT_MAX.description, multiline: true }).nullable().optional(),
  designer: SlugSchema.describe('Slug of the company that designs the chip.'),
  announced: PartialDateInputSchema.nullable().optional().describe('When the chip was announced or unveiled.'),
  available: PartialDateInputSchema.nullable().optional().describe('When the chip ships or enters service.'),
  curated: curatedInputSchema(CHIP_DECLARABLE).optional(),
  partners: z
    .array(ChipPartnerInputSchema)
    .max(LIST_MAX.partners)
    // Stored one row per chip and company: a second entry could only contradict the first.
    .superRefine(noRepeats((partner) => partner.vendor, (partner) => `partner '${partner.vendor}'`, 'vendor'))
    .optional()
    .describe('Companies working on the chip with its designer, each once; on update, replaces the list.'),
  specs: z.array(ChipSpecInputSchema).max(LIST_MAX.specs).optional().describe('Specifications the source states; on update, replaces the list.'),
  deployments: z.array(ChipDeploymentInputSchema).max(LIST_MAX.deployments).optional().describe('Where the chip runs; on update, replaces the list.'),
  sources: SourceSlugsInputSchema,
});

export const ChipInputSchema = ChipFieldsInputSchema.meta({
  id: 'NewChip',
  description:
    'A new chip. Unknown fields are refused; ids, timestamps and derived fields are not writable. Partners, specs and ' +
    'deployments are written with the chip, each citing its own source.',
  // A made-up chip, plainly named as one, over real references so that "Try it out" succeeds.
  example: {
    slug: 'example-inference-npu',
    name: 'Example inference NPU',
    nameKo: '예시 추론 NPU',
    kind: 'npu',
    purpose: 'inference',
    designer: 'rebellions',
    announced: { value: '2024', qualifier: 'early' },
    specs: [{ key: 'other', text: 'Optimised for inference.', bound: 'exact', source: 'rebellions-designs-inference-optimised-chips' }],
    deployments: [{ vendor: 'kt', kind: 'customer_infrastructure', name: 'KT NPU infrastructure', status: 'plan', source: 'atom-runs-kt-npu-infrastructure' }],
    sources: ['rebellions-designs-inference-optimised-chips'],
  },
});

export const ChipPatchSchema = ChipFieldsInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'send at least one field to change',
    // A body of only unknown fields already has its error; "send a field" would only contradict it.
    when: (payload) => payload.issues.length === 0,
  })
  .meta({
    id: 'ChipChanges',
    description:
      'Fields to change; others stay as they are, and `null` clears an optional one. `partners`, `specs`, ' +
      '`deployments` and `sources` replace their lists (send `[]` to clear a relation). The slug cannot change.',
    example: { generation: 5, specs: [{ key: 'memory_system', value: 3, unit: 'tiers', bound: 'exact', notation: '3계층', source: 'sn40l-three-tier-memory-system' }] },
  });
