// Loads the curated dataset into the database idempotently: records are matched by slug, created when missing,
// updated only when they differ, so a second run writes nothing at all.
import type { Database } from '../db/client.js';
import { rebuildDerived } from '../db/derived.js';
import type { SqlWriter } from '../db/sql.js';
import { nameSortKey } from '../shared/list-query.js';
import { parsePartialDate } from '../shared/partial-date.js';
import type { Dataset } from './dataset-schema.js';

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
}

interface SeedDate {
  value: string;
  qualifier?: string | undefined;
}

/** The three stored columns of an optional partial date, under a column prefix. */
function dateColumns<P extends string>(prefix: P, date: SeedDate | undefined) {
  const parsed = date ? parsePartialDate(date.value) : null;
  return {
    [`${prefix}Start`]: parsed?.start ?? null,
    [`${prefix}Precision`]: parsed?.precision ?? null,
    [`${prefix}Qualifier`]: date?.qualifier ?? null,
  } as Record<`${P}Start` | `${P}Precision` | `${P}Qualifier`, string | null>;
}

const toBigInt = (text: string | undefined) => (text === undefined ? null : BigInt(text));

/** Canonical text for comparing stored and desired values: key order fixed, BigInt as text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return `${inner}n`;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return inner;
  });
}

function sameFields(existing: Record<string, unknown>, desired: Record<string, unknown>): boolean {
  return Object.keys(desired).every((key) => canonical(existing[key]) === canonical(desired[key]));
}

/** The minimal model API the sync needs; every Prisma model delegate with a unique slug fits it. */
interface SlugDelegate {
  findUnique(args: { where: { slug: string } }): Promise<(Record<string, unknown> & { id: number }) | null>;
  create(args: { data: Record<string, unknown> }): Promise<{ id: number }>;
  update(args: { where: { id: number }; data: Record<string, unknown> }): Promise<unknown>;
}

