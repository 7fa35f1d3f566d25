// Document data access: filters, sort fields, and rows → API documents (metadata and counts; the text is read by
// itself, at /v1/documents/{slug}/text).
import type { z } from 'zod';
import { first, identifier, joinSql, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import type { FilterField } from '../records/filters.js';
import type { SortFields } from '../records/list-query.js';
import { safeText } from '../records/input.js';
import { TEXT_MAX } from '../domain/limits.js';
import { grouped, inIdOrder, jsonOf, sourceLink, stringArray } from '../records/views.js';
import { tableColumns } from '../records/columns.js';
import type { RecordDefinition } from '../records/definition.js';
import { toPartialDate } from '../domain/partial-date.js';
import { RESOURCES } from '../domain/resources.js';
import { DocumentKindSchema, languageTag } from '../domain/vocabulary.js';
import { DOCUMENT_INCLUDES, DocumentSchema } from './schemas.js';

type DocumentItem = z.infer<typeof DocumentSchema>;

/** A publisher's name as a filter takes it: the exact name, as documents write it. */
const PublisherParamSchema = safeText({ max: TEXT_MAX.name }).meta({
  description: 'Only documents of this publisher (its exact name, as `publisher` shows it).',
  example: 'Example Corp',
});

export const documentFilters: FilterField[] = [
  { kind: 'enum', name: 'kind', column: 'kind', values: DocumentKindSchema, description: 'Kind of document.', examples: ['article', 'press_release'] },
  {
    kind: 'custom',
    name: 'language',
    schema: languageTag().meta({ description: 'Only documents in this language (BCP 47, as `language` shows it).', example: 'ko' }),
    where: (_reader: SqlReader, language: string) => sql`"language" = ${language}`,
  },
  {
    kind: 'custom',
    name: 'publisher',
    schema: PublisherParamSchema,
    where: (_reader: SqlReader, publisher: string) => sql`"publisher" = ${publisher}`,
  },
  { kind: 'date', name: 'published', prefix: 'published', description: 'Published', yearParam: 'publishedYear', examples: { from: '2023', to: '2023-12-31', year: 2023 } },
  { kind: 'text', name: 'title', table: 'Document', description: 'Title (as written or in English)', examples: { contains: '반도체', q: 'ai chip' } },
];

export const documentSortFields = {
  published: { field: 'publishedStart', nullable: true, type: 'text', note: 'by the first day of the period (a year sorts as its 1 January); undated documents last.' },
  title: { field: 'sortKey', nullable: false, type: 'text', note: 'case-insensitive (the title folded to lower case, NFKC).' },
  slug: { field: 'slug', nullable: false, type: 'text' },
} satisfies SortFields;

/** The columns of "Document" a document is built from (never its text). */
const DOCUMENT_COLUMNS = tableColumns('d', {
  id: 'integer',
  slug: 'text',
  title: 'text',
  titleEn: 'text?',
  kind: 'text',
  publisher: 'text?',
  authors: 'json',
  credits: 'json',
  language: 'text',
  publishedStart: 'text?',
  publishedPrecision: 'text?',
  publishedQualifier: 'text?',
  url: 'text?',
  archiveUrl: 'text?',
  licence: 'text?',
  retrievedAt: 'text?',
  sha256: 'text',
  length: 'integer',
  curated: 'json',
});

/** The kinds of record a passage can back, as citation paths name them. */
export type CitingKind = 'vendor' | 'chip' | 'fundingRound' | 'deal' | 'statement';

/** Every way a record rests on a passage: its citations (join tables), a chip's parts, a company's metrics. */
const CITATION_PATHS: { kind: CitingKind; table: string; record: string; passage: string }[] = [
  ...(['vendor', 'chip', 'fundingRound', 'deal', 'statement'] as const).map((kind) => {
    const link = sourceLink(kind);
    return { kind, table: link.table, record: link.owner, passage: link.source };
  }),
  { kind: 'chip', table: 'ChipSpec', record: 'chipId', passage: 'sourceId' },
  { kind: 'chip', table: 'ChipPartner', record: 'chipId', passage: 'sourceId' },
  { kind: 'chip', table: 'ChipDeployment', record: 'chipId', passage: 'sourceId' },
  { kind: 'vendor', table: 'Metric', record: 'vendorId', passage: 'sourceId' },
];

/**
 * The records resting on a passage of any of these documents, each once per document (`owner`, `kind`, `record`
 * id): a chip's specs, partners and deployments count as the chip, a company's metrics as the company. UNION drops
 * the repeats. With `among`, only those companies and chips (a document many records cite, as the article is at
 * scale, answers for the few a page names, not for all of them).
 */
export function recordsCitingDocuments(documentIds: Sql, among?: { vendor: readonly number[]; chip: readonly number[] }): Sql {
  const paths = among === undefined ? CITATION_PATHS : CITATION_PATHS.filter(({ kind }) => kind === 'vendor' || kind === 'chip');
  const parts = paths.flatMap(({ kind, table, record, passage }) => {
    const ids = among?.[kind as 'vendor' | 'chip'];
    if (ids !== undefined && ids.length === 0) return [];
    const onlyThese = ids === undefined ? sql`` : sql` AND x.${identifier(record)} IN ${valuesList(ids)}`;
    return [
      sql`SELECT s."documentId" AS "owner", ${raw(`'${kind}'`)} AS "kind", x.${identifier(record)} AS "record" FROM ${identifier(table)} x
          JOIN "Source" s ON s."id" = x.${identifier(passage)} WHERE s."documentId" IN ${documentIds}${onlyThese}`,
    ];
  });
  // Nothing to ask about: a query that finds nothing.
  return parts.length > 0 ? joinSql(parts, ' UNION ') : sql`SELECT 0 AS "owner", 'none' AS "kind", 0 AS "record" WHERE 1 = 0`;
}

/** The documents with these ids, their counts, and the relations in `include`: a bounded number of queries. */
export async function loadDocuments(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<DocumentItem[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const [documents, passageCounts, recordCounts, later, passages] = await Promise.all([
    reader.all<Record<string, unknown> & { id: number }>(
      sql`SELECT ${DOCUMENT_COLUMNS.select}, e."slug" AS "supersedes" FROM "Document" d LEFT JOIN "Document" e ON e."id" = d."supersedesId" WHERE d."id" IN ${idList}`,
    ),
    reader.all<{ owner: number; count: number | string }>(sql`SELECT "documentId" AS "owner", COUNT(*) AS "count" FROM "Source" WHERE "documentId" IN ${idList} GROUP BY "documentId"`),
    reader.all<{ owner: number; count: number | string }>(sql`SELECT c."owner", COUNT(*) AS "count" FROM (${recordsCitingDocuments(idList)}) c GROUP BY c."owner"`),
    reader.all<{ owner: number; slug: string }>(sql`SELECT "supersedesId" AS "owner", "slug" FROM "Document" WHERE "supersedesId" IN ${idList} ORDER BY "slug"`),
    include.has('passages')
      ? reader.all<{ owner: number; slug: string }>(sql`SELECT "documentId" AS "owner", "slug" FROM "Source" WHERE "documentId" IN ${idList} ORDER BY "documentId", "startOffset", "id"`)
      : undefined,
  ]);
  const countOf = (rows: { owner: number; count: number | string }[]) => new Map(rows.map((row) => [row.owner, Number(row.count)]));
  const passagesOf = countOf(passageCounts);
  const recordsOf = countOf(recordCounts);
  const laterOf = grouped(later, (row) => row.owner);
  const passageSlugs = passages && grouped(passages, (row) => row.owner);
  return inIdOrder(ids, documents, (row): DocumentItem => {
    const document = DOCUMENT_COLUMNS.read(row);
    return {
      slug: document.slug,
      title: document.title,
      titleEn: document.titleEn,
      kind: document.kind as DocumentItem['kind'],
      publisher: document.publisher,
      authors: stringArray(jsonOf(document.authors)),
      credits: jsonOf(document.credits) as DocumentItem['credits'],
      language: document.language,
      published: toPartialDate(document.publishedStart, document.publishedPrecision, document.publishedQualifier),
      url: document.url,
      archiveUrl: document.archiveUrl,
      licence: document.licence,
      retrievedAt: document.retrievedAt,
      sha256: document.sha256,
      length: document.length,
      supersedes: (row.supersedes as string | null) ?? null,
      supersededBy: (laterOf.get(document.id) ?? []).map((later) => later.slug),
      counts: { passages: passagesOf.get(document.id) ?? 0, citingRecords: recordsOf.get(document.id) ?? 0 },
      ...(passageSlugs && { passages: (passageSlugs.get(document.id) ?? []).map((passage) => passage.slug) }),
      curated: stringArray(jsonOf(document.curated)),
    };
  });
}

/** A document's text and its digest (the text's entity tag), or undefined when there is no such document. */
export async function documentText(reader: SqlReader, slug: string): Promise<{ text: string; sha256: string } | undefined> {
  return first<{ text: string; sha256: string }>(reader, sql`SELECT "text", "sha256" FROM "Document" WHERE "slug" = ${slug}`);
}

/** The data half of documents' definition: what the write path and the reads need (src/records/definition.ts). */
export const documentRecord: RecordDefinition<typeof DocumentSchema> = {
  ...RESOURCES.document,
  itemSchema: DocumentSchema,
  includes: DOCUMENT_INCLUDES,
  load: loadDocuments,
};
