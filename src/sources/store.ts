// The source store: passages of documents, quoted verbatim. Records cite them, so a cited source is only
// deleted with cascade, and never when that would leave a record without any source.
import { Conflict, InvalidInput } from '../domain/refusal.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { resolveSlugs, slugTaken } from '../records/references.js';
import { first, sql, type SqlReader } from '../db/sql.js';
import { quotePosition } from '../domain/document-text.js';
import { RecordStore, type CascadedRecord, type RecordRules } from '../records/store.js';
import { chipRecord } from '../chips/repository.js';
import { dealRecord } from '../deals/repository.js';
import { fundingRoundRecord } from '../funding-rounds/repository.js';
import { vendorRecord } from '../vendors/repository.js';
import { statementRecord } from '../statements/repository.js';
import { sourceRecord } from './repository.js';
import { SourceInputSchema, SourcePatchSchema } from './schemas.js';

const CASCADE =
  'also removes the citations of this passage from the records that cite it; refused (409) if a record would be left ' +
  'citing nothing.';

function quoteProblem(message: string): InvalidInput {
  return new InvalidInput(`Invalid body: 'quote' ${message}.`, [{ location: 'body', name: 'quote', message }]);
}

/** The document a passage quotes, with its text. */
interface QuotedDocument {
  id: number;
  slug: string;
  text: string;
}

/**
 * The document a new source names. A source that names none means the atlas's only document, while there is one
 * (as every source meant the article before documents were records); with several, it must say which.
 */
async function quotedDocument(db: SqlReader, slug: string | undefined): Promise<QuotedDocument> {
  let id: number;
  if (slug !== undefined) {
    [id] = (await resolveSlugs(db, 'document', [slug], 'document')) as [number];
  } else {
    // Ids only: a text may be megabytes, and only the one quoted is read.
    const only = await db.all<{ id: number }>(sql`SELECT "id" FROM "Document" ORDER BY "id" LIMIT 2`);
    if (only.length !== 1) {
      const message = only.length === 0 ? 'there is no document to quote yet: create it first (POST /v1/documents)' : 'name the document the passage quotes (several exist)';
      throw new InvalidInput(`Invalid body: 'document' is required: ${message}.`, [{ location: 'body', name: 'document', message }]);
    }
    id = only[0]!.id;
  }
  return documentWithText(db, id);
}

async function documentWithText(db: SqlReader, id: number): Promise<QuotedDocument> {
  return (await first<QuotedDocument>(db, sql`SELECT "id", "slug", "text" FROM "Document" WHERE "id" = ${id}`))!;
}

/**
 * Where a new quote stands in its document. It must stand there exactly once: a quote such as "AI" or "다." that
 * the text repeats would say nothing about which passage a record rests on.
 */
function placeIn(document: QuotedDocument, quote: string) {
  const offset = document.text.indexOf(quote);
  if (offset < 0) throw quoteProblem(`does not appear verbatim in document '${document.slug}'`);
  let occurrences = 0;
  for (let at = offset; at >= 0 && occurrences < 100; at = document.text.indexOf(quote, at + 1)) occurrences += 1;
  if (occurrences > 1) {
    throw quoteProblem(`appears ${occurrences} times in document '${document.slug}'; quote enough of the passage to make it unique`);
  }
  const position = quotePosition(document.text, offset, quote);
  return { documentId: document.id, startOffset: offset, quoteStart: position.start, quoteEnd: position.end, quotePrefix: position.prefix, quoteSuffix: position.suffix };
}

/** One passage, one source: a second source with the same quote of the same document would split the records citing it. */
async function refuseTakenQuote(tx: WriteTransaction, documentId: number, quote: string, slug: string) {
  const taken = await tx.source.findFirst({ where: { documentId, quote, slug: { not: slug } }, select: { slug: true } });
  if (taken) throw new Conflict(`Source '${taken.slug}' already quotes this passage; cite it instead.`, 'quote_taken');
}

const citingRelations = ['vendors', 'chips', 'fundingRounds', 'deals', 'statements'] as const;

/** Each citing relation as the record it leads to: a cascade changes those records' source lists. */
const citingRecords = {
  vendors: { definition: vendorRecord },
  chips: { definition: chipRecord },
  fundingRounds: { definition: fundingRoundRecord },
  deals: { definition: dealRecord },
  statements: { definition: statementRecord },
} as const satisfies Record<(typeof citingRelations)[number], Omit<CascadedRecord, 'slug' | 'action'>>;

async function citations(tx: WriteTransaction, id: number) {
  const row = await tx.source.findUniqueOrThrow({
    where: { id },
    select: {
      vendors: { select: { slug: true, _count: { select: { sources: true } } } },
      chips: { select: { slug: true, _count: { select: { sources: true } } } },
      fundingRounds: { select: { slug: true, _count: { select: { sources: true } } } },
      deals: { select: { slug: true, _count: { select: { sources: true } } } },
      statements: { select: { slug: true, _count: { select: { sources: true } } } },
      chipSpecs: { select: { chip: { select: { slug: true } } } },
      chipDeployments: { select: { chip: { select: { slug: true } } } },
      chipPartners: { select: { chip: { select: { slug: true } } } },
      metrics: { select: { vendor: { select: { slug: true } } } },
    },
  });
  // Specs, deployments, partners and metrics cite exactly one source each, named here by the record they belong to.
  const single = {
    'a spec': row.chipSpecs.map(({ chip }) => `chips/${chip.slug}`),
    'a deployment': row.chipDeployments.map(({ chip }) => `chips/${chip.slug}`),
    'a partner': row.chipPartners.map(({ chip }) => `chips/${chip.slug}`),
    'a metric': row.metrics.map(({ vendor }) => `vendors/${vendor.slug}`),
  };
  return { ...row, single };
}

