// The read routes every resource has — a filtered, sorted, paginated list and a detail by slug — declared once,
// so the four resources validate, document and answer the same way: filters with operators, multi-field sort,
// two-way keyset cursors with Link headers, counts on request, `include=` and `fields=`.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, identifier, joinSql, literal, sql, type Sql, type SqlReader } from '../db/sql.js';
import { loadBySlug, type RecordDefinition } from '../records/definition.js';
import { filterConditions, filterParams, searchesText, type FilterField } from '../records/filters.js';
import { CountParamSchema, CursorParamSchema, LimitParamSchema, keysetQuery, MAX_PAGE_SIZE, paginate, sortParam, type KeysetQuery, type SortFields, type SortOrder } from '../records/list-query.js';
import { recordNotFound } from '../records/references.js';
import { HttpProblem } from './problem.js';
import { closestNames, didYouMean } from '../domain/suggest.js';
import { detailProblemResponses, jsonResponse, listProblemResponses, pagedResponseHeaders, sendJoined, untypedReplies } from './responses.js';
import { PageInfoSchema, slugParams } from '../records/schemas.js';
import { EXPORT_FORMATS, MEDIA_TYPES, csvColumns, exportStream, negotiateFormat, type ExportFormat, type ExportLimits } from './exports.js';
import type { FragmentCache } from '../records/fragments.js';
import { joinPage } from '../records/fragments.js';

/** Any resource's definition, where the item type does not matter. */
export type AnyResource = ResourceDefinition<z.ZodObject>;

interface OperationDocs {
  operationId: string;
  summary: string;
  description: string;
  response: string;
}

export interface ResourceDefinition<Item extends z.ZodObject> extends RecordDefinition<Item> {
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: string;
  tag: string;
  /** The same item when `fields=` picks some of its fields. */
  sparseItemSchema: z.ZodObject;
  listSchemaId: string;
  filters: FilterField[];
  sortFields: SortFields;
  defaultSort: string;
  list: OperationDocs;
  detail: OperationDocs;
}

/** A comma-separated list of names from an allowlist, e.g. `include=partners,specs`. */
function nameList(allowed: readonly string[], what: string, { allowEmpty }: { allowEmpty: boolean }) {
  return z
    .string()
    .max(500)
    .transform((text, context) => {
      if (text === '' && !allowEmpty) {
        context.addIssue({ code: 'custom', message: `name at least one ${what}: ${allowed.join(', ')}` });
        return z.NEVER;
      }
      const names = text === '' ? [] : text.split(',');
      const unknown = names.filter((name) => !allowed.includes(name));
      if (unknown.length > 0) {
        const suggestions = closestNames(unknown[0]!, allowed);
        context.addIssue({
          code: 'custom',
          message: `unknown ${what} ${unknown.map((n) => `'${n}'`).join(', ')}; use ${allowed.join(', ')}${didYouMean(suggestions)}`,
          params: { suggestions },
        });
        return z.NEVER;
      }
      return new Set(names);
    });
}

/** The query parameters a list or detail shares: include= and fields=. */
function shapingParams(definition: AnyResource, includeByDefault: boolean) {
  const fields = Object.keys(definition.itemSchema.shape);
  return {
    include: nameList(definition.includes, 'relation', { allowEmpty: true })
      .optional()
      .meta({
        description:
          `Related records to embed, comma-separated: ${definition.includes.join(', ')}. ` +
          (includeByDefault ? 'Default: all of them; pass an empty value for none.' : 'Default: none.'),
        example: definition.includes.join(','),
      }),
    fields: nameList(fields, 'field', { allowEmpty: false })
      .optional()
      .meta({
        description:
          `Return only these fields of each ${definition.noun}, comma-separated (${fields.join(', ')}). ` +
          `Naming a relation (${definition.includes.join(', ')}) embeds it, as \`include=\` would.`,
        example: fields.slice(0, 2).join(','),
      }),
  };
}

