import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponse } from '../http/problem.js';
import { pagedJsonResponse, sendJoined } from '../http/responses.js';
import { setLinkHeader } from '../http/resource-routes.js';
import { EventsQuerySchema, TimelineSchema } from './schemas.js';
import { listEvents } from './service.js';

const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/events',
    {
      schema: {
        operationId: 'listEvents',
        summary: 'List dated events: foundings, chip announcements and launches, deployments, rounds, deals',
        description:
          'A timeline derived from the records (kept in step with every write): a company\'s founding year, a chip\'s announcement ' +
          'and availability dates, dated deployments, funding rounds and deals. Records without a date are not events; ' +
          'metrics are not events (their periods describe a figure, not a happening). Each event keeps the precision ' +
          'the article gives (a year, a month or a day) and cites the passages that state it. Paged like every list ' +
          '(`limit`, default 20, `cursor`, `count=true`, `Link`). ' +
          'Example: `/v1/events?vendor=microsoft`, `/v1/events?year=2023&type=chip_announcement`, ' +
          '`/v1/events?from=2023-09-15&to=2023-12&sort=-date`.',
        tags: ['events'],
        querystring: EventsQuerySchema,
        response: {
          200: pagedJsonResponse('A page of the matching events, oldest first unless `sort=-date`.', 'events', TimelineSchema),
          400: problemResponse(
            'A query parameter is invalid or unknown, `vendor` names no vendor, or `from` is after `to`; `errors` names each one.',
          ),
        },
      },
    },
    async (request, reply) => {
      const body = await listEvents(app.reader, request.query, app.fragments);
      setLinkHeader(request, reply, body.page);
      if (body.page.totalCount !== undefined) reply.header('x-total-count', body.page.totalCount);
      if (body.json !== undefined) return sendJoined(reply, body.json);
      return { data: body.data, page: body.page };
    },
  );
};

export default eventRoutes;
