// The relationship graph: companies and chips as nodes, typed edges derived from chips, chip partners,
// deployments, funding rounds and deals by every write (derive.ts), served a page of edges at a time (service.ts).
import { z } from 'zod';
import { CountParamSchema, CursorParamSchema, limitParam, MAX_PAGE_SIZE, slugFilter } from '../records/list-query.js';
import { LIST_MAX, TEXT_MAX } from '../domain/limits.js';
import { MoneySchema, PageInfoSchema, RecordUrlSchema, SourceSchema } from '../records/schemas.js';
import { ChipKindSchema, ChipPartnerRoleSchema, DealStatusSchema, SlugSchema, VendorKindSchema } from '../domain/vocabulary.js';
import { RecordLinkSchema } from '../events/schemas.js';
import { enumList } from '../records/filters.js';

export const GraphNodeTypeSchema = z.enum(['vendor', 'chip', 'unnamed_party']).meta({
  id: 'GraphNodeType',
  description:
    'A company (`vendor`), a chip (`chip`), or a deal party the article leaves unnamed (`unnamed_party`, e.g. the ' +
    'chip maker OpenAI considers acquiring).',
  example: 'vendor',
});

export const GraphEdgeTypeSchema = z
  .enum(['designs', 'partners_with', 'invests_in', 'acquired', 'customer_of'])
  .meta({
    id: 'GraphEdgeType',
    description:
      '`designs`: company → chip it designs. `partners_with`: company → chip it co-develops or makes (with `role`), ' +
      'or company → company in a partnership or manufacturing deal. `invests_in`: investor → company, one edge per ' +
      'funding round. `acquired`: acquirer → target of an acquisition deal, whatever its `status` (including ' +
      '`considering`). `customer_of`: company → chip it runs although another company designed it, or customer → ' +
      'supplier of a supply deal.',
    example: 'invests_in',
  });

/** A node's id; the longest, an unnamed party's: `party:<deal slug>:<role>-<n>`. */
const NodeIdSchema = z
  .string()
  .max(100)
  .regex(/^(vendor|chip|party):[a-z0-9:-]+$/);

export const GraphNodeSchema = z
  .object({
    id: NodeIdSchema.describe('`vendor:<slug>`, `chip:<slug>`, or `party:<deal slug>:<role>` for an unnamed deal party.'),
    type: GraphNodeTypeSchema,
    slug: SlugSchema.nullable().describe('The record\'s slug; null for an unnamed party.'),
    label: z.string().max(TEXT_MAX.partyDescription).describe('The English name (for an unnamed party, what the article says of it).'),
    labelKo: z.string().max(TEXT_MAX.name).nullable().describe('The Korean name, where the article gives one.'),
    kind: z.union([VendorKindSchema, ChipKindSchema]).nullable().describe('The company\'s or chip\'s kind; null for an unnamed party.'),
    url: RecordUrlSchema.nullable().describe('Where the record is served, relative to the API root; null for an unnamed party.'),
  })
  .meta({
    id: 'GraphNode',
    description: 'A company, a chip or an unnamed deal party.',
    example: {
      id: 'vendor:samsung',
      type: 'vendor',
      slug: 'samsung',
      label: 'Samsung',
      labelKo: '삼성',
      kind: 'conglomerate',
      url: '/v1/vendors/samsung',
    },
  });

