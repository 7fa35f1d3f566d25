// The timeline's rows: each dated field of a record becomes a TimelineEvent, with the companies it involves, written
// in the same transaction as the record (see src/records/derived.ts). Only what is the record's own is stored (its
// dates, keys and companies); names, titles and cited passages are read from the records when the timeline is
// served, so a renamed company needs no event rewritten.
import { sql, valuesList, type SqlWriter } from '../db/sql.js';
import { grouped } from '../records/views.js';
import { partialDateEnd, type DatePrecision } from '../domain/partial-date.js';
import type { EventType } from './schemas.js';

/** Lower-case ASCII words joined by '-', for ids of records that have no slug of their own. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';
}

interface EventRow {
  key: string;
  type: EventType;
  start: string;
  precision: string;
  qualifier: string | null;
  record: { vendorId?: number; chipId?: number; deploymentId?: number; fundingRoundId?: number; dealId?: number };
  /** The companies involved, principal first; investors share one place and are ordered by name when read. */
  vendors: { id: number; position: number }[];
}

async function insertEvents(db: SqlWriter, events: EventRow[]): Promise<void> {
  for (const event of events) {
    const { record } = event;
    const [inserted] = await db.all<{ id: number }>(
      sql`INSERT INTO "TimelineEvent" ("key", "type", "dateStart", "dateEnd", "datePrecision", "dateQualifier",
                                       "vendorId", "chipId", "deploymentId", "fundingRoundId", "dealId")
          VALUES (${event.key}, ${event.type}, ${event.start},
                  ${partialDateEnd({ start: event.start, precision: event.precision as DatePrecision })}, ${event.precision},
                  ${event.qualifier}, ${record.vendorId ?? null}, ${record.chipId ?? null}, ${record.deploymentId ?? null},
                  ${record.fundingRoundId ?? null}, ${record.dealId ?? null})
          RETURNING "id"`,
    );
    const seen = new Set<number>();
    for (const vendor of event.vendors) {
      // A company counts once, at its first place (a designer running its own chip is not listed twice).
      if (seen.has(vendor.id)) continue;
      seen.add(vendor.id);
      await db.run(
        sql`INSERT INTO "TimelineEventVendor" ("eventId", "vendorId", "position") VALUES (${inserted!.id}, ${vendor.id}, ${vendor.position})`,
      );
    }
  }
}

/** Founding events: a company's founding year. */
export async function deriveVendorEvents(db: SqlWriter, vendorIds: readonly number[]): Promise<void> {
  const ids = valuesList(vendorIds);
  await db.run(sql`DELETE FROM "TimelineEvent" WHERE "vendorId" IN ${ids} AND "type" = 'founding'`);
  const vendors = await db.all<{ id: number; slug: string; foundedYear: number }>(
    sql`SELECT "id", "slug", "foundedYear" FROM "Vendor" WHERE "id" IN ${ids} AND "foundedYear" IS NOT NULL ORDER BY "id"`,
  );
  await insertEvents(
    db,
    vendors.map((vendor) => ({
      key: `founding:${vendor.slug}`,
      type: 'founding',
      start: `${vendor.foundedYear}-01-01`,
      precision: 'year',
      qualifier: null,
      record: { vendorId: vendor.id },
      vendors: [{ id: vendor.id, position: 0 }],
    })),
  );
}

