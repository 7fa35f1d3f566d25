// Statements: what a document says that no field of a record holds — a company's strategy, a chip's place in it, the
// market as a whole — in the curator's English words beside the passages that say it, each with its stance.
import { z } from 'zod';
import { CuratedFieldsSchema } from '../records/curated.js';
import { safeText, SourceSlugsInputSchema } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import { ChipSummarySchema, SourceSchema, VendorSummarySchema } from '../records/schemas.js';
import { SlugSchema, StatementAboutSchema, StatementTopicSchema } from '../domain/vocabulary.js';

export const StatementSchema = z
  .object({
    slug: SlugSchema,
    about: StatementAboutSchema,
    vendor: VendorSummarySchema.nullable().describe('The company it is about (`about: company`); otherwise null.'),
    chip: ChipSummarySchema.nullable().describe('The chip it is about (`about: chip`); otherwise null.'),
    topic: StatementTopicSchema,
    statement: shownText('description').describe(
      "What the passages say, in the curator's English words (always curated): the document's own words and stance are in `sources`.",
    ),
    curated: CuratedFieldsSchema,
    sources: z.array(SourceSchema).max(LIST_MAX.sources),
  })
  .meta({
    id: 'Statement',
    description:
      'Something a document says that no field of a record holds (a strategy, a view of the market), with the passages ' +
      'that say it and how the document frames each one (`stance`: fact, report, plan or estimate).',
    example: {
      slug: 'microsoft-vertical-integration',
      about: 'company',
      vendor: { slug: 'microsoft', name: 'Microsoft', nameKo: '마이크로소프트', kind: 'big_tech' },
      chip: null,
      topic: 'strategy',
      statement: 'Taking on chip development as well, Microsoft has vertically integrated all of its infrastructure, from software to servers and cooling systems.',
      curated: ['about', 'topic', 'statement'],
      sources: [
        {
          slug: 'microsoft-vertical-integration',
          quote: '마이크로소프트는 반도체 개발도 섭렵하며 소프트웨어, 서버, 냉각시스템에 이르기까지 모든 인프라를 수직 계열화했다.',
          stance: 'fact',
          startOffset: 954,
          document: {
            slug: 'ai-chip-market-big-tech-and-startups-2023',
            title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
            publisher: null,
            published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
          },
          selector: [
            {
              type: 'TextQuoteSelector',
              exact: '마이크로소프트는 반도체 개발도 섭렵하며 소프트웨어, 서버, 냉각시스템에 이르기까지 모든 인프라를 수직 계열화했다.',
              prefix: '. 마이크로소프트는 이때부터 자체 칩 개발에 집중했다.\n\n',
              suffix: ' 마이아 100 GPU는 2024년 초 마이크로소프트 데이',
            },
            { type: 'TextPositionSelector', start: 954, end: 1017 },
          ],
        },
      ],
    },
  });

/** Its passages, which every response carries (a statement is nothing without them): `include=sources` changes nothing. */
export const STATEMENT_INCLUDES = ['sources'] as const;

export const StatementFieldsSchema = StatementSchema.partial().meta({
  id: 'StatementFields',
  description: 'A statement reduced to the fields named by `fields=`.',
});

/** A statement's heading and subject are the curator's reading of the passages, and its English gloss always is. */
export const STATEMENT_CURATED = ['about', 'topic', 'statement'] as const;

const StatementFieldsInputSchema = z.strictObject({
  slug: SlugSchema,
  vendor: SlugSchema.nullable().optional().describe('Slug of the company it is about; leave out (or null) for a chip or the market.'),
  chip: SlugSchema.nullable().optional().describe('Slug of the chip it is about; leave out (or null) for a company or the market.'),
  topic: StatementTopicSchema,
  statement: safeText({ max: TEXT_MAX.description, multiline: true }).describe(
    "What the passages say, in English: always marked curated, as are the subject and the heading (nothing to declare).",
  ),
  sources: SourceSlugsInputSchema,
});

/** A company or a chip, not both: a statement about the market names neither. */
const oneSubject = (input: { vendor?: string | null; chip?: string | null }) => !(input.vendor != null && input.chip != null);
const ONE_SUBJECT = { message: 'a statement is about a company or a chip, not both (neither: the market)', path: ['chip'] };

export const StatementInputSchema = StatementFieldsInputSchema.refine(oneSubject, ONE_SUBJECT).meta({
  id: 'NewStatement',
  description:
    'A new statement: about a company (`vendor`), a chip (`chip`) or the market (neither), resting on passages that say ' +
    'it. Unknown fields are refused.',
  example: {
    slug: 'fictional-market-statement',
    topic: 'demand',
    statement: 'Demand for inference chips could surge once large language models ship in products.',
    sources: ['inference-chip-demand-could-surge'],
  },
});

export const StatementPatchSchema = StatementFieldsInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .refine(oneSubject, ONE_SUBJECT)
  .meta({
    id: 'StatementChanges',
    description:
      'Fields to change; others stay as they are. Sending `vendor` or `chip` moves the statement to that subject (the ' +
      'other is cleared); null for both makes it about the market. `sources` replaces the list.',
    example: { topic: 'infrastructure' },
  });

export type StatementInput = z.output<typeof StatementInputSchema>;
