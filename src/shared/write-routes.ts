// The write routes every writable resource has — create, partial update, delete and its revision history —
// declared once, so each resource authenticates, validates, serialises and records writes the same way:
// - every write runs in the write queue (one transaction at a time, on the writer connection);
// - PATCH and DELETE honour If-Match against the current representation's entity tag (412 when stale);
// - POST honours Idempotency-Key (a retry gets the first answer; the same key with another body is a 422);
// - every write appends a revision in the same transaction, so nothing a curator overwrites is lost.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupsOf, refreshDerived, refreshRecordRows, refreshTotals } from '../db/derived.js';
import { literal, sql, type SqlReader } from '../db/sql.js';
import type { WriteTransaction } from '../db/write-queue.js';
import { ENTITY_TAG_HEADER_SCHEMA, entityTag, ifMatchSatisfied } from './etag.js';
import { HttpProblem, NotFoundProblem, problemResponse, REQUEST_ID_PATTERN } from './problem.js';
import { KEY_NAME_PATTERN, MAX_KEY_NAME_LENGTH } from '../config.js';
import { CursorParamSchema, LimitParamSchema, MAX_PAGE_SIZE } from './list-query.js';
import { loadBySlug, setLinkHeader, type AnyResource } from './resource-routes.js';
import { linkHeader } from './responses.js';
import { CursorSchema, slugParams } from './schemas.js';
import { MAX_SLUG_LENGTH } from './vocabulary.js';

export type ResourceName = 'vendor' | 'chip' | 'fundingRound' | 'deal' | 'source';

type AnyDefinition = AnyResource;

/**
 * A resource's read-side definition, as the write routes use it: they only load, show and tag records, so the
 * precise row and item types of each resource do not matter to them.
 */
export function readSide(definition: object): AnyDefinition {
  return definition as AnyDefinition;
}

/** A record that a cascading delete removes or changes besides the one named, so it gets a revision of its own. */
export interface CascadedRecord {
  resource: ResourceName;
  /** How the record is read, to keep its representation before (and, if changed, after) the cascade. */
  definition: AnyDefinition;
  slug: string;
  action: 'update' | 'delete';
}

export interface WritableResource<Create extends z.ZodType, Update extends z.ZodType> {
  /** The read side: how the record is loaded and shown. */
  definition: AnyDefinition;
  resource: ResourceName;
  createSchema: Create;
  updateSchema: Update;
  // Each takes Prisma's transaction for writing and `db`, SQL on the same connection, for reading what it checks.
  /** Creates the record; returns its slug. Throws HttpProblem for references that do not resolve. */
  create(tx: WriteTransaction, input: z.output<Create>, db: SqlReader): Promise<string>;
  /** Applies a partial update to an existing record. */
  update(tx: WriteTransaction, slug: string, patch: z.output<Update>, db: SqlReader): Promise<void>;
  /** Deletes the record; refuses with 409 if others depend on it, unless `cascade` (documented per resource). */
  remove(tx: WriteTransaction, slug: string, cascade: boolean, db: SqlReader): Promise<void>;
  /**
   * The other records a cascading delete of this one would remove or change, asked before `remove` runs. Without
   * it, a cascade touches no other record.
   */
  cascadesTo?(tx: WriteTransaction, slug: string, db: SqlReader): Promise<CascadedRecord[]>;
  /** What `cascade=true` does, as a clause that follows "the delete": "also deletes the chips it designs ...". */
  cascadeDescription: string;
  /** Why a create can conflict (409), where more than a taken slug can; default: the slug is taken. */
  createConflicts?: string;
}

export class ConflictProblem extends HttpProblem {
  constructor(detail: string, code = 'conflict') {
    super(409, code, detail);
  }
}

/** A PATCH that would leave the record as it was: the write is rolled back and `current` answered. */
class NothingChanged extends Error {
  constructor(readonly current: { body: string; etag: string }) {
    super('the update changes nothing');
  }
}

export class PreconditionFailedProblem extends HttpProblem {
  constructor(detail: string) {
    super(412, 'precondition_failed', detail);
  }
}

/** A field of a record's representation, as revisions name them: the keys of its JSON (`nameKo`, `fundingRounds`). */
const FieldNameSchema = z.string().max(64).regex(/^[a-zA-Z]+$/);