/** A citing record as its URL names it under /v1: `funding-rounds/d-matrix-series-b-2023`. */
function recordPath(relation: (typeof citingRelations)[number], slug: string): string {
  return `${citingRecords[relation].definition.path}/${slug}`;
}

/** Every record citing a source, as `chips/azure-maia-100` or `a spec of chips/sambanova-sn40l`. */
function describeCitations(cited: Awaited<ReturnType<typeof citations>>): string[] {
  return [
    ...citingRelations.flatMap((relation) => cited[relation].map((record) => recordPath(relation, record.slug))),
    ...describeSoleCitations(cited),
  ];
}

/** The specs, deployments, partners and metrics whose only source this is, as `a spec of chips/sambanova-sn40l`. */
function describeSoleCitations(cited: Awaited<ReturnType<typeof citations>>): string[] {
  return Object.entries(cited.single).flatMap(([what, owners]) => owners.map((owner) => `${what} of ${owner}`));
}

/** The sources: every quote stands in its document, once. */
export const sourceStore = new RecordStore<typeof SourceInputSchema, typeof SourcePatchSchema>({
  definition: sourceRecord,
  createSchema: SourceInputSchema,
  updateSchema: SourcePatchSchema,
  cascadeDescription: CASCADE,
  createConflicts: 'A source with this slug exists already (`slug_taken`), or another source quotes this passage (`quote_taken`, naming it).',
  absent: {},
  async create({ tx, db }, input) {
    if (await slugTaken(db, 'source', input.slug)) {
      throw new Conflict(`A source with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const place = placeIn(await quotedDocument(db, input.document), input.quote);
    await refuseTakenQuote(tx, place.documentId, input.quote, input.slug);
    await tx.source.create({ data: { slug: input.slug, quote: input.quote, stance: input.stance, ...place }, select: { id: true } });
  },
  async update({ tx, db }, slug, patch) {
    const current = await tx.source.findUniqueOrThrow({ where: { slug }, select: { id: true, quote: true, documentId: true } });
    // The quote sent back unchanged is no change: a client may send back the whole record it read.
    const newQuote = patch.quote !== undefined && patch.quote !== current.quote ? patch.quote : undefined;
    let place: ReturnType<typeof placeIn> | undefined;
    if (newQuote !== undefined) {
      const document = (await first<QuotedDocument>(db, sql`SELECT "id", "slug", "text" FROM "Document" WHERE "id" = ${current.documentId}`))!;
      place = placeIn(document, newQuote);
      await refuseTakenQuote(tx, current.documentId, newQuote, slug);
      // The records citing a passage rest on its words: new words would change their evidence behind their backs.
      const citing = describeCitations(await citations(tx, current.id));
      if (citing.length > 0) {
        throw new Conflict(
          `Source '${slug}' is cited by ${citing.join(', ')}; its quote cannot change under them. ` +
            'Create a source with the new quote and cite that instead.',
          'source_cited',
        );
      }
    }
    await tx.source.update({
      where: { slug },
      data: {
        ...(patch.stance !== undefined && { stance: patch.stance }),
        ...(newQuote !== undefined && { quote: newQuote, ...place }),
        updatedAt: new Date(),
      },
      select: { id: true },
    });
  },
  async cascadesTo({ tx }, slug) {
    const { id } = await tx.source.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const cited = await citations(tx, id);
    return citingRelations.flatMap((relation) =>
      cited[relation].map((record): CascadedRecord => ({ ...citingRecords[relation], slug: record.slug, action: 'update' })),
    );
  },
  async remove({ tx }, slug, cascade) {
    const { id } = await tx.source.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const cited = await citations(tx, id);
    // Specs, deployments, partners and metrics cite exactly one source: they cannot lose it.
    const single = describeSoleCitations(cited);
    if (single.length > 0) {
      throw new Conflict(`Source '${slug}' is the only source of ${single.join(', ')}; change those first.`, 'has_dependents');
    }
    const citing = citingRelations.flatMap((relation) => cited[relation].map((record) => ({ relation, ...record })));
    if (citing.length > 0 && !cascade) {
      const list = citing.map((record) => recordPath(record.relation, record.slug)).join(', ');
      throw new Conflict(`Source '${slug}' is cited by ${list}; pass cascade=true to remove those citations.`, 'has_dependents');
    }
    const orphaned = citing.filter((record) => record._count.sources <= 1);
    if (orphaned.length > 0) {
      const list = orphaned.map((record) => recordPath(record.relation, record.slug)).join(', ');
      throw new Conflict(`Deleting source '${slug}' would leave ${list} without any source.`, 'would_orphan');
    }
    // Deleting the row removes its rows in the implicit citation tables too.
    await tx.source.delete({ where: { id } });
  },
} satisfies RecordRules<typeof SourceInputSchema, typeof SourcePatchSchema>);
