// Search across every kind of record at once: one ranked list of chips, companies, funding rounds and deals.
import { z } from 'zod';
import { queryInteger, searchText } from '../records/list-query.js';
import { commaList } from '../records/filters.js';
import { TEXT_MAX } from '../domain/limits.js';
import { RecordUrlSchema } from '../records/schemas.js';
import { SlugSchema } from '../domain/vocabulary.js';

export const MAX_SEARCH_RESULTS = 50;
/** The longest query. */
const MAX_QUERY_LENGTH = 100;
export const DEFAULT_SEARCH_RESULTS = 20;

export const SearchResultTypeSchema = z.enum(['chip', 'vendor', 'funding_round', 'deal', 'document']).meta({
  id: 'SearchResultType',
  description:
    'Which kind of record a search result is; results with equal scores come in this order. A funding round is ' +
    '`funding_round`, as in the timeline and the graph (search said `fundingRound` until 2026-12). A `document` is ' +
    'found by its title, and by its whole text when `type` names `document`.',
  example: 'chip',
});

/**
 * A kind of record in `type=`: the result types, and the spelling search used for a funding round before the API
 * named it one way everywhere (`fundingRound`), read as `funding_round` for one more release.
 */
const DEPRECATED_TYPE_NAMES: Record<string, SearchResultType> = { fundingRound: 'funding_round' };
const TypeParamSchema = z
  .enum([...SearchResultTypeSchema.options, ...(Object.keys(DEPRECATED_TYPE_NAMES) as ['fundingRound'])])
  .transform((type): SearchResultType => DEPRECATED_TYPE_NAMES[type] ?? (type as SearchResultType));

export const SearchMatchFieldSchema = z.enum(['name', 'nameKo', 'alias', 'description', 'text']).meta({
  id: 'SearchMatchField',
  description:
    'What the query matched: the English `name`, the Korean `nameKo`, an `alias` (another name of the record; for a ' +
    "funding round, its company's other names; for a deal, the names of its parties), the English `description`, or " +
    "a document's `text`.",
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
  text: 5,
} as const;

/** How much of the text a snippet shows on either side of the match, in code points. */
export const SNIPPET_CONTEXT = 60;

export const SearchTextMatchSchema = z
  .object({
    start: z.number().int().min(0).describe("Where the first match starts in the document's text, in code points (as a TextPositionSelector counts)."),
    end: z.number().int().min(0).describe('Where it ends (exclusive), in code points.'),
    count: z.number().int().min(1).describe('How many times the query stands in the text (matches that do not overlap).'),
    snippet: z
      .string()
      // Code points on either side and the match, each up to two UTF-16 units.
      .max(2 * (2 * SNIPPET_CONTEXT + MAX_QUERY_LENGTH * 18))
      .describe(`The text around the first match, verbatim: up to ${SNIPPET_CONTEXT} code points on either side.`),
    snippetStart: z.number().int().min(0).describe("Where the snippet starts in the document's text, in code points: the match is at `start - snippetStart` in it."),
  })
  .meta({
    id: 'SearchTextMatch',
    description:
      "Where the query stands in a document's text. Matching folds case and width code point by code point; a " +
      'character that folds into several (a ligature) matches only itself in a text.',
  });

export const SearchHitSchema = z
  .object({
    type: SearchResultTypeSchema,
    slug: SlugSchema,
    // A deal's title is the longest name; a round's is its company's name and a few words.
    name: z
      .string()
      .max(TEXT_MAX.title)
      .describe(
        "The record's English name; a deal's title; for a funding round, its company's name and the round type (e.g. " +
          "`d-Matrix Series B`); a document's English title (its title as written where it has no English one).",
      ),
    nameKo: z
      .string()
      .max(TEXT_MAX.title)
      .nullable()
      .describe(
        'The Korean name (a deal\'s Korean title; a round\'s company in Korean and the round type), where there is one; ' +
          'for a document, its title as written when that differs from `name`.',
      ),
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
    url: RecordUrlSchema.describe('Where the record is served, relative to the API root.'),
    textMatch: SearchTextMatchSchema.nullable().describe(
      "When `type` names `document`, for a document whose text holds the query (whatever else matched): where, with " +
        'the text around it; otherwise null.',
    ),
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
      textMatch: null,
    },
  });

export const SearchResultsSchema = z
  .object({
    // NFKC lengthens text at most 18-fold (U+FDFA).
    query: z.string().max(MAX_QUERY_LENGTH * 18).describe('The query as matched: trimmed, NFKC-normalised and lower-cased.'),
    totalCount: z.number().int().min(0).describe('Every record the query matched; `data` holds the first `limit` of them.'),
    data: z
      .array(SearchHitSchema)
      .max(MAX_SEARCH_RESULTS)
      .describe('Best first: by score, then type (chip, vendor, funding_round, deal, document), then normalised name, then slug.'),
  })
  .meta({
    id: 'SearchResults',
    description: 'Chips, companies, funding rounds, deals and documents matching a query, ranked.',
    example: {
      query: '삼성',
      totalCount: 3,
      data: [
        { type: 'vendor', slug: 'samsung', name: 'Samsung', nameKo: '삼성', matchedOn: 'nameKo', score: 100, url: '/v1/vendors/samsung', textMatch: null },
        {
          type: 'vendor',
          slug: 'samsung-electronics',
          name: 'Samsung Electronics',
          nameKo: '삼성전자',
          matchedOn: 'nameKo',
          score: 90,
          url: '/v1/vendors/samsung-electronics',
          textMatch: null,
        },
      ],
    },
  });

export const SearchQuerySchema = z.strictObject({
  q: z
    .string()
    // Room for the white space around the query, which is trimmed off.
    .max(2 * MAX_QUERY_LENGTH)
    .trim()
    .pipe(searchText(MAX_QUERY_LENGTH))
    .meta({
      description:
        'What to look for, 1 to 100 characters after trimming: English or Korean, matched case-, width- and ' +
        'normalisation-insensitively (NFKC) as literal text against names, Korean names, aliases, descriptions and ' +
        "documents' titles; with `type` naming `document`, from three characters on, against documents' whole texts too.",
      example: '마이아',
    }),
  type: commaList(TypeParamSchema, Math.max(...TypeParamSchema.in.options.map((option) => option.length)))
    .optional()
    .meta({
      description:
        `Only these kinds of record, comma-separated: ${SearchResultTypeSchema.options.join(', ')} (default: all). ` +
        '`fundingRound`, the spelling before 2026-12, is still accepted for `funding_round` until the next release.',
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
export type SearchTextMatch = z.infer<typeof SearchTextMatchSchema>;
