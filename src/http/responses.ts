// Documented responses for route schemas, so every operation describes its bodies and media types the same way.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { MAX_CURSOR_LENGTH } from '../records/list-query.js';
import type { HeaderDoc, ResponseHeaders } from './operation-responses.js';
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

/**
 * The longest Link header: three links (first, previous, next), each the request's own URL (Node refuses request
 * headers over 16 KiB; encoded again, a character becomes at most three) with a cursor of its own.
 */
const MAX_LINK_HEADER_LENGTH = 3 * (3 * 16 * 1024 + MAX_CURSOR_LENGTH + '<>; rel="first", '.length);

/** The Link header of a paged answer, with an example of its first page. */
export function linkHeader(description: string, example: string): HeaderDoc {
  return { description, schema: { type: 'string', maxLength: MAX_LINK_HEADER_LENGTH, example } };
}

/** The headers of a page of any list: its Link header and, with `count=true`, the total. */
export function pagedResponseHeaders(path: string) {
  return {
    Link: linkHeader(
      'Links to the first, previous and next pages (RFC 8288).',
      `</v1/${path}?limit=2>; rel="first", </v1/${path}?limit=2&cursor=eyJzb3J0Ijoi>; rel="next"`,
    ),
    'X-Total-Count': {
      description: 'All matching records, whatever the page or cursor; sent when `count=true` (CSV and NDJSON exports too).',
      schema: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 12 },
    },
  } satisfies ResponseHeaders;
}

/** A page of a list as JSON, with its paging headers. */
export function pagedJsonResponse<T extends z.ZodType>(description: string, path: string, schema: T) {
  return { description, headers: pagedResponseHeaders(path), content: { 'application/json': { schema } } };
}

/** Sends JSON already serialised by `joinPage`, past the route's serializer. */
export function sendJoined(reply: FastifyReply, json: string) {
  return reply.type('application/json; charset=utf-8').serializer((payload: unknown) => payload as string).send(json);
}

/**
 * The documented responses of a route whose schema is built from a resource's definition: kept out of the type
 * provider's reply inference, which cannot follow schemas that are generic over the definition (the definition
 * already ties rows and items to the response schema). The request's parts (params, query, body) stay typed by their
 * schemas. Serialisation and the document read these responses as any route's.
 */
export function untypedReplies(responses: Record<number, unknown>): unknown {
  return responses;
}
