import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../shared/problem.js';
import { jsonResponse } from '../shared/responses.js';
import { GraphQuerySchema, GraphSchema } from './schemas.js';
import { getGraph } from './service.js';

const graphRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/graph',
    {
      schema: {
        operationId: 'getGraph',
        summary: 'Get the graph of companies, chips and how they relate',
        description:
          'Companies and chips as nodes; typed, directed edges derived from the records on every request: ' +
          '`designs`, `partners_with`, `invests_in`, `acquired` and `customer_of`, each pointing to the chip, round or ' +
          'deal it comes from and the passages behind it. A deal party the article leaves unnamed is a node of its own. ' +
          'Example: `/v1/graph?vendor=samsung` (Samsung, the companies it invests in, and those edges), ' +
          '`/v1/graph?edgeType=invests_in,acquired`.',
        tags: ['graph'],
        querystring: GraphQuerySchema,
        response: {
          200: jsonResponse('The graph, or the part of it around `vendor`.', GraphSchema),
          400: problemResponse('A query parameter is invalid or unknown, or `vendor` names no vendor; `errors` names each one.'),
        },
      },
    },
    async (request) => getGraph(app.db, request.query),
  );
};

export default graphRoutes;
