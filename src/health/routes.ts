import { z } from 'zod';
import { sql } from '../db/sql.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonResponse } from '../http/responses.js';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { wantsDashboard } from '../plugins/dashboard.js';
import type { Circuit } from '../db/circuit.js';
import { databaseFault, DatabaseTimeoutError, DatabaseUnavailableError, type DatabaseFault } from '../db/faults.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok']).describe('`ok` when the service can read its database and writes can be made.'),
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
        summary: 'Check that the service can read and write its database',
        description:
          'For load balancers and container health checks (a readiness check): 200 when a query reaches the database ' +
          'and writes can be made; 503 with `Retry-After` when reads fail (the database does not answer, or not within ' +
          `${HEALTH_TIMEOUT_MS / 1000} s) or writes fail (the database refuses them, or, on SQLite, its disk is full), its ` +
          '`detail` saying which. While the database fails, requests are refused at once and /health says so; once it ' +
          'answers again, the next check says 200. Never cached, never rate limited.',
        tags: ['operations'],
        response: {
          200: jsonResponse('The service is healthy.', HealthSchema),
          503: problemResponse('Reads or writes fail (code `unavailable`); `detail` says which and why.'),
        },
      },
    },
    async (_request, reply) => {
      const failing = (await readsFailing()) ?? (await writesFailing());
      if (failing) {
        reply.header('retry-after', String(failing.retryAfterSeconds));
        app.log.warn({ detail: failing.detail }, 'health check failed');
        throw new HttpProblem(503, 'unavailable', failing.detail);
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  interface Failing {
    detail: string;
    retryAfterSeconds: number;
  }

  /** A real round trip, within the health check's time: a process that cannot read its database is not ready. */
  async function readsFailing(): Promise<Failing | null> {
    try {
      await withinHealthTimeout(app.reader.all(sql`SELECT 1 AS "answered"`));
      return null;
    } catch (error) {
      const fault = error instanceof DatabaseUnavailableError ? error.fault : (databaseFault(error) ?? 'unavailable');
      return { detail: `Reads fail: ${FAULT_WORDS[fault]}.`, retryAfterSeconds: retryAfter(app.reader.circuit) };
    }
  }

  /**
   * Writes are tried only when they have been failing (or, on SQLite, the disk is nearly full): a check that wrote
   * would take the cluster's write lock every few seconds for every replica.
   */
  async function writesFailing(): Promise<Failing | null> {
    const circuit = app.writes.circuit;
    if (!circuit || (circuit.state === 'closed' && circuit.lastFault === null && (await app.writes.storageFull()) === false)) return null;
    if (circuit.state === 'open') return { detail: `Writes fail: ${FAULT_WORDS[circuit.lastFault ?? 'unavailable']}.`, retryAfterSeconds: circuit.retryAfterSeconds };
    try {
      await withinHealthTimeout(app.writes.probeWrites());
      return null;
    } catch (error) {
      const fault = error instanceof DatabaseUnavailableError ? error.fault : (databaseFault(error) ?? 'unavailable');
      return { detail: `Writes fail: ${FAULT_WORDS[fault]}.`, retryAfterSeconds: retryAfter(circuit) };
    }
  }
};

/** How long /health waits for the database before it says it fails: less than a load balancer's usual check timeout. */
const HEALTH_TIMEOUT_MS = 2_000;

const FAULT_WORDS: Record<DatabaseFault, string> = {
  unavailable: 'the database does not answer',
  timeout: `the database did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`,
  busy: 'the database is busy',
  full: 'the disk holding the database is full',
};

function retryAfter(circuit: Circuit | undefined): number {
  return circuit && circuit.state === 'open' ? circuit.retryAfterSeconds : 1;
}

async function withinHealthTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError('the health check timed out')), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export default healthRoutes;
