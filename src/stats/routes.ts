import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonResponse, listProblemResponses } from '../shared/responses.js';
import { StatsQuerySchema, StatsSchema } from './schemas.js';
import { getStats } from './service.js';

const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stats',
    {
      schema: {
        operationId: 'getStats',
        summary: 'Get funding totals and chip counts',
        description:
          'Statistics computed from the records on every request. `funding`: rounds counted and summed overall and by ' +
          'company, investor and year, per original currency (exact) and in US dollars on each round\'s stated basis; an ' +
          'investor is credited with the whole amount of every round it took part in, because the article never splits ' +
          'a round; undated rounds are under `year: null`. `chips`: chips counted by designer, kind and purpose ' +
          '(`purpose: null` where the article states none). Example: `/v1/stats`.',
        tags: ['stats'],
        querystring: StatsQuerySchema,
        response: {
          200: jsonResponse('The statistics.', StatsSchema),
          ...listProblemResponses,
        },
      },
    },
    async () => getStats(app.db),
  );
};

export default statsRoutes;
