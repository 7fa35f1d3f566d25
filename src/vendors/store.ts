// The vendor store: create, partial update, delete with an explicit cascade. The API's write routes and the seed
// both write companies through it (src/records/store.ts).
import { Conflict } from '../domain/refusal.js';
import type { z } from 'zod';
import type { SqlReader } from '../db/sql.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { nameSortKey } from '../records/list-query.js';
import { citedQuotes, invalidField, refuseNotationsOutsideQuotes, sentColumns } from '../records/write-columns.js';
import { sql } from '../db/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { linksTo, resolveSlugs, slugTaken } from '../records/references.js';
import { RecordStore, type CascadedRecord, type RecordRules } from '../records/store.js';
import type { AnyRecord } from '../records/definition.js';
import { chipRecord } from '../chips/repository.js';
import { dealRecord } from '../deals/repository.js';
import { fundingRoundRecord } from '../funding-rounds/repository.js';
import { statementRecord } from '../statements/repository.js';
import { vendorRecord } from './repository.js';
import { VendorInputSchema, VendorPatchSchema } from './schemas.js';

type VendorInput = z.output<typeof VendorInputSchema>;
type VendorPatch = z.output<typeof VendorPatchSchema>;

/** A company cannot end up owning itself through its parents: walking up from the new parent must not reach it. */
async function refuseOwnershipLoop(tx: WriteTransaction, slug: string, parentSlug: string, parentId: number) {
  const { id } = await tx.vendor.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const visited = new Set<number>();
  for (let ancestor: number | null = parentId; ancestor !== null && !visited.has(ancestor); ) {
    if (ancestor === id) throw invalidField('parent', `would make a loop: '${parentSlug}' already belongs to '${slug}'`);
    visited.add(ancestor);
    ancestor = (await tx.vendor.findUniqueOrThrow({ where: { id: ancestor }, select: { parentId: true } })).parentId;
  }
}

/** The company's own columns, as Prisma takes them both to create and to update a vendor (plain values, no operations). */
type VendorColumns = Partial<Pick<Prisma.VendorUncheckedCreateInput, 'name' | 'nameKo' | 'aliases' | 'kind' | 'country' | 'foundedYear' | 'description' | 'curated' | 'founders' | 'parentId'>>;

/** The columns a write sets: only those of fields sent, so a patch leaves the rest alone. */
async function columns(tx: WriteTransaction, db: SqlReader, input: Partial<VendorInput>, slug: string, mode: 'create' | 'update'): Promise<VendorColumns> {
  const data: VendorColumns = sentColumns(input, ['name', 'nameKo', 'aliases', 'kind', 'country', 'foundedYear', 'description', 'curated']);
  if (input.founders !== undefined) {
    data.founders = input.founders.map((founder) => ({ name: founder.name, nameKo: founder.nameKo ?? null }));
  }
  if (input.parent !== undefined) {
    if (input.parent === slug) throw invalidField('parent', 'cannot be the company itself');
    const parentId = input.parent === null ? null : (await resolveSlugs(db, 'vendor', [input.parent], 'parent'))[0]!;
    if (mode === 'update' && input.parent !== null && parentId !== null) await refuseOwnershipLoop(tx, slug, input.parent, parentId);
    data.parentId = parentId;
  }
  return data;
}

/** What depends on a vendor, each record named as a client can look it up, for the 409 that refuses a plain delete. */
async function dependents(tx: WriteTransaction, id: number): Promise<string[]> {
  const slug = { select: { slug: true } } as const;
  // One after the other: a transaction has one connection, which answers one statement at a time anyway.
  const chips = await tx.chip.findMany({ where: { designerId: id }, ...slug });
  const rounds = await tx.fundingRound.findMany({ where: { companyId: id }, ...slug });
  const investments = await tx.fundingRound.findMany({ where: { investors: { some: { id } } }, ...slug });
  const partnerships = await tx.chipPartner.findMany({ where: { vendorId: id }, select: { chip: slug } });
  const deployments = await tx.chipDeployment.findMany({ where: { vendorId: id }, select: { chip: slug } });
  const dealParties = await tx.dealParty.findMany({ where: { vendorId: id }, select: { deal: slug } });
  const metrics = await tx.metric.findMany({ where: { vendorId: id }, ...slug });
  const children = await tx.vendor.findMany({ where: { parentId: id }, ...slug });
  const statements = await tx.statement.findMany({ where: { vendorId: id }, ...slug });
  return [
    ...chips.map((chip) => `chips/${chip.slug} (designs it)`),
    ...rounds.map((round) => `funding-rounds/${round.slug} (raised it)`),
    ...investments.map((round) => `funding-rounds/${round.slug} (invested)`),
    ...partnerships.map(({ chip }) => `chips/${chip.slug} (partner)`),
    ...deployments.map(({ chip }) => `chips/${chip.slug} (runs it)`),
    ...dealParties.map(({ deal }) => `deals/${deal.slug} (party)`),
    ...metrics.map((metric) => `its metric ${metric.slug}`),
    ...children.map((child) => `vendors/${child.slug} (belongs to it)`),
    ...statements.map((statement) => `statements/${statement.slug} (about it)`),
  ];
}

/** A founding year is the source's: it stands in a passage the company cites. Checked after the write. */
async function refuseYearOutsideSources(db: SqlReader, slug: string) {
  const [vendor] = await db.all<{ id: number; foundedYear: number | null }>(sql`SELECT "id", "foundedYear" FROM "Vendor" WHERE "slug" = ${slug}`);
  if (vendor!.foundedYear === null) return;
  const quotes = await citedQuotes(db, { table: '_SourceToVendor', recordColumn: 'B' }, vendor!.id);
  refuseNotationsOutsideQuotes([{ field: 'foundedYear', text: String(vendor!.foundedYear) }], quotes, "any of the company's sources");
}