/** `derived` runs SQL on `db`'s own connection: the derived rows are rebuilt inside the seed's transaction. */
export async function seedDatabase(db: Database, dataset: Dataset, article: string, derived: () => SqlWriter): Promise<SeedReport> {
  const report: SeedReport = { created: 0, updated: 0, unchanged: 0 };

  // Seeding runs before the server accepts requests (or from the CLI), so no other request can join this
  // interactive transaction (the adapter hazard in ENVIRONMENT.md); in exchange a failed seed leaves nothing half-written.
  await db.$transaction(
    async (tx) => {
      const sync = async (delegate: unknown, slug: string, data: Record<string, unknown>): Promise<number> => {
        const model = delegate as SlugDelegate;
        const existing = await model.findUnique({ where: { slug } });
        if (!existing) {
          report.created += 1;
          return (await model.create({ data: { slug, ...data } })).id;
        }
        if (sameFields(existing, data)) {
          report.unchanged += 1;
        } else {
          report.updated += 1;
          await model.update({ where: { id: existing.id }, data: { ...data, updatedAt: new Date() } });
        }
        return existing.id;
      };

      const sourceIds = new Map<string, number>();
      for (const source of dataset.sources) {
        sourceIds.set(
          source.slug,
          await sync(tx.source, source.slug, {
            quote: source.quote,
            stance: source.stance,
            startOffset: article.indexOf(source.quote),
          }),
        );
      }
      const sourceId = (slug: string) => sourceIds.get(slug)!;

      const vendorIds = new Map<string, number>();
      for (const vendor of dataset.vendors) {
        vendorIds.set(
          vendor.slug,
          await sync(tx.vendor, vendor.slug, {
            name: vendor.name,
            nameKo: vendor.nameKo ?? null,
            aliases: vendor.aliases,
            kind: vendor.kind,
            country: vendor.country ?? null,
            foundedYear: vendor.foundedYear ?? null,
            founders: vendor.founders.map((founder) => ({ name: founder.name, nameKo: founder.nameKo ?? null })),
            description: vendor.description ?? null,
            sortKey: nameSortKey(vendor.name),
          }),
        );
      }
      const vendorId = (slug: string) => vendorIds.get(slug)!;
      // Parents and sources point at vendors, so they are set once every vendor exists.
      for (const vendor of dataset.vendors) {
        await sync(tx.vendor, vendor.slug, { parentId: vendor.parent ? vendorId(vendor.parent) : null });
        await syncSourceLinks(tx, 'vendor', vendorId(vendor.slug), vendor.sources.map(sourceId), report);
      }

      const rateIds = new Map<string, number>();
      for (const rate of dataset.currencyRates) {
        const asOf = parsePartialDate(rate.asOf)!;
        rateIds.set(
          rate.slug,
          await sync(tx.currencyRate, rate.slug, {
            currency: rate.currency,
            unitsPerUsd: rate.unitsPerUsd,
            asOfStart: asOf.start,
            asOfPrecision: asOf.precision,
            source: rate.source,
          }),
        );
      }
      const rateId = (slug: string | undefined) => (slug === undefined ? null : rateIds.get(slug)!);

      for (const chip of dataset.chips) {
        const id = await sync(tx.chip, chip.slug, {
          name: chip.name,
          nameKo: chip.nameKo ?? null,
          aliases: chip.aliases,
          kind: chip.kind,
          purpose: chip.purpose ?? null,
          architecture: chip.architecture ?? null,
          generation: chip.generation ?? null,
          description: chip.description ?? null,
          designerId: vendorId(chip.designer),
          ...dateColumns('announced', chip.announced),
          ...dateColumns('available', chip.available),
          sortKey: nameSortKey(chip.name),
        });
        await syncSourceLinks(tx, 'chip', id, chip.sources.map(sourceId), report);
        await syncChildren(
          report,
          await tx.chipPartner.findMany({ where: { chipId: id }, orderBy: { vendorId: 'asc' } }),
          chip.partners
            .map((partner) => ({ chipId: id, vendorId: vendorId(partner.vendor), role: partner.role, sourceId: sourceId(partner.source) }))
            .sort((a, b) => a.vendorId - b.vendorId),
          async (rows) => {
            await tx.chipPartner.deleteMany({ where: { chipId: id } });
            await tx.chipPartner.createMany({ data: rows });
          },
        );
        await syncChildren(
          report,
          await tx.chipSpec.findMany({ where: { chipId: id }, orderBy: { id: 'asc' }, omit: { id: true } }),
          chip.specs.map((spec) => ({
            chipId: id,
            key: spec.key,
            value: spec.value ?? null,
            text: spec.text ?? null,
            unit: spec.unit ?? null,
            bound: spec.bound,
            notation: spec.notation ?? null,
            sourceId: sourceId(spec.source),
          })),
          async (rows) => {
            await tx.chipSpec.deleteMany({ where: { chipId: id } });
            await tx.chipSpec.createMany({ data: rows });
          },
        );
        await syncChildren(
          report,
          await tx.chipDeployment.findMany({ where: { chipId: id }, orderBy: { id: 'asc' }, omit: { id: true } }),
          chip.deployments.map((deployment) => ({
            chipId: id,
            vendorId: deployment.vendor ? vendorId(deployment.vendor) : null,
            kind: deployment.kind,
            name: deployment.name,
            nameKo: deployment.nameKo ?? null,
            description: deployment.description ?? null,
            unitCount: deployment.unitCount ?? null,
            unitCountBound: deployment.unitCountBound ?? null,
            unitCountNotation: deployment.unitCountNotation ?? null,
            status: deployment.status,
            ...dateColumns('start', deployment.start),
            sourceId: sourceId(deployment.source),
          })),
          async (rows) => {
            await tx.chipDeployment.deleteMany({ where: { chipId: id } });
            await tx.chipDeployment.createMany({ data: rows });
          },
        );
      }

      for (const round of dataset.fundingRounds) {
        const id = await sync(tx.fundingRound, round.slug, {
          companyId: vendorId(round.company),
          roundType: round.roundType,
          amount: toBigInt(round.amount),
          currency: round.currency ?? null,
          amountNotation: round.amountNotation ?? null,
          rateId: rateId(round.usdRate),
          ...dateColumns('date', round.date),
          investorsPartial: round.investorsPartial,
          valuation: toBigInt(round.valuation),
          valuationNotation: round.valuationNotation ?? null,
          valuationStance: round.valuationStance ?? null,
          cumulativeAmount: toBigInt(round.cumulativeAmount),
          cumulativeNotation: round.cumulativeNotation ?? null,
          description: round.description ?? null,
        });
        await syncSourceLinks(tx, 'fundingRound', id, round.sources.map(sourceId), report);
        await syncLinks(report, round.investors.map(vendorId), async () =>
          (await tx.fundingRound.findUniqueOrThrow({ where: { id }, select: { investors: { select: { id: true } } } })).investors,
          (ids) => tx.fundingRound.update({ where: { id }, data: { investors: { set: ids.map((investor) => ({ id: investor })) } } }),
        );
      }

      for (const deal of dataset.deals) {
        const id = await sync(tx.deal, deal.slug, {
          title: deal.title,
          titleKo: deal.titleKo ?? null,
          kind: deal.kind,
          status: deal.status,
          ...dateColumns('date', deal.date),
          amount: toBigInt(deal.amount),
          currency: deal.currency ?? null,
          amountNotation: deal.amountNotation ?? null,
          rateId: rateId(deal.usdRate),
          description: deal.description ?? null,
          sortKey: nameSortKey(deal.title),
        });
        await syncSourceLinks(tx, 'deal', id, deal.sources.map(sourceId), report);
        await syncChildren(
          report,
          await tx.dealParty.findMany({ where: { dealId: id }, orderBy: { id: 'asc' }, omit: { id: true } }),
          deal.parties.map((party) => ({
            dealId: id,
            vendorId: party.vendor ? vendorId(party.vendor) : null,
            role: party.role,
            description: party.description ?? null,
          })),
          async (rows) => {
            await tx.dealParty.deleteMany({ where: { dealId: id } });
            await tx.dealParty.createMany({ data: rows });
          },
        );
      }

      for (const metric of dataset.metrics) {
        await sync(tx.metric, metric.slug, {
          vendorId: vendorId(metric.vendor),
          key: metric.key,
          amountMin: toBigInt(metric.amountMin),
          amountMax: toBigInt(metric.amountMax),
          currency: metric.currency ?? null,
          notation: metric.notation ?? null,
          rateId: rateId(metric.usdRate),
          ...dateColumns('period', metric.period),
          stance: metric.stance,
          description: metric.description ?? null,
          sourceId: sourceId(metric.source),
        });
      }
      if (report.created > 0 || report.updated > 0) await rebuildDerived(derived());
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return report;
}

/** Replaces a record's child rows only when they differ from the desired ones. */
async function syncChildren<Row extends Record<string, unknown>>(
  report: SeedReport,
  existing: Record<string, unknown>[],
  desired: Row[],
  replace: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const same = existing.length === desired.length && desired.every((row, index) => sameFields(existing[index]!, row));
  if (same) return;
  report.updated += 1;
  await replace(desired);
}

/** Sets a many-to-many link list only when it differs from the desired ids. */
async function syncLinks(
  report: SeedReport,
  desiredIds: number[],
  readExisting: () => Promise<{ id: number }[]>,
  write: (ids: number[]) => Promise<unknown>,
): Promise<void> {
  const existing = (await readExisting()).map((row) => row.id).sort((a, b) => a - b);
  const desired = [...new Set(desiredIds)].sort((a, b) => a - b);
  if (canonical(existing) === canonical(desired)) return;
  report.updated += 1;
  await write(desired);
}

type SourceOwner = 'vendor' | 'chip' | 'fundingRound' | 'deal';

async function syncSourceLinks(tx: Transaction, owner: SourceOwner, id: number, sourceIds: number[], report: SeedReport) {
  const delegate = tx[owner] as unknown as {
    findUniqueOrThrow(args: unknown): Promise<{ sources: { id: number }[] }>;
    update(args: unknown): Promise<unknown>;
  };
  await syncLinks(
    report,
    sourceIds,
    async () => (await delegate.findUniqueOrThrow({ where: { id }, select: { sources: { select: { id: true } } } })).sources,
    (ids) => delegate.update({ where: { id }, data: { sources: { set: ids.map((source) => ({ id: source })) } } }),
  );
}
