import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setLinkHeader } from '../http/resource-routes.js';
import { jsonResponse, listProblemResponses, pagedJsonResponse } from '../http/responses.js';
import {
  CompanyFundingTotalsListSchema,
  DesignerChipCountListSchema,
  InvestorFundingTotalsListSchema,
  StatsGroupQuerySchema,
  StatsQuerySchema,
  StatsSchema,
} from './schemas.js';
import type { SqlReader } from '../db/sql.js';
import { chipsByDesigner, fundingByCompany, fundingByInvestor, getStats, type GroupPageQuery } from './service.js';

const GROUPINGS = [
  {
    path: 'funding-by-company',
    operationId: 'listFundingByCompany',
    summary: 'List what each company raised',
    description: 'Funding totals per company that raised a round (as in `funding.byCompany` of /v1/stats), most USD first, then by slug.',
    schema: CompanyFundingTotalsListSchema,
    load: fundingByCompany,
  },
  {
    path: 'funding-by-investor',
    operationId: 'listFundingByInvestor',
    summary: 'List the rounds each investor took part in',
    description:
      'Funding totals per company named as an investor (as in `funding.byInvestor` of /v1/stats), most USD first, then by ' +
      'slug; each round\'s whole amount is credited to every investor it names.',
    schema: InvestorFundingTotalsListSchema,
    load: fundingByInvestor,
  },
  {
    path: 'chips-by-designer',
    operationId: 'listChipsByDesigner',
    summary: 'List how many chips each company designs',
    description: 'Chip counts per designing company (as in `chips.byDesigner` of /v1/stats), most chips first, then by slug.',
    schema: DesignerChipCountListSchema,
    load: chipsByDesigner,
  },
] as const;

const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stats',
    {
      schema: {
        operationId: 'getStats',
        summary: 'Get funding totals and chip counts',
        description:
          'Statistics over every record, kept in step with every write (a write\'s effect shows in the next read). `funding`: rounds counted and summed overall and by ' +
          'company, investor and year, per original currency (exact) and in US dollars on each round\'s stated basis; an ' +
          'investor is credited with the whole amount of every round it took part in, because the article never splits ' +
          'a round; undated rounds are under `year: null`. `chips`: chips counted by designer, kind and purpose ' +
          '(`purpose: null` where the article states none). The groupings that grow with the data (by company, investor ' +
          'and designer) show their first `limit` entries, and `more` links to the rest. Example: `/v1/stats`.',
        tags: ['stats'],
        querystring: StatsQuerySchema,
        response: {
          200: jsonResponse('The statistics.', StatsSchema),
          ...listProblemResponses,
        },
      },
    },
    // Totals and their per-currency sums are matched by row ids a write replaces: read them in one snapshot.
    async (request) => app.reader.consistent((reader) => getStats(reader, request.query)),
  );

  for (const grouping of GROUPINGS) {
    app.get(
      `/stats/${grouping.path}`,
      {
        schema: {
          operationId: grouping.operationId,
          summary: grouping.summary,
          description: `${grouping.description} Paged like every list (\`limit\`, \`cursor\`, \`count=true\`, \`Link\`).`,
          tags: ['stats'],
          querystring: StatsGroupQuerySchema,
          response: {
            200: pagedJsonResponse(`A page of ${grouping.path.replaceAll('-', ' ')}.`, `stats/${grouping.path}`, grouping.schema),
            ...listProblemResponses,
          },
        },
      },
      async (request, reply) => {
        const body = await app.reader.consistent<Awaited<ReturnType<typeof fundingByCompany>> | Awaited<ReturnType<typeof chipsByDesigner>> | Awaited<ReturnType<typeof fundingByInvestor>>>(
          (reader: SqlReader) => grouping.load(reader, request.query as GroupPageQuery),
        );
        setLinkHeader(request, reply, body.page);
        if (body.page.totalCount !== undefined) reply.header('x-total-count', body.page.totalCount);
        return body;
      },
    );
  }
};

export default statsRoutes;
