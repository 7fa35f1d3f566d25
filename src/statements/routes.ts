import { statementFilters, statementRecord, statementSortFields } from './repository.js';
import { StatementFieldsSchema } from './schemas.js';

export const definition = {
  ...statementRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'microsoft-vertical-integration',
  tag: 'statements',
  sparseItemSchema: StatementFieldsSchema,
  listSchemaId: 'StatementList',
  filters: statementFilters,
  sortFields: statementSortFields,
  defaultSort: 'slug',
  list: {
    operationId: 'listStatements',
    summary: 'List statements',
    description:
      'What documents say that no field of a record holds: a company\'s strategy, the market as a whole. Filter by ' +
      'subject, heading, passage, document or stance. Example: `/v1/statements?vendor=microsoft`, `/v1/statements?about=market`, ' +
      '`/v1/statements?stance=plan`.',
    response: 'A page of statements.',
  },
  detail: {
    operationId: 'getStatement',
    summary: 'Get a statement with its passages',
    description: 'One statement by slug, e.g. `/v1/statements/microsoft-vertical-integration`.',
    response: 'The statement.',
  },
};
