// The funding round store: create, partial update, delete. Money is stored exactly (BigInt from digit strings) and
// is only accepted with what it needs to be read back: a currency for every figure, a matching USD rate for
// every currency other than USD.
import { Conflict } from '../domain/refusal.js';
import type { z } from 'zod';
import type { SqlReader } from '../db/sql.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { linksTo, resolveSlugs, slugTaken } from '../records/references.js';
import { RecordStore, type RecordRules } from '../records/store.js';
import { fundingRoundRecord } from './repository.js';
import { FundingRoundInputSchema, FundingRoundPatchSchema } from './schemas.js';
import { citedQuotes, dateColumns, invalidField, moneyColumns, refuseNotationsOutsideQuotes, sentColumns, type StoredMoney } from '../records/write-columns.js';
import { sql } from '../db/sql.js';
import type { Prisma } from '../generated/prisma/client.js';

type RoundInput = z.output<typeof FundingRoundInputSchema>;
type RoundPatch = z.output<typeof FundingRoundPatchSchema>;

interface StoredRound extends StoredMoney {
  valuation: bigint | null;
  cumulativeAmount: bigint | null;
}

const FIGURES = ['valuation', 'cumulativeAmount'] as const;
const NOTATION_OF = { valuation: 'valuationNotation', cumulativeAmount: 'cumulativeNotation' } as const;

/** Valuation and cumulative total are in the round's currency, so they exist only beside an amount. */
function figureColumns(input: Partial<RoundInput>, currency: string | null, current: StoredRound | null): RoundColumns {
  const columns: RoundColumns = {};
  for (const figure of FIGURES) {
    const sent = input[figure];
    const value = sent !== undefined ? (sent === null ? null : BigInt(sent.amount)) : (current?.[figure] ?? null);
    if (value !== null) {
      if (sent !== undefined && currency === null) {
        throw invalidField(figure, "is in the round's currency: send an amount with it");
      }
      if (sent === undefined && currency !== current?.currency) {
        throw invalidField(
          'amount',
          `changes the round's currency, which ${figure} is in: send ${figure} in the new currency (or null) as well`,
        );
      }
    }
    if (sent !== undefined) {
      columns[figure] = value;
      // A figure without its notation drops the stored one, which spelled the old figure.
      columns[NOTATION_OF[figure]] = sent?.notation ?? null;
    }
  }
  return columns;
}

/** The round's own columns, as Prisma takes them both to create and to update a round (plain values, no operations). */
type RoundColumns = Partial<Omit<Prisma.FundingRoundUncheckedCreateInput, 'investors' | 'sources' | 'timelineEvents' | 'graphEdges' | 'searchRecords'>>;

/** The columns a write sets: only those of fields sent, so a patch leaves the rest alone. */
async function columns(db: SqlReader, input: Partial<RoundInput>, current: StoredRound | null): Promise<RoundColumns> {
  const money = await moneyColumns(db, input.amount, input.usdRate, current);
  const data: RoundColumns = {
    ...money.columns,
    ...figureColumns(input, money.currency, current),
    ...dateColumns('date', input.date, 'date'),
    ...sentColumns(input, ['roundType', 'investorsPartial', 'valuationStance', 'description', 'curated']),
  };
  if (input.company !== undefined) data.companyId = (await resolveSlugs(db, 'vendor', [input.company], 'company'))[0]!;
  return data;
}

/** The investors and the sources a write names, as ids; each undefined when not sent (a patch then keeps them). */
async function links(db: SqlReader, input: Partial<RoundInput>) {
  return {
    investors: await linksTo(db, 'vendor', input.investors, 'investors'),
    sources: await linksTo(db, 'source', input.sources, 'sources'),
  };
}

/** Checked after the write, so a change of company alone is caught as well as a change of investors. */
async function refuseSelfInvestment(tx: WriteTransaction, slug: string, input: Partial<RoundInput>) {
  const round = await tx.fundingRound.findUniqueOrThrow({
    where: { slug },
    select: { companyId: true, company: { select: { slug: true } }, investors: { select: { id: true } } },
  });
  if (!round.investors.some((investor) => investor.id === round.companyId)) return;
  const field = input.investors?.includes(round.company.slug) ? 'investors' : 'company';
  throw invalidField(field, `'${round.company.slug}' raised the round, so it cannot also be one of its investors`);
}

/** The round's figures stand in the passages it cites; checked after the write, so a change of sources is caught too. */
async function refuseFiguresOutsideSources(db: SqlReader, slug: string) {
  const [round] = await db.all<{ id: number; amountNotation: string | null; valuationNotation: string | null; cumulativeNotation: string | null }>(
    sql`SELECT "id", "amountNotation", "valuationNotation", "cumulativeNotation" FROM "FundingRound" WHERE "slug" = ${slug}`,
  );
  const quotes = await citedQuotes(db, { table: '_FundingRoundToSource', recordColumn: 'A' }, round!.id);
  refuseNotationsOutsideQuotes(
    [
      { field: 'amount.notation', text: round!.amountNotation },
      { field: 'valuation.notation', text: round!.valuationNotation },
      { field: 'cumulativeAmount.notation', text: round!.cumulativeNotation },
    ],
    quotes,
    "any of the round's sources",
  );
}

export const fundingRoundStore = new RecordStore<typeof FundingRoundInputSchema, typeof FundingRoundPatchSchema>({
  definition: fundingRoundRecord,
  createSchema: FundingRoundInputSchema,
  updateSchema: FundingRoundPatchSchema,
  cascadeDescription: 'changes nothing: nothing depends on a funding round (its investor links go with it).',
  absent: {
    amount: null,
    date: null,
    investors: [],
    investorsPartial: false,
    valuation: null,
    valuationStance: null,
    cumulativeAmount: null,
    description: null,
    curated: [],
  },
  async create({ tx, db }, input) {
    if (await slugTaken(db, 'fundingRound', input.slug)) {
      throw new Conflict(`A funding round with slug '${input.slug}' exists already.`, 'slug_taken');
    }
    const { companyId, ...data } = await columns(db, input, null);
    const { investors, sources } = await links(db, input);
    await tx.fundingRound.create({
      data: {
        ...data,
        slug: input.slug,
        // The create schema requires a company, so columns resolved one.
        companyId: companyId!,
        roundType: input.roundType,
        investorsPartial: input.investorsPartial ?? false,
        investors: { connect: investors },
        sources: { connect: sources },
      },
      select: { id: true },
    });
    await refuseSelfInvestment(tx, input.slug, input);
    await refuseFiguresOutsideSources(db, input.slug);
  },
  async update({ tx, db }, slug, patch: RoundPatch) {
    const current = await tx.fundingRound.findUniqueOrThrow({
      where: { slug },
      select: { currency: true, rateId: true, valuation: true, cumulativeAmount: true },
    });
    const data = await columns(db, patch, current);
    const { investors, sources } = await links(db, patch);
    await tx.fundingRound.update({
      where: { slug },
      data: { ...data, ...(investors && { investors: { set: investors } }), ...(sources && { sources: { set: sources } }), updatedAt: new Date() },
      select: { id: true },
    });
    // Only a change of company or investors can make the company its own investor.
    if (patch.company !== undefined || patch.investors !== undefined) await refuseSelfInvestment(tx, slug, patch);
    await refuseFiguresOutsideSources(db, slug);
  },
  async remove({ tx }, slug) {
    // Investor and source links are join rows that go with the round.
    await tx.fundingRound.delete({ where: { slug } });
  },
} satisfies RecordRules<typeof FundingRoundInputSchema, typeof FundingRoundPatchSchema>);
