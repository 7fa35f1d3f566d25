import { z } from 'zod';
import { safeText } from '../records/input.js';
import { TEXT_MAX } from '../domain/limits.js';
import { SOURCE_EXAMPLE, SourceSchema } from '../records/schemas.js';
import { SlugSchema, StanceSchema } from '../domain/vocabulary.js';

export const CitationsSchema = z
  .object({
    vendors: z.array(SlugSchema),
    chips: z.array(SlugSchema),
    fundingRounds: z.array(SlugSchema),
    deals: z.array(SlugSchema),
    statements: z.array(SlugSchema),
  })
  .meta({ id: 'Citations', description: 'Slugs of the records that cite a source, by resource.' });

export const SourceRecordSchema = SourceSchema.extend({
  citedBy: CitationsSchema.optional().describe('The records citing this passage (`include=citedBy`).'),
}).meta({
  id: 'SourceRecord',
  description:
    'A verbatim passage of a document and how the document frames it, with (when included) the records that cite it.',
  example: { ...SOURCE_EXAMPLE, citedBy: { vendors: [], chips: ['sambanova-sn40l'], fundingRounds: [], deals: [], statements: [] } },
});

export const SourceFieldsSchema = SourceRecordSchema.partial().meta({
  id: 'SourceFields',
  description: 'A source reduced to the fields named by `fields=`.',
});

export const SOURCE_INCLUDES = ['citedBy'] as const;

export const SourceInputSchema = z
  .strictObject({
    slug: SlugSchema,
    document: SlugSchema.optional().describe(
      'Slug of the document the passage quotes (/v1/documents). May be left out only while the atlas holds a single ' +
        'document, which it then means (as every source did before documents were records); deprecated: name it.',
    ),
    // Quotes keep their document's own line breaks, so several lines are allowed.
    quote: safeText({ max: TEXT_MAX.quote, multiline: true }).describe('The passage exactly as it stands in its document (once).'),
    stance: StanceSchema,
  })
  .meta({
    id: 'NewSource',
    description: "A passage of a document to cite. The quote must stand in the document's text verbatim, exactly once.",
    example: { slug: 'sn40l-memory', document: 'ai-chip-market-big-tech-and-startups-2023', quote: '새로운 3계층 메모리 시스템도 갖췄다.', stance: 'fact' },
  });

export const SourcePatchSchema = SourceInputSchema.omit({ slug: true, document: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({ id: 'SourceChanges', description: 'Fields to change; the slug cannot change.', example: { stance: 'report' } });
