import { resourceRoutes } from '../shared/resource-routes.js';
import { getVendor, listVendors } from './repository.js';
import { ListVendorsQuerySchema, VendorDetailSchema, VendorListSchema } from './schemas.js';

export default resourceRoutes({
  path: 'vendors',
  tag: 'vendors',
  listQuery: ListVendorsQuerySchema,
  listSchema: VendorListSchema,
  detailSchema: VendorDetailSchema,
  list: {
    operationId: 'listVendors',
    summary: 'List companies',
    description:
      'Companies the article names — chip designers, investors, partners, customers — filterable by kind, derived ' +
      'role and country, searchable by English or Korean name. Example: `/v1/vendors?role=investor&country=KR`.',
    response: 'A page of companies.',
    load: listVendors,
  },
  detail: {
    operationId: 'getVendor',
    summary: 'Get a company with its chips, funding, investments and deals',
    description: 'One company by slug, e.g. `/v1/vendors/d-matrix`, with every relation and source sentence.',
    response: 'The company.',
    load: getVendor,
  },
});
