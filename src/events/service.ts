// Derives the timeline from the records at request time, so it can never disagree with them: a dated field of a
// record is an event; a record without a date is none. Metrics are left out on purpose: their periods say what
// a figure (a revenue expectation, a yearly cost) covers, not when something happened.
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import { BadRequestProblem } from '../shared/problem.js';
import { toPartialDate, partialDateEnd, type PartialDateView } from '../shared/partial-date.js';
import type { SourceSchema, VendorSummarySchema } from '../shared/schemas.js';
import { sourceSelect, sourcesInArticleOrder, toSource, toVendorSummary, vendorSummarySelect } from '../shared/views.js';
import { recordLink, type EventType, type EventsQuery, type TimelineEvent } from './schemas.js';

type Source = z.infer<typeof SourceSchema>;
type VendorSummary = z.infer<typeof VendorSummarySchema>;
type Stance = Source['stance'];

/** Most to least certain: an event one passage states as fact is a fact, whatever another one adds. */
const STANCE_FIRMNESS: Stance[] = ['fact', 'report', 'estimate', 'plan'];

const ROUND_LABELS: Record<string, string> = {
  seed: 'a seed round',
  series_a: 'a Series A round',
  series_b: 'a Series B round',
  series_c: 'a Series C round',
  series_d: 'a Series D round',
  strategic: 'a strategic round',
  undisclosed: 'funding',
};

/** Deployments of a service run "for" it; everything else runs "in" a place or system. */
const DEPLOYMENT_PREPOSITION: Record<string, string> = { service: 'for' };

/**
 * Whether a passage states this date, in the article's Korean forms ("2016년", "9월", "11월 15일"). Records cite
 * every passage about them; only the ones naming the date are evidence for the dated event.
 */
export function mentionsDate(quote: string, date: PartialDateView): boolean {
  const [year, month, day] = date.start.split('-').map(Number);
  switch (date.precision) {
    case 'year':
    case 'quarter':
      return new RegExp(`(?<!\\d)${year}(?!\\d)`).test(quote);
    case 'month':
      return new RegExp(`(?<!\\d)${month}\\s*월`).test(quote);
    case 'day':
      return new RegExp(`(?<!\\d)${month}\\s*월\\s*${day}\\s*일`).test(quote);
  }
}

/** The passages that state the date (all of the record's when none does), and the firmest stance among them. */
function evidence(sources: Source[], date: PartialDateView): { sources: Source[]; stance: Stance } {
  const stating = sources.filter((source) => mentionsDate(source.quote, date));
  const cited = stating.length > 0 ? stating : sources;
  const stance = STANCE_FIRMNESS.find((candidate) => cited.some((source) => source.stance === candidate)) ?? 'fact';
  return { sources: cited, stance };
}

function uniqueVendors(vendors: VendorSummary[]): VendorSummary[] {
  return vendors.filter((vendor, index) => vendors.findIndex((other) => other.slug === vendor.slug) === index);
}

function formatAmount(amount: bigint, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-US')}`;
}

/** Lower-case ASCII words joined by '-', for ids of records that have no slug of their own. */
function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';
}

type Loader = (db: Database) => Promise<TimelineEvent[]>;

const loaders: Record<EventType, Loader> = {
  async founding(db) {
    const vendors = await db.vendor.findMany({
      where: { foundedYear: { not: null } },
      select: { ...vendorSummarySelect, foundedYear: true, sources: sourcesInArticleOrder },
    });
    return vendors.map((vendor) => {
      const date = toPartialDate(`${vendor.foundedYear}-01-01`, 'year', null)!;
      const summary = toVendorSummary(vendor);
      return {
        id: `founding:${vendor.slug}`,
        type: 'founding',
        date,
        title: `${vendor.name} is founded`,
        vendors: [summary],
        subject: recordLink('vendor', vendor.slug),
        ...evidence(vendor.sources.map(toSource), date),
      };
    });
  },

  async chip_announcement(db) {
    return chipEvents(db, 'announced');
  },

  async chip_availability(db) {
    return chipEvents(db, 'available');
  },

  async deployment(db) {
    const deployments = await db.chipDeployment.findMany({
      where: { startStart: { not: null } },
      select: {
        kind: true,
        name: true,
        status: true,
        startStart: true,
        startPrecision: true,
        startQualifier: true,
        vendor: { select: vendorSummarySelect },
        source: { select: sourceSelect },
        chip: { select: { slug: true, name: true, designer: { select: vendorSummarySelect } } },
      },
      orderBy: { id: 'asc' },
    });
    const taken = new Set<string>();
    return deployments.map((deployment) => {
      // Deployments have no slug; the chip and the deployment's name identify one, numbered in the rare clash.
      const base = `deployment:${deployment.chip.slug}:${slugify(deployment.name)}`;
      let id = base;
      for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
      taken.add(id);
      const preposition = DEPLOYMENT_PREPOSITION[deployment.kind] ?? 'in';
      const where = `${preposition} ${deployment.name}`;
      return {
        id,
        type: 'deployment',
        date: toPartialDate(deployment.startStart, deployment.startPrecision, deployment.startQualifier)!,
        title: deployment.vendor
          ? `${deployment.vendor.name} deploys ${deployment.chip.name} ${where}`
          : `${deployment.chip.name} is deployed ${where}`,
        vendors: uniqueVendors([
          ...(deployment.vendor ? [toVendorSummary(deployment.vendor)] : []),
          toVendorSummary(deployment.chip.designer),
        ]),
        subject: recordLink('chip', deployment.chip.slug),
        stance: deployment.status as Stance,
        sources: [toSource(deployment.source)],
      };
    });
  },

  async funding_round(db) {
    const rounds = await db.fundingRound.findMany({
      where: { dateStart: { not: null } },
      select: {
        slug: true,
        roundType: true,
        amount: true,
        currency: true,
        dateStart: true,
        datePrecision: true,
        dateQualifier: true,
        company: { select: vendorSummarySelect },
        investors: { select: vendorSummarySelect, orderBy: { sortKey: 'asc' } },
        sources: sourcesInArticleOrder,
      },
    });
    return rounds.map((round) => {
      const date = toPartialDate(round.dateStart, round.datePrecision, round.dateQualifier)!;
      const label = ROUND_LABELS[round.roundType] ?? 'funding';
      const raised =
        round.amount !== null && round.currency !== null ? `${formatAmount(round.amount, round.currency)} in ${label}` : label;
      return {
        id: `funding-round:${round.slug}`,
        type: 'funding_round',
        date,
        title: `${round.company.name} raises ${raised}`,
        vendors: uniqueVendors([round.company, ...round.investors].map(toVendorSummary)),
        subject: recordLink('funding_round', round.slug),
        ...evidence(round.sources.map(toSource), date),
      };
    });
  },

  async deal(db) {
    const deals = await db.deal.findMany({
      where: { dateStart: { not: null } },
      select: {
        slug: true,
        title: true,
        dateStart: true,
        datePrecision: true,
        dateQualifier: true,
        parties: { select: { vendor: { select: vendorSummarySelect } }, orderBy: { id: 'asc' } },
        sources: sourcesInArticleOrder,
      },
    });
    return deals.map((deal) => {
      const date = toPartialDate(deal.dateStart, deal.datePrecision, deal.dateQualifier)!;
      return {
        id: `deal:${deal.slug}`,
        type: 'deal',
        date,
        title: deal.title,
        vendors: uniqueVendors(deal.parties.flatMap((party) => (party.vendor ? [toVendorSummary(party.vendor)] : []))),
        subject: recordLink('deal', deal.slug),
        ...evidence(deal.sources.map(toSource), date),
      };
    });
  },
};

