// Writing sources: passages of the article, quoted verbatim. Records cite them, so a cited source is only
// deleted with cascade, and never when that would leave a record without any source.
import type { WriteTransaction } from '../db/write-queue.js';
import { BadRequestProblem } from '../shared/problem.js';
import { ConflictProblem, readSide, type CascadedRecord, type WritableResource } from '../shared/write-routes.js';
import { definition as chipDefinition } from '../chips/routes.js';
import { definition as dealDefinition } from '../deals/routes.js';
import { definition as fundingRoundDefinition } from '../funding-rounds/routes.js';
import { definition as vendorDefinition } from '../vendors/routes.js';
import { definition } from './routes.js';
import { SourceInputSchema, SourcePatchSchema } from './schemas.js';

const CASCADE =
  'removes the citations of this passage from the records that cite it; refused (409) if a record would be left ' +
  'citing nothing.';

function offsetIn(article: string, quote: string): number {
  const offset = article.indexOf(quote);
  if (offset < 0) {
    throw new BadRequestProblem("Invalid body: 'quote' does not appear verbatim in the article.", [
      { location: 'body', name: 'quote', message: 'does not appear verbatim in the article' },
    ]);
  }
  return offset;
}

const citingRelations = ['vendors', 'chips', 'fundingRounds', 'deals'] as const;

/** Each citing relation as the record it leads to: a cascade changes those records' source lists. */
const citingRecords = {
  vendors: { resource: 'vendor', definition: readSide(vendorDefinition) },
  chips: { resource: 'chip', definition: readSide(chipDefinition) },
  fundingRounds: { resource: 'fundingRound', definition: readSide(fundingRoundDefinition) },
  deals: { resource: 'deal', definition: readSide(dealDefinition) },
} as const satisfies Record<(typeof citingRelations)[number], Omit<CascadedRecord, 'slug' | 'action'>>;

async function citations(tx: WriteTransaction, id: number) {
  const row = await tx.source.findUniqueOrThrow({
    where: { id },
    select: {
      vendors: { select: { slug: true, _count: { select: { sources: true } } } },
      chips: { select: { slug: true, _count: { select: { sources: true } } } },
      fundingRounds: { select: { slug: true, _count: { select: { sources: true } } } },
      deals: { select: { slug: true, _count: { select: { sources: true } } } },
      _count: { select: { chipSpecs: true, chipDeployments: true, chipPartners: true, metrics: true } },
    },
  });
  return row;
}

export function sourceWrites(article: string): WritableResource<typeof SourceInputSchema, typeof SourcePatchSchema> {
  return {
    definition: readSide(definition),
    resource: 'source',
    createSchema: SourceInputSchema,
    updateSchema: SourcePatchSchema,
    cascadeDescription: CASCADE,
    async create(tx, input) {
      if (await tx.source.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw new ConflictProblem(`A source with slug '${input.slug}' exists already.`, 'slug_taken');
      }
      await tx.source.create({ data: { slug: input.slug, quote: input.quote, stance: input.stance, startOffset: offsetIn(article, input.quote) } });
      return input.slug;
    },
    async update(tx, slug, patch) {
      await tx.source.update({
        where: { slug },
        data: {
          ...(patch.stance !== undefined && { stance: patch.stance }),
          ...(patch.quote !== undefined && { quote: patch.quote, startOffset: offsetIn(article, patch.quote) }),
          updatedAt: new Date(),
        },
      });
    },
    async cascadesTo(tx, slug) {
      const { id } = await tx.source.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      const cited = await citations(tx, id);
      return citingRelations.flatMap((relation) =>
        cited[relation].map((record): CascadedRecord => ({ ...citingRecords[relation], slug: record.slug, action: 'update' })),
      );
    },
    async remove(tx, slug, cascade) {
      const { id } = await tx.source.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      const cited = await citations(tx, id);
      // Specs, deployments, partners and metrics cite exactly one source: they cannot lose it.
      const single = Object.entries(cited._count).filter(([, count]) => count > 0);
      if (single.length > 0) {
        const list = single.map(([what, count]) => `${count} ${what}`).join(', ');
        throw new ConflictProblem(`Source '${slug}' is the only source of ${list}; change those first.`, 'has_dependents');
      }
      const citing = citingRelations.flatMap((relation) => cited[relation].map((record) => ({ relation, ...record })));
      if (citing.length > 0 && !cascade) {
        const list = citing.map((record) => `${record.relation}/${record.slug}`).join(', ');
        throw new ConflictProblem(`Source '${slug}' is cited by ${list}; pass cascade=true to remove those citations.`, 'has_dependents');
      }
      const orphaned = citing.filter((record) => record._count.sources <= 1);
      if (orphaned.length > 0) {
        const list = orphaned.map((record) => `${record.relation}/${record.slug}`).join(', ');
        throw new ConflictProblem(`Deleting source '${slug}' would leave ${list} without any source.`, 'would_orphan');
      }
      // Deleting the row removes its rows in the implicit citation tables too.
      await tx.source.delete({ where: { id } });
    },
  };
}
