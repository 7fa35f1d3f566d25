import { z } from 'zod';
import { CuratedFieldsSchema, curatedInputSchema } from '../records/curated.js';
import { AliasesInputSchema, CountryCodeInputSchema, safeText, SourceSlugsInputSchema  } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import {
  ChipSummarySchema,
  CountryCodeSchema,
  DealSummarySchema,
  FundingRoundSummarySchema,
  MoneySchema,
  PartialDateSchema,
  SourceSchema,
  VendorSummarySchema,
} from '../records/schemas.js';
import {
  ChipPartnerRoleSchema,
  DealPartyRoleSchema,
  DeploymentKindSchema,
  MetricKeySchema,
  SlugSchema,
  StanceSchema,
  VendorKindSchema,
  VendorRoleSchema,
} from '../domain/vocabulary.js';

export const FounderSchema = z
  .object({ name: shownText('name'), nameKo: shownText('name').nullable() })
  .meta({ id: 'Founder', description: 'A founder, in English and as the article writes the name in Korean.' });

/** The fields every company has, before any `include=`. */
const VendorBaseSchema = z
  .object({
    slug: SlugSchema,
    name: shownText('name').describe('English name.'),
    nameKo: shownText('name').nullable().describe('Korean name as the article writes it.'),
    aliases: z.array(shownText('name')).max(LIST_MAX.aliases).describe('Other names and spellings.'),
    kind: VendorKindSchema,
    roles: z.array(VendorRoleSchema).max(VendorRoleSchema.options.length).describe('Roles derived from the company\'s relations in the dataset.'),
    country: CountryCodeSchema.nullable().describe('ISO 3166-1 alpha-2 country, only where the article states it.'),
    foundedYear: z.number().int().nullable(),
    founders: z.array(FounderSchema).max(LIST_MAX.founders),
    description: shownText('description').nullable(),
    parent: VendorSummarySchema.nullable().describe('The company this one belongs to, where the article says.'),
    curated: CuratedFieldsSchema,
    sources: z.array(SourceSchema).max(LIST_MAX.sources),
  });

export const VendorChipPartnershipSchema = z
  .object({ chip: ChipSummarySchema, designer: VendorSummarySchema, role: ChipPartnerRoleSchema, source: SourceSchema })
  .meta({ id: 'VendorChipPartnership', description: 'A chip this company works on with its designer.' });

export const VendorDeploymentSchema = z
  .object({
    chip: ChipSummarySchema,
    designer: VendorSummarySchema,
    kind: DeploymentKindSchema,
    name: shownText('name'),
    nameKo: shownText('name').nullable(),
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
    slug: SlugSchema,
    key: MetricKeySchema,
    min: MoneySchema.nullable().describe('Lower bound (equal to `max` for a point figure).'),
    max: MoneySchema.nullable().describe('Upper bound; null when the article gives only a lower bound.'),
    notation: shownText('notation').nullable().describe('The figure as the article writes it.'),
    period: PartialDateSchema.nullable(),
    stance: StanceSchema,
    description: shownText('description').nullable(),
    source: SourceSchema,
    curated: CuratedFieldsSchema,
  })
  .meta({ id: 'Metric', description: 'A figure the article gives about a company other than funding (e.g. expected revenue).' });

export const VENDOR_INCLUDES = [
  'children',
  'chips',
  'chipPartnerships',
  'deployments',
  'fundingRounds',
  'investments',
  'deals',
  'metrics',
] as const;

