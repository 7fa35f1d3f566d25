// The read routes every resource has — a filtered, sorted, paginated list and a detail by slug — declared once,
// so the four resources validate, document and answer the same way: filters with operators, multi-field sort,
// two-way keyset cursors with Link headers, counts on request, `include=` and `fields=`.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import { filterParams, filterWhere, type FilterField } from './filters.js';
import { CursorParamSchema, LimitParamSchema, keysetQuery, paginate, sortParam, type SortFields } from './list-query.js';
import { NotFoundProblem } from './problem.js';
import { detailProblemResponses, jsonResponse, listProblemResponses } from './responses.js';
import { PageInfoSchema, slugParams } from './schemas.js';
import { EXPORT_FORMATS, MEDIA_TYPES, csvColumns, exportStream, negotiateFormat, type ExportFormat } from './exports.js';

type Where = Record<string, unknown>;

export interface FindManyArgs {
  where: Where;
  orderBy: Record<string, unknown>[];
  take: number;
  include: ReadonlySet<string>;
}

interface OperationDocs {
  operationId: string;
  summary: string;
  description: string;
  response: string;
}

export interface ResourceDefinition<Row extends { id: number }, Item extends z.ZodObject> {
  /** URL segment under /v1, plural kebab-case. */
  path: string;
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: string;
  tag: string;
  /** Singular noun for messages, e.g. "chip". */
  noun: string;
  /** The full item: base fields plus optional relation fields that `include=` adds. */
  itemSchema: Item;
  /** The same item when `fields=` picks some of its fields. */
  sparseItemSchema: z.ZodObject;
  listSchemaId: string;
  filters: FilterField[];
  sortFields: SortFields;
  defaultSort: string;
  /** Relation fields of the item that `include=` can add; the detail endpoint includes them all by default. */
  includes: readonly [string, ...string[]];
  findMany(db: Database, args: FindManyArgs): Promise<Row[]>;
  count(db: Database, where: Where): Promise<number>;
  findBySlug(db: Database, slug: string, include: ReadonlySet<string>): Promise<Row | null>;
  toItem(row: Row, include: ReadonlySet<string>): z.output<Item>;
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
        context.addIssue({ code: 'custom', message: `unknown ${what} ${unknown.map((n) => `'${n}'`).join(', ')}; use ${allowed.join(', ')}` });
        return z.NEVER;
      }
      return new Set(names);
    });
}