async function chipEvents(db: Database, field: 'announced' | 'available'): Promise<TimelineEvent[]> {
  const chips = await db.chip.findMany({
    where: field === 'announced' ? { announcedStart: { not: null } } : { availableStart: { not: null } },
    select: {
      slug: true,
      name: true,
      announcedStart: true,
      announcedPrecision: true,
      announcedQualifier: true,
      availableStart: true,
      availablePrecision: true,
      availableQualifier: true,
      designer: { select: vendorSummarySelect },
      partners: { select: { vendor: { select: vendorSummarySelect } }, orderBy: { vendorId: 'asc' } },
      sources: sourcesInArticleOrder,
    },
  });
  return chips.map((chip) => {
    const date =
      field === 'announced'
        ? toPartialDate(chip.announcedStart, chip.announcedPrecision, chip.announcedQualifier)!
        : toPartialDate(chip.availableStart, chip.availablePrecision, chip.availableQualifier)!;
    return {
      id: `${field === 'announced' ? 'chip-announcement' : 'chip-availability'}:${chip.slug}`,
      type: field === 'announced' ? 'chip_announcement' : 'chip_availability',
      date,
      title: field === 'announced' ? `${chip.designer.name} announces ${chip.name}` : `${chip.name} becomes available`,
      vendors: uniqueVendors([chip.designer, ...chip.partners.map((partner) => partner.vendor)].map(toVendorSummary)),
      subject: recordLink('chip', chip.slug),
      ...evidence(chip.sources.map(toSource), date),
    };
  });
}

/** Ascending: period start, then period end (a day before the month or year that starts on it), then id. */
function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return (
    a.date.start.localeCompare(b.date.start) ||
    a.date.end.localeCompare(b.date.end) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Periods overlap [from, to] (YYYY-MM-DD strings compare in date order). */
function overlaps(date: PartialDateView, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || date.end >= from) && (to === undefined || date.start <= to);
}

export async function listEvents(db: Database, query: EventsQuery): Promise<TimelineEvent[]> {
  const from = query.from?.start;
  const to = query.to ? partialDateEnd(query.to) : undefined;
  if (from !== undefined && to !== undefined && from > to) {
    throw new BadRequestProblem(`Invalid query parameters 'from' and 'to': '${from}' is after '${to}'.`, [
      { location: 'query', name: 'from', message: `is after 'to' (${to})` },
    ]);
  }
  if (query.vendor !== undefined) {
    const vendor = await db.vendor.findUnique({ where: { slug: query.vendor }, select: { id: true } });
    if (!vendor) {
      throw new BadRequestProblem(`Invalid query parameter 'vendor': no vendor has slug '${query.vendor}'.`, [
        { location: 'query', name: 'vendor', message: `no vendor has slug '${query.vendor}'` },
      ]);
    }
  }
  const types = query.type ? [...new Set(query.type)] : (Object.keys(loaders) as EventType[]);
  // Loaded whole and filtered here: an event's period end and its cited passages are derived, not columns, and
  // the dataset is one article's worth of records.
  const events = (await Promise.all(types.map((type) => loaders[type](db)))).flat();
  const yearFrom = query.year === undefined ? undefined : `${query.year}-01-01`;
  const yearTo = query.year === undefined ? undefined : `${query.year}-12-31`;
  const matching = events.filter(
    (event) =>
      (query.vendor === undefined || event.vendors.some((vendor) => vendor.slug === query.vendor)) &&
      overlaps(event.date, from, to) &&
      overlaps(event.date, yearFrom, yearTo),
  );
  matching.sort(compareEvents);
  return query.sort === '-date' ? matching.reverse() : matching;
}
