import { resourceRoutes } from '../shared/resource-routes.js';
import { getChip, listChips } from './repository.js';
import { ChipDetailSchema, ChipListSchema, ListChipsQuerySchema } from './schemas.js';

export default resourceRoutes({
  path: 'chips',
  tag: 'chips',
  listQuery: ListChipsQuerySchema,
  listSchema: ChipListSchema,
  detailSchema: ChipDetailSchema,
  list: {
    operationId: 'listChips',
    summary: 'List chips',
    description:
      'Chips the article names, filterable by designer, partner, kind, purpose and announcement year, searchable ' +
      'by English or Korean name. Example: `/v1/chips?vendor=microsoft`.',
    response: 'A page of chips.',
    load: listChips,
  },
  detail: {
    operationId: 'getChip',
    summary: 'Get a chip with its designer, partners, specs and deployments',
    description: 'One chip by slug, e.g. `/v1/chips/sambanova-sn40l`, with every source sentence.',
    response: 'The chip.',
    load: getChip,
  },
});