export const GraphEdgeSchema = z
  .object({
    // Two node ids, the type and the record's slug.
    id: z
      .string()
      .max(300)
      .regex(/^[a-z_]+:(vendor|chip|party):[a-z0-9:-]+->(vendor|chip|party):[a-z0-9:-]+(@[a-z0-9-]+)?$/)
      .describe('Stable identifier: `<type>:<source>-><target>`, with `@<record slug>` for edges from rounds and deals.'),
    type: GraphEdgeTypeSchema,
    source: NodeIdSchema.describe('The id of the node the edge starts from.'),
    target: NodeIdSchema.describe('The id of the node the edge points to.'),
    record: RecordLinkSchema.describe(
      'The record the edge is derived from: the chip (designs, chip partners, deployments), the funding round, or the deal.',
    ),
    role: ChipPartnerRoleSchema.nullable().describe('For `partners_with` company → chip: how the company takes part; otherwise null.'),
    status: DealStatusSchema.nullable().describe('For edges derived from a deal: where the deal stands; otherwise null.'),
    amount: MoneySchema.nullable().describe(
      'For `invests_in`: the round\'s total (not this investor\'s share, which the article does not give); for an edge ' +
        'derived from a deal: the deal\'s value, where stated; otherwise null.',
    ),
    sources: z
      .array(SourceSchema)
      .max(LIST_MAX.sources)
      .describe(
        'The passages behind the edge, each with its document and selectors: the partner\'s or deployment\'s own passage, or the record\'s.',
      ),
    sourceSlugs: z
      .array(SlugSchema)
      .max(LIST_MAX.sources)
      .meta({ deprecated: true })
      .describe('The slugs of `sources`, in the same order. Deprecated: read `sources`, which carries each passage whole.'),
  })
  .meta({
    id: 'GraphEdge',
    description: 'A typed, directed relation between two nodes, pointing to the record it comes from.',
    example: {
      id: 'invests_in:vendor:samsung->vendor:d-matrix@d-matrix-series-b-2023',
      type: 'invests_in',
      source: 'vendor:samsung',
      target: 'vendor:d-matrix',
      record: { type: 'funding_round', slug: 'd-matrix-series-b-2023', url: '/v1/funding-rounds/d-matrix-series-b-2023' },
      role: null,
      status: null,
      amount: {
        amount: '110000000',
        currency: 'USD',
        notation: '1억 1천만 달러',
        usd: { amount: '110000000', unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' },
      },
      sources: [
        {
          slug: 'd-matrix-series-b-110-million',
          quote:
            '디-매트릭스는 9월 시리즈 B 라운드에서 삼성, 미래에셋, 마이크로\n\n소프트와 미국의 스타트업 자문기업 플레이그라운드 글로벌(Playground Global) 등에서 1억 1천만 달러를 투자받았다.',
          stance: 'fact',
          startOffset: 3219,
          document: {
            slug: 'ai-chip-market-big-tech-and-startups-2023',
            title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
            publisher: null,
            published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
          },
          selector: [
            {
              type: 'TextQuoteSelector',
              exact:
                '디-매트릭스는 9월 시리즈 B 라운드에서 삼성, 미래에셋, 마이크로\n\n소프트와 미국의 스타트업 자문기업 플레이그라운드 글로벌(Playground Global) 등에서 1억 1천만 달러를 투자받았다.',
              prefix: 'ansformer) 배포를 지원하는 칩을 개발하고 있다. ',
              suffix: ' 앞서 SK하이닉스가 투자를 진행한 바도 있다.\n\n2019',
            },
            { type: 'TextPositionSelector', start: 3219, end: 3329 },
          ],
        },
      ],
      sourceSlugs: ['d-matrix-series-b-110-million'],
    },
  });

export const GraphSchema = z
  .object({
    // Both ends of every edge, and the company asked about.
    nodes: z
      .array(GraphNodeSchema)
      .max(2 * MAX_PAGE_SIZE + 1)
      .describe(
        'The nodes this page\'s edges meet (and, with `vendor`, that company), companies first, then chips, then unnamed ' +
          'parties, each by id. A company or chip with no edge is in no page: list them with /v1/vendors and /v1/chips.',
      ),
    edges: z.array(GraphEdgeSchema).max(MAX_PAGE_SIZE).describe('A page of edges, by edge type (in the order of `GraphEdgeType`), then id.'),
    page: PageInfoSchema,
  })
  .meta({
    id: 'Graph',
    description: 'Companies and chips and how they relate, a page of edges at a time: every edge\'s endpoints are among `nodes`.',
  });

/**
 * Big enough for the article's whole graph (30 edges) in one page; small enough that a page costs about what a
 * list page does (every edge names its record and passages, every node is read).
 */
export const DEFAULT_GRAPH_PAGE_SIZE = 50;

export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type GraphEdgeType = z.infer<typeof GraphEdgeTypeSchema>;

export const GraphQuerySchema = z.strictObject({
  limit: limitParam(DEFAULT_GRAPH_PAGE_SIZE),
  cursor: CursorParamSchema.optional(),
  count: CountParamSchema,
  vendor: slugFilter(
    'Only this company\'s node, its neighbours and the edges among them (slug); an unknown slug is a 400.',
    'samsung',
  ),
  edgeType: enumList(z.enum(GraphEdgeTypeSchema.enum))
    .optional()
    .meta({
      description: `Only edges of these types, comma-separated: ${GraphEdgeTypeSchema.options.join(', ')}.`,
      example: 'invests_in,acquired',
    }),
});

export type GraphQuery = z.infer<typeof GraphQuerySchema>;
