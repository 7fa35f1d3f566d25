import { z } from 'zod';
import { sql } from '../db/sql.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonResponse } from '../shared/responses.js';
import { HttpProblem, problemResponse } from '../shared/problem.js';
import { wantsDashboard } from '../plugins/dashboard.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok']).describe('`ok` when the service can read its database.'),
    database: z.enum(['ok']),
  })
  .meta({ id: 'Health', description: 'Service health.', example: { status: 'ok', database: 'ok' } });

const SERVICE_INDEX = {
  name: 'AI Chip Atlas',
  description: 'Chips, companies, funding rounds and deals of the AI-chip market, each fact cited to its Korean source sentence.',
  documentation: { explorer: '/docs', openapi: '/openapi.json' },
  resources: {
    chips: '/v1/chips',
    vendors: '/v1/vendors',
    fundingRounds: '/v1/funding-rounds',
    deals: '/v1/deals',
    sources: '/v1/sources',
    search: '/v1/search?q=',
    stats: '/v1/stats',
    events: '/v1/events',
    graph: '/v1/graph',
    health: '/health',
  },
} as const;


// The index is fixed: its schema is its very values.
const ServiceIndexSchema = z
  .object({
    name: z.literal(SERVICE_INDEX.name),
    description: z.literal(SERVICE_INDEX.description),
    documentation: z.object({
      explorer: z.literal(SERVICE_INDEX.documentation.explorer).describe('Swagger UI, to read and try every operation.'),
      openapi: z.literal(SERVICE_INDEX.documentation.openapi).describe('The OpenAPI 3.1 document.'),
    }),
    resources: z
      .object(Object.fromEntries(Object.entries(SERVICE_INDEX.resources).map(([name, path]) => [name, z.literal(path)])))
      .describe('Where each collection and view lives.'),
  })
  .meta({
    id: 'ServiceIndex',
    description: 'Where to start: the documentation and every collection.',
    example: SERVICE_INDEX,
  });

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // A first `curl` at the root finds its way instead of a 404; a browser finds a picture of the market.
  app.get(
    '/',
    {
      schema: {
        operationId: 'getServiceIndex',
        summary: 'Where to start: links for API clients, the dashboard for browsers',
        description:
          'Links to the documentation and to every collection and view of the API, as JSON (the default). A request ' +
          'whose `Accept` prefers `text/html` (a browser) gets the dashboard instead: a page, built on this API and ' +
          'its typed client, with the chips, funding by company, the timeline and the graph, every fact opening its ' +
          'source sentence. Responses vary by `Accept`.',
        tags: ['operations'],
        // Like every read that takes parameters: one sent is a mistake to point out, not to ignore.
        querystring: z.strictObject({}),
        response: {
          200: {
            description: 'JSON: the documentation and the collections. HTML: the dashboard.',
            content: {
              'application/json': { schema: ServiceIndexSchema },
              'text/html': {
                // The page is a fixed shell (its data comes from the API): far below this.
                schema: z.string().max(65_536).meta({
                  description: 'The dashboard page; its script and style are served under /dashboard/ by this service.',
                }),
              },
            },
          },
          400: problemResponse('A query parameter was sent; the index takes none (`invalid_request`, naming it).'),
        },
      },
    },
    async (request, reply) => {
      if (!wantsDashboard(request.headers.accept)) return SERVICE_INDEX;
      // Sent as it is: the page is text, not a JSON string for the serializer to quote.
      return reply.type('text/html; charset=utf-8').serializer((page: unknown) => page as string).send(app.dashboard.html);
    },
  );

  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Check that the service and its database answer',
        description:
          'For load balancers and container health checks: 200 when the process answers and a query reaches its ' +
          'database, 503 otherwise. Never cached, never rate limited as a write.',
        tags: ['operations'],
        response: {
          200: jsonResponse('The service is healthy.', HealthSchema),
          503: problemResponse('The database does not answer.'),
        },
      },
    },
    async () => {
      // A real round trip: a process that is up but cannot read its database is not healthy.
      try {
        await app.reader.all(sql`SELECT 1`);
      } catch (error) {
        app.log.error({ err: error }, 'health check: database does not answer');
        throw new HttpProblem(503, 'unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};

export default healthRoutes;
