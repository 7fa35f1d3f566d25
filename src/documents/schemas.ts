import { z } from 'zod';
import { CuratedFieldsSchema, curatedInputSchema } from '../records/curated.js';
import { noRepeats, PartialDateInputSchema, safeText } from '../records/input.js';
import { LIST_MAX, shownText, TEXT_MAX } from '../domain/limits.js';
import { PageInfoSchema, PartialDateSchema } from '../records/schemas.js';
import { CreditRoleSchema, DocumentKindSchema, LanguageTagSchema, SlugSchema } from '../domain/vocabulary.js';
import { describeTextFlaw, findTextFlaw, MAX_DOCUMENT_TEXT_CHARACTERS, normaliseDocumentText } from '../domain/document-text.js';

/** Positions a mention lists at most: where it is named first, enough to highlight it. */
export const MENTION_POSITIONS_MAX = 100;

const ARTICLE = {
  slug: 'ai-chip-market-big-tech-and-startups-2023',
  title: 'AI 반도체 시장에 뛰어든 빅테크와 스타트업',
  titleEn: 'Big tech and startups enter the AI chip market',
};

export const CreditSchema = z
  .object({ role: CreditRoleSchema, name: shownText('name') })
  .meta({ id: 'Credit', description: 'Someone the document credits besides its authors, and for what.', example: { role: 'photographs', name: 'Getty Images' } });

export const DocumentCountsSchema = z
  .object({
    passages: z.number().int().min(0).describe('Passages (sources) quoting this document.'),
    citingRecords: z
      .number()
      .int()
      .min(0)
      .describe("Records resting on those passages: companies, chips, funding rounds and deals, each once (a chip's specs, partners and deployments count as the chip, a company's metrics as the company)."),
  })
  .meta({ id: 'DocumentCounts', description: 'How much of the atlas rests on this document.' });

export const DocumentSchema = z
  .object({
    slug: SlugSchema,
    title: shownText('documentTitle').describe('The title as the document writes it.'),
    titleEn: shownText('documentTitle').nullable().describe("An English title: the document's own, or the curator's (then listed in `curated`)."),
    kind: DocumentKindSchema,
    publisher: shownText('name').nullable().describe('Who published it; null where it is not known, never guessed.'),
    authors: z.array(shownText('name')).max(LIST_MAX.authors).describe('Its authors, as the document names them.'),
    credits: z.array(CreditSchema).max(LIST_MAX.authors).describe('Others it credits (photographs, translation ...).'),
    language: LanguageTagSchema,
    published: PartialDateSchema.nullable().describe('When it was published, as precisely as known; null when unknown.'),
    url: shownText('url').nullable().describe('Where it is published (http or https).'),
    archiveUrl: shownText('url').nullable().describe('An archived copy (http or https), e.g. on the Wayback Machine.'),
    licence: shownText('licence').nullable().describe('Its licence: an SPDX identifier (`CC-BY-4.0`) or the licence in words.'),
    retrievedAt: z.iso.datetime().max(30).nullable().describe('When the curator retrieved the text (UTC).'),
    sha256: z.string().length(64).regex(/^[0-9a-f]{64}$/).describe("SHA-256 of the text's UTF-8 bytes, hex."),
    length: z.number().int().min(0).describe('Length of the text in code points (the unit of every selector).'),
    supersedes: SlugSchema.nullable().describe('The earlier version this document corrects or replaces.'),
    supersededBy: z.array(SlugSchema).max(LIST_MAX.passages).describe('Later documents that correct or replace this one.'),
    counts: DocumentCountsSchema,
    passages: z
      .array(SlugSchema)
      .max(LIST_MAX.passages)
      .optional()
      .describe('Slugs of the passages quoting it, in text order (`include=passages`; always on the detail endpoint unless narrowed). Each is at /v1/sources/{slug}.'),
    curated: CuratedFieldsSchema,
  })
  .meta({
    id: 'Document',
    description:
      "A document passages are quoted from: an article, a press release, a datasheet ... with its metadata. Its text is at `/v1/documents/{slug}/text`, verbatim (NFC, line breaks as LF), and never changes once a passage quotes it; a correction is a new document that `supersedes` it.",
    example: {
      ...ARTICLE,
      kind: 'article',
      publisher: null,
      authors: ['김인순'],
      credits: [{ role: 'photographs', name: 'Getty Images' }],
      language: 'ko',
      published: { value: '2023', precision: 'year', qualifier: 'late', start: '2023-01-01', end: '2023-12-31' },
      url: null,
      archiveUrl: null,
      licence: null,
      retrievedAt: null,
      sha256: '7ee97fc165f6774ab0a498300c9d3f32a3bf7d0037c0b90dd818f67e880cea4b',
      length: 4400,
      supersedes: null,
      supersededBy: [],
      counts: { passages: 64, citingRecords: 90 },
      curated: ['titleEn', 'kind', 'language', 'published'],
    },
  });

export const DocumentFieldsSchema = DocumentSchema.partial().meta({
  id: 'DocumentFields',
  description: 'A document reduced to the fields named by `fields=`.',
});

export const DOCUMENT_INCLUDES = ['passages'] as const;

/** A web address a reader can follow: http or https, with no credentials in it. */
const WebUrlInputSchema = z
  .string()
  .max(TEXT_MAX.url)
  .refine((text) => URL.canParse(text), 'must be an absolute URL')
  .refine((text) => !URL.canParse(text) || ['http:', 'https:'].includes(new URL(text).protocol), 'must be an http or https URL')
  .refine((text) => !URL.canParse(text) || (new URL(text).username === '' && new URL(text).password === ''), 'must not carry a user name or password');