const CASCADE =
  'also deletes the chips the company designs and the rounds it raised (with their specs, deployments and partners), and ' +
  'its metrics and the statements about it or its chips; removes it from rounds it invested in, chips it partners on, deployments and deal parties, and ' +
  'detaches companies that belong to it; refused (409) if a deal would be left without any party. Every record it deletes, and every chip, round, deal and company whose own fields it edits, gets a revision of its own.';

export const vendorStore = new RecordStore<typeof VendorInputSchema, typeof VendorPatchSchema>({
  definition: vendorRecord,
  createSchema: VendorInputSchema,
  updateSchema: VendorPatchSchema,
  cascadeDescription: CASCADE,
  absent: { nameKo: null, aliases: [], country: null, foundedYear: null, founders: [], description: null, parent: null, curated: [] },
  async create({ tx, db }, input) {
    if (await slugTaken(db, 'vendor', input.slug)) {
      throw new Conflict(`A vendor with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const data = await columns(tx, db, input, input.slug, 'create');
    await tx.vendor.create({
      data: {
        slug: input.slug,
        aliases: [],
        founders: [],
        curated: [],
        ...data,
        name: input.name,
        kind: input.kind,
        sortKey: nameSortKey(input.name),
        sources: { connect: await linksTo(db, 'source', input.sources, 'sources') },
      },
      select: { id: true },
    });
    await refuseYearOutsideSources(db, input.slug);
  },
  async update({ tx, db }, slug, patch: VendorPatch) {
    const data = await columns(tx, db, patch, slug, 'update');
    const sources = await linksTo(db, 'source', patch.sources, 'sources');
    await tx.vendor.update({
      where: { slug },
      data: { ...data, ...(patch.name !== undefined && { sortKey: nameSortKey(patch.name) }), ...(sources && { sources: { set: sources } }), updatedAt: new Date() },
      select: { id: true },
    });
    await refuseYearOutsideSources(db, slug);
  },
  async cascadesTo({ tx }, slug) {
    const { id } = await tx.vendor.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const slugs = { select: { slug: true } } as const;
    const [designed, raised, partnered, invested, dealt, children] = [
      await tx.chip.findMany({ where: { designerId: id }, ...slugs }),
      await tx.fundingRound.findMany({ where: { companyId: id }, ...slugs }),
      await tx.chip.findMany({
        where: { designerId: { not: id }, OR: [{ partners: { some: { vendorId: id } } }, { deployments: { some: { vendorId: id } } }] },
        ...slugs,
      }),
      await tx.fundingRound.findMany({ where: { companyId: { not: id }, investors: { some: { id } } }, ...slugs }),
      await tx.deal.findMany({ where: { parties: { some: { vendorId: id } } }, ...slugs }),
      await tx.vendor.findMany({ where: { parentId: id }, ...slugs }),
    ];
    const statements = await tx.statement.findMany({ where: { OR: [{ vendorId: id }, { chip: { designerId: id } }] }, ...slugs });
    const records = (read: AnyRecord, action: CascadedRecord['action'], rows: { slug: string }[]) =>
      rows.map((row): CascadedRecord => ({ definition: read, slug: row.slug, action }));
    return [
      ...records(chipRecord, 'delete', designed),
      ...records(fundingRoundRecord, 'delete', raised),
      ...records(chipRecord, 'update', partnered),
      ...records(fundingRoundRecord, 'update', invested),
      ...records(dealRecord, 'update', dealt),
      ...records(vendorRecord, 'update', children),
      ...records(statementRecord, 'delete', statements),
    ];
  },
  async remove({ tx }, slug, cascade) {
    const { id } = await tx.vendor.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const blocking = cascade ? [] : await dependents(tx, id);
    if (blocking.length > 0) {
      // Named, not counted, so the client knows where to look; a long list is cut short.
      const shown = blocking.slice(0, 10).join(', ') + (blocking.length > 10 ? ` and ${blocking.length - 10} more` : '');
      throw new Conflict(`Vendor '${slug}' has records depending on it: ${shown}. Change those first, or pass cascade=true.`, 'has_dependents');
    }
    if (cascade) {
      // A deal is between parties: one with no party but this vendor would be left with none. (An unnamed party,
      // with no vendor, stays; `every: { vendorId: id }` would count it as this vendor, since NULL compares as no.)
      const partyless = await tx.deal.findMany({
        where: { parties: { some: { vendorId: id }, none: { OR: [{ vendorId: null }, { vendorId: { not: id } }] } } },
        select: { slug: true },
      });
      if (partyless.length > 0) {
        const list = partyless.map((deal) => `deals/${deal.slug}`).join(', ');
        throw new Conflict(`Deleting vendor '${slug}' would leave ${list} without any party; delete or change those first.`, 'would_orphan');
      }
      await tx.statement.deleteMany({ where: { OR: [{ vendorId: id }, { chip: { designerId: id } }] } });
      await tx.chip.deleteMany({ where: { designerId: id } });
      await tx.fundingRound.deleteMany({ where: { companyId: id } });
      await tx.metric.deleteMany({ where: { vendorId: id } });
      await tx.chipPartner.deleteMany({ where: { vendorId: id } });
      await tx.chipDeployment.updateMany({ where: { vendorId: id }, data: { vendorId: null } });
      await tx.dealParty.deleteMany({ where: { vendorId: id } });
      await tx.vendor.updateMany({ where: { parentId: id }, data: { parentId: null } });
      await tx.vendor.update({ where: { id }, data: { investments: { set: [] } }, select: { id: true } });
    }
    await tx.vendor.delete({ where: { id } });
  },
} satisfies RecordRules<typeof VendorInputSchema, typeof VendorPatchSchema>);
