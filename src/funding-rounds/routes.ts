import { resourceRoutes } from '../shared/resource-routes.js';
import { getFundingRound, listFundingRounds } from './repository.js';
import { FundingRoundListSchema, FundingRoundSchema, ListFundingRoundsQuerySchema } from './schemas.js';

export default resourceRoutes({
  path: 'funding-rounds',
  tag: 'funding',
  listQuery: ListFundingRoundsQuerySchema,
  listSchema: FundingRoundListSchema,
  detailSchema: FundingRoundSchema,
  list: {
    operationId: 'listFundingRounds',
    summary: 'List funding rounds',
    description:
      'Rounds with their company, investors and exact amounts, filterable by company, investor, currency, round ' +
      'type and year. Example: `/v1/funding-rounds?investor=samsung`.',
    response: 'A page of funding rounds.',
    load: listFundingRounds,
  },
  detail: {
    operationId: 'getFundingRound',
    summary: 'Get a funding round with its company and investors',
    description: 'One round by slug, e.g. `/v1/funding-rounds/d-matrix-series-b-2023`.',
    response: 'The funding round.',
    load: getFundingRound,
  },
});
