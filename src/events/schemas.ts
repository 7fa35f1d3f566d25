// The timeline: dated happenings derived from the records (foundings, chip announcements and availability,
// deployments, funding rounds, deals), kept in step by every write (derive.ts) and told at request time (service.ts).
import { z } from 'zod';
import { resourceOfKind } from '../domain/resources.js';
import { CountParamSchema, CursorParamSchema, limitParam, MAX_PAGE_SIZE, slugFilter } from '../records/list-query.js';
import { enumList, PartialDateParamSchema, yearParam } from '../records/filters.js';
import { LIST_MAX, TEXT_MAX } from '../domain/limits.js';
import { PageInfoSchema, PartialDateSchema, RecordUrlSchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import { SlugSchema, StanceSchema } from '../domain/vocabulary.js';

export const EventTypeSchema = z
  .enum(['founding', 'chip_announcement', 'chip_availability', 'deployment', 'funding_round', 'deal'])
  .meta({
    id: 'EventType',
    description:
      'What happened: `founding` (a company\'s founding year), `chip_announcement` (a chip is unveiled), ' +
      '`chip_availability` (a chip launches or goes into service), `deployment` (a chip starts running somewhere), ' +
      '`funding_round` (a company raises money), `deal` (an acquisition, partnership or other transaction).',
    example: 'chip_announcement',
  });

export const RecordLinkSchema = z
  .object({
    type: z.enum(['vendor', 'chip', 'funding_round', 'deal']).describe('Which kind of record.'),
    slug: SlugSchema,
    url: RecordUrlSchema.describe('Where the record is served, relative to the API root.'),
  })
  .meta({
    id: 'RecordLink',
    description: 'A pointer to the record something is derived from.',
    example: { type: 'chip', slug: 'azure-maia-100', url: '/v1/chips/azure-maia-100' },
  });

export const TimelineEventSchema = z
  .object({
    // The longest: `deployment:<chip slug>:<the deployment's name as a slug>-<n>`.
    id: z
      .string()
      .max(300)
      .regex(/^[a-z-]+:[a-z0-9:-]+$/)
      .describe('Stable identifier: the event type and the record it comes from.'),
    type: EventTypeSchema,
    date: PartialDateSchema,
    // The longest sentence: a company deploying a chip in a named place, three names and a few words.
    title: z.string().max(3 * TEXT_MAX.name + 50).describe('What happened, as an English sentence.'),
    // The most: a funding round's company and its investors.
    vendors: z.array(VendorSummarySchema).max(LIST_MAX.investors + 1).describe('The companies involved, the principal one first.'),
    subject: RecordLinkSchema.describe('The record the event is derived from (a deployment links to its chip).'),
    stance: StanceSchema.describe(
      'How the article frames the event: a deployment\'s own status; otherwise the firmest stance among its ' +
        'sources (fact, then report, estimate, plan).',
    ),
    sources: z
      .array(SourceSchema)
      .max(LIST_MAX.sources)
      .describe(
        'The passages that state the event, in article order: those of the record that mention its date, or all ' +
          'of the record\'s passages when none does.',
      ),
  })
  .meta({
    id: 'TimelineEvent',
    description: 'Something that happened (or is planned) on a date the article gives, with the passages that say so.',
    example: {
      id: 'chip-announcement:azure-maia-100',
      type: 'chip_announcement',
      date: { value: '2023-11-15', precision: 'day', qualifier: null, start: '2023-11-15', end: '2023-11-15' },
      title: 'Microsoft announces Azure Maia 100',
      vendors: [{ slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' }],
      subject: { type: 'chip', slug: 'azure-maia-100', url: '/v1/chips/azure-maia-100' },
      stance: 'fact',
      sources: [
        {"slug":"microsoft-unveils-two-chips-at-ignite","quote":"마이크로소프트는 11월 15일 연례 개발자 회의 '이그\n\n나이트(Ignite)에서 맞춤형 설계한 두 개의 칩을 공개했다.","stance":"fact","startOffset":180,"document":{"slug":"ai-chip-market-big-tech-and-startups-2023","title":"AI 반도체 시장에 뛰어든 빅테크와 스타트업","publisher":null,"published":{"value":"2023","precision":"year","qualifier":"late","start":"2023-01-01","end":"2023-12-31"}},"selector":[{"type":"TextQuoteSelector","exact":"마이크로소프트는 11월 15일 연례 개발자 회의 '이그\n\n나이트(Ignite)에서 맞춤형 설계한 두 개의 칩을 공개했다.","prefix":"스템 회사의 마지막 퍼즐을 완성하는 것은 반도체 설계다. ","suffix":" 소프트웨어부터 하드웨어까지 최적의 생성 AI 인프라 구축"},{"type":"TextPositionSelector","start":180,"end":247}]},
      ],
    },
  });

/** The lists' page size, which holds the article's whole timeline (16 events) in one page. */
export const DEFAULT_EVENTS_PAGE_SIZE = 20;

export const TimelineSchema = z
  .object({
    data: z.array(TimelineEventSchema).max(MAX_PAGE_SIZE).describe('A page of the matching events, in the requested order.'),
    page: PageInfoSchema,
  })
  .meta({ id: 'Timeline', description: 'Dated events derived from the records, oldest first unless `sort=-date`, a page at a time.' });

export type EventType = z.infer<typeof EventTypeSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type RecordLink = z.infer<typeof RecordLinkSchema>;

export function recordLink(type: RecordLink['type'], slug: string): RecordLink {
  return { type, slug, url: `/v1/${resourceOfKind(type).path}/${slug}` };
}

/** A bound of `from`/`to`: the forms the chips' date filters take, so both read the same. */
function dateBound(description: string, example: string) {
  return PartialDateParamSchema.optional().meta({ description, example });
}

export const EventsQuerySchema = z
  .strictObject({
    limit: limitParam(DEFAULT_EVENTS_PAGE_SIZE),
    cursor: CursorParamSchema.optional(),
    count: CountParamSchema,
    vendor: slugFilter('Only events involving this company (slug); an unknown slug is a 400.', 'microsoft'),
    type: enumList(z.enum(EventTypeSchema.enum))
      .optional()
      .meta({
        description: `Only events of these types, comma-separated: ${EventTypeSchema.options.join(', ')}.`,
        example: 'chip_announcement,chip_availability',
      }),
    year: yearParam()
      .optional()
      .meta({
        description: 'Only events whose period reaches into this year (a 2023-11-15 event and a year-precision 2023 event both match 2023).',
        example: 2023,
      }),
    from: dateBound(
      'Only events whose period reaches to or past the start of this date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD): ' +
        'a month-precision 2023-09 event matches from=2023-09-15.',
      '2023-09',
    ),
    to: dateBound(
      'Only events whose period starts on or before the end of this date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD): to=2023 includes all of 2023.',
      '2023-12',
    ),
    sort: z
      .enum(['date', '-date'])
      .default('date')
      .meta({
        description:
          '`date` (default): by period start, then period end (so a day comes before the month or year starting on ' +
          'it), then `id`. `-date`: the exact reverse.',
        example: '-date',
      }),
  });

export type EventsQuery = z.infer<typeof EventsQuerySchema>;
