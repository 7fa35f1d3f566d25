// Statement data access: filters, sort fields, and rows → API statements.
import { z } from 'zod';
import { raw, sql, valuesList, type SqlReader } from '../db/sql.js';
import type { FilterField } from '../records/filters.js';
import type { SortFields } from '../records/list-query.js';
import { chipSummaryColumns, chipSummaryOf, inIdOrder, sourceLink, sourcesByOwner, toChipSummary, toVendorSummary, vendorSummaryColumns, vendorSummaryOf } from '../records/views.js';
import { StanceSchema, StatementAboutSchema, StatementTopicSchema } from '../domain/vocabulary.js';
import { STATEMENT_CURATED, STATEMENT_INCLUDES, StatementSchema } from './schemas.js';
import type { RecordDefinition } from '../records/definition.js';
import { tableColumns } from '../records/columns.js';
import { RESOURCES } from '../domain/resources.js';

type Statement = z.infer<typeof StatementSchema>;

const LINK = sourceLink('statement');
/** The passages each statement rests on, as `l` (its statement) joined to `s` (the passage). */
const PASSAGES = raw(`"${LINK.table}" l JOIN "Source" s ON s."id" = l."${LINK.source}"`);
const STATEMENT_OF_PASSAGE = raw(`l."${LINK.owner}"`);

export const statementFilters: FilterField[] = [
  { kind: 'enum', name: 'about', column: 'about', values: StatementAboutSchema, description: 'What it is about: a company, a chip or the market.' },
  {
    kind: 'reference',
    references: 'vendor',
    name: 'vendor',
    description: 'About this company',
    example: 'microsoft',
    where: (slugs) => sql`"vendorId" IN (SELECT "id" FROM "Vendor" WHERE "slug" IN ${slugs})`,
  },
  {
    kind: 'reference',
    references: 'chip',
    name: 'chip',
    description: 'About this chip',
    example: 'azure-maia-100',
    where: (slugs) => sql`"chipId" IN (SELECT "id" FROM "Chip" WHERE "slug" IN ${slugs})`,
  },
  { kind: 'enum', name: 'topic', column: 'topic', values: StatementTopicSchema, description: "The curator's heading." },
  {
    kind: 'reference',
    references: 'source',
    name: 'source',
    description: 'Resting on this passage',
    example: 'microsoft-vertical-integration',
    where: (slugs) => sql`"id" IN (SELECT ${STATEMENT_OF_PASSAGE} FROM ${PASSAGES} WHERE s."slug" IN ${slugs})`,
  },
  {
    kind: 'reference',
    references: 'document',
    name: 'document',
    description: 'Resting on a passage of this document',
    example: 'ai-chip-market-big-tech-and-startups-2023',
    where: (slugs) =>
      sql`"id" IN (SELECT ${STATEMENT_OF_PASSAGE} FROM ${PASSAGES} JOIN "Document" d ON d."id" = s."documentId" WHERE d."slug" IN ${slugs})`,
  },
  {
    // Through the passages: a statement is a plan where a passage it rests on frames it so.
    kind: 'custom',
    name: 'stance',
    schema: z.enum(StanceSchema.options).meta({ description: 'Resting on a passage its document frames this way (fact, report, plan or estimate).', example: 'plan' }),
    where: (_reader: SqlReader, stance: string) =>
      sql`"id" IN (SELECT ${STATEMENT_OF_PASSAGE} FROM ${PASSAGES} WHERE s."stance" = ${stance})`,
  },
];

export const statementSortFields = {
  slug: { field: 'slug', nullable: false, type: 'text' },
  topic: { field: 'topic', nullable: false, type: 'text' },
} satisfies SortFields;

const STATEMENT_COLUMNS = tableColumns('t', { id: 'integer', slug: 'text', about: 'text', topic: 'text', statement: 'text' });

/** The statements with these ids, their subject and passages: two queries whatever their number. */
export async function loadStatements(reader: SqlReader, ids: readonly number[]): Promise<Statement[]> {
  if (ids.length === 0) return [];
  const [rows, sources] = await Promise.all([
    reader.all<Record<string, unknown> & { id: number }>(
      sql`SELECT ${STATEMENT_COLUMNS.select}, ${vendorSummaryColumns('v', 'vendor')}, ${chipSummaryColumns('c', 'chip')}
          FROM "Statement" t LEFT JOIN "Vendor" v ON v."id" = t."vendorId" LEFT JOIN "Chip" c ON c."id" = t."chipId"
          WHERE t."id" IN ${valuesList(ids)}`,
    ),
    sourcesByOwner(reader, 'statement', ids),
  ]);
  return inIdOrder(ids, rows, (row): Statement => {
    const statement = STATEMENT_COLUMNS.read(row);
    const vendor = vendorSummaryOf(row, 'vendor');
    const chip = row.chip_slug == null ? null : chipSummaryOf(row, 'chip');
    const passages = sources.get(statement.id) ?? [];
    return {
      slug: statement.slug,
      about: statement.about as Statement['about'],
      vendor: vendor && toVendorSummary(vendor),
      chip: chip && toChipSummary(chip),
      topic: statement.topic as Statement['topic'],
      statement: statement.statement,
      // Its subject and heading are the curator's reading, its gloss the curator's words.
      curated: [...STATEMENT_CURATED],
      sources: passages,
    };
  });
}

/** The data half of statements' definition: what the write path and the reads need (src/records/definition.ts). */
export const statementRecord: RecordDefinition<typeof StatementSchema> = {
  ...RESOURCES.statement,
  itemSchema: StatementSchema,
  includes: STATEMENT_INCLUDES,
  load: loadStatements,
};
