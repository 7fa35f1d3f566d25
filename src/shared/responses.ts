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

/** The headers of a page of any list: its Link header and, with `count=true`, the total. */
export function pagedResponseHeaders(path: string) {
  return {
    Link: {
      description: 'Links to the first, previous and next pages (RFC 8288).',
      schema: {
        type: 'string',
        example: `</v1/${path}?limit=2>; rel="first", </v1/${path}?limit=2&cursor=eyJzb3J0Ijoi...>; rel="next"`,
      },
    },
    'X-Total-Count': {
      description: 'All matching records, whatever the page or cursor; sent when `count=true` (CSV and NDJSON exports too).',
      schema: { type: 'integer', example: 12 },
    },
  };
}

/** A page of a list as JSON, with its paging headers. */
export function pagedJsonResponse<T extends z.ZodType>(description: string, path: string, schema: T) {
  return { description, headers: pagedResponseHeaders(path), content: { 'application/json': { schema } } };
}
