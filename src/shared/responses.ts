// Documented responses for route schemas, so every operation describes its bodies and media types the same way.
import type { z } from 'zod';
import { problemResponse } from './problem.js';

export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

export const listProblemResponses = {
  400: problemResponse('A query parameter is invalid or unknown; `errors` names each one.'),
} as const;

export const detailProblemResponses = {
  400: problemResponse('The slug or a query parameter is invalid.'),
  404: problemResponse('No record has this slug.'),
} as const;
