import { resourceRoutes } from '../shared/resource-routes.js';
import { loadSources, sourceFilters, sourceSortFields } from './repository.js';
import { SOURCE_INCLUDES, SourceFieldsSchema, SourceRecordSchema } from './schemas.js';

export const definition = {
  path: 'sources',
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'microsoft-unveils-two-chips-at-ignite',
  tag: 'sources',
  noun: 'source',
  itemSchema: SourceRecordSchema,
  sparseItemSchema: SourceFieldsSchema,
  listSchemaId: 'SourceList',
  filters: sourceFilters,
  sortFields: sourceSortFields,
  defaultSort: 'position',
  includes: SOURCE_INCLUDES,
  table: 'Source',
  load: loadSources,
  list: {
    operationId: 'listSources',
    summary: 'List source passages',
    description:
      'The verbatim passages of the article that records cite, in article order by default, filterable by stance, ' +
      'quote text and citing record. Example: `/v1/sources?stance=report`, `/v1/sources?chip=sambanova-sn40l`.',
    response: 'A page of sources.',
  },
  detail: {
    operationId: 'getSource',
    summary: 'Get a source passage and the records citing it',
    description: 'One passage by slug, with the records that cite it.',
    response: 'The source.',
  },
};

export default resourceRoutes(definition);
