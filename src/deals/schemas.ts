import { z } from 'zod';
import { CuratedFieldsSchema, curatedInputSchema } from '../records/curated.js';
import { PartialDateInputSchema, safeText, SourceSlugsInputSchema, MoneyInputSchema, UsdRateInputSchema, noRepeats } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import { MoneySchema, PartialDateSchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import { DealKindSchema, DealPartyRoleSchema, DealStatusSchema, SlugSchema } from '../domain/vocabulary.js';

export const DealPartySchema = z
  .object({
    vendor: VendorSummarySchema.nullable().describe('The company; null when the article leaves it unnamed.'),
    role: DealPartyRoleSchema,
    description: shownText('partyDescription').nullable().describe('Who the party is, when the article does not name it.'),
  })
  .meta({ id: 'DealParty', description: 'A party to a deal and its role.' });

export const DealSchema = z
  .object({
    slug: SlugSchema,
    title: shownText('title'),
    titleKo: shownText('title').nullable(),
    kind: DealKindSchema,
    status: DealStatusSchema,
    date: PartialDateSchema.nullable(),
    amount: MoneySchema.nullable(),
    description: shownText('description').nullable(),
    parties: z
      .array(DealPartySchema)
      .max(LIST_MAX.parties)
      .optional()
      .describe('The companies party to the deal (`include=parties`; always on the detail endpoint unless narrowed).'),
    curated: CuratedFieldsSchema,
    sources: z.array(SourceSchema).max(LIST_MAX.sources),
  })
  .meta({
    id: 'Deal',
    description: 'An acquisition, partnership or other transaction, including ones only being considered.',
    example: {
      "slug": "amazon-acquires-annapurna-labs",
      "title": "Amazon acquires Annapurna Labs",
      "titleKo": "아마존, 안나푸르나 랩스 인수",
      "kind": "acquisition",
      "status": "completed",
      "date": {
        "value": "2015",
        "precision": "year",
        "qualifier": null,
        "start": "2015-01-01",
        "end": "2015-12-31"
      },
      "amount": null,
      "description": "Amazon acquired the Israeli semiconductor company Annapurna Labs in 2015 and went on to release its own AI chips, Inferentia and Trainium.",
      "parties": [
        {
          "vendor": {
            "slug": "amazon",
            "name": "Amazon",
            "nameKo": "아마존",
            "kind": "big_tech"
          },
          "role": "acquirer",
          "description": null
        },
        {
          "vendor": {
            "slug": "annapurna-labs",
            "name": "Annapurna Labs",
            "nameKo": "안나푸르나 랩스",
            "kind": "semiconductor"
          },
          "role": "target",
          "description": null
        }
      ],
      "curated": [
        "title",
        "titleKo"
      ],
      "sources": [
        {
          "slug": "amazon-acquires-annapurna-labs-and-launches-chips",
          "quote": "아마존은 2015년 이스라엘 반도체 기업 안나푸르나 랩스(Annapurna Labs)를 인수하고 자체 AI 반도체인 '인퍼런시아'(Inferentia)와 '트레이니엄'(Trainium)을 내놓았다.",
          "stance": "fact",
          "startOffset": 2457,
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
              "exact": "아마존은 2015년 이스라엘 반도체 기업 안나푸르나 랩스(Annapurna Labs)를 인수하고 자체 AI 반도체인 '인퍼런시아'(Inferentia)와 '트레이니엄'(Trainium)을 내놓았다.",
              "prefix": "율주행차, 일기예보 등 다양한 분야에 적용할 수 있다.\n\n",
              "suffix": " 아마존의 데이터센터와 AI 음성인식 서비스에 적용 중이다"
            },
            {
              "type": "TextPositionSelector",
              "start": 2457,
              "end": 2567
            }
          ]
        }
      ]
    },
  });

export const DEAL_INCLUDES = ['parties'] as const;

export const DealFieldsSchema = DealSchema.partial().meta({
  id: 'DealFields',
  description: 'A deal reduced to the fields named by `fields=`.',
});

export const DealPartyInputSchema = z
  .strictObject({
    vendor: SlugSchema.optional().describe('Slug of the company; omit when the source leaves it unnamed, and say who it is in `description`.'),
    role: DealPartyRoleSchema,
    description: safeText({ max: TEXT_MAX.partyDescription }).nullable().optional().describe('Who the party is; required when `vendor` is omitted.'),
  })
  .refine((party) => party.vendor !== undefined || (party.description ?? null) !== null, {
    message: 'a party without a vendor needs a description saying who it is',
    path: ['description'],
  })
  .meta({
    id: 'NewDealParty',
    description: 'A party to a deal: a company by slug, or an unnamed one described in words.',
    example: { vendor: 'amazon', role: 'acquirer' },
  });

/** What of a deal a curator may mark as their classification rather than the sources'. */
export const DEAL_DECLARABLE = ['kind', 'status', 'date'] as const;

const DealFieldsInputSchema = z.strictObject({
  slug: SlugSchema,
  title: safeText({ max: TEXT_MAX.title }).describe('English title.'),
  titleKo: safeText({ max: TEXT_MAX.title }).nullable().optional().describe('Korean title.'),
  kind: DealKindSchema,
  status: DealStatusSchema,
  date: PartialDateInputSchema.nullable().optional(),
  amount: MoneyInputSchema.nullable().optional().describe('The value of the deal; omit or null when the source gives none.'),
  usdRate: UsdRateInputSchema.optional(),
  description: safeText({ max: TEXT_MAX.description, multiline: true }).nullable().optional(),
  parties: z
    .array(DealPartyInputSchema)
    .min(1)
    .max(LIST_MAX.parties)
    .superRefine(
      // A company takes one part in a deal: Amazon cannot both acquire and be acquired in one acquisition.
      noRepeats(
        (party) => (party.vendor !== undefined ? `vendor:${party.vendor}` : `unnamed:${party.description ?? ''}\u0000${party.role}`),
        (party) => (party.vendor !== undefined ? `company '${party.vendor}' (a company takes one part in a deal)` : `party '${party.description}' as ${party.role}`),
      ),
    )
    .describe('The parties (at least one, each company once); on update, replaces the list.'),
  curated: curatedInputSchema(DEAL_DECLARABLE).optional(),
  sources: SourceSlugsInputSchema,
});

export const DealInputSchema = DealFieldsInputSchema.meta({
  id: 'NewDeal',
  description: 'A new deal. Unknown fields are refused. Money is exact: digit strings in whole units of the currency.',
  example: {
    slug: 'tenstorrent-samsung-foundry-order',
    title: 'Tenstorrent orders chips from Samsung Foundry',
    kind: 'manufacturing',
    status: 'announced',
    date: { value: '2023-Q4' },
    parties: [
      { vendor: 'tenstorrent', role: 'customer' },
      { vendor: 'samsung-electronics', role: 'supplier' },
    ],
    sources: ['tenstorrent-samsung-electronics-production-cooperation'],
  },
});

export const DealPatchSchema = DealFieldsInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({
    id: 'DealChanges',
    description: 'Fields to change; others stay as they are. `parties` and `sources` replace their lists. The slug cannot change.',
    example: { status: 'completed', date: { value: '2024-03' } },
  });
