import { sourceFilters, sourceRecord, sourceSortFields } from './repository.js';
import { SourceFieldsSchema } from './schemas.js';

export const definition = {
  ...sourceRecord,
  /** A slug that exists in the seed, for the documentation's examples. */
  exampleSlug: 'microsoft-unveils-two-chips-at-ignite',
  tag: 'sources',
  sparseItemSchema: SourceFieldsSchema,
  listSchemaId: 'SourceList',
  filters: sourceFilters,
  sortFields: sourceSortFields,
  defaultSort: 'position',
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
