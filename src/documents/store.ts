// The document store: a document's metadata and its verbatim text. The text is the evidence every passage quoting it
// rests on, so it is taken whole, in one form, once per atlas (two documents never hold the same text), and it never
// changes once a passage quotes it: a correction is a new document that `supersedes` the old one.
import type { z } from 'zod';
import { Conflict, TooLarge } from '../domain/refusal.js';
import { codePointLength, DEFAULT_DOCUMENT_TEXT_MAX_BYTES, textDigest } from '../domain/document-text.js';
import { first, sql, type SqlReader } from '../db/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { nameSortKey } from '../records/list-query.js';
import { resolveSlugs, slugTaken } from '../records/references.js';
import { RecordStore, type RecordRules } from '../records/store.js';
import { dateColumns, invalidField, sentColumns } from '../records/write-columns.js';
import { documentRecord } from './repository.js';
import { DocumentInputSchema, DocumentPatchSchema } from './schemas.js';

type DocumentInput = z.output<typeof DocumentInputSchema>;
type DocumentPatch = z.output<typeof DocumentPatchSchema>;

/** The document's own columns, as Prisma takes them both to create and to update one. */
type DocumentColumns = Partial<Omit<Prisma.DocumentUncheckedCreateInput, 'passages' | 'supersededBy'>>;

export interface DocumentLimits {
  /** The largest text kept, in UTF-8 bytes after normalisation (DOCUMENT_TEXT_MAX_BYTES). */
  maxTextBytes: number;
}

/** The passages quoting a document, by slug, in text order (at most `limit`), and how many there are. */
async function quotingPassages(db: SqlReader, documentId: number, limit = 5): Promise<{ slugs: string[]; count: number }> {
  const [rows, total] = await Promise.all([
    db.all<{ slug: string }>(sql`SELECT "slug" FROM "Source" WHERE "documentId" = ${documentId} ORDER BY "startOffset", "id" LIMIT ${limit}`),
    first<{ count: number | string }>(db, sql`SELECT COUNT(*) AS "count" FROM "Source" WHERE "documentId" = ${documentId}`),
  ]);
  return { slugs: rows.map((row) => row.slug), count: Number(total?.count ?? 0) };
}

/** "sources/a, sources/b and 3 more". */
function namePassages({ slugs, count }: { slugs: string[]; count: number }): string {
  const named = slugs.map((slug) => `sources/${slug}`).join(', ');
  return count > slugs.length ? `${named} and ${count - slugs.length} more` : named;
}

/** The text's stored columns, after the checks only the store can make: its size, and no other document holding it. */
async function textColumns(db: SqlReader, text: string, slug: string, limits: DocumentLimits) {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxTextBytes) {
    const message = `is ${bytes} bytes in UTF-8; the server keeps texts of at most ${limits.maxTextBytes} bytes`;
    throw new TooLarge(`Invalid body: 'text' ${message}.`, [{ location: 'body', name: 'text', message }]);
  }
  const sha256 = textDigest(text);
  const holder = await first<{ slug: string }>(db, sql`SELECT "slug" FROM "Document" WHERE "sha256" = ${sha256} AND "slug" <> ${slug}`);
  if (holder) throw new Conflict(`Document '${holder.slug}' already holds exactly this text; cite it, or change this one's text.`, 'text_taken');
  return { text, sha256, length: codePointLength(text) };
}

/** The earlier document `supersedes` names; refused when it is this one, or when this one is already among its earlier versions. */
async function supersededId(db: SqlReader, slug: string, supersedes: string | null | undefined): Promise<number | null | undefined> {
  if (supersedes === undefined || supersedes === null) return supersedes;
  if (supersedes === slug) throw invalidField('supersedes', 'names the document itself');
  const [id] = await resolveSlugs(db, 'document', [supersedes], 'supersedes');
  // Follow the chain of earlier versions: meeting this document again would make a loop.
  let at: { supersedesId: number | null; slug: string } | undefined = { supersedesId: id!, slug: supersedes };
  for (let steps = 0; at?.supersedesId != null && steps < 1000; steps += 1) {
    at = await first<{ supersedesId: number | null; slug: string }>(db, sql`SELECT "supersedesId", "slug" FROM "Document" WHERE "id" = ${at.supersedesId}`);
    if (at?.slug === slug) throw invalidField('supersedes', `'${supersedes}' is a later version of this document already (it supersedes it, directly or not)`);
  }
  return id;
}

