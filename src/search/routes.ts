import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../http/problem.js';
import { jsonResponse } from '../http/responses.js';
import { SearchQuerySchema, SearchResultsSchema } from './schemas.js';
import { search } from './service.js';

const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'search',
        summary: 'Search chips, companies, funding rounds and deals',
        description:
          'One ranked list across every kind of record, in English or Korean: case-, width- and normalisation-' +
          'insensitive (NFKC), so `ＳＮ４０Ｌ` finds `SN40L` and decomposed Hangul finds the composed name. The query is ' +
          'literal text (no wildcards). Ranked by what matched: the whole name, the start of a name, an alias, a ' +
          'name containing the query, then the description. ' +
          'Example: `/v1/search?q=삼성`, `/v1/search?q=maia&type=chip`, `/v1/search?q=samsung&type=vendor,deal&limit=5`.',
        tags: ['search'],
        querystring: SearchQuerySchema,
        response: {
          200: jsonResponse('The matching records, best first.', SearchResultsSchema),
          400: problemResponse('`q` is missing, blank or too long, or a parameter is invalid or unknown; `errors` names each one.'),
        },
      },
    },
    async (request) => app.searchLane.run(() => search(app.reader, request.query)),
  );
};

export default searchRoutes;