export const VendorSchema = VendorBaseSchema.extend({
  children: z.array(VendorSummarySchema).optional().describe('Companies that belong to this one (`include=children`).'),
  chips: z.array(ChipSummarySchema).optional().describe('Chips this company designs (`include=chips`).'),
  chipPartnerships: z.array(VendorChipPartnershipSchema).optional().describe('Chips it co-develops or makes (`include=chipPartnerships`).'),
  deployments: z
    .array(VendorDeploymentSchema)
    .optional()
    .describe("Chips running in this company's infrastructure or services (`include=deployments`)."),
  fundingRounds: z.array(FundingRoundSummarySchema).optional().describe('Rounds this company raised (`include=fundingRounds`).'),
  investments: z.array(VendorInvestmentSchema).optional().describe('Rounds this company invested in (`include=investments`).'),
  deals: z.array(VendorDealSchema).optional().describe('Deals it is a party to (`include=deals`).'),
  metrics: z.array(MetricSchema).optional().describe('Other figures about it, such as expected revenue (`include=metrics`).'),
})
  .meta({
    id: 'Vendor',
    description:
      'A company in the AI-chip market: designer, investor, partner or customer. Relation fields are present ' +
      'when included: always on the detail endpoint unless `include=` narrows it, on request in lists.',
    example: {
      "slug": "rebellions",
      "name": "Rebellions",
      "nameKo": "리벨리온",
      "aliases": [],
      "kind": "startup",
      "roles": [
        "designer",
        "funded"
      ],
      "country": "KR",
      "foundedYear": 2020,
      "founders": [
        {
          "name": "Sunghyun Park",
          "nameKo": "박성현"
        }
      ],
      "description": "Korean startup founded in 2020 by chip design engineer Sunghyun Park (박성현); named by Forbes among the fastest-growing startups. It designs system semiconductors optimised for inference, developed the data-centre AI chip Atom, released a world-class AI chip two years after its founding, and raised a 62 billion won Series A in 2022, for 112 billion won in total.",
      "parent": null,
      "curated": [
        "founders.0.name"
      ],
      "sources": [
        {
          "slug": "rebellions-korean-startup-joins-competition",
          "quote": "한국 스타트업 리벨리온(Rebellions)도 경쟁에 참여했다.",
          "stance": "fact",
          "startOffset": 3757,
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
              "exact": "한국 스타트업 리벨리온(Rebellions)도 경쟁에 참여했다.",
              "prefix": "추산된다. 이 회사는 삼성전자와 생산 협력을 체결했다.\n\n",
              "suffix": " 박성현 칩 설계 엔지니어가 지난 2020년 설립한 리벨리"
            },
            {
              "type": "TextPositionSelector",
              "start": 3757,
              "end": 3792
            }
          ]
        },
        {
          "slug": "rebellions-founded-2020-forbes-fastest-growing",
          "quote": "박성현 칩 설계 엔지니어가 지난 2020년 설립한 리벨리온은 포브스 선정 가장 빠르게 성장하고 있는 스타트업 중 하나다.",
          "stance": "fact",
          "startOffset": 3793,
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
              "exact": "박성현 칩 설계 엔지니어가 지난 2020년 설립한 리벨리온은 포브스 선정 가장 빠르게 성장하고 있는 스타트업 중 하나다.",
              "prefix": "타트업 리벨리온(Rebellions)도 경쟁에 참여했다. ",
              "suffix": " 인공지능 모델 학습을 기반으로 모델을 통한 추론에 최적화"
            },
            {
              "type": "TextPositionSelector",
              "start": 3793,
              "end": 3860
            }
          ]
        },
        {
          "slug": "rebellions-designs-inference-optimised-chips",
          "quote": "인공지능 모델 학습을 기반으로 모델을 통한 추론에 최적화된 시스템 반도체를 설계한다.",
          "stance": "fact",
          "startOffset": 3861,
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
              "exact": "인공지능 모델 학습을 기반으로 모델을 통한 추론에 최적화된 시스템 반도체를 설계한다.",
              "prefix": "스 선정 가장 빠르게 성장하고 있는 스타트업 중 하나다. ",
              "suffix": "\n\n리벨리온은 데이터센터용 AI 반도체 '아톰(Atom)'"
            },
            {
              "type": "TextPositionSelector",
              "start": 3861,
              "end": 3908
            }
          ]
        },
        {
          "slug": "rebellions-atom-datacenter-ai-chip",
          "quote": "리벨리온은 데이터센터용 AI 반도체 '아톰(Atom)'을 개발했다.",
          "stance": "fact",
          "startOffset": 3910,
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
              "exact": "리벨리온은 데이터센터용 AI 반도체 '아톰(Atom)'을 개발했다.",
              "prefix": "모델을 통한 추론에 최적화된 시스템 반도체를 설계한다.\n\n",
              "suffix": " 아톰은 현재 KT의 AI 전략 핵심인 신경망 처리장치(N"
            },
            {
              "type": "TextPositionSelector",
              "start": 3910,
              "end": 3947
            }
          ]
        },
        {
          "slug": "rebellions-series-a-2022-62-billion-won",
          "quote": "리벨리온은 창업 2년 만에 글로벌 수준의 AI\n\n반도체를 출시했고, 지난해 620억원의 시리즈A 투자를 유치하며 누적 투자금 1,120억원을 달성했다.",
          "stance": "fact",
          "startOffset": 3997,
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
              "exact": "리벨리온은 창업 2년 만에 글로벌 수준의 AI\n\n반도체를 출시했고, 지난해 620억원의 시리즈A 투자를 유치하며 누적 투자금 1,120억원을 달성했다.",
              "prefix": "핵심인 신경망 처리장치(NPU) 인프라를 담당하고 있다. ",
              "suffix": "\n\n챗GPT를 개발한 오픈AI도 자체 GPU 제작을 검토하"
            },
            {
              "type": "TextPositionSelector",
              "start": 3997,
              "end": 4081
            }
          ]
        }
      ]
    },
  });


export const VendorFieldsSchema = VendorSchema.partial().meta({
  id: 'VendorFields',
  description: 'A company reduced to the fields named by `fields=`.',
});

/** What of a company a curator may mark as their classification rather than the sources'. */
export const VENDOR_DECLARABLE = ['kind', 'country', 'parent'] as const;

export const VendorInputSchema = z
  .strictObject({
    slug: SlugSchema,
    name: safeText({ max: TEXT_MAX.name }).describe('English name.'),
    nameKo: safeText({ max: TEXT_MAX.name }).nullable().optional().describe('Korean name as the source writes it.'),
    aliases: AliasesInputSchema.optional(),
    kind: VendorKindSchema,
    country: CountryCodeInputSchema.nullable().optional(),
    foundedYear: z.number().int().min(1800).max(2100).nullable().optional(),
    founders: z
      .array(z.strictObject({ name: safeText({ max: TEXT_MAX.name }), nameKo: safeText({ max: TEXT_MAX.name }).nullable().optional() }))
      .max(LIST_MAX.founders)
      .optional(),
    description: safeText({ max: TEXT_MAX.description, multiline: true }).nullable().optional(),
    parent: SlugSchema.nullable().optional().describe('Slug of the company this one belongs to.'),
    curated: curatedInputSchema(VENDOR_DECLARABLE).optional(),
    sources: SourceSlugsInputSchema,
  })
  .meta({
    id: 'NewVendor',
    description: 'A new company. Unknown fields are refused; ids, timestamps and derived fields (roles) are not writable.',
    example: { slug: 'furiosaai', name: 'FuriosaAI', nameKo: '퓨리오사AI', kind: 'startup', country: 'KR', sources: ['rebellions-korean-startup-joins-competition'] },
  });

export const VendorPatchSchema = VendorInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({
    id: 'VendorChanges',
    description: 'Fields to change; others stay as they are. The slug cannot change.',
    example: { description: 'Korean AI chip startup.' },
  });