export const RevisionSchema = z
  .object({
    id: z.number().int().min(1).describe('Increases with every write.'),
    action: z.enum(['create', 'update', 'delete']),
    actor: z.string().max(MAX_KEY_NAME_LENGTH).regex(KEY_NAME_PATTERN).describe('The name of the API key that wrote it.'),
    requestId: z.string().max(64).regex(REQUEST_ID_PATTERN),
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

/** The current representation of a record as the detail endpoint sends it (all relations), and its tag. */
async function currentRepresentation(reader: SqlReader, definition: AnyDefinition, slug: string) {
  const item = (await loadBySlug(reader, definition, slug, new Set(definition.includes))) as Record<string, unknown> | null;
  if (!item) return null;
  // Exactly the bytes GET /{slug} sends, so its ETag and If-Match agree.
  const body = JSON.stringify(definition.itemSchema.encode(item));
  return { item, body, etag: entityTag(body) };
}

/** Top-level fields whose value differs between two representations. */
function changesBetween(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

function sendRepresentation(reply: FastifyReply, status: number, body: string, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  // The body is already the serialised representation (it is also what Idempotency-Key replays send).
  return reply.status(status).type('application/json; charset=utf-8').serializer((payload: unknown) => payload as string).send(body);
}

export function writeRoutes<Create extends z.ZodType, Update extends z.ZodType>(
  writable: WritableResource<Create, Update>,
): FastifyPluginAsyncZod {
  const { definition, resource } = writable;
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

  async function recordRevision(
    tx: WriteTransaction,
    request: FastifyRequest,
    record: { resource: ResourceName; slug: string },
    action: 'create' | 'update' | 'delete',
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ) {
    const changes = changesBetween(before, after);
    // A cascaded update that changed nothing leaves no trace: there is nothing to restore.
    if (action === 'update' && Object.keys(changes).length === 0) return;
    await tx.revision.create({
      data: {
        resource: record.resource,
        slug: record.slug,
        action,
        actor: request.actor!,
        requestId: String(request.id),
        changes: changes as object,
        snapshot: (after ?? before ?? {}) as object,
      },
      select: { id: true },
    });
  }

  return async (app) => {
    app.post(
      `/${definition.path}`,
      {
        // Before the body is read: a caller without a valid key learns nothing about what the body should be.
        onRequest: app.requireWriteKey,
        schema: {
          operationId: `create${definition.list.operationId.replace(/^list/, '').replace(/s$/, '')}`,
          summary: `Create a ${noun}`,
          description:
            `Creates a ${noun}. Needs an API key. Send \`Idempotency-Key\` to make retries safe: a retry with the same ` +
            'key and body gets the first answer; the same key with another body is refused (422).',
          tags: [definition.tag],
          security,
          // No query parameters: one sent is a mistake to point out (an API key in the URL above all), not to ignore.
          querystring: z.strictObject({}),
          headers: z.object({
            'idempotency-key': IdempotencyKeySchema.optional().meta({ description: 'Makes the request safe to retry.', example: '3f0e9c2a-8d1b-4c55-a0f5-6b3d2f9e1a77' }),
          }),
          body: writable.createSchema,
          response: {
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
            409: problemResponse(writable.createConflicts ?? `A ${noun} with this slug exists already (\`slug_taken\`).`),
            422: problemResponse('This Idempotency-Key was used with a different request.'),
          },
        } as FastifySchema,
      },
      async (request, reply) => {
        const input = request.body as z.output<Create>;
        const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
        const requestHash = createHash('sha256').update(`POST /${definition.path}\n${JSON.stringify(request.body)}`).digest('hex');
        const answer = await app.writes.run(async (tx, db) => {
          if (key !== undefined) {
            const previous = await tx.idempotencyRecord.findUnique({ where: { actor_key: { actor: request.actor!, key } } });
            if (previous) {
              if (previous.requestHash !== requestHash) {
                throw new HttpProblem(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
              }
              // Marked, so a client can tell a replay from a write: the record may have changed since.
              const headers = { ...(previous.headers as Record<string, string>), 'idempotent-replayed': 'true' };
              return { status: previous.status, body: previous.responseBody, headers };
            }
          }
          const slug = await writable.create(tx, input, db);
          await refreshDerived(db, resource, slug);
          const created = (await currentRepresentation(db, definition, slug))!;
          await recordRevision(tx, request, { resource, slug }, 'create', null, created.item);
          const headers = { location: `/v1/${definition.path}/${slug}`, etag: created.etag };
          if (key !== undefined) {
            await tx.idempotencyRecord.create({
              data: { actor: request.actor!, key, method: 'POST', path: `/${definition.path}`, requestHash, status: 201, responseBody: created.body, headers },
              select: { id: true },
            });
          }
          return { status: 201, body: created.body, headers };
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

    async function guardedCurrent(reader: SqlReader, request: FastifyRequest, slug: string) {
      const current = await currentRepresentation(reader, definition, slug);
      const ifMatch = request.headers['if-match'];
      if (ifMatch !== undefined && !ifMatchSatisfied(ifMatch, current?.etag ?? null)) {
        throw new PreconditionFailedProblem(
          current ? `The ${noun} has changed since that ETag: fetch it again and retry.` : `No ${noun} with slug '${slug}' to match.`,
        );
      }
      if (!current) throw new NotFoundProblem(`No ${noun} with slug '${slug}'.`);
      return current;
    }

    app.patch(
      `/${definition.path}/:slug`,
      {
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
          body: writable.updateSchema,
          response: {
            200: representation,
            400: problemResponse('The body is invalid; `errors` names each bad field.'),
            ...authProblems,
            404: problemResponse(`No ${noun} has this slug.`),
            409: problemResponse('The change conflicts with other records.'),
            412: problemResponse(`The ${noun} has changed since the ETag in If-Match.`),
          },
        } as FastifySchema,
      },
      async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const updated = await app.writes
          .run(async (tx, db) => {
            const before = await guardedCurrent(db, request, slug);
            // The statistics' groups it leaves (another company, year or designer) are recomputed as well.
            const groupsBefore = await groupsOf(db, resource, slug);
            await writable.update(tx, slug, request.body as z.output<Update>, db);
            await refreshDerived(db, resource, slug, groupsBefore);
            const after = (await currentRepresentation(db, definition, slug))!;
            // The same values sent again: undone, so that nothing moves (not even updatedAt) and, with nothing
            // committed, the caches stay as they are. Thrown, as the write queue rolls back a write that throws.
            if (Object.keys(changesBetween(before.item, after.item)).length === 0) throw new NothingChanged(before);
            await recordRevision(tx, request, { resource, slug }, 'update', before.item, after.item);
            return after;
          })
          .catch((error: unknown) => {
            if (error instanceof NothingChanged) return error.current;
            throw error;
          });
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
          description: `Deletes the ${noun}. Needs an API key. Refused (409, naming what depends on it) while other records depend on it, unless \`cascade=true\`, which ${writable.cascadeDescription}`,
          tags: [definition.tag],
          security,
          params: slugParams(definition.exampleSlug),
          querystring: z.strictObject({
            cascade: z
              .enum(['true', 'false'])
              .optional()
              .meta({ description: `\`true\`: the delete ${writable.cascadeDescription}`, example: 'true' }),
          }),
          headers: ifMatchHeader,
          response: {
            204: z.undefined().describe(`The ${noun} was deleted.`),
            ...authProblems,
            404: problemResponse(`No ${noun} has this slug.`),
            409: problemResponse('Other records depend on it; `detail` says which. Use `cascade=true` to delete them too.'),
            412: problemResponse(`The ${noun} has changed since the ETag in If-Match.`),
          },
        } as FastifySchema,
      },
      async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const cascade = (request.query as { cascade?: string }).cascade === 'true';
        await app.writes.run(async (tx, db) => {
          const before = await guardedCurrent(db, request, slug);
          // The records the cascade reaches, as they stood, so their revisions keep what the delete removed.
          const cascaded = cascade && writable.cascadesTo ? await writable.cascadesTo(tx, slug, db) : [];
          const cascadedBefore: { record: CascadedRecord; before: Record<string, unknown> | null }[] = [];
          // The statistics' groups of everything the delete removes or changes, to recompute once it is done.
          const groups = await groupsOf(db, resource, slug);
          for (const record of cascaded) {
            cascadedBefore.push({ record, before: (await currentRepresentation(db, record.definition, record.slug))?.item ?? null });
            await groupsOf(db, record.resource, record.slug, groups);
          }
          await writable.remove(tx, slug, cascade, db);
          await recordRevision(tx, request, { resource, slug }, 'delete', before.item, null);
          for (const { record, before: itsBefore } of cascadedBefore) {
            // A deleted record's derived rows went with it (foreign keys cascade); a changed one's are recomputed.
            if (record.action === 'update') await refreshRecordRows(db, record.resource, record.slug, groups);
            const after = record.action === 'update' ? ((await currentRepresentation(db, record.definition, record.slug))?.item ?? null) : null;
            await recordRevision(tx, request, record, record.action, itsBefore, after);
          }
          await refreshTotals(db, groups);
        });
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
          response: {
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
          },
        } as FastifySchema,
      },
      async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const { limit, cursor } = request.query as { limit: number; cursor?: number };
        const before = cursor === undefined ? sql`` : sql` AND "id" < ${cursor}`;
        const fetched = await app.reader.all<{ id: number; action: string; actor: string; requestId: string; createdAt: string; changes: string; snapshot: string }>(
          sql`SELECT "id", "action", "actor", "requestId", "createdAt", "changes", "snapshot" FROM "Revision"
              WHERE "resource" = ${resource} AND "slug" = ${slug}${before} ORDER BY "id" DESC LIMIT ${literal(limit + 1)}`,
        );
        if (fetched.length === 0 && cursor === undefined && !(await loadBySlug(app.reader, definition, slug, new Set()))) {
          throw new NotFoundProblem(`No ${noun} with slug '${slug}'.`);
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
