import { fundingRoundFilters, fundingRoundRecord, fundingRoundSortFields } from './repository.js';
import { FundingRoundFieldsSchema } from './schemas.js';

export const definition = {
  ...fundingRoundRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'd-matrix-series-b-2023',
  tag: 'funding',
  sparseItemSchema: FundingRoundFieldsSchema,
  listSchemaId: 'FundingRoundList',
  filters: fundingRoundFilters,
  sortFields: fundingRoundSortFields,
  defaultSort: '-date',
  list: {
    operationId: 'listFundingRounds',
    summary: 'List funding rounds',
    description:
      'Rounds with their company and exact amounts, filterable by company, investor, currency, round type, amount ' +
      '(original currency or USD) and date. Example: `/v1/funding-rounds?investor=samsung&include=investors`, ' +
      '`/v1/funding-rounds?amountUsd[gte]=100000000&year=2023`.',
    response: 'A page of funding rounds.',
  },
  detail: {
    operationId: 'getFundingRound',
    summary: 'Get a funding round with its company and investors',
    description: 'One round by slug, e.g. `/v1/funding-rounds/d-matrix-series-b-2023`.',
    response: 'The funding round.',
  },
};