/** A chip's announcement and availability, and each dated deployment of it. */
export async function deriveChipEvents(db: SqlWriter, chipIds: readonly number[]): Promise<void> {
  const ids = valuesList(chipIds);
  await db.run(sql`DELETE FROM "TimelineEvent" WHERE "chipId" IN ${ids}`);
  const [chips, partners, deployments] = await Promise.all([
    db.all<{
      id: number;
      slug: string;
      designerId: number;
      announcedStart: string | null;
      announcedPrecision: string | null;
      announcedQualifier: string | null;
      availableStart: string | null;
      availablePrecision: string | null;
      availableQualifier: string | null;
    }>(
      sql`SELECT "id", "slug", "designerId", "announcedStart", "announcedPrecision", "announcedQualifier", "availableStart",
                 "availablePrecision", "availableQualifier" FROM "Chip" WHERE "id" IN ${ids} ORDER BY "id"`,
    ),
    db.all<{ chipId: number; vendorId: number }>(sql`SELECT "chipId", "vendorId" FROM "ChipPartner" WHERE "chipId" IN ${ids} ORDER BY "vendorId"`),
    db.all<{ id: number; chipId: number; vendorId: number | null; name: string; startStart: string; startPrecision: string; startQualifier: string | null }>(
      sql`SELECT "id", "chipId", "vendorId", "name", "startStart", "startPrecision", "startQualifier" FROM "ChipDeployment"
          WHERE "chipId" IN ${ids} AND "startStart" IS NOT NULL ORDER BY "id"`,
    ),
  ]);
  const partnersOf = grouped(partners, (row) => row.chipId);
  const deploymentsOf = grouped(deployments, (row) => row.chipId);
  const events: EventRow[] = [];
  for (const chip of chips) {
    const companies = [
      { id: chip.designerId, position: 0 },
      ...(partnersOf.get(chip.id) ?? []).map((partner, index) => ({ id: partner.vendorId, position: index + 1 })),
    ];
    if (chip.announcedStart !== null && chip.announcedPrecision !== null) {
      events.push({
        key: `chip-announcement:${chip.slug}`,
        type: 'chip_announcement',
        start: chip.announcedStart,
        precision: chip.announcedPrecision,
        qualifier: chip.announcedQualifier,
        record: { chipId: chip.id },
        vendors: companies,
      });
    }
    if (chip.availableStart !== null && chip.availablePrecision !== null) {
      events.push({
        key: `chip-availability:${chip.slug}`,
        type: 'chip_availability',
        start: chip.availableStart,
        precision: chip.availablePrecision,
        qualifier: chip.availableQualifier,
        record: { chipId: chip.id },
        vendors: companies,
      });
    }
    // Deployments have no slug; the chip and the deployment's name identify one, numbered in the rare clash.
    const taken = new Set<string>();
    for (const deployment of deploymentsOf.get(chip.id) ?? []) {
      const base = `deployment:${chip.slug}:${slugify(deployment.name)}`;
      let key = base;
      for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
      taken.add(key);
      events.push({
        key,
        type: 'deployment',
        start: deployment.startStart,
        precision: deployment.startPrecision,
        qualifier: deployment.startQualifier,
        record: { chipId: chip.id, deploymentId: deployment.id },
        vendors: [...(deployment.vendorId !== null ? [{ id: deployment.vendorId, position: 0 }] : []), { id: chip.designerId, position: 1 }],
      });
    }
  }
  await insertEvents(db, events);
}

/** A dated funding round: its company first, then its investors (ordered by name when read). */
export async function deriveRoundEvents(db: SqlWriter, roundIds: readonly number[]): Promise<void> {
  const ids = valuesList(roundIds);
  await db.run(sql`DELETE FROM "TimelineEvent" WHERE "fundingRoundId" IN ${ids}`);
  const [rounds, investors] = await Promise.all([
    db.all<{ id: number; slug: string; companyId: number; dateStart: string; datePrecision: string; dateQualifier: string | null }>(
      sql`SELECT "id", "slug", "companyId", "dateStart", "datePrecision", "dateQualifier" FROM "FundingRound"
          WHERE "id" IN ${ids} AND "dateStart" IS NOT NULL ORDER BY "id"`,
    ),
    db.all<{ roundId: number; vendorId: number }>(sql`SELECT "A" AS "roundId", "B" AS "vendorId" FROM "_RoundInvestors" WHERE "A" IN ${ids}`),
  ]);
  const investorsOf = grouped(investors, (row) => row.roundId);
  await insertEvents(
    db,
    rounds.map((round) => ({
      key: `funding-round:${round.slug}`,
      type: 'funding_round',
      start: round.dateStart,
      precision: round.datePrecision,
      qualifier: round.dateQualifier,
      record: { fundingRoundId: round.id },
      vendors: [
        { id: round.companyId, position: 0 },
        ...(investorsOf.get(round.id) ?? []).map((investor) => ({ id: investor.vendorId, position: 1 })),
      ],
    })),
  );
}

/** A dated deal: its named parties, in the order the deal lists them. */
export async function deriveDealEvents(db: SqlWriter, dealIds: readonly number[]): Promise<void> {
  const ids = valuesList(dealIds);
  await db.run(sql`DELETE FROM "TimelineEvent" WHERE "dealId" IN ${ids}`);
  const [deals, parties] = await Promise.all([
    db.all<{ id: number; slug: string; dateStart: string; datePrecision: string; dateQualifier: string | null }>(
      sql`SELECT "id", "slug", "dateStart", "datePrecision", "dateQualifier" FROM "Deal" WHERE "id" IN ${ids} AND "dateStart" IS NOT NULL ORDER BY "id"`,
    ),
    db.all<{ dealId: number; vendorId: number }>(
      sql`SELECT "dealId", "vendorId" FROM "DealParty" WHERE "dealId" IN ${ids} AND "vendorId" IS NOT NULL ORDER BY "id"`,
    ),
  ]);
  const partiesOf = grouped(parties, (row) => row.dealId);
  await insertEvents(
    db,
    deals.map((deal) => ({
      key: `deal:${deal.slug}`,
      type: 'deal',
      start: deal.dateStart,
      precision: deal.datePrecision,
      qualifier: deal.dateQualifier,
      record: { dealId: deal.id },
      vendors: (partiesOf.get(deal.id) ?? []).map((party, index) => ({ id: party.vendorId, position: index })),
    })),
  );
}
