import { z } from 'zod';
import { MoneySchema, PartialDateSchema, SourceSchema, VendorSummarySchema, listEnvelope } from '../shared/schemas.js';
import { DealKindSchema, DealPartyRoleSchema, DealStatusSchema, SlugSchema } from '../shared/vocabulary.js';
import { enumFilter, slugFilter, CursorParamSchema, LimitParamSchema, SearchParamSchema, queryInteger, sortParam } from '../shared/list-query.js';

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
    parties: z.array(DealPartySchema),
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

export const ListDealsQuerySchema = z.strictObject({
  limit: LimitParamSchema,
  cursor: CursorParamSchema.optional(),
  sort: sortParam(
    {
      date: { field: 'dateStart', nullable: true },
      slug: { field: 'slug', nullable: false },
      title: { field: 'title', nullable: false },
    },
    '-date',
  ),
  vendor: slugFilter('Only deals this company is a party to (slug).', 'amazon'),
  kind: enumFilter(DealKindSchema, 'Only deals of this kind.'),
  status: enumFilter(DealStatusSchema, 'Only deals with this status (`considering` for ones only being weighed).'),
  year: queryInteger(1900, 2100).optional().describe('Only deals dated in this year (any precision).'),
  q: SearchParamSchema.optional().describe('Search over deal titles and party names.'),
});

export type ListDealsQuery = z.infer<typeof ListDealsQuerySchema>;

export const DealListSchema = listEnvelope(DealSchema).meta({ id: 'DealList', description: 'A page of deals.' });
