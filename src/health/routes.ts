import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonResponse } from '../shared/responses.js';
import { HttpProblem, problemResponse } from '../shared/problem.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok']).describe('`ok` when the service can read its database.'),
    database: z.enum(['ok']),
  })
  .meta({ id: 'Health', description: 'Service health.', example: { status: 'ok', database: 'ok' } });

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
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
        await app.db.$queryRaw`SELECT 1`;
      } catch (error) {
        app.log.error({ err: error }, 'health check: database does not answer');
        throw new HttpProblem(503, 'unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};

export default healthRoutes;
