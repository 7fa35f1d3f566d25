// The deal store: create, partial update (parties replaced as a whole), delete (parties go with the deal).
import { Conflict } from '../domain/refusal.js';
import type { z } from 'zod';
import type { SqlReader } from '../db/sql.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { citedQuotes, dateColumns, invalidField, moneyColumns, refuseNotationsOutsideQuotes, sentColumns, type StoredMoney } from '../records/write-columns.js';
import { sql } from '../db/sql.js';
import type { Prisma } from '../generated/prisma/client.js';
import { nameSortKey } from '../records/list-query.js';
import { linksTo, resolveSlugs, slugTaken } from '../records/references.js';
import { RecordStore, type RecordRules } from '../records/store.js';
import { dealRecord } from './repository.js';
import { DealInputSchema, DealPatchSchema } from './schemas.js';
import { DEAL_ROLES_BY_KIND } from '../domain/vocabulary.js';

type DealInput = z.output<typeof DealInputSchema>;
type DealPatch = z.output<typeof DealPatchSchema>;

/** The party rows to store, each vendor resolved with a 400 naming its place in the list. */
async function partyRows(db: SqlReader, parties: DealInput['parties']) {
  const rows = [];
  for (const [index, party] of parties.entries()) {
    const vendorId = party.vendor === undefined ? null : (await resolveSlugs(db, 'vendor', [party.vendor], `parties.${index}.vendor`))[0]!;
    rows.push({ vendorId, role: party.role, description: party.description ?? null });
  }
  return rows;
}

/** The deal's own columns, as Prisma takes them both to create and to update a deal (plain values, no operations). */
type DealColumns = Partial<Omit<Prisma.DealUncheckedCreateInput, 'parties' | 'sources' | 'timelineEvents' | 'graphEdges' | 'searchRecords'>>;

/** The columns a write sets: only those of fields sent, so a patch leaves the rest alone. */
async function columns(db: SqlReader, input: Partial<DealInput>, current: StoredMoney | null): Promise<DealColumns> {
  const money = await moneyColumns(db, input.amount, input.usdRate, current);
  return {
    ...money.columns,
    ...dateColumns('date', input.date, 'date'),
    ...sentColumns(input, ['title', 'titleKo', 'kind', 'status', 'description', 'curated']),
  };
}

/** Checked after the write, so a change of kind alone is caught as well as a change of parties. */
async function refuseRolesOutsideKind(tx: WriteTransaction, slug: string, input: Partial<DealInput>) {
  const deal = await tx.deal.findUniqueOrThrow({ where: { slug }, select: { kind: true, parties: { select: { role: true }, orderBy: { id: 'asc' } } } });
  const allowed: readonly string[] = DEAL_ROLES_BY_KIND[deal.kind as keyof typeof DEAL_ROLES_BY_KIND] ?? [];
  const index = deal.parties.findIndex((party) => !allowed.includes(party.role));
  if (index < 0) return;
  const roles = allowed.map((role) => `'${role}'`).join(' or ');
  const field = input.parties !== undefined ? `parties.${index}.role` : 'kind';
  throw invalidField(field, `'${deal.parties[index]!.role}' is no role in ${deal.kind === 'acquisition' ? 'an' : 'a'} ${deal.kind} deal, whose parties are ${roles}`);
}

/** The deal's value stands in a passage it cites; checked after the write, so a change of sources is caught too. */
async function refuseFiguresOutsideSources(db: SqlReader, slug: string) {
  const [deal] = await db.all<{ id: number; amountNotation: string | null }>(sql`SELECT "id", "amountNotation" FROM "Deal" WHERE "slug" = ${slug}`);
  const quotes = await citedQuotes(db, { table: '_DealToSource', recordColumn: 'A' }, deal!.id);
  refuseNotationsOutsideQuotes([{ field: 'amount.notation', text: deal!.amountNotation }], quotes, "any of the deal's sources");
}

export const dealStore = new RecordStore<typeof DealInputSchema, typeof DealPatchSchema>({
  definition: dealRecord,
  createSchema: DealInputSchema,
  updateSchema: DealPatchSchema,
  cascadeDescription: 'changes nothing: nothing depends on a deal (its parties are part of it and always go with it).',
  absent: { titleKo: null, date: null, amount: null, description: null, curated: [] },
  async create({ tx, db }, input) {
    if (await slugTaken(db, 'deal', input.slug)) {
      throw new Conflict(`A deal with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const data = await columns(db, input, null);
    const sources = await linksTo(db, 'source', input.sources, 'sources');
    const parties = await partyRows(db, input.parties);
    await tx.deal.create({
      data: {
        ...data,
        slug: input.slug,
        title: input.title,
        kind: input.kind,
        status: input.status,
        parties: { create: parties },
        sources: { connect: sources },
        sortKey: nameSortKey(input.title),
      },
      select: { id: true },
    });
    await refuseRolesOutsideKind(tx, input.slug, input);
    await refuseFiguresOutsideSources(db, input.slug);
  },
  async update({ tx, db }, slug, patch: DealPatch) {
    const current = await tx.deal.findUniqueOrThrow({ where: { slug }, select: { id: true, currency: true, rateId: true } });
    const data = await columns(db, patch, current);
    const sources = await linksTo(db, 'source', patch.sources, 'sources');
    let parties: Prisma.DealUncheckedUpdateInput['parties'];
    if (patch.parties !== undefined) {
      const rows = await partyRows(db, patch.parties);
      await tx.dealParty.deleteMany({ where: { dealId: current.id } });
      parties = { create: rows };
    }
    await tx.deal.update({
      where: { id: current.id },
      data: {
        ...data,
        ...(patch.title !== undefined && { sortKey: nameSortKey(patch.title) }),
        ...(sources && { sources: { set: sources } }),
        ...(parties && { parties }),
        updatedAt: new Date(),
      },
      select: { id: true },
    });
    if (patch.kind !== undefined || patch.parties !== undefined) await refuseRolesOutsideKind(tx, slug, patch);
    await refuseFiguresOutsideSources(db, slug);
  },
  async remove({ tx }, slug) {
    // Parties cascade in the schema; source links are join rows that go with the deal.
    await tx.deal.delete({ where: { slug } });
  },
} satisfies RecordRules<typeof DealInputSchema, typeof DealPatchSchema>);
