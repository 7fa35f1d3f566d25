// Documents over HTTP: the list and detail (metadata and counts) from the definition, as every resource's, and the
// text itself at /documents/{slug}/text: text/plain in UTF-8, tagged by its digest, in byte ranges on request.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { detailProblemResponses, pagedJsonResponse, untypedReplies } from '../http/responses.js';
import { setLinkHeader } from '../http/resource-routes.js';
import { CursorParamSchema, LimitParamSchema } from '../records/list-query.js';
import { first, sql } from '../db/sql.js';
import { newestRevision } from '../db/write-queue.js';
import { buildDictionary, findMentions, loadNamedRecords, recordsCitingDocument, type MentionDictionary } from './mentions.js';
import { recordNotFound } from '../records/references.js';
import { slugParams } from '../records/schemas.js';
import { documentFilters, documentRecord, documentSortFields, documentText } from './repository.js';
import { DocumentFieldsSchema, MENTION_POSITIONS_MAX, MentionListSchema } from './schemas.js';
import { byteRange } from './ranges.js';
import { entityTagOfDigest } from '../domain/entity-tag.js';
import { MAX_DOCUMENT_TEXT_CHARACTERS } from '../domain/document-text.js';

export const definition = {
  ...documentRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'ai-chip-market-big-tech-and-startups-2023',
  tag: 'documents',
  sparseItemSchema: DocumentFieldsSchema,
  listSchemaId: 'DocumentList',
  filters: documentFilters,
  sortFields: documentSortFields,
  defaultSort: '-published',
  list: {
    operationId: 'listDocuments',
    summary: 'List documents',
    description:
      'The documents passages are quoted from (articles, press releases, datasheets ...), newest first, filterable by ' +
      'kind, language, publisher, publication date and title. Example: `/v1/documents?kind=article`, `/v1/documents?q=반도체`.',
    response: 'A page of documents.',
  },
  detail: {
    operationId: 'getDocument',
    summary: 'Get a document: its metadata and what rests on it',
    description: 'One document by slug: its metadata, the counts of its passages and of the records citing them, and its passages. The text is at `/v1/documents/{slug}/text`.',
    response: 'The document.',
  },
};

/** Sent with `; charset=utf-8`; documented by its type alone, as every media type of the document is. */
const TEXT_MEDIA_TYPE = 'text/plain';

const TEXT_HEADERS = {
  'Accept-Ranges': { description: 'Byte ranges of the text can be asked for (`Range: bytes=0-1023`).', schema: { type: 'string', enum: ['bytes'] } },
} as const;

/** A mentions page's cursor: how many mentions come before it. */
const MentionCursorSchema = CursorParamSchema.transform((cursor, context) => {
  const match = /^at:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
    return z.NEVER;
  }
  return Number(match[1]);
}).describe('Opaque cursor from `page.nextCursor` (or `prevCursor`) of another page.');

const mentionCursor = (at: number) => Buffer.from(`at:${at}`, 'utf8').toString('base64url');

