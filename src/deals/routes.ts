import { resourceRoutes } from '../shared/resource-routes.js';
import { getDeal, listDeals } from './repository.js';
import { DealListSchema, DealSchema, ListDealsQuerySchema } from './schemas.js';

export default resourceRoutes({
  path: 'deals',
  tag: 'deals',
  listQuery: ListDealsQuerySchema,
  listSchema: DealListSchema,
  detailSchema: DealSchema,
  list: {
    operationId: 'listDeals',
    summary: 'List deals',
    description:
      'Acquisitions, partnerships and supply relationships, including ones only being considered, filterable by ' +
      'party, kind, status and year. Example: `/v1/deals?kind=acquisition`.',
    response: 'A page of deals.',
    load: listDeals,
  },
  detail: {
    operationId: 'getDeal',
    summary: 'Get a deal with its parties',
    description: 'One deal by slug, e.g. `/v1/deals/amazon-acquires-annapurna-labs`.',
    response: 'The deal.',
    load: getDeal,
  },
});