/** The text of a document as sent: refused at the first code point it may not hold, kept NFC with LF line breaks. */
const DocumentTextInputSchema = z
  .string()
  .min(1, 'must not be empty')
  // Far past any size the server keeps (DOCUMENT_TEXT_MAX_BYTES, at most 64 MiB): the store refuses with 413 below it.
  .max(MAX_DOCUMENT_TEXT_CHARACTERS)
  .superRefine((text, context) => {
    const flaw = findTextFlaw(text);
    if (flaw) context.addIssue({ code: 'custom', message: describeTextFlaw(flaw) });
  })
  .transform(normaliseDocumentText)
  .refine((text) => text.trim().length > 0, 'is blank')
  .describe(
    'The whole text, verbatim. Kept NFC-normalised with line breaks as LF; refused (400, naming the line and column) if it holds ' +
      'NUL, an unpaired surrogate, another control character than tab and line breaks, a noncharacter or a private-use ' +
      'code point; refused (413) past `DOCUMENT_TEXT_MAX_BYTES` (2 MiB by default) in UTF-8.',
  );

/** What a curator may mark as theirs rather than the document's. */
const DOCUMENT_DECLARABLE = ['titleEn', 'kind', 'publisher', 'authors', 'credits', 'language', 'published', 'url', 'archiveUrl', 'licence'] as const;

const documentFields = {
  title: safeText({ max: TEXT_MAX.documentTitle }).describe('The title as the document writes it.'),
  titleEn: safeText({ max: TEXT_MAX.documentTitle }).nullable().optional().describe('An English title, where the title is in another language.'),
  kind: DocumentKindSchema,
  publisher: safeText({ max: TEXT_MAX.name }).nullable().optional(),
  authors: z
    .array(safeText({ max: TEXT_MAX.name }))
    .max(LIST_MAX.authors)
    .superRefine(noRepeats((name) => name, (name) => `author '${name}'`))
    .optional(),
  credits: z
    .array(z.strictObject({ role: CreditRoleSchema, name: safeText({ max: TEXT_MAX.name }) }))
    .max(LIST_MAX.authors)
    .superRefine(noRepeats((credit) => `${credit.role}\u0000${credit.name}`, (credit) => `credit '${credit.role}: ${credit.name}'`))
    .optional(),
  language: LanguageTagSchema,
  published: PartialDateInputSchema.nullable().optional(),
  url: WebUrlInputSchema.nullable().optional(),
  archiveUrl: WebUrlInputSchema.nullable().optional(),
  licence: safeText({ max: TEXT_MAX.licence }).nullable().optional(),
  retrievedAt: z.iso
    .datetime({ offset: true })
    .max(40)
    .nullable()
    .optional()
    .describe('When the text was retrieved: an RFC 3339 instant (kept in UTC).'),
  supersedes: SlugSchema.nullable().optional().describe('Slug of the earlier document this one corrects or replaces.'),
  curated: curatedInputSchema(DOCUMENT_DECLARABLE).optional(),
};

export const DocumentInputSchema = z
  .strictObject({ slug: SlugSchema, ...documentFields, text: DocumentTextInputSchema })
  .meta({
    id: 'NewDocument',
    description: 'A document to quote passages from, with its whole text.',
    example: {
      slug: 'example-press-release-2024',
      title: 'Example Corp ships the X1 accelerator',
      kind: 'press_release',
      publisher: 'Example Corp',
      language: 'en',
      published: { value: '2024-03-12' },
      url: 'https://example.com/news/x1',
      text: 'Example Corp today announced that its X1 accelerator is shipping to customers.\n',
    },
  });

export const DocumentPatchSchema = z
  .strictObject({ ...documentFields, title: documentFields.title.optional(), kind: DocumentKindSchema.optional(), language: LanguageTagSchema.optional(), text: DocumentTextInputSchema.optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({
    id: 'DocumentChanges',
    description: 'Fields to change; the slug cannot change. `text` can change only while no passage quotes the document.',
    example: { publisher: 'Example Corp', licence: 'CC-BY-4.0' },
  });

export const MentionSchema = z
  .object({
    record: z
      .object({
        kind: z.enum(['vendor', 'chip']),
        slug: SlugSchema,
        name: shownText('name'),
        url: z.string().max(100).regex(/^\/v1\/(vendors|chips)\/[a-z0-9]+(-[a-z0-9]+)*$/),
      })
      .describe('The company or chip named.'),
    matched: z.array(shownText('name')).max(LIST_MAX.aliases + 2).describe('Its names as the text writes them (its name, Korean name or aliases).'),
    count: z.number().int().min(1).describe('How many times the text names it.'),
    positions: z
      .array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }))
      .max(MENTION_POSITIONS_MAX)
      .describe(`Where, in code points of the text (as selectors count), the first ${MENTION_POSITIONS_MAX}.`),
    cited: z.boolean().describe('Whether the record already rests on a passage of this document: false is a curator\'s to-do.'),
  })
  .meta({ id: 'Mention', description: 'A known company or chip a document names, and whether the record already cites the document.' });

export const MentionListSchema = z
  .object({ data: z.array(MentionSchema).max(100), page: PageInfoSchema })
  .meta({ id: 'MentionList', description: 'The companies and chips a document names, in the order the text first names them.' });
