import { z } from 'zod';
import { safeText } from '../records/input.js';
import { TEXT_MAX } from '../domain/limits.js';
import { SourceSchema } from '../records/schemas.js';
import { SlugSchema, StanceSchema } from '../domain/vocabulary.js';

export const CitationsSchema = z
  .object({
    vendors: z.array(SlugSchema),
    chips: z.array(SlugSchema),
    fundingRounds: z.array(SlugSchema),
    deals: z.array(SlugSchema),
  })
  .meta({ id: 'Citations', description: 'Slugs of the records that cite a source, by resource.' });

export const SourceRecordSchema = SourceSchema.extend({
  citedBy: CitationsSchema.optional().describe('The records citing this passage (`include=citedBy`).'),
}).meta({
  id: 'SourceRecord',
  description:
    'A verbatim passage of the article and how the article frames it, with (when included) the records that cite it.',
  example: {
    slug: 'sambanova-sn40l-launched-september',
    quote: '삼바노바는 9월 4세대 SN40L 프로세서를 출시했다.',
    stance: 'fact',
    startOffset: 2901,
    citedBy: { vendors: [], chips: ['sambanova-sn40l'], fundingRounds: [], deals: [] },
  },
});

export const SourceFieldsSchema = SourceRecordSchema.partial().meta({
  id: 'SourceFields',
  description: 'A source reduced to the fields named by `fields=`.',
});

export const SOURCE_INCLUDES = ['citedBy'] as const;

export const SourceInputSchema = z
  .strictObject({
    slug: SlugSchema,
    // Quotes keep the article's own line breaks, so several lines are allowed.
    quote: safeText({ max: TEXT_MAX.quote, multiline: true }).describe('The passage exactly as it stands in the article.'),
    stance: StanceSchema,
  })
  .meta({
    id: 'NewSource',
    description: 'A passage of the article to cite. The quote must appear in the article verbatim.',
    example: { slug: 'sn40l-memory', quote: '새로운 3계층 메모리 시스템도 갖췄다.', stance: 'fact' },
  });

export const SourcePatchSchema = SourceInputSchema.omit({ slug: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .meta({ id: 'SourceChanges', description: 'Fields to change; the slug cannot change.', example: { stance: 'report' } });
