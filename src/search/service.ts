// Ranks records against a query in SQL, over the search terms the write path keeps (derive.ts): the index finds the
// terms holding the query (an FTS5 trigram table from three characters on), then each term is scored by what it is
// and how it matched (whole, start, inside), each record keeps its best score, and only the page is read out.
// Matching is literal: '%', '_' and quotes in a query are just characters.
import { InvalidInput } from '../domain/refusal.js';
import { resourceOfKind } from '../domain/resources.js';
import { literal, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { normaliseForSearch } from '../records/list-query.js';
import { characters, TRIGRAM } from '../records/search.js';
import { containsText, positionOfText } from '../db/dialect.js';
import { searchIndex } from './search-index.js';
import { loose } from './derive.js';
import { SEARCH_SCORES, SearchResultTypeSchema, SNIPPET_CONTEXT, type SearchHit, type SearchTextMatch, type SearchQuery, type SearchResultType, type SearchResults } from './schemas.js';


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

/**
 * The documents whose text holds the query as typed (three characters or more), each scored as a text match:
 * searched only when documents are asked for by type, so that looking a name up never reads through every text
 * that mentions it.
 */
function textCandidates(query: string): Sql {
  const texts = searchIndex.textsHolding(query);
  return sql`SELECT x."recordId", ${literal(SEARCH_SCORES.text * 10)} AS "composite" FROM ${texts.from} WHERE ${texts.where}`;
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
  if (score === SEARCH_SCORES.text) return 'text';
  if (score === SEARCH_SCORES.exactAlias || score === SEARCH_SCORES.aliasPrefix || score === SEARCH_SCORES.aliasSubstring) return 'alias';
  return FIELD_OF_TIE[composite % 10] ?? 'name';
}

interface TextMatchRow {
  slug: string;
  at: number;
  count: number;
  snippet: string;
  snippetStart: number;
}

/**
 * Where the query stands in each of these documents' texts, from the folded copy search keeps (SearchText, which has the
 * document's code points, one for one), with the text around the first match cut from the document itself.
 */
async function textMatches(reader: SqlReader, documentSlugs: readonly string[], query: string): Promise<Map<string, SearchTextMatch>> {
  if (documentSlugs.length === 0 || characters(query) < TRIGRAM) return new Map();
  const context = literal(SNIPPET_CONTEXT);
  const length = literal(characters(query));
  const rows = await reader.all<TextMatchRow>(
    sql`SELECT x."slug", x."at", x."count",
               substr(d."text", CASE WHEN x."at" > ${context} THEN x."at" - ${context} ELSE 1 END, ${length} + 2 * ${context}) AS "snippet",
               CASE WHEN x."at" > ${context} THEN x."at" - ${context} ELSE 1 END - 1 AS "snippetStart"
        FROM (SELECT r."slug", r."documentId", ${positionOfText(sql`t."text"`, sql`${query}`)} AS "at",
                     (length(t."text") - length(replace(t."text", ${query}, ''))) / ${length} AS "count"
              FROM "SearchRecord" r JOIN "SearchText" t ON t."recordId" = r."id"
              WHERE r."type" = 'document' AND r."slug" IN ${valuesList(documentSlugs)}) x
        JOIN "Document" d ON d."id" = x."documentId"
        WHERE x."at" > 0`,
  );
  return new Map(
    rows.map((row) => {
      // The snippet runs as far as the context on each side, and less where the match starts or ends the text.
      const snippet = [...row.snippet].slice(0, row.at - 1 - row.snippetStart + characters(query) + SNIPPET_CONTEXT).join('');
      return [row.slug, { start: row.at - 1, end: row.at - 1 + characters(query), count: row.count, snippet, snippetStart: row.snippetStart }];
    }),
  );
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
  // A document's text is looked in when documents are asked for by name (type=document), from three characters on.
  const inTexts = params.type?.includes('document') === true && characters(query) >= TRIGRAM;
  const termMatches = sql`SELECT t."recordId", ${best} AS "composite" FROM ${candidateTerms(query, looseQuery)} GROUP BY t."recordId"`;
  const matches = inTexts
    ? sql`SELECT u."recordId", MAX(u."composite") AS "composite" FROM (${termMatches} UNION ALL ${textCandidates(query)}) u GROUP BY u."recordId"`
    : termMatches;
  const rows = await reader.all<RankedRow>(
    sql`SELECT r."type", r."slug", r."name", r."nameKo", m."composite", COUNT(*) OVER () AS "total"
        FROM (${matches}) m
        JOIN "SearchRecord" r ON r."id" = m."recordId"
        WHERE m."composite" IS NOT NULL AND r."type" IN ${valuesList(types)}
        ORDER BY m."composite" / 10 DESC, r."typeRank", r."sortName", r."slug"
        LIMIT ${literal(params.limit)}`,
  );
  // Where the query stands in a text, when texts were asked for: a name search that finds documents by title does
  // not read their texts.
  const inText = inTexts ? await textMatches(reader, rows.filter((row) => row.type === 'document').map((row) => row.slug), query) : new Map<string, SearchTextMatch>();
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
      textMatch: (row.type === 'document' && inText.get(row.slug)) || null,
    })),
  };
}
