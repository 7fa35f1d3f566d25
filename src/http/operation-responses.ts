// Responses that cross-cutting plugins (rate limits, overload shedding, body parsing) can send from any route,
// documented once here instead of in every route schema, plus the response headers that go with them.
import type { FastifySchema, RouteOptions } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import type { z } from 'zod';

/** An OpenAPI header object: `schema` is plain JSON Schema (header values are not Zod-validated). */
export interface HeaderDoc {
  description: string;
  schema: { type: 'integer' | 'string' | 'number' | 'boolean' } & Record<string, unknown>;
}

export type ResponseHeaders = Record<string, HeaderDoc>;

/** The most seconds any refusal asks a client to wait: a full disk's (src/plugins/errors.ts). */
export const MAX_RETRY_AFTER_SECONDS = 30;

/** `Retry-After` on a 503 or 507, whichever part of the service sends it. */
export const RETRY_AFTER_HEADERS: ResponseHeaders = {
  'Retry-After': {
    description:
      'Seconds to wait before retrying: 10 when the server is overloaded; when the database fails, the time until the ' +
      'service tries it again (1 to 15 s) or 1 when it is only busy; 30 when its disk is full.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_RETRY_AFTER_SECONDS },
  },
};

/** A documented response, as route schemas write them (see `problemResponse`), optionally with headers. */
export interface DocumentedResponse {
  description: string;
  content?: Record<string, { schema: z.ZodType }>;
  headers?: ResponseHeaders;
}

export interface CommonResponse {
  response: DocumentedResponse;
  /**
   * When the route already documents this status (e.g. /health's 503 when its database does not answer), this
   * sentence is appended to that description and the headers are added, so neither meaning is lost. Without
   * it the route's own description stands.
   */
  alsoMeans?: string;
}

/** The responses a part of the service can send from a route, or undefined where it sends none from that one. */
export type ResponsesFor = (route: RouteOptions) => Record<number, CommonResponse> | undefined;

/**
 * Adds what `responsesFor` declares to the route's response schemas (what serialises those answers and documents
 * them). The OpenAPI plugin applies every part's declaration, in one fixed order, as each route is registered.
 */
export function addResponses(route: RouteOptions, responsesFor: ResponsesFor): void {
  const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean }) | undefined;
  // Undocumented routes (Swagger UI's files, /openapi.json) have no response schema to extend.
  if (!schema?.response || schema.hide) return;
  const additions = responsesFor(route);
  if (!additions) return;
  // A new object: route schemas often spread shared response constants, which must stay untouched.
  const response: Record<string, DocumentedResponse> = { ...(schema.response as Record<string, DocumentedResponse>) };
  for (const [status, { response: added, alsoMeans }] of Object.entries(additions)) {
    const existing = response[status];
    response[status] = existing
      ? {
          ...existing,
          description: alsoMeans ? `${existing.description} ${alsoMeans}` : existing.description,
          ...(added.headers ? { headers: { ...existing.headers, ...added.headers } } : {}),
        }
      : added;
  }
  route.schema = { ...schema, response };
}

/**
 * Wraps the Zod-to-OpenAPI transform so a response's `headers` (OpenAPI header objects: `{ description, schema }`)
 * reach the document.
 * NOTE: fastify-type-provider-zod's transform rebuilds each content-typed response from its `description` and
 * `content` only, dropping `headers`; and @fastify/swagger expects each header as one JSON Schema carrying its
 * description, which it splits into an OpenAPI header object itself. Both quirks are handled here only.
 */
/** A header as @fastify/swagger takes it: one JSON Schema carrying its description (see keepResponseHeaders). */
function headerSchemas(headers: ResponseHeaders): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(headers).map(([name, header]) => [name, { ...header.schema, description: header.description }]));
}

export function keepResponseHeaders<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  return (input) => {
    const result = transform(input);
    const original = (input.schema as { response?: Record<string, DocumentedResponse> } | undefined)?.response;
    const transformed = (result.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response;
    if (!original || !transformed) return result;
    for (const [status, entry] of Object.entries(original)) {
      const target = transformed[status];
      if (!entry?.headers || !target || target.headers) continue;
      target.headers = headerSchemas(entry.headers);
    }
    return result;
  };
}

/** Headers the server sends on many responses, documented wherever `on` says they go. */
export interface CommonResponseHeaders {
  headers: ResponseHeaders;
  /** Whether the headers go with a `status` response of the route at `url` (a Fastify route URL). */
  on: (url: string, status: string) => boolean;
}

/**
 * Wraps a transform so every documented response of every operation lists the headers that go with it (the request
 * id everywhere, CORS and rate-limit headers where the server sends them), without each route schema repeating them.
 */
export function withCommonResponseHeaders<S extends FastifySchema>(transform: SwaggerTransform<S>, common: CommonResponseHeaders[]): SwaggerTransform<S> {
  const asSchemas = common.map(({ headers, on }) => ({ schemas: headerSchemas(headers), on }));
  return (input) => {
    const result = transform(input);
    const responses = (result.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response;
    for (const [status, response] of Object.entries(responses ?? {})) {
      for (const { schemas, on } of asSchemas) {
        if (on(input.url, status)) response.headers = { ...(response.headers as Record<string, unknown> | undefined), ...schemas };
      }
    }
    return result;
  };
}

/**
 * Wraps a transform so an operation that declares no security requirement says `security: []`: public, on
 * purpose, rather than silent (which a reader, or a linter, takes for an oversight). Writes declare their key.
 */
export function withExplicitSecurity<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  return (input) => {
    const result = transform(input);
    const schema = result.schema as { security?: unknown } | undefined;
    if (schema && schema.security === undefined) schema.security = [];
    return result;
  };
}