/**
 * The relations to load: those `include=` names (or, without it, the default that `fields=` keeps), and those
 * `fields=` asks for by name. Nothing is loaded only to be picked away.
 */
function relationsFor(definition: { includes: readonly string[] }, query: { include?: Set<string>; fields?: Set<string> }, byDefault: ReadonlySet<string>) {
  const fields = query.fields;
  const include = new Set(query.include ?? [...byDefault].filter((relation) => !fields || fields.has(relation)));
  for (const field of fields ?? []) if (definition.includes.includes(field)) include.add(field);
  return include;
}

/** How many records match these conditions, whatever the page. */
async function countWhere(reader: SqlReader, definition: AnyResource, conditions: Sql[]): Promise<number> {
  const [row] = await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM ${identifier(definition.table)} WHERE ${and(conditions)}`);
  return row!.count;
}

/** How many records match a list's filters, whatever the page. */
async function countMatching(reader: SqlReader, definition: AnyResource, query: ListQuery): Promise<number> {
  return countWhere(reader, definition, await filterConditions(reader, definition.filters, query));
}

/** The name a 64-bit sort key's exact text travels under: never the column's own name (see findPage). */
const exactTextOf = (field: string) => `${field}AsText`;

/**
 * A page's rows: the id and the values of the order's keys, which the cursors carry (64-bit ones as text, so they
 * stay exact). Only those: with the default order the index alone answers (measured: 11 against 24 µs a page).
 * The text of a 64-bit key is selected under another name: aliased as the column itself, it is what ORDER BY
 * sorts on (an output column's name wins over the table's, on both engines), and amounts sorted as text put
 * $335M before $1B.
 */
async function findPage(reader: SqlReader, definition: AnyResource, conditions: Sql[], keyset: KeysetQuery, sort: SortOrder, take: number) {
  const columns = sort.keys.map((key) =>
    key.type === 'bigint' ? sql`CAST(${identifier(key.field)} AS TEXT) AS ${identifier(exactTextOf(key.field))}` : identifier(key.field),
  );
  const where = and(keyset.where ? [...conditions, keyset.where] : conditions);
  const rows = await reader.all<{ id: number } & Record<string, unknown>>(
    sql`SELECT "id", ${joinSql(columns, ', ')} FROM ${identifier(definition.table)} WHERE ${where} ORDER BY ${keyset.orderBy} LIMIT ${literal(take)}`,
  );
  for (const key of sort.keys) {
    if (key.type !== 'bigint') continue;
    for (const row of rows) row[key.field] = row[exactTextOf(key.field)];
  }
  return rows;
}

function pick(item: Record<string, unknown>, fields: ReadonlySet<string> | undefined): Record<string, unknown> {
  if (!fields) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key)));
}

/** The request URL with `cursor` replaced (or removed), for Link headers. */
function pageUrl(request: FastifyRequest, cursor: string | null): string {
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.delete('cursor');
  if (cursor) url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

export function setLinkHeader(request: FastifyRequest, reply: FastifyReply, page: { nextCursor: string | null; prevCursor: string | null }) {
  const links = [`<${pageUrl(request, null)}>; rel="first"`];
  if (page.prevCursor) links.push(`<${pageUrl(request, page.prevCursor)}>; rel="prev"`);
  if (page.nextCursor) links.push(`<${pageUrl(request, page.nextCursor)}>; rel="next"`);
  reply.header('link', links.join(', '));
}

export function listQuerySchema(definition: AnyResource) {
  return z.strictObject({
    limit: LimitParamSchema,
    cursor: CursorParamSchema.optional(),
    sort: sortParam(definition.sortFields, definition.defaultSort, definition.path),
    format: z
      .enum(EXPORT_FORMATS)
      .optional()
      .meta({
        description:
          'Response format: `json` (default), `csv` or `ndjson`; or ask with `Accept: text/csv` / `application/x-ndjson`. ' +
          'CSV and NDJSON stream every matching record from the cursor on (no paging), with the same filters, sort, ' +
          '`include=` and `fields=`.',
        example: 'csv',
      }),
    count: CountParamSchema,
    ...shapingParams(definition, false),
    ...filterParams(definition.filters),
  });
}

export type ListQuery = Record<string, unknown> & {
  limit: number;
  format?: ExportFormat;
  cursor?: string;
  sort: z.output<ReturnType<typeof sortParam>>;
  count?: 'true' | 'false';
  include?: Set<string>;
  fields?: Set<string>;
};

/** One page of a resource's list, with its cursors and (on request) the total. */
/** The ids of a list page's records, in order, and where the page sits. */
async function findListPage(reader: SqlReader, definition: AnyResource, query: ListQuery) {
  const conditions = await filterConditions(reader, definition.filters, query);
  const keyset = keysetQuery(query.cursor, query.sort);
  const fetched = await findPage(reader, definition, conditions, keyset, query.sort, query.limit + 1);
  const page = paginate(fetched, query.limit, query.sort, keyset);
  // The same conditions as the page, already built: counted without building them again.
  const totalCount = query.count === 'true' ? await countWhere(reader, definition, conditions) : undefined;
  return {
    ids: page.rows.map((row) => row.id),
    page: {
      limit: query.limit,
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      ...(totalCount === undefined ? {} : { totalCount }),
    },
  };
}

export async function loadList<Item extends z.ZodObject>(reader: SqlReader, definition: ResourceDefinition<Item>, query: ListQuery) {
  const { ids, page } = await findListPage(reader, definition as unknown as AnyResource, query);
  const items = await definition.load(reader, ids, relationsFor(definition, query, new Set()));
  return { data: items.map((item) => pick(item as Record<string, unknown>, query.fields)), page };
}

/**
 * A list page with each record as lists show it by default (no `include=`, no `fields=`), joined from the records'
 * kept JSON (src/records/fragments.ts); null when a record went between reading the page and building it.
 */
async function loadListJson<Item extends z.ZodObject>(reader: SqlReader, definition: ResourceDefinition<Item>, query: ListQuery, fragments: FragmentCache) {
  const readAt = fragments.version;
  const { ids, page } = await findListPage(reader, definition as unknown as AnyResource, query);
  const json = await joinPage(fragments, {
    kind: definition.path,
    ids,
    page,
    itemSchema: definition.itemSchema,
    build: (missing) => definition.load(reader, missing, new Set()),
    readAt,
  });
  return json === null ? null : { json, page };
}

/** Every matching item, a page at a time, for exports. */
async function* allPages<Item extends z.ZodObject>(
  reader: SqlReader,
  definition: ResourceDefinition<Item>,
  query: ListQuery,
  inTurn: InTurn,
): AsyncGenerator<Record<string, unknown>[]> {
  let cursor = query.cursor;
  // Each embedded relation can multiply a record's size many times over (a company's investments at 1,000×): fewer
  // records a page keeps what one page holds in memory about the same.
  const limit = Math.max(10, Math.floor(EXPORT_PAGE_SIZE / (1 + relationsFor(definition, query, new Set()).size)));
  for (;;) {
    const page = await inTurn(() => loadList(reader, definition, { ...query, cursor, limit, count: undefined }));
    yield page.data;
    if (!page.page.nextCursor) return;
    cursor = page.page.nextCursor;
  }
}

/** Runs a read in its turn: in the search lane when the request looks for text, at once otherwise. */
type InTurn = <T>(read: () => Promise<T>) => Promise<T>;

/** Rows per database round trip while streaming an export: large enough to be quick, small enough to stay lean. */
const EXPORT_PAGE_SIZE = 100;

/** The CSV columns for a request: the item's columns, less relations not included and fields not asked for. */
function exportColumns(definition: AnyResource, query: ListQuery): string[] {
  const include = query.include ?? new Set<string>();
  const wanted = (key: string) =>
    query.fields ? query.fields.has(key) : !definition.includes.includes(key) || include.has(key);
  return csvColumns(definition.itemSchema).filter((column) => wanted(column.split('.')[0]!));
}

/**
 * What an export costs in its client's read budget: it streams every match, a whole list's worth of pages, so a few
 * dozen a minute is a client's fill (600 reads a minute by default).
 */
export const EXPORT_COST = 20;

/**
 * What a list request weighs in its client's read budget (src/plugins/rate-limit.ts): a page 1, an export
 * EXPORT_COST, and each relation embedded 1 more. Read from the raw query, before it is validated: what is not a
 * relation's name costs nothing, and is refused later anyway.
 */
function listCost(definition: AnyResource) {
  return (request: FastifyRequest): number => {
    const query = request.query as Record<string, unknown>;
    const named = (value: unknown) => (typeof value === 'string' ? value.split(',') : []);
    const relations = new Set([...named(query.include), ...named(query.fields)].filter((name) => definition.includes.includes(name)));
    const format = EXPORT_FORMATS.find((candidate) => candidate === query.format);
    const exporting = negotiateFormat(format, request.headers.accept) !== 'json';
    return (exporting ? EXPORT_COST : 1) + relations.size;
  };
}

/** An export refused for want of a slot: the client's own (429), or the server's (503). */
class ExportSlotsProblem extends HttpProblem {
  constructor(refusedBy: 'client' | 'server', limit: number) {
    super(
      refusedBy === 'client' ? 429 : 503,
      refusedBy === 'client' ? 'rate_limited' : 'overloaded',
      refusedBy === 'client'
        ? `This client has ${limit} exports streaming already: wait for one to finish.`
        : `The server has ${limit} exports streaming already: retry in ${EXPORT_RETRY_AFTER_SECONDS} s.`,
    );
  }
}

/** Long enough for a typical export to finish (1–4 s at 1,000×, tests/bench/BENCHMARKS.md). */
const EXPORT_RETRY_AFTER_SECONDS = 5;

export interface ResourceRouteOptions {
  /** How long an export may stall and last (EXPORT_STALL_MS, EXPORT_TIMEOUT_MS). */
  exports?: ExportLimits;
}

/** A client taking nothing for half a minute has gone; ten minutes is a long export at any size measured. */
export const DEFAULT_EXPORT_LIMITS: ExportLimits = { stallMs: 30_000, totalMs: 600_000 };

export function resourceRoutes<Item extends z.ZodObject>(definition: ResourceDefinition<Item>): FastifyPluginAsyncZod<ResourceRouteOptions> {
  const generic = definition as unknown as AnyResource;
  const listQuery = listQuerySchema(generic);
  const detailQuery = z.strictObject(shapingParams(generic, true));
  const itemOrSparse = z.union([definition.itemSchema, definition.sparseItemSchema]);
  const listSchema = z
    .object({ data: z.array(itemOrSparse).max(MAX_PAGE_SIZE), page: PageInfoSchema })
    .meta({ id: definition.listSchemaId, description: `A page of ${definition.path.replaceAll('-', ' ')}.` });
  const pageHeaders = pagedResponseHeaders(definition.path);

  return async (app, options: ResourceRouteOptions) => {
    const { list, detail, tag } = definition;
    app.get(
      `/${definition.path}`,
      {
        config: { cost: listCost(generic) },
        // The request is typed by its schemas; the replies are not (see untypedReplies).
        schema: {
          operationId: list.operationId,
          summary: list.summary,
          description:
            `${list.description}\n\nA page costs 1 from the client's read budget (see 429), and 1 more for each relation ` +
            `it embeds; a CSV or NDJSON export costs ${EXPORT_COST}, and 1 more for each relation.`,
          tags: [tag],
          querystring: listQuery,
          response: untypedReplies({
            200: {
              description: list.response,
              headers: pageHeaders,
              content: {
                [MEDIA_TYPES.json]: { schema: listSchema },
                // Streamed, as long as the data: no JSON Schema type (a string would want a maximum length, and
                // there is none), only what the bytes are.
                [MEDIA_TYPES.csv]: {
                  schema: z.unknown().meta({
                    description:
                      `Every matching ${definition.noun} as RFC 4180 CSV (UTF-8 with a byte-order mark): a header row, then one ` +
                      'row each; nested fields as dotted columns (`designer.slug`), lists as JSON in one cell. Streamed: ' +
                      'as long as the list.',
                  }),
                },
                [MEDIA_TYPES.ndjson]: {
                  schema: z.unknown().meta({ description: `Every matching ${definition.noun} as one JSON object per line. Streamed: as long as the list.` }),
                },
              },
            },
            ...listProblemResponses,
          }),
        },
      },
      async (request, reply) => {
        const query = request.query;
        const format = negotiateFormat(query.format, request.headers.accept);
        const inTurn: InTurn = searchesText(definition.filters, query) ? (read) => app.searchLane.run(read) : (read) => read();
        if (format !== 'json') {
          // Validate the cursor now: once the stream has started, a 400 can no longer be sent.
          keysetQuery(query.cursor, query.sort);
          // Counted before the stream starts: headers cannot follow the body.
          if (query.count === 'true') reply.header('x-total-count', await inTurn(() => countMatching(app.reader, generic, query)));
          const slot = app.clientLedger.startExport(request);
          if (!slot.granted) {
            reply.header('retry-after', EXPORT_RETRY_AFTER_SECONDS);
            throw new ExportSlotsProblem(slot.refusedBy, slot.limit);
          }
          const stream = exportStream(format, exportColumns(generic, query), allPages(app.reader, definition, query, inTurn), options.exports ?? DEFAULT_EXPORT_LIMITS);
          // However the answer ends (read to the end, cut off, a HEAD that reads nothing, a client gone), the slot is free.
          reply.raw.once('close', slot.release);
          stream.once('close', slot.release);
          // Cut off (a stalled client, an export past its time): the answer has begun, so only the log can say why.
          stream.once('error', (error) => request.log.warn({ reason: error.message }, 'export cut off'));
          const disposition = `attachment; filename="${definition.path}.${format === 'csv' ? 'csv' : 'ndjson'}"`;
          return reply.type(`${MEDIA_TYPES[format]}; charset=utf-8`).header('content-disposition', disposition).send(stream);
        }
        const fragments = query.include === undefined && query.fields === undefined ? app.fragments : undefined;
        const { prebuilt, body } = await inTurn(async () => {
          const prebuilt = fragments ? await loadListJson(app.reader, definition, query, fragments) : null;
          return { prebuilt, body: prebuilt ?? (await loadList(app.reader, definition, query)) };
        });
        setLinkHeader(request, reply, body.page);
        if (body.page.totalCount !== undefined) reply.header('x-total-count', body.page.totalCount);
        if (prebuilt) return sendJoined(reply, prebuilt.json);
        return body;
      },
    );
    app.get(
      `/${definition.path}/:slug`,
      {
        schema: {
          operationId: detail.operationId,
          summary: detail.summary,
          description: detail.description,
          tags: [tag],
          params: slugParams(definition.exampleSlug),
          querystring: detailQuery,
          response: untypedReplies({ 200: jsonResponse(detail.response, itemOrSparse), ...detailProblemResponses }),
        },
      },
      async (request) => {
        const { slug } = request.params;
        const query = request.query;
        const include = relationsFor(definition, query, new Set(definition.includes));
        const item = await loadBySlug(app.reader, definition, slug, include);
        if (!item) throw await recordNotFound(app.reader, definition.table, definition.noun, slug);
        return pick(item as Record<string, unknown>, query.fields);
      },
    );
  };
}
