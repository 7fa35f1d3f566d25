import { z } from 'zod';
import { MoneySchema, PartialDateSchema, SourceSchema, VendorSummarySchema } from '../shared/schemas.js';
import { DealKindSchema, DealPartyRoleSchema, DealStatusSchema } from '../shared/vocabulary.js';

export const DealPartySchema = z
  .object({
    vendor: VendorSummarySchema.nullable().describe('The company; null when the article leaves it unnamed.'),
    role: DealPartyRoleSchema,
    description: z.string().nullable().describe('Who the party is, when the article does not name it.'),
  })
  .meta({ id: 'DealParty', description: 'A party to a deal and its role.' });

export const DealSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    titleKo: z.string().nullable(),
    kind: DealKindSchema,
    status: DealStatusSchema,
    date: PartialDateSchema.nullable(),
    amount: MoneySchema.nullable(),
    description: z.string().nullable(),
    parties: z
      .array(DealPartySchema)
      .optional()
      .describe('The companies party to the deal (`include=parties`; always on the detail endpoint unless narrowed).'),
    sources: z.array(SourceSchema),
  })
  .meta({
    id: 'Deal',
    description: 'An acquisition, partnership or other transaction, including ones only being considered.',
    example: {
      slug: 'amazon-acquires-annapurna-labs',
      title: 'Amazon acquires Annapurna Labs',
      titleKo: null,
      kind: 'acquisition',
      status: 'completed',
      date: { value: '2015', precision: 'year', qualifier: null, start: '2015-01-01', end: '2015-12-31' },
      amount: null,
      description: null,
      parties: [
        { vendor: { slug: 'amazon', name: 'Amazon', nameKo: '아마존', kind: 'big_tech' }, role: 'acquirer', description: null },
      ],
      sources: [],
    },
  });

export const DEAL_INCLUDES = ['parties'] as const;

export const DealFieldsSchema = DealSchema.partial().meta({
  id: 'DealFields',
  description: 'A deal reduced to the fields named by `fields=`.',
});
