// Ranks records against a query in SQL, over the search terms the write path keeps (derive.ts): the index finds the
// terms holding the query (an FTS5 trigram table from three characters on), then each term is scored by what it is
// and how it matched (whole, start, inside), each record keeps its best score, and only the page is read out.
// Matching is literal: '%', '_' and quotes in a query are just characters.
import { InvalidInput } from '../domain/refusal.js';
import { resourceOfKind } from '../domain/resources.js';
import { literal, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { normaliseForSearch } from '../records/list-query.js';
import { characters, TRIGRAM } from '../records/search.js';
import { containsText } from '../db/dialect.js';
import { searchIndex } from './search-index.js';
import { loose } from './derive.js';
import { SEARCH_SCORES, SearchResultTypeSchema, type SearchHit, type SearchQuery, type SearchResultType, type SearchResults } from './schemas.js';


/**
 * The terms (aliased `t`) that can match: those holding the query once spaces and joining punctuation are taken out
 * of both (a term holding the query as typed holds it that way too, so this one needle finds every candidate).
 * Through the trigram index from three characters on; below that by reading the name and alias terms, since
 * descriptions would match almost anything on one or two characters.
 */
function candidateTerms(query: string, looseQuery: string): Sql {
  const [column, needle] = looseQuery.length > 0 ? (['loose', looseQuery] as const) : (['text', query] as const);
  if (characters(needle) >= TRIGRAM) {
    const terms = searchIndex.termsHolding(column, needle);
    return sql`${terms.from} WHERE ${terms.where}`;
  }
  return sql`"SearchTerm" t WHERE t."field" <> 'description' AND ${containsText(raw(`t."${column}"`), sql`${needle}`)}`;
}

/** What a match is worth by field and kind (the issue's tiers), times ten, plus which field wins a tie (name, nameKo). */
function termScore(column: 'text' | 'loose', needle: string): Sql {
  const value = raw(`t."${column}"`);
  const whole = sql`${value} = ${needle}`;
  const start = sql`substr(${value}, 1, ${literal(characters(needle))}) = ${needle}`;
  const inside = containsText(value, sql`${needle}`);
  const s = Object.fromEntries(Object.entries(SEARCH_SCORES).map(([name, score]) => [name, literal(score)])) as Record<keyof typeof SEARCH_SCORES, Sql>;
  return sql`(CASE
      WHEN t."field" IN ('name', 'nameKo') THEN
        CASE WHEN ${whole} THEN ${s.exactName} WHEN ${start} THEN ${s.namePrefix} WHEN ${inside} THEN ${s.nameSubstring} END
      WHEN t."field" = 'alias' THEN
        CASE WHEN ${whole} THEN ${s.exactAlias} WHEN ${start} THEN ${s.aliasPrefix} WHEN ${inside} THEN ${s.aliasSubstring} END
      ELSE CASE WHEN ${inside} THEN ${s.description} END
    END * 10 + CASE t."field" WHEN 'name' THEN 2 WHEN 'nameKo' THEN 1 ELSE 0 END)`;
}

const FIELD_OF_TIE: Record<number, SearchHit['matchedOn']> = { 2: 'name', 1: 'nameKo' };

/** Reads back the field a composite score came from. */
function matchedOn(composite: number): SearchHit['matchedOn'] {
  const score = Math.floor(composite / 10);
  if (score === SEARCH_SCORES.description) return 'description';
  if (score === SEARCH_SCORES.exactAlias || score === SEARCH_SCORES.aliasPrefix || score === SEARCH_SCORES.aliasSubstring) return 'alias';
  return FIELD_OF_TIE[composite % 10] ?? 'name';
}

interface RankedRow {
  type: SearchResultType;
  slug: string;
  name: string;
  nameKo: string | null;
  composite: number;
  total: number;
}

export async function search(reader: SqlReader, params: SearchQuery): Promise<SearchResults> {
  // NFKC can turn a character into spaces (e.g. U+00A8 into a space and a combining mark); trim again after it.
  const query = normaliseForSearch(params.q).trim();
  if (query.length === 0) {
    throw new InvalidInput("Invalid query parameter 'q': it has no searchable characters.", [
      { location: 'query', name: 'q', message: 'has no searchable characters' },
    ]);
  }
  const looseQuery = loose(query);
  const types = SearchResultTypeSchema.options.filter((type) => params.type === undefined || params.type.includes(type));
  // A record ranks by its best term as typed; only a record that matches nothing as typed is ranked by its best
  // match with spaces and hyphens ignored on both sides, at the same tiers.
  const best = looseQuery.length > 0 ? sql`COALESCE(MAX(${termScore('text', query)}), MAX(${termScore('loose', looseQuery)}))` : sql`MAX(${termScore('text', query)})`;
  const rows = await reader.all<RankedRow>(
    sql`SELECT r."type", r."slug", r."name", r."nameKo", m."composite", COUNT(*) OVER () AS "total"
        FROM (SELECT t."recordId", ${best} AS "composite" FROM ${candidateTerms(query, looseQuery)} GROUP BY t."recordId") m
        JOIN "SearchRecord" r ON r."id" = m."recordId"
        WHERE m."composite" IS NOT NULL AND r."type" IN ${valuesList(types)}
        ORDER BY m."composite" / 10 DESC, r."typeRank", r."sortName", r."slug"
        LIMIT ${literal(params.limit)}`,
  );
  return {
    query,
    totalCount: rows[0]?.total ?? 0,
    data: rows.map((row) => ({
      type: row.type,
      slug: row.slug,
      name: row.name,
      nameKo: row.nameKo,
      matchedOn: matchedOn(row.composite),
      score: Math.floor(row.composite / 10),
      url: `/v1/${resourceOfKind(row.type).path}/${row.slug}`,
    })),
  };
}
