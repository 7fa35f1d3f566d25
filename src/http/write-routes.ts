// The write routes every writable resource has — create, partial update, delete and its revision history —
// declared once, so each resource authenticates, validates, documents and answers writes the same way. What a
// write does (its rules, derived rows, revision, If-Match, idempotency) is the data layer's: the handlers parse the
// request, call the resource's store (src/records/store.ts) in the write queue, and send what it returns.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { onceForKey, type StoredAnswer } from './idempotency.js';
import { literal, sql } from '../db/sql.js';
import type { Actor, RecordStore } from '../records/store.js';
import { ENTITY_TAG_HEADER_SCHEMA } from '../domain/entity-tag.js';
import { problemResponse, RequestIdSchema } from './problem.js';
import { recordNotFound } from '../records/references.js';
import { KEY_NAME_PATTERN, MAX_KEY_NAME_LENGTH } from '../config.js';
import { CursorParamSchema, LimitParamSchema, MAX_PAGE_SIZE } from '../records/list-query.js';
import { loadBySlug } from '../records/definition.js';
import { setLinkHeader, type AnyResource } from './resource-routes.js';
import { linkHeader, untypedReplies } from './responses.js';
import { CursorSchema, slugParams } from '../records/schemas.js';
import { MAX_SLUG_LENGTH } from '../domain/vocabulary.js';

/** A field of a record's representation, as revisions name them: the keys of its JSON (`nameKo`, `fundingRounds`, `sha256`). */
const FieldNameSchema = z.string().max(64).regex(/^[a-zA-Z][a-zA-Z0-9]*$/);

export const RevisionSchema = z
  .object({
    id: z.number().int().min(1).describe('Increases with every write.'),
    action: z.enum(['create', 'update', 'delete']),
    actor: z.string().max(MAX_KEY_NAME_LENGTH).regex(KEY_NAME_PATTERN).describe('The name of the API key that wrote it (`seed` for the article\'s dataset).'),
    requestId: RequestIdSchema,
    createdAt: z.iso.datetime().max('2026-11-28T10:00:00.000Z'.length).describe('When, as an ISO 8601 timestamp (UTC).'),
    changes: z.record(FieldNameSchema, z.object({ from: z.unknown(), to: z.unknown() })).describe('Each changed field, before and after.'),
    snapshot: z.record(FieldNameSchema, z.unknown()).describe('The record after the write (before it, for a delete).'),
  })
  .meta({
    id: 'Revision',
    description: 'One write to a record.',
    example: {
      id: 7,
      action: 'update',
      actor: 'curator',
      requestId: '4f1c9a7e-2b3d-4c5e-8f60-718293a4b5c6',
      createdAt: '2026-11-28T10:00:00.000Z',
      changes: { description: { from: 'Old text.', to: 'New text.' } },
      snapshot: { slug: 'kt', description: 'New text.' },
    },
  });

const RevisionListSchema = z
  .object({
    data: z.array(RevisionSchema).max(MAX_PAGE_SIZE),
    page: z.object({
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).describe('The page size used.'),
      nextCursor: CursorSchema.nullable().describe('Pass as `cursor` for older revisions; null on the last page.'),
    }),
  })
  .meta({ id: 'RevisionList', description: 'The revisions of a record, newest first, a page at a time.' });

