// Computes the statistics from the records on every request, so a figure can never disagree with the rounds and
// chips behind it. Sums are BigInt throughout: KRW amounts pass 2^53 once a few are added.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import { toMoney, type Money } from '../shared/money.js';
import type { VendorSummarySchema } from '../shared/schemas.js';
import { rateSelect, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import { ChipKindSchema, ChipPurposeSchema } from '../shared/vocabulary.js';
import type { FundingTotals, Stats } from './schemas.js';

type VendorSummary = z.infer<typeof VendorSummarySchema>;

/** Running totals for one group of rounds. */
class Tally {
  private roundCount = 0;
  private roundsWithoutAmount = 0;
  private readonly byCurrency = new Map<Money['currency'], { amount: bigint; roundCount: number }>();
  private usd = 0n;
  private roundsNotConverted = 0;

  add(money: Money | null): void {
    this.roundCount += 1;
    if (money === null) {
      this.roundsWithoutAmount += 1;
      return;
    }
    const currency = this.byCurrency.get(money.currency) ?? { amount: 0n, roundCount: 0 };
    this.byCurrency.set(money.currency, { amount: currency.amount + BigInt(money.amount), roundCount: currency.roundCount + 1 });
    if (money.usd === null) this.roundsNotConverted += 1;
    else this.usd += BigInt(money.usd.amount);
  }

  /** Rounds whose USD figure is in the sum: those with an amount, less those without a USD basis. */
  private roundsConverted(): number {
    return this.roundCount - this.roundsWithoutAmount - this.roundsNotConverted;
  }

  get usdAmount(): bigint {
    return this.usd;
  }

  totals(): FundingTotals {
    return {
      roundCount: this.roundCount,
      roundsWithoutAmount: this.roundsWithoutAmount,
      byCurrency: [...this.byCurrency.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, { amount, roundCount }]) => ({ currency, amount: amount.toString(), roundCount })),
      usd: { amount: this.roundsConverted() > 0 ? this.usd.toString() : null, roundsNotConverted: this.roundsNotConverted },
    };
  }
}

/** Tallies keyed by vendor slug, remembering each vendor's summary. */
class VendorTallies {
  private readonly entries = new Map<string, { vendor: VendorSummary; tally: Tally }>();

  add(vendor: VendorSummary, money: Money | null): void {
    const entry = this.entries.get(vendor.slug) ?? { vendor, tally: new Tally() };
    entry.tally.add(money);
    this.entries.set(vendor.slug, entry);
  }

  /** Most USD first; equal sums by slug, so the order never depends on database row order. */
  sorted(): { vendor: VendorSummary; totals: FundingTotals }[] {
    return [...this.entries.values()]
      .sort((a, b) => {
        const difference = b.tally.usdAmount - a.tally.usdAmount;
        if (difference !== 0n) return difference > 0n ? 1 : -1;
        return a.vendor.slug < b.vendor.slug ? -1 : a.vendor.slug > b.vendor.slug ? 1 : 0;
      })
      .map(({ vendor, tally }) => ({ vendor, totals: tally.totals() }));
  }
}

async function fundingStats(db: Database): Promise<Stats['funding']> {
  const rounds = await db.fundingRound.findMany({
    select: {
      amount: true,
      currency: true,
      amountNotation: true,
      rate: { select: rateSelect },
      dateStart: true,
      company: { select: vendorSummarySelect },
      investors: { select: vendorSummarySelect },
    },
  });
  const overall = new Tally();
  const byCompany = new VendorTallies();
  const byInvestor = new VendorTallies();
  const byYear = new Map<number | null, Tally>();
  for (const round of rounds) {
    const money = toMoney(round.amount, round.currency, round.amountNotation, round.rate);
    overall.add(money);
    byCompany.add(toVendorSummary(round.company), money);
    // The whole round to each investor: the article never says who put in how much.
    for (const investor of round.investors) byInvestor.add(toVendorSummary(investor), money);
    // `dateStart` is the first day of the date's period (YYYY-MM-DD) at any precision, so its year is the round's.
    const year = round.dateStart === null ? null : Number(round.dateStart.slice(0, 4));
    const tally = byYear.get(year) ?? new Tally();
    tally.add(money);
    byYear.set(year, tally);
  }
  return {
    overall: overall.totals(),
    byCompany: byCompany.sorted().map(({ vendor, totals }) => ({ company: vendor, ...totals })),
    byInvestor: byInvestor.sorted().map(({ vendor, totals }) => ({ investor: vendor, ...totals })),
    byYear: [...byYear.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
      .map(([year, tally]) => ({ year, ...tally.totals() })),
  };
}

async function chipStats(db: Database): Promise<Stats['chips']> {
  const chips = await db.chip.findMany({ select: { kind: true, purpose: true, designer: { select: vendorSummarySelect } } });
  const designers = new Map<string, { designer: VendorSummary; chipCount: number }>();
  for (const chip of chips) {
    const entry = designers.get(chip.designer.slug) ?? { designer: toVendorSummary(chip.designer), chipCount: 0 };
    entry.chipCount += 1;
    designers.set(chip.designer.slug, entry);
  }
  const count = (matches: (chip: (typeof chips)[number]) => boolean) => chips.filter(matches).length;
  return {
    chipCount: chips.length,
    byDesigner: [...designers.values()].sort(
      (a, b) => b.chipCount - a.chipCount || (a.designer.slug < b.designer.slug ? -1 : a.designer.slug > b.designer.slug ? 1 : 0),
    ),
    byKind: ChipKindSchema.options.map((kind) => ({ kind, chipCount: count((chip) => chip.kind === kind) })),
    byPurpose: [
      ...ChipPurposeSchema.options.map((purpose) => ({ purpose, chipCount: count((chip) => chip.purpose === purpose) })),
      { purpose: null, chipCount: count((chip) => chip.purpose === null) },
    ],
  };
}

export async function getStats(db: Database): Promise<Stats> {
  const [funding, chips] = await Promise.all([fundingStats(db), chipStats(db)]);
  return { funding, chips };
}
