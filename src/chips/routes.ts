import { chipFilters, chipRecord, chipSortFields } from './repository.js';
import { ChipFieldsSchema } from './schemas.js';

export const definition = {
  ...chipRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'azure-maia-100',
  tag: 'chips',
  sparseItemSchema: ChipFieldsSchema,
  listSchemaId: 'ChipList',
  filters: chipFilters,
  sortFields: chipSortFields,
  defaultSort: 'name',
  list: {
    operationId: 'listChips',
    summary: 'List chips',
    description:
      'Chips the article names, filterable by designer, partner, kind, purpose, generation and dates (with ' +
      'operators such as `[in]`, `[gte]`, `[lte]`, `[contains]`), sortable on several fields. ' +
      'Example: `/v1/chips?vendor=microsoft`, `/v1/chips?kind[in]=gpu,cpu&announced[gte]=2023-09&sort=-announced,name`.',
    response: 'A page of chips.',
  },
  detail: {
    operationId: 'getChip',
    summary: 'Get a chip with its designer, partners, specs and deployments',
    description: 'One chip by slug, e.g. `/v1/chips/sambanova-sn40l`, with every source sentence.',
    response: 'The chip.',
  },
};