export const documentTextRoutes: FastifyPluginAsyncZod = async (app) => {
  // The table of every company's and chip's names, built again once the newest revision is another: every write that
  // changes data records one, whichever process (or replica) made it, so the table is never older than the read.
  let dictionary: { revision: number; table: Promise<MentionDictionary> } | undefined;
  const dictionaryAt = (revision: number) => {
    if (dictionary?.revision !== revision) {
      const table = app.reader.consistent((reader) => loadNamedRecords(reader)).then(buildDictionary);
      // A failed build is not kept: the next request tries again.
      table.catch(() => {
        if (dictionary?.table === table) dictionary = undefined;
      });
      dictionary = { revision, table };
    }
    return dictionary.table;
  };

  app.get(
    `/${definition.path}/:slug/mentions`,
    {
      schema: {
        operationId: 'listDocumentMentions',
        summary: 'List the companies and chips a document names',
        description:
          "Every known company and chip whose name, Korean name or alias stands in the document's text, with where (code " +
          'points) and whether a passage of this document already backs the record (`cited`): `cited=false` is what a ' +
          'curator has yet to quote. In the order the text first names them. A name is found where a word starts; a Latin ' +
          'one where the word ends too, a Korean one before a particle (리벨리온은).',
        tags: ['documents'],
        params: slugParams(definition.exampleSlug),
        querystring: z.strictObject({
          kind: z.enum(['vendor', 'chip']).optional().meta({ description: 'Only companies, or only chips.', example: 'chip' }),
          cited: z.enum(['true', 'false']).optional().meta({ description: '`false`: only records no passage of this document backs yet.', example: 'true' }),
          limit: LimitParamSchema,
          cursor: MentionCursorSchema.optional(),
        }),
        response: untypedReplies({
          200: pagedJsonResponse('A page of mentions.', `documents/${definition.exampleSlug}/mentions`, MentionListSchema),
          ...detailProblemResponses,
        }),
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { kind, cited, limit, cursor } = request.query;
      const found = await app.reader.consistent(async (reader) => {
        const document = await first<{ id: number; text: string }>(reader, sql`SELECT "id", "text" FROM "Document" WHERE "slug" = ${slug}`);
        if (!document) throw await recordNotFound(reader, definition.table, definition.noun, slug);
        return { document, revision: await newestRevision(reader) };
      });
      const named = findMentions(found.document.text, await dictionaryAt(found.revision));
      // Asked for the records named only: the article is cited by thousands of records at scale.
      const citing = await recordsCitingDocument(app.reader, found.document.id, named);
      const mentions = named
        .map((mention) => ({ mention, cited: citing.has(`${mention.kind}:${mention.id}`) }))
        .filter(({ mention, cited: isCited }) => (kind === undefined || mention.kind === kind) && (cited === undefined || String(isCited) === cited));
      const at = Math.min(cursor ?? 0, mentions.length);
      const data = mentions.slice(at, at + limit).map(({ mention, cited: isCited }) => ({
        record: { kind: mention.kind, slug: mention.slug, name: mention.name, url: `/v1/${mention.kind === 'vendor' ? 'vendors' : 'chips'}/${mention.slug}` },
        matched: mention.matched,
        count: mention.positions.length,
        positions: mention.positions.slice(0, MENTION_POSITIONS_MAX),
        cited: isCited,
      }));
      const page = {
        limit,
        nextCursor: at + limit < mentions.length ? mentionCursor(at + limit) : null,
        prevCursor: at > 0 ? mentionCursor(Math.max(0, at - limit)) : null,
      };
      setLinkHeader(request, reply, page);
      return { data, page };
    },
  );

  app.get(
    `/${definition.path}/:slug/text`,
    {
      schema: {
        operationId: 'getDocumentText',
        summary: "Get a document's text",
        description:
          'The whole text, verbatim as kept (NFC, line breaks as LF), as `text/plain; charset=utf-8`. Its ETag is the ' +
          "SHA-256 of these bytes (the document's `sha256`, in base64url), so a copy can be checked. Send `Range: bytes=a-b` " +
          'for a part (206, one range; `If-Range` with the ETag to get the whole text if it changed). Selectors count code ' +
          'points, ranges count bytes.',
        tags: ['documents'],
        params: slugParams(definition.exampleSlug),
        querystring: z.strictObject({}),
        headers: z.object({
          range: z.string().max(200).optional().meta({ description: 'One byte range of the text, e.g. `bytes=0-1023`, `bytes=1024-` or `bytes=-500`.', example: 'bytes=0-1023' }),
          'if-range': z.string().max(100).optional().meta({ description: 'Serve the range only while the text still has this ETag; the whole text otherwise.' }),
        }),
        response: untypedReplies({
          200: { description: 'The text.', headers: TEXT_HEADERS, content: { [TEXT_MEDIA_TYPE]: { schema: z.string().max(MAX_DOCUMENT_TEXT_CHARACTERS).meta({ description: 'The text, verbatim.' }) } } },
          206: {
            description: 'The byte range asked for.',
            headers: {
              ...TEXT_HEADERS,
              'Content-Range': { description: 'Which bytes these are, of how many: `bytes 0-1023/9827`.', schema: { type: 'string', maxLength: 60, pattern: '^bytes [0-9]+-[0-9]+/[0-9]+$', example: 'bytes 0-1023/9827' } },
            },
            content: { [TEXT_MEDIA_TYPE]: { schema: z.string().max(MAX_DOCUMENT_TEXT_CHARACTERS).meta({ description: 'Those bytes of the text (a range may cut a character in two).' }) } },
          },
          ...detailProblemResponses,
          416: problemResponse('The range starts past the end of the text; `Content-Range` gives its length.'),
        }),
      },
    },
    async (request, reply) => {
      const found = await app.reader.consistent((reader) => documentText(reader, request.params.slug));
      if (!found) throw await app.reader.consistent((reader) => recordNotFound(reader, definition.table, definition.noun, request.params.slug));
      const bytes = Buffer.from(found.text, 'utf8');
      const etag = entityTagOfDigest(found.sha256);
      reply.header('etag', etag).header('accept-ranges', 'bytes').type(`${TEXT_MEDIA_TYPE}; charset=utf-8`);
      const ifRange = request.headers['if-range'];
      const range = ifRange === undefined || ifRange === etag ? byteRange(request.headers.range, bytes.length) : { kind: 'whole' as const };
      if (range.kind === 'unsatisfiable') {
        reply.header('content-range', `bytes */${bytes.length}`);
        throw new HttpProblem(416, 'range_not_satisfiable', `The text is ${bytes.length} bytes long; the range asked for starts past its end.`);
      }
      if (range.kind === 'part') {
        return reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`)
          .send(bytes.subarray(range.start, range.end + 1));
      }
      return reply.send(bytes);
    },
  );
};
