// Ranks records against a query in TypeScript: the dataset is small, and ranking needs to know *which* text
// matched and how (whole, prefix, inside), which SQL LIKE over `searchText` cannot say. Matching is literal
// `includes`/`startsWith` on NFKC-lower-cased text, so '%', '_' and quotes in a query are just characters.
import type { Database } from '../db/client.js';
import { normaliseForSearch } from '../shared/list-query.js';
import { roundName } from '../funding-rounds/names.js';
import { BadRequestProblem } from '../shared/problem.js';
import { companyNames, stringArray } from '../shared/views.js';
import {
  SEARCH_SCORES,
  SearchResultTypeSchema,
  type SearchHit,
  type SearchQuery,
  type SearchResultType,
  type SearchResults,
} from './schemas.js';

interface Candidate {
  type: SearchResultType;
  slug: string;
  name: string;
  nameKo: string | null;
  aliases: string[];
  description: string | null;
}

const URL_PREFIX: Record<SearchResultType, string> = {
  chip: '/v1/chips',
  vendor: '/v1/vendors',
  fundingRound: '/v1/funding-rounds',
  deal: '/v1/deals',
};

async function loadCandidates(db: Database, type: SearchResultType): Promise<Candidate[]> {
  switch (type) {
    case 'chip':
    case 'vendor': {
      const select = { slug: true, name: true, nameKo: true, aliases: true, description: true } as const;
      const rows = type === 'chip' ? await db.chip.findMany({ select }) : await db.vendor.findMany({ select });
      return rows.map((row) => ({ ...row, type, aliases: stringArray(row.aliases) }));
    }
    case 'fundingRound': {
      const rows = await db.fundingRound.findMany({
        select: { slug: true, roundType: true, description: true, company: { select: { name: true, nameKo: true, aliases: true } } },
      });
      return rows.map((row) => ({
        type,
        slug: row.slug,
        ...roundName(row.company, row.roundType),
        aliases: stringArray(row.company.aliases),
        description: row.description,
      }));
    }
    case 'deal': {
      const rows = await db.deal.findMany({
        select: {
          slug: true,
          title: true,
          titleKo: true,
          description: true,
          parties: { select: { vendor: { select: { name: true, nameKo: true, aliases: true } } } },
        },
      });
      return rows.map((row) => ({
        type,
        slug: row.slug,
        name: row.title,
        nameKo: row.titleKo,
        // A deal goes by its parties' names and aliases, as the deal list's `q=` finds it.
        aliases: row.parties.flatMap(({ vendor }) => (vendor ? companyNames(vendor) : [])),
        description: row.description,
      }));
    }
  }
}

interface Match {
  score: number;
  matchedOn: SearchHit['matchedOn'];
}

/**
 * Text with its spaces and joining punctuation removed: people type '디매트릭스' for '디-매트릭스', 'sk hynix' or
 * 'skhynix', 'tpu v4' or 'tpuv4'. A query that matches nothing as typed is tried again this way.
 */
function loose(text: string): string {
  return text.replace(/[\s\-‐‑‒–—_.·・]/g, '');
}

/**
 * The candidate's best match for a normalised query, or null. Earlier fields win ties (name before nameKo). What
 * matches only once spaces and hyphens are ignored ranks as the same kind of match.
 */
export function bestMatch(candidate: Candidate, query: string): Match | null {
  const asTyped = bestMatchOf(candidate, query, (text) => text);
  if (asTyped !== null) return asTyped;
  const looseQuery = loose(query);
  return looseQuery.length === 0 ? null : bestMatchOf(candidate, looseQuery, loose);
}

function bestMatchOf(candidate: Candidate, query: string, fold: (text: string) => string): Match | null {
  let best: Match | null = null;
  const consider = (score: number, matchedOn: Match['matchedOn']) => {
    if (best === null || score > best.score) best = { score, matchedOn };
  };
  for (const [field, text] of [['name', candidate.name], ['nameKo', candidate.nameKo]] as const) {
    if (text === null) continue;
    const name = fold(normaliseForSearch(text));
    if (name === query) consider(SEARCH_SCORES.exactName, field);
    else if (name.startsWith(query)) consider(SEARCH_SCORES.namePrefix, field);
    else if (name.includes(query)) consider(SEARCH_SCORES.nameSubstring, field);
  }
  for (const text of candidate.aliases) {
    const alias = fold(normaliseForSearch(text));
    if (alias === query) consider(SEARCH_SCORES.exactAlias, 'alias');
    else if (alias.startsWith(query)) consider(SEARCH_SCORES.aliasPrefix, 'alias');
    else if (alias.includes(query)) consider(SEARCH_SCORES.aliasSubstring, 'alias');
  }
  if (candidate.description !== null && fold(normaliseForSearch(candidate.description)).includes(query)) {
    consider(SEARCH_SCORES.description, 'description');
  }
  return best;
}

const TYPE_ORDER = SearchResultTypeSchema.options;

/** Code-unit order, not localeCompare: the same on every machine whatever its ICU data. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
    compareText(normaliseForSearch(a.name), normaliseForSearch(b.name)) ||
    compareText(a.slug, b.slug)
  );
}

export async function search(db: Database, params: SearchQuery): Promise<SearchResults> {
  // NFKC can turn a character into spaces (e.g. U+00A8 into a space and a combining mark); trim again after it.
  const query = normaliseForSearch(params.q).trim();
  if (query.length === 0) {
    throw new BadRequestProblem("Invalid query parameter 'q': it has no searchable characters.", [
      { location: 'query', name: 'q', message: 'has no searchable characters' },
    ]);
  }
  const types = TYPE_ORDER.filter((type) => params.type === undefined || params.type.includes(type));
  const candidates = (await Promise.all(types.map((type) => loadCandidates(db, type)))).flat();
  const hits: SearchHit[] = [];
  for (const candidate of candidates) {
    const match = bestMatch(candidate, query);
    if (match === null) continue;
    hits.push({
      type: candidate.type,
      slug: candidate.slug,
      name: candidate.name,
      nameKo: candidate.nameKo,
      matchedOn: match.matchedOn,
      score: match.score,
      url: `${URL_PREFIX[candidate.type]}/${candidate.slug}`,
    });
  }
  hits.sort(compareHits);
  return { query, totalCount: hits.length, data: hits.slice(0, params.limit) };
}
