// The read routes every resource has — a filtered, paginated list and a detail by slug — declared once so the
// four resources document, validate and answer the same way.
import type { z } from 'zod';
import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/client.js';
import { SlugParamsSchema } from './schemas.js';
import { detailProblemResponses, jsonResponse, listProblemResponses } from './responses.js';

interface OperationDocs {
  operationId: string;
  summary: string;
  description: string;
  response: string;
}

export interface ResourceRoutesOptions<Query extends z.ZodType, List extends z.ZodType, Detail extends z.ZodType> {
  /** URL segment under /v1, plural kebab-case. */
  path: string;
  tag: string;
  listQuery: Query;
  listSchema: List;
  detailSchema: Detail;
  list: OperationDocs & { load: (db: Database, query: z.output<Query>) => Promise<z.output<List>> };
  detail: OperationDocs & { load: (db: Database, slug: string) => Promise<z.output<Detail>> };
}

export function resourceRoutes<Query extends z.ZodType, List extends z.ZodType, Detail extends z.ZodType>(
  options: ResourceRoutesOptions<Query, List, Detail>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const { list, detail, tag } = options;
    app.get(
      `/${options.path}`,
      {
        // Typed loosely on purpose: the options already tie `load`'s result to the response schema, and
        // Fastify's inferred reply type cannot follow generic schemas.
        schema: {
          operationId: list.operationId,
          summary: list.summary,
          description: list.description,
          tags: [tag],
          querystring: options.listQuery,
          response: { 200: jsonResponse(list.response, options.listSchema), ...listProblemResponses },
        } as FastifySchema,
      },
      async (request) => list.load(app.db, request.query as z.output<Query>),
    );
    app.get(
      `/${options.path}/:slug`,
      {
        schema: {
          operationId: detail.operationId,
          summary: detail.summary,
          description: detail.description,
          tags: [tag],
          params: SlugParamsSchema,
          response: { 200: jsonResponse(detail.response, options.detailSchema), ...detailProblemResponses },
        } as FastifySchema,
      },
      async (request) => detail.load(app.db, (request.params as { slug: string }).slug),
    );
  };
}