/** The columns a write sets: only those of fields sent, so a patch leaves the rest alone. */
function metadataColumns(input: Partial<DocumentInput> | DocumentPatch): DocumentColumns {
  return {
    ...sentColumns(input, ['title', 'titleEn', 'kind', 'publisher', 'authors', 'credits', 'language', 'url', 'archiveUrl', 'licence', 'curated']),
    ...(input.title !== undefined && { sortKey: nameSortKey(input.title) }),
    ...dateColumns('published', input.published, 'published'),
    // Kept in UTC, so that two ways of writing one instant are one value.
    ...(input.retrievedAt !== undefined && { retrievedAt: input.retrievedAt === null ? null : new Date(input.retrievedAt).toISOString() }),
  };
}

export function documentStore(limits: DocumentLimits = { maxTextBytes: DEFAULT_DOCUMENT_TEXT_MAX_BYTES }) {
  return new RecordStore<typeof DocumentInputSchema, typeof DocumentPatchSchema>({
    definition: documentRecord,
    createSchema: DocumentInputSchema,
    updateSchema: DocumentPatchSchema,
    cascadeDescription: 'changes nothing: a document is deleted only while no passage quotes it and no document supersedes it.',
    createConflicts: 'A document with this slug exists already (`slug_taken`), or another document holds exactly this text (`text_taken`, naming it).',
    absent: {
      titleEn: null,
      publisher: null,
      authors: [],
      credits: [],
      published: null,
      url: null,
      archiveUrl: null,
      licence: null,
      retrievedAt: null,
      supersedes: null,
      curated: [],
    },
    async create({ tx, db }, input) {
      if (await slugTaken(db, 'document', input.slug)) {
        throw new Conflict(`A document with slug '${input.slug}' exists already.`, 'slug_taken');
      }
      const text = await textColumns(db, input.text, input.slug, limits);
      const supersedesId = await supersededId(db, input.slug, input.supersedes);
      await tx.document.create({
        data: {
          ...metadataColumns(input),
          slug: input.slug,
          title: input.title,
          kind: input.kind,
          language: input.language,
          ...text,
          ...(supersedesId !== undefined && { supersedesId }),
        },
        select: { id: true },
      });
    },
    async update({ tx, db }, slug, patch) {
      const current = (await first<{ id: number; sha256: string }>(db, sql`SELECT "id", "sha256" FROM "Document" WHERE "slug" = ${slug}`))!;
      let text: Awaited<ReturnType<typeof textColumns>> | undefined;
      // The text sent back unchanged is no change: a client may send back what it read.
      if (patch.text !== undefined && textDigest(patch.text) !== current.sha256) {
        const quoting = await quotingPassages(db, current.id);
        if (quoting.count > 0) {
          throw new Conflict(
            `Document '${slug}' is quoted by ${namePassages(quoting)}; its text cannot change under them. ` +
              'Add the corrected text as a new document that supersedes this one.',
            'document_cited',
          );
        }
        text = await textColumns(db, patch.text, slug, limits);
      }
      const supersedesId = await supersededId(db, slug, patch.supersedes);
      await tx.document.update({
        where: { slug },
        data: { ...metadataColumns(patch), ...text, ...(supersedesId !== undefined && { supersedesId }), updatedAt: new Date() },
        select: { id: true },
      });
    },
    async remove({ tx, db }, slug) {
      const { id } = (await first<{ id: number }>(db, sql`SELECT "id" FROM "Document" WHERE "slug" = ${slug}`))!;
      const quoting = await quotingPassages(db, id);
      if (quoting.count > 0) {
        throw new Conflict(`Document '${slug}' is quoted by ${namePassages(quoting)}; delete or move those passages first.`, 'has_dependents');
      }
      const later = await db.all<{ slug: string }>(sql`SELECT "slug" FROM "Document" WHERE "supersedesId" = ${id} ORDER BY "slug"`);
      if (later.length > 0) {
        throw new Conflict(`Document '${slug}' is superseded by ${later.map((row) => `documents/${row.slug}`).join(', ')}; change those first.`, 'has_dependents');
      }
      await tx.document.delete({ where: { id } });
    },
  } satisfies RecordRules<typeof DocumentInputSchema, typeof DocumentPatchSchema>);
}