/** Revisions are paged newest first; a cursor is the id the next page starts below. */
const RevisionCursorSchema = CursorParamSchema.transform((cursor, context) => {
  const match = /^before:([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
    return z.NEVER;
  }
  return Number(match[1]);
}).describe('Opaque cursor from `page.nextCursor` of the previous page.');

const encodeRevisionCursor = (before: number) => Buffer.from(`before:${before}`, 'utf8').toString('base64url');

const IdempotencyKeySchema = z
  .string()
  .max(128)
  .regex(/^[\x21-\x7E]{8,128}$/, 'must be 8 to 128 visible ASCII characters, e.g. a UUID');

function sendRepresentation(reply: FastifyReply, status: number, body: string, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  // The body is already the serialised representation (it is also what Idempotency-Key replays send).
  return reply.status(status).type('application/json; charset=utf-8').serializer((payload: unknown) => payload as string).send(body);
}

export interface WriteRouteOptions {
  /** How long an Idempotency-Key is remembered (IDEMPOTENCY_KEY_TTL_SECONDS). */
  idempotencyWindowSeconds?: number;
  /** The largest create or update body, where the resource takes larger ones than the server's BODY_LIMIT_BYTES (a document's text). */
  bodyLimit?: number;
}

/** The write routes of a resource: `definition` is its HTTP half (URL, documentation), `store` every rule of its writes. */
export function writeRoutes<Create extends z.ZodType, Update extends z.ZodType>(
  store: RecordStore<Create, Update>,
  definition: AnyResource,
  { idempotencyWindowSeconds, bodyLimit }: WriteRouteOptions = {},
): FastifyPluginAsyncZod {
  if (definition.table !== store.definition.table) throw new Error(`The routes of ${definition.table} cannot write through the store of ${store.definition.table}`);
  const { resource, rules } = store;
  const noun = definition.noun;
  const security = [{ bearerAuth: [] }];
  const authProblems = {
    401: problemResponse('No API key, or not a valid one.'),
    403: problemResponse('Writes are disabled: the server has no API key configured.'),
  };
  const representation = {
    description: `The ${noun} as it now stands (as GET returns it).`,
    headers: { ETag: { description: 'Entity tag of the representation, for If-Match.', schema: ENTITY_TAG_HEADER_SCHEMA } },
    content: { 'application/json': { schema: definition.itemSchema } },
  };

  /** Who writes, as revisions record it: the API key's name and the request's id. */
  const actorOf = (request: FastifyRequest): Actor => ({ name: request.actor!, requestId: String(request.id) });

  return async (app) => {
    app.post(
      `/${definition.path}`,
      {
        ...(bodyLimit !== undefined && { bodyLimit }),
        // Before the body is read: a caller without a valid key learns nothing about what the body should be.
        onRequest: app.requireWriteKey,
        schema: {
          operationId: `create${definition.list.operationId.replace(/^list/, '').replace(/s$/, '')}`,
          summary: `Create a ${noun}`,
          description:
            `Creates a ${noun}. Needs an API key. Send \`Idempotency-Key\` to make retries safe: a retry with the same ` +
            'key and body gets the first answer; the same key with another body is refused (422). A key is remembered ' +
            "for a day (the server's `IDEMPOTENCY_KEY_TTL_SECONDS`), then forgotten: the same key after that is a new request.",
          tags: [definition.tag],
          security,
          // No query parameters: one sent is a mistake to point out (an API key in the URL above all), not to ignore.
          querystring: z.strictObject({}),
          headers: z.object({
            'idempotency-key': IdempotencyKeySchema.optional().meta({
              description: 'Makes the request safe to retry, for a day (the first answer is kept that long).',
              example: '3f0e9c2a-8d1b-4c55-a0f5-6b3d2f9e1a77',
            }),
          }),
          body: rules.createSchema,
          response: untypedReplies({
            201: {
              ...representation,
              description: `The ${noun} was created (or, for a retry with the same Idempotency-Key and body, the first answer again).`,
              headers: {
                ...representation.headers,
                Location: {
                  description: `URL of the new ${noun}.`,
                  schema: {
                    type: 'string',
                    maxLength: `/v1/${definition.path}/`.length + MAX_SLUG_LENGTH,
                    pattern: `^/v1/${definition.path}/[a-z0-9]+(-[a-z0-9]+)*$`,
                    example: `/v1/${definition.path}/${definition.exampleSlug}`,
                  },
                },
                'Idempotent-Replayed': {
                  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key; nothing was written now.',
                  schema: { type: 'string', enum: ['true'] },
                },
              },
            },
            400: problemResponse('The body is invalid; `errors` names each bad field.'),
            ...authProblems,
            409: problemResponse(rules.createConflicts ?? `A ${noun} with this slug exists already (\`slug_taken\`).`),
            422: problemResponse('This Idempotency-Key was used with a different request.'),
          }),
        },
      },
      async (request, reply) => {
        // The body's type is the store's schema, generic here: the one place the provider cannot carry it.
        const input = request.body as z.output<Create>;
        const key = request.headers['idempotency-key'];
        const actor = actorOf(request);
        const answer = await app.writes.run(async (w) => {
          const create = async (): Promise<StoredAnswer> => {
            const created = await store.create(w, input, actor);
            return { status: 201, body: created.body, headers: { location: `/v1/${definition.path}/${created.slug}`, etag: created.etag } };
          };
          if (key === undefined) return create();
          return onceForKey(w, { actor: actor.name, key, method: 'POST', path: `/${definition.path}`, body: request.body }, create, idempotencyWindowSeconds);
        });
        return sendRepresentation(reply, answer.status, answer.body, answer.headers);
      },
    );

    const ifMatchHeader = z.object({
      'if-match': z
        .string()
        .max(1000)
        .optional()
        .meta({ description: 'Apply only if the current ETag is one of these (412 otherwise).', example: '"q1w2e3"' }),
    });

    app.patch(
      `/${definition.path}/:slug`,
      {
        ...(bodyLimit !== undefined && { bodyLimit }),
        // Before the body is read: a caller without a valid key learns nothing about what the body should be.
        onRequest: app.requireWriteKey,
        schema: {
          operationId: `update${definition.detail.operationId.replace(/^get/, '')}`,
          summary: `Update a ${noun} (partial)`,
          description: `Changes the fields sent, leaving the rest. Needs an API key. Send \`If-Match\` with the ETag you read to refuse the write if someone changed the ${noun} since (412).`,
          tags: [definition.tag],
          security,
          params: slugParams(definition.exampleSlug),
          querystring: z.strictObject({}),
          headers: ifMatchHeader,
          body: rules.updateSchema,
          response: untypedReplies({
            200: representation,
            400: problemResponse('The body is invalid; `errors` names each bad field.'),
            ...authProblems,
            404: problemResponse(`No ${noun} has this slug.`),
            409: problemResponse('The change conflicts with other records.'),
            412: problemResponse(`The ${noun} has changed since the ETag in If-Match.`),
          }),
        },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const precondition = { ifMatch: request.headers['if-match'] };
        const updated = await app.writes.run((w) => store.update(w, slug, request.body as z.output<Update>, actorOf(request), precondition));
        return sendRepresentation(reply, 200, updated.body, { etag: updated.etag });
      },
    );

    app.delete(
      `/${definition.path}/:slug`,
      {
        // Before the body is read: a caller without a valid key learns nothing about what the body should be.
        onRequest: app.requireWriteKey,
        schema: {
          operationId: `delete${definition.detail.operationId.replace(/^get/, '')}`,
          summary: `Delete a ${noun}`,
          description: `Deletes the ${noun}. Needs an API key. Refused (409, naming what depends on it) while other records depend on it, unless \`cascade=true\`, which ${rules.cascadeDescription}`,
          tags: [definition.tag],
          security,
          params: slugParams(definition.exampleSlug),
          querystring: z.strictObject({
            cascade: z
              .enum(['true', 'false'])
              .optional()
              .meta({ description: `\`true\`: the delete ${rules.cascadeDescription}`, example: 'true' }),
          }),
          headers: ifMatchHeader,
          response: untypedReplies({
            204: z.undefined().describe(`The ${noun} was deleted.`),
            ...authProblems,
            404: problemResponse(`No ${noun} has this slug.`),
            409: problemResponse('Other records depend on it; `detail` says which. Use `cascade=true` to delete them too.'),
            412: problemResponse(`The ${noun} has changed since the ETag in If-Match.`),
          }),
        },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const cascade = request.query.cascade === 'true';
        const options = { cascade, ifMatch: request.headers['if-match'] };
        await app.writes.run((w) => store.remove(w, slug, options, actorOf(request)));
        return reply.status(204).send();
      },
    );

    app.get(
      `/${definition.path}/:slug/revisions`,
      {
        schema: {
          operationId: `list${definition.detail.operationId.replace(/^get/, '')}Revisions`,
          summary: `List the revisions of a ${noun}`,
          description: `Every write to this ${noun}, newest first, including ones made before it was deleted.`,
          tags: [definition.tag],
          params: slugParams(definition.exampleSlug),
          querystring: z.strictObject({ limit: LimitParamSchema, cursor: RevisionCursorSchema.optional() }),
          response: untypedReplies({
            200: {
              description: 'The revisions.',
              headers: {
                Link: linkHeader(
                  'Links to the first and next pages (RFC 8288).',
                  `</v1/${definition.path}/${definition.exampleSlug}/revisions?limit=20>; rel="first"`,
                ),
              },
              content: { 'application/json': { schema: RevisionListSchema } },
            },
            400: problemResponse('The slug or a query parameter is invalid.'),
            404: problemResponse(`No ${noun} with this slug has ever been written through the API, and none exists.`),
          }),
        },
      },
      async (request, reply) => {
        const { slug } = request.params;
        const { limit, cursor } = request.query;
        const before = cursor === undefined ? sql`` : sql` AND "id" < ${cursor}`;
        const fetched = await app.reader.all<{ id: number; action: string; actor: string; requestId: string; createdAt: string; changes: string; snapshot: string }>(
          sql`SELECT "id", "action", "actor", "requestId", "createdAt", "changes", "snapshot" FROM "Revision"
              WHERE "resource" = ${resource} AND "slug" = ${slug}${before} ORDER BY "id" DESC LIMIT ${literal(limit + 1)}`,
        );
        if (fetched.length === 0 && cursor === undefined && !(await loadBySlug(app.reader, definition, slug, new Set()))) {
          throw await recordNotFound(app.reader, definition.table, noun, slug);
        }
        const revisions = fetched.slice(0, limit);
        const nextCursor = fetched.length > limit ? encodeRevisionCursor(revisions[revisions.length - 1]!.id) : null;
        setLinkHeader(request, reply, { nextCursor, prevCursor: null });
        return {
          page: { limit, nextCursor },
          data: revisions.map((revision) => ({
            id: revision.id,
            action: revision.action as 'create' | 'update' | 'delete',
            actor: revision.actor,
            requestId: revision.requestId,
            // Stored by Prisma as ISO 8601 text with an offset; shown in UTC with a Z, as before.
            createdAt: new Date(revision.createdAt).toISOString(),
            changes: JSON.parse(revision.changes) as Record<string, { from: unknown; to: unknown }>,
            snapshot: JSON.parse(revision.snapshot) as Record<string, unknown>,
          })),
        };
      },
    );
  };
}
