// Source data access: filters, sort fields, the records citing a passage, and rows → API sources.
import type { z } from 'zod';
import { or, raw, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import type { FilterField } from '../records/filters.js';
import type { SortFields } from '../records/list-query.js';
import { groupByOwner, inIdOrder, readSource, sourceLink, SOURCE_COLUMNS, SOURCE_DOCUMENT, type SourceOwner } from '../records/views.js';
import { StanceSchema } from '../domain/vocabulary.js';
import { SOURCE_INCLUDES, SourceRecordSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { RESOURCES } from '../domain/resources.js';

type SourceRecord = z.infer<typeof SourceRecordSchema>;

/** Sources cited by a record of `owner` whose slug is among `slugs`, through its join table. */
function citedBy(owner: SourceOwner, table: string, slugs: Sql): Sql {
  const link = sourceLink(owner);
  return sql`"id" IN (SELECT l.${raw(`"${link.source}"`)} FROM ${raw(`"${link.table}"`)} l JOIN ${raw(`"${table}"`)} r ON r."id" = l.${raw(`"${link.owner}"`)}
                      WHERE r."slug" IN ${slugs})`;
}

/** Sources a chip's own part (spec, partner, deployment) cites, for chips whose slug is among `slugs`. */
function citedByChipPart(table: string, slugs: Sql): Sql {
  return sql`"id" IN (SELECT x."sourceId" FROM ${raw(`"${table}"`)} x JOIN "Chip" c ON c."id" = x."chipId" WHERE c."slug" IN ${slugs})`;
}

export const sourceFilters: FilterField[] = [
  {
    kind: 'reference',
    references: 'document',
    name: 'document',
    description: 'Quoting this document',
    example: 'ai-chip-market-big-tech-and-startups-2023',
    where: (slugs) => sql`"documentId" IN (SELECT "id" FROM "Document" WHERE "slug" IN ${slugs})`,
  },
  { kind: 'enum', name: 'stance', column: 'stance', values: StanceSchema, description: 'How its document frames the passage.' },
  { kind: 'text', name: 'quote', table: 'Source', description: "The quote, ignoring spaces and the article's line breaks,", examples: { contains: 'TPU', q: '마이아' } },
  {
    kind: 'reference',
    references: 'vendor',
    name: 'vendor',
    description: 'Cited by this company',
    example: 'd-matrix',
    where: (slugs) => citedBy('vendor', 'Vendor', slugs),
  },
  {
    kind: 'reference',
    references: 'chip',
    name: 'chip',
    description: 'Cited by this chip (its own record, specs, partners or deployments)',
    example: 'sambanova-sn40l',
    where: (slugs) =>
      or([
        citedBy('chip', 'Chip', slugs),
        citedByChipPart('ChipSpec', slugs),
        citedByChipPart('ChipPartner', slugs),
        citedByChipPart('ChipDeployment', slugs),
      ]),
  },
];

export const sourceSortFields = {
  position: { field: 'startOffset', nullable: false, type: 'integer', note: 'where the quote starts in its document (documents apart, filter by `document` to read one in order).' },
  slug: { field: 'slug', nullable: false, type: 'text' },
} satisfies SortFields;

const CITING: [keyof NonNullable<SourceRecord['citedBy']>, SourceOwner, string][] = (['vendor', 'chip', 'fundingRound', 'deal', 'statement'] as const).map(
  (owner) => [`${owner}s` as const, owner, RESOURCES[owner].table],
);

/** The slugs of the records of `owner` citing each of these sources, by slug. */
async function citing(reader: SqlReader, owner: SourceOwner, table: string, ids: Sql) {
  const link = sourceLink(owner);
  const rows = await reader.all<{ owner: number; slug: string }>(
    sql`SELECT l.${raw(`"${link.source}"`)} AS "owner", r."slug" FROM ${raw(`"${link.table}"`)} l
        JOIN ${raw(`"${table}"`)} r ON r."id" = l.${raw(`"${link.owner}"`)} WHERE l.${raw(`"${link.source}"`)} IN ${ids} ORDER BY r."slug"`,
  );
  return groupByOwner(rows);
}

/** The sources with these ids, and the records citing them when asked for: one query each. */
export async function loadSources(reader: SqlReader, ids: readonly number[], include: ReadonlySet<string>): Promise<SourceRecord[]> {
  if (ids.length === 0) return [];
  const idList = valuesList(ids);
  const [sources, ...citations] = await Promise.all([
    reader.all<Record<string, unknown> & { id: number }>(sql`SELECT s."id", ${SOURCE_COLUMNS} FROM "Source" s ${SOURCE_DOCUMENT} WHERE s."id" IN ${idList}`),
    ...(include.has('citedBy') ? CITING.map(([, owner, table]) => citing(reader, owner, table, idList)) : []),
  ]);
  return inIdOrder(ids, sources, (source): SourceRecord => ({
    ...readSource(source),
    ...(citations.length > 0 && {
      citedBy: Object.fromEntries(
        CITING.map(([field], index) => [field, (citations[index]!.get(source.id) ?? []).map((row) => row.slug)]),
      ) as NonNullable<SourceRecord['citedBy']>,
    }),
  }));
}

/** The data half of sources' definition: what the write path and the reads need (src/records/definition.ts). */
export const sourceRecord: RecordDefinition<typeof SourceRecordSchema> = {
  ...RESOURCES.source,
  itemSchema: SourceRecordSchema,
  includes: SOURCE_INCLUDES,
  load: loadSources,
};