/** The query parameters a list or detail shares: include= and fields=. */
function shapingParams(definition: ResourceDefinition<{ id: number }, z.ZodObject>, includeByDefault: boolean) {
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

/** How many records match a list's filters, whatever the page. */
async function countMatching(db: Database, definition: ResourceDefinition<{ id: number }, z.ZodObject>, query: ListQuery): Promise<number> {
  return definition.count(db, { AND: await filterWhere(db, definition.filters, query) });
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

export function listQuerySchema(definition: ResourceDefinition<{ id: number }, z.ZodObject>) {
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
    count: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'Also count all matching records (the `X-Total-Count` header and `page.totalCount`).', example: 'true' }),
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
export async function loadList<Row extends { id: number }, Item extends z.ZodObject>(
  db: Database,
  definition: ResourceDefinition<Row, Item>,
  query: ListQuery,
) {
  const conditions = await filterWhere(db, definition.filters, query);
  const keyset = keysetQuery(query.cursor, query.sort);
  const include = relationsFor(definition, query, new Set());
  const fetched = await definition.findMany(db, {
    where: { AND: keyset.where ? [...conditions, keyset.where] : conditions },
    orderBy: keyset.orderBy,
    take: query.limit + 1,
    include,
  });
  const page = paginate(fetched, query.limit, query.sort, keyset);
  // The same conditions as the page, already built: counted without building them again.
  const totalCount = query.count === 'true' ? await definition.count(db, { AND: conditions }) : undefined;
  return {
    data: page.rows.map((row) => pick(definition.toItem(row, include) as Record<string, unknown>, query.fields)),
    page: {
      limit: query.limit,
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      ...(totalCount === undefined ? {} : { totalCount }),
    },
  };
}

/** Every matching item, a page at a time, for exports. */
async function* allPages<Row extends { id: number }, Item extends z.ZodObject>(
  db: Database,
  definition: ResourceDefinition<Row, Item>,
  query: ListQuery,
): AsyncGenerator<Record<string, unknown>[]> {
  let cursor = query.cursor;
  for (;;) {
    const page = await loadList(db, definition, { ...query, cursor, limit: EXPORT_PAGE_SIZE, count: undefined });
    yield page.data;
    if (!page.page.nextCursor) return;
    cursor = page.page.nextCursor;
  }
}

/** Rows per database round trip while streaming an export: large enough to be quick, small enough to stay lean. */
const EXPORT_PAGE_SIZE = 100;

/** The CSV columns for a request: the item's columns, less relations not included and fields not asked for. */
function exportColumns(definition: ResourceDefinition<{ id: number }, z.ZodObject>, query: ListQuery): string[] {
  const include = query.include ?? new Set<string>();
  const wanted = (key: string) =>
    query.fields ? query.fields.has(key) : !definition.includes.includes(key) || include.has(key);
  return csvColumns(definition.itemSchema).filter((column) => wanted(column.split('.')[0]!));
}

export function resourceRoutes<Row extends { id: number }, Item extends z.ZodObject>(
  definition: ResourceDefinition<Row, Item>,
): FastifyPluginAsyncZod {
  const generic = definition as unknown as ResourceDefinition<{ id: number }, z.ZodObject>;
  const listQuery = listQuerySchema(generic);
  const detailQuery = z.strictObject(shapingParams(generic, true));
  const itemOrSparse = z.union([definition.itemSchema, definition.sparseItemSchema]);
  const listSchema = z
    .object({ data: z.array(itemOrSparse), page: PageInfoSchema })
    .meta({ id: definition.listSchemaId, description: `A page of ${definition.path.replaceAll('-', ' ')}.` });
  const pageHeaders = {
    Link: {
      description: 'Links to the first, previous and next pages (RFC 8288).',
      schema: {
        type: 'string',
        example: `</v1/${definition.path}?limit=2>; rel="first", </v1/${definition.path}?limit=2&cursor=eyJzb3J0Ijoi...>; rel="next"`,
      },
    },
    'X-Total-Count': {
      description: 'All matching records, whatever the page or cursor; sent when `count=true` (CSV and NDJSON exports too).',
      schema: { type: 'integer', example: 12 },
    },
  };

  return async (app) => {
    const { list, detail, tag } = definition;
    app.get(
      `/${definition.path}`,
      {
        // Typed loosely on purpose: the definition already ties rows and items to the response schema, and
        // Fastify's inferred reply type cannot follow generic schemas.
        schema: {
          operationId: list.operationId,
          summary: list.summary,
          description: list.description,
          tags: [tag],
          querystring: listQuery,
          response: {
            200: {
              description: list.response,
              headers: pageHeaders,
              content: {
                [MEDIA_TYPES.json]: { schema: listSchema },
                [MEDIA_TYPES.csv]: {
                  schema: z.string().meta({
                    description:
                      `Every matching ${definition.noun} as RFC 4180 CSV (UTF-8 with a byte-order mark): a header row, then one ` +
                      'row each; nested fields as dotted columns (`designer.slug`), lists as JSON in one cell.',
                  }),
                },
                [MEDIA_TYPES.ndjson]: {
                  schema: z.string().meta({ description: `Every matching ${definition.noun} as one JSON object per line.` }),
                },
              },
            },
            ...listProblemResponses,
          },
        } as FastifySchema,
      },
      async (request, reply) => {
        const query = request.query as ListQuery;
        const format = negotiateFormat(query.format, request.headers.accept);
        if (format !== 'json') {
          // Validate the cursor now: once the stream has started, a 400 can no longer be sent.
          keysetQuery(query.cursor, query.sort);
          // Counted before the stream starts: headers cannot follow the body.
          if (query.count === 'true') reply.header('x-total-count', await countMatching(app.db, generic, query));
          const stream = exportStream(format, exportColumns(generic, query), allPages(app.db, definition, query));
          const disposition = `attachment; filename="${definition.path}.${format === 'csv' ? 'csv' : 'ndjson'}"`;
          return reply.type(`${MEDIA_TYPES[format]}; charset=utf-8`).header('content-disposition', disposition).send(stream);
        }
        const body = await loadList(app.db, definition, query);
        setLinkHeader(request, reply, body.page);
        if (body.page.totalCount !== undefined) reply.header('x-total-count', body.page.totalCount);
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
          response: { 200: jsonResponse(detail.response, itemOrSparse), ...detailProblemResponses },
        } as FastifySchema,
      },
      async (request) => {
        const { slug } = request.params as { slug: string };
        const query = request.query as { include?: Set<string>; fields?: Set<string> };
        const include = relationsFor(definition, query, new Set(definition.includes));
        const row = await definition.findBySlug(app.db, slug, include);
        if (!row) throw new NotFoundProblem(`No ${definition.noun} with slug '${slug}'.`);
        return pick(definition.toItem(row, include) as Record<string, unknown>, query.fields);
      },
    );
  };
}

/** The slice of a Prisma model delegate the read routes use. */
interface ReadableModel {
  findMany(args: { where: unknown; orderBy: unknown; take: number; select: unknown }): Promise<unknown[]>;
  count(args: { where: unknown }): Promise<number>;
  findUnique(args: { where: { slug: string }; select: unknown }): Promise<unknown>;
}

/**
 * `findMany`, `count` and `findBySlug` for a resource over its Prisma model, selecting what `include=` asks for.
 * `Row` states the payload: Prisma cannot infer one from a select built at run time.
 */
export function prismaReads<Row extends { id: number }>(
  model: (db: Database) => unknown,
  selectFor: (include: ReadonlySet<string>) => object,
): Pick<ResourceDefinition<Row, z.ZodObject>, 'findMany' | 'count' | 'findBySlug'> {
  const reads = (db: Database) => model(db) as ReadableModel;
  return {
    findMany: async (db, { where, orderBy, take, include }) =>
      (await reads(db).findMany({ where, orderBy, take, select: selectFor(include) })) as Row[],
    count: (db, where) => reads(db).count({ where }),
    findBySlug: async (db, slug, include) => (await reads(db).findUnique({ where: { slug }, select: selectFor(include) })) as Row | null,
  };
}
