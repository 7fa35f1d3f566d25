// Tells the timeline from the events the write path keeps (derive.ts), reading each event's record when served so
// names and passages are always the records' own: a dated field of a record is an event; a record without a date is
// none. Metrics are left out on purpose: their periods say what a figure (a revenue expectation, a yearly cost)
// covers, not when something happened.
import { InvalidInput } from '../domain/refusal.js';
import type { z } from 'zod';
import { and, literal, sql, valuesList, type Sql, type SqlReader } from '../db/sql.js';
import { unknownSlugsProblem } from '../records/references.js';
import { keysetQuery, paginate, type SortOrder } from '../records/list-query.js';
import { toPartialDate, partialDateEnd, type PartialDateView } from '../domain/partial-date.js';
import type { PageInfoSchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import { groupByOwner, readSource, sourcesByOwner, SOURCE_COLUMNS, SOURCE_DOCUMENT, toVendorSummary, vendorSummaryColumns, vendorSummaryOf } from '../records/views.js';
import { bigintOf, exactInteger } from '../records/columns.js';
import type { FragmentCache } from '../records/fragments.js';
import { joinPage } from '../records/fragments.js';
import { recordLink, TimelineEventSchema, type EventType, type EventsQuery, type TimelineEvent } from './schemas.js';

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

function formatAmount(amount: bigint, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-US')}`;
}

interface EventRow {
  id: number;
  key: string;
  type: EventType;
  dateStart: string;
  datePrecision: string;
  dateQualifier: string | null;
  vendorId: number | null;
  chipId: number | null;
  deploymentId: number | null;
  fundingRoundId: number | null;
  dealId: number | null;
}

type VendorRow = { id: number; slug: string; name: string };
type ChipRow = { id: number; slug: string; name: string; designerName: string };
/** A deployment, its chip and company, and the passage that states it (its columns are the row's own). */
type DeploymentRow = Record<string, unknown> & { id: number; kind: string; name: string; status: string; vendorName: string | null; chipSlug: string; chipName: string };
type RoundRow = { id: number; slug: string; roundType: string; amount: string | null; currency: string | null; companyName: string };
type DealRow = { id: number; slug: string; title: string };

/** What each kind of event needs of its record to be told: one query per kind on the page. */
async function subjects(reader: SqlReader, events: EventRow[]) {
  const ids = (column: 'vendorId' | 'chipId' | 'deploymentId' | 'fundingRoundId' | 'dealId', types: EventType[]) => [
    ...new Set(events.filter((event) => types.includes(event.type)).map((event) => event[column]!)),
  ];
  const vendorIds = ids('vendorId', ['founding']);
  const chipIds = ids('chipId', ['chip_announcement', 'chip_availability']);
  const deploymentIds = ids('deploymentId', ['deployment']);
  const roundIds = ids('fundingRoundId', ['funding_round']);
  const dealIds = ids('dealId', ['deal']);
  const byId = <R extends { id: number }>(rows: R[]) => new Map(rows.map((row) => [row.id, row]));
  const none = <R>() => Promise.resolve(new Map<number, R>());
  const noSources = Promise.resolve(new Map<number, Source[]>());
  const [vendors, chips, deployments, rounds, deals, vendorSources, chipSources, roundSources, dealSources] = await Promise.all([
    vendorIds.length ? reader.all<VendorRow>(sql`SELECT "id", "slug", "name" FROM "Vendor" WHERE "id" IN ${valuesList(vendorIds)}`).then(byId) : none<VendorRow>(),
    chipIds.length
      ? reader
          .all<ChipRow>(sql`SELECT c."id", c."slug", c."name", d."name" AS "designerName" FROM "Chip" c JOIN "Vendor" d ON d."id" = c."designerId"
                        WHERE c."id" IN ${valuesList(chipIds)}`)
          .then(byId)
      : none<ChipRow>(),
    deploymentIds.length
      ? reader
          .all<DeploymentRow>(sql`SELECT x."id", x."kind", x."name", x."status", v."name" AS "vendorName", c."slug" AS "chipSlug", c."name" AS "chipName",
                               ${SOURCE_COLUMNS}
                        FROM "ChipDeployment" x JOIN "Chip" c ON c."id" = x."chipId" LEFT JOIN "Vendor" v ON v."id" = x."vendorId"
                        JOIN "Source" s ON s."id" = x."sourceId" ${SOURCE_DOCUMENT} WHERE x."id" IN ${valuesList(deploymentIds)}`)
          .then(byId)
      : none<DeploymentRow>(),
    roundIds.length
      ? reader
          .all<RoundRow>(sql`SELECT r."id", r."slug", r."roundType", ${exactInteger('r."amount"')}, r."currency", v."name" AS "companyName"
                        FROM "FundingRound" r JOIN "Vendor" v ON v."id" = r."companyId" WHERE r."id" IN ${valuesList(roundIds)}`)
          .then(byId)
      : none<RoundRow>(),
    dealIds.length ? reader.all<DealRow>(sql`SELECT "id", "slug", "title" FROM "Deal" WHERE "id" IN ${valuesList(dealIds)}`).then(byId) : none<DealRow>(),
    vendorIds.length ? sourcesByOwner(reader, 'vendor', vendorIds) : noSources,
    chipIds.length ? sourcesByOwner(reader, 'chip', chipIds) : noSources,
    roundIds.length ? sourcesByOwner(reader, 'fundingRound', roundIds) : noSources,
    dealIds.length ? sourcesByOwner(reader, 'deal', dealIds) : noSources,
  ]);
  return { vendors, chips, deployments, rounds, deals, vendorSources, chipSources, roundSources, dealSources };
}

/** The events of a page as the API tells them: title, companies, subject, stance and the passages stating them. */
async function describeEvents(reader: SqlReader, events: EventRow[]): Promise<TimelineEvent[]> {
  if (events.length === 0) return [];
  const [records, vendorRows] = await Promise.all([
    subjects(reader, events),
    reader.all<Record<string, unknown> & { owner: number }>(
      sql`SELECT l."eventId" AS "owner", ${vendorSummaryColumns('v', 'vendor')} FROM "TimelineEventVendor" l JOIN "Vendor" v ON v."id" = l."vendorId"
          WHERE l."eventId" IN ${valuesList(events.map((event) => event.id))} ORDER BY l."eventId", l."position", v."sortKey", v."id"`,
    ),
  ]);
  const vendorsOf = groupByOwner(vendorRows);
  return events.map((event): TimelineEvent => {
    const date = toPartialDate(event.dateStart, event.datePrecision, event.dateQualifier)!;
    const vendors: VendorSummary[] = (vendorsOf.get(event.id) ?? []).map((row) => toVendorSummary(vendorSummaryOf(row, 'vendor')!));
    const common = { id: event.key, type: event.type, date, vendors };
    switch (event.type) {
      case 'founding': {
        const vendor = records.vendors.get(event.vendorId!)!;
        return {
          ...common,
          title: `${vendor.name} is founded`,
          subject: recordLink('vendor', vendor.slug),
          ...evidence((records.vendorSources.get(event.vendorId!) ?? []), date),
        };
      }
      case 'chip_announcement':
      case 'chip_availability': {
        const chip = records.chips.get(event.chipId!)!;
        return {
          ...common,
          title: event.type === 'chip_announcement' ? `${chip.designerName} announces ${chip.name}` : `${chip.name} becomes available`,
          subject: recordLink('chip', chip.slug),
          ...evidence((records.chipSources.get(event.chipId!) ?? []), date),
        };
      }
      case 'deployment': {
        const deployment = records.deployments.get(event.deploymentId!)!;
        const where = `${DEPLOYMENT_PREPOSITION[deployment.kind] ?? 'in'} ${deployment.name}`;
        return {
          ...common,
          title:
            deployment.vendorName !== null
              ? `${deployment.vendorName} deploys ${deployment.chipName} ${where}`
              : `${deployment.chipName} is deployed ${where}`,
          subject: recordLink('chip', deployment.chipSlug),
          stance: deployment.status as Stance,
          sources: [readSource(deployment)],
        };
      }
      case 'funding_round': {
        const round = records.rounds.get(event.fundingRoundId!)!;
        const label = ROUND_LABELS[round.roundType] ?? 'funding';
        const amount = bigintOf(round.amount);
        const raised = amount !== null && round.currency !== null ? `${formatAmount(amount, round.currency)} in ${label}` : label;
        return {
          ...common,
          title: `${round.companyName} raises ${raised}`,
          subject: recordLink('funding_round', round.slug),
          ...evidence((records.roundSources.get(event.fundingRoundId!) ?? []), date),
        };
      }
      case 'deal': {
        const deal = records.deals.get(event.dealId!)!;
        return {
          ...common,
          title: deal.title,
          subject: recordLink('deal', deal.slug),
          ...evidence((records.dealSources.get(event.dealId!) ?? []), date),
        };
      }
    }
  });
}

/**
 * By period start, then period end (a day before the month or year that starts on it), then id; `-date` is the
 * exact reverse. The cursor carries these values, so a page is an index range whatever the size of the timeline.
 */
function eventOrder(sort: EventsQuery['sort']): SortOrder {
  const direction = sort === '-date' ? 'desc' : 'asc';
  return {
    list: 'events',
    name: sort,
    keys: [
      { field: 'dateStart', direction, nullable: false, type: 'text' },
      { field: 'dateEnd', direction, nullable: false, type: 'text' },
      { field: 'key', direction, nullable: false, type: 'text' },
    ],
  };
}

/** The timeline's conditions, over TimelineEvent; a `vendor` that names no company is a 400. */
async function eventConditions(reader: SqlReader, query: EventsQuery): Promise<Sql[]> {
  const from = query.from?.start;
  const to = query.to ? partialDateEnd(query.to) : undefined;
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidInput(`Invalid query parameters 'from' and 'to': '${from}' is after '${to}'.`, [
      { location: 'query', name: 'from', message: `is after 'to' (${to})` },
    ]);
  }
  const conditions: Sql[] = [];
  if (query.vendor !== undefined) {
    const [vendor] = await reader.all<{ id: number }>(sql`SELECT "id" FROM "Vendor" WHERE "slug" = ${query.vendor}`);
    if (!vendor) throw await unknownSlugsProblem(reader, 'vendor', [query.vendor], 'vendor');
    conditions.push(sql`"id" IN (SELECT "eventId" FROM "TimelineEventVendor" WHERE "vendorId" = ${vendor.id})`);
  }
  if (query.type) conditions.push(sql`"type" IN ${valuesList([...new Set(query.type)])}`);
  // Periods overlap [from, to] (YYYY-MM-DD strings compare in date order).
  if (from !== undefined) conditions.push(sql`"dateEnd" >= ${from}`);
  if (to !== undefined) conditions.push(sql`"dateStart" <= ${to}`);
  if (query.year !== undefined) conditions.push(sql`"dateEnd" >= ${`${query.year}-01-01`} AND "dateStart" <= ${`${query.year}-12-31`}`);
  return conditions;
}

