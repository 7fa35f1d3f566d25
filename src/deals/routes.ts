import { dealFilters, dealRecord, dealSortFields } from './repository.js';
import { DealFieldsSchema } from './schemas.js';

export const definition = {
  ...dealRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'amazon-acquires-annapurna-labs',
  tag: 'deals',
  sparseItemSchema: DealFieldsSchema,
  listSchemaId: 'DealList',
  filters: dealFilters,
  sortFields: dealSortFields,
  defaultSort: '-date',
  list: {
    operationId: 'listDeals',
    summary: 'List deals',
    description:
      'Acquisitions, partnerships and supply relationships, including ones only being considered, filterable by ' +
      'party, kind, status and date. Example: `/v1/deals?kind=acquisition&include=parties`, `/v1/deals?status[in]=considering,planned`.',
    response: 'A page of deals.',
  },
  detail: {
    operationId: 'getDeal',
    summary: 'Get a deal with its parties',
    description: 'One deal by slug, e.g. `/v1/deals/amazon-acquires-annapurna-labs`.',
    response: 'The deal.',
  },
};
