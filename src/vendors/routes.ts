import { vendorFilters, vendorRecord, vendorSortFields } from './repository.js';
import { VendorFieldsSchema } from './schemas.js';

export const definition = {
  ...vendorRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'd-matrix',
  tag: 'vendors',
  sparseItemSchema: VendorFieldsSchema,
  listSchemaId: 'VendorList',
  filters: vendorFilters,
  sortFields: vendorSortFields,
  defaultSort: 'name',
  list: {
    operationId: 'listVendors',
    summary: 'List companies',
    description:
      'Companies the article names — chip designers, investors, partners, customers — filterable by kind, derived ' +
      'role, country, founding year and name. Example: `/v1/vendors?role=investor&country=KR`, ' +
      '`/v1/vendors?kind[in]=startup,semiconductor&foundedYear[gte]=2017&include=fundingRounds`.',
    response: 'A page of companies.',
  },
  detail: {
    operationId: 'getVendor',
    summary: 'Get a company with its chips, funding, investments and deals',
    description: 'One company by slug, e.g. `/v1/vendors/d-matrix`, with every relation and source sentence.',
    response: 'The company.',
  },
};