/**
 * One page of the timeline, with its cursors and (on request) the number of matching events. With `fragments`, the
 * page comes as JSON (`json`) joined from the events' kept JSON, telling only the events no page has told since the
 * last write.
 */
export async function listEvents(
  reader: SqlReader,
  query: EventsQuery,
  fragments: FragmentCache | null = null,
): Promise<{ page: z.output<typeof PageInfoSchema> } & ({ data: TimelineEvent[]; json?: undefined } | { json: string; data?: undefined })> {
  const readAt = fragments?.version ?? 0;
  const conditions = await eventConditions(reader, query);
  const order = eventOrder(query.sort);
  const keyset = keysetQuery(query.cursor, order);
  const where = and(keyset.where ? [...conditions, keyset.where] : conditions);
  const fetched = await reader.all<EventRow & Record<string, unknown>>(
    sql`SELECT "id", "key", "type", "dateStart", "dateEnd", "datePrecision", "dateQualifier", "vendorId", "chipId", "deploymentId",
               "fundingRoundId", "dealId"
        FROM "TimelineEvent" WHERE ${where} ORDER BY ${keyset.orderBy} LIMIT ${literal(query.limit + 1)}`,
  );
  const page = paginate(fetched, query.limit, order, keyset);
  const totalCount =
    query.count === 'true'
      ? (await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "TimelineEvent" WHERE ${and(conditions)}`))[0]!.count
      : undefined;
  const pageInfo = { limit: query.limit, nextCursor: page.nextCursor, prevCursor: page.prevCursor, ...(totalCount === undefined ? {} : { totalCount }) };
  if (fragments) {
    const json = await joinPage(fragments, {
      kind: 'events',
      ids: page.rows.map((row) => row.id),
      page: pageInfo,
      itemSchema: TimelineEventSchema,
      build: (missing) => {
        const wanted = new Set(missing);
        return describeEvents(reader, page.rows.filter((row) => wanted.has(row.id)));
      },
      readAt,
    });
    if (json !== null) return { json, page: pageInfo };
  }
  return { data: await describeEvents(reader, page.rows), page: pageInfo };
}
