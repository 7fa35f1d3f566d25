// Search across every kind of record at once: one ranked list of chips, companies, funding rounds and deals.
import { z } from 'zod';
import { queryInteger, searchText } from '../shared/list-query.js';

export const MAX_SEARCH_RESULTS = 50;
export const DEFAULT_SEARCH_RESULTS = 20;

export const SearchResultTypeSchema = z.enum(['chip', 'vendor', 'fundingRound', 'deal']).meta({
  id: 'SearchResultType',
  description: 'Which kind of record a search result is; results with equal scores come in this order.',
  example: 'chip',
});

export const SearchMatchFieldSchema = z.enum(['name', 'nameKo', 'alias', 'description']).meta({
  id: 'SearchMatchField',
  description:
    'What the query matched: the English `name`, the Korean `nameKo`, an `alias` (another name of the record; for a ' +
    "funding round, its company's other names; for a deal, the names of its parties), or the English `description`.",
  example: 'nameKo',
});

/**
 * Score tiers, best first, in the order the issue fixes: the whole name, the start of a name, then any alias,
 * then the query somewhere inside a name, then the description. Aliases are subdivided the same way so that a
 * whole alias (`TPU` for Google's TPU) beats one that only contains the query.
 */
export const SEARCH_SCORES = {
  exactName: 100,
  namePrefix: 90,
  exactAlias: 80,
  aliasPrefix: 70,
  aliasSubstring: 60,
  nameSubstring: 50,
  description: 10,
} as const;

export const SearchHitSchema = z
  .object({
    type: SearchResultTypeSchema,
    slug: z.string(),
    name: z
      .string()
      .describe(
        "The record's English name; a deal's title; for a funding round, its company's name and the round type (e.g. `d-Matrix Series B`).",
      ),
    nameKo: z
      .string()
      .nullable()
      .describe('The Korean name (a deal\'s Korean title; a round\'s company in Korean and the round type), where there is one.'),
    matchedOn: SearchMatchFieldSchema,
    score: z
      .number()
      .int()
      .describe(
        `How well the query matched, higher first: ${SEARCH_SCORES.exactName} the whole name (or Korean name), ` +
          `${SEARCH_SCORES.namePrefix} the start of a name, ${SEARCH_SCORES.exactAlias} a whole alias, ` +
          `${SEARCH_SCORES.aliasPrefix} the start of an alias, ${SEARCH_SCORES.aliasSubstring} inside an alias, ` +
          `${SEARCH_SCORES.nameSubstring} inside a name, ${SEARCH_SCORES.description} inside the description. ` +
          'A record scores its best match.',
      ),
    url: z.string().describe('Where the record is served, relative to the API root.'),
  })
  .meta({
    id: 'SearchHit',
    description: 'One record the query matched, with what it matched and how well.',
    example: {
      type: 'chip',
      slug: 'azure-maia-100',
      name: 'Azure Maia 100',
      nameKo: '마이아 100',
      matchedOn: 'nameKo',
      score: 90,
      url: '/v1/chips/azure-maia-100',
    },
  });

export const SearchResultsSchema = z
  .object({
    query: z.string().describe('The query as matched: trimmed, NFKC-normalised and lower-cased.'),
    totalCount: z.number().int().min(0).describe('Every record the query matched; `data` holds the first `limit` of them.'),
    data: z
      .array(SearchHitSchema)
      .describe('Best first: by score, then type (chip, vendor, fundingRound, deal), then normalised name, then slug.'),
  })
  .meta({
    id: 'SearchResults',
    description: 'Chips, companies, funding rounds and deals matching a query, ranked.',
    example: {
      query: '삼성',
      totalCount: 3,
      data: [
        { type: 'vendor', slug: 'samsung', name: 'Samsung', nameKo: '삼성', matchedOn: 'nameKo', score: 100, url: '/v1/vendors/samsung' },
        {
          type: 'vendor',
          slug: 'samsung-electronics',
          name: 'Samsung Electronics',
          nameKo: '삼성전자',
          matchedOn: 'nameKo',
          score: 90,
          url: '/v1/vendors/samsung-electronics',
        },
      ],
    },
  });

export const SearchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .pipe(searchText(100))
    .meta({
      description:
        'What to look for, 1 to 100 characters after trimming: English or Korean, matched case-, width- and ' +
        'normalisation-insensitively (NFKC) as literal text against names, Korean names, aliases and descriptions.',
      example: '마이아',
    }),
  type: z
    .string()
    .transform((text) => text.split(','))
    .pipe(z.array(z.enum(SearchResultTypeSchema.enum)).min(1))
    .optional()
    .meta({
      description: `Only these kinds of record, comma-separated: ${SearchResultTypeSchema.options.join(', ')} (default: all).`,
      example: 'chip,vendor',
    }),
  limit: queryInteger(1, MAX_SEARCH_RESULTS)
    .default(DEFAULT_SEARCH_RESULTS)
    .meta({ description: `How many results, 1 to ${MAX_SEARCH_RESULTS} (default ${DEFAULT_SEARCH_RESULTS}).`, example: 10 }),
});

export type SearchQuery = z.infer<typeof SearchQuerySchema>;
export type SearchHit = z.infer<typeof SearchHitSchema>;
export type SearchResultType = z.infer<typeof SearchResultTypeSchema>;
export type SearchResults = z.infer<typeof SearchResultsSchema>;
export type SearchMatchField = z.infer<typeof SearchMatchFieldSchema>;
