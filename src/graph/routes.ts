import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../http/problem.js';
import { pagedJsonResponse, sendJoined } from '../http/responses.js';
import { setLinkHeader } from '../http/resource-routes.js';
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
          'Companies and chips as nodes; typed, directed edges derived from the records (kept in step with every write): ' +
          '`designs`, `partners_with`, `invests_in`, `acquired` and `customer_of`, each pointing to the chip, round or ' +
          'deal it comes from and the passages behind it. A deal party the article leaves unnamed is a node of its own. ' +
          'Paged by edges (`limit`, default 50, `cursor`, `count=true`, `Link`); each page carries the nodes its edges meet. ' +
          'Example: `/v1/graph?vendor=samsung` (Samsung, the companies it invests in, and those edges), ' +
          '`/v1/graph?edgeType=invests_in,acquired`.',
        tags: ['graph'],
        querystring: GraphQuerySchema,
        response: {
          200: pagedJsonResponse('A page of the graph, or of the part of it around `vendor`.', 'graph', GraphSchema),
          400: problemResponse('A query parameter is invalid or unknown, or `vendor` names no vendor; `errors` names each one.'),
        },
      },
    },
    async (request, reply) => {
      const body = await getGraph(app.reader, request.query, app.fragments);
      setLinkHeader(request, reply, body.page);
      if (body.page.totalCount !== undefined) reply.header('x-total-count', body.page.totalCount);
      if (body.json !== undefined) return sendJoined(reply, body.json);
      return { nodes: body.nodes, edges: body.edges, page: body.page };
    },
  );
};

export default graphRoutes;
