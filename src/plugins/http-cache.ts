// HTTP caching for reads: a strong ETag on every successful GET (a digest of the exact bytes sent), conditional
// GET/HEAD with If-None-Match answered 304, Cache-Control on every response, and Vary where a response depends
// on request headers. Generic hooks, so routes added later get the same behaviour without doing anything; the
// OpenAPI document is extended the same way, in one place, as each GET route is registered.
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { MAX_CACHE_MAX_AGE_SECONDS } from '../config.js';
import { ENTITY_TAG_HEADER_SCHEMA, entityTag, uncodedEntityTag } from '../domain/entity-tag.js';
import type { DocumentedResponse, ResponseHeaders } from '../http/operation-responses.js';

export interface HttpCacheOptions {
  /** `max-age` of successful reads; 0 sends `no-cache` (store, but revalidate before every reuse). */
  maxAgeSeconds: number;
}

/**
 * Routes whose answers must never come from a cache: a monitor polling /health must see the service as it is
 * now, not as it was up to max-age seconds ago. They get `no-store` and no ETag (nothing kept to revalidate).
 */
const NO_STORE_ROUTES = new Set(['/health']);

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Without `must-revalidate`: it only changes what a cache may do once a response is stale AND the server cannot
 * be reached (serve the stale copy, or fail). The data is curated reference data that changes rarely, so a
 * minute-old copy during an outage beats an error; while the server is up, stale copies are revalidated anyway
 * (cheaply, with If-None-Match). `public`: reads need no credentials and are the same for every client.
 */
export function cacheControlFor(maxAgeSeconds: number): string {
  return maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-cache';
}

/** The entity tags listed in an If-None-Match value; `*` as itself. Malformed members are skipped. */
export function parseEntityTags(header: string): string[] {
  if (header.trim() === '*') return ['*'];
  // An entity tag's opaque part may itself contain commas (RFC 9110 §8.8.3), so match tags, not split on commas.
  return header.match(/(?:W\/)?"[\x21\x23-\x7E\x80-\xFF]*"/g) ?? [];
}

/**
 * `W/"x"` and `"x"` are the same tag under weak comparison, which If-None-Match uses (RFC 9110 §13.1.2); and a
 * compressed variant's tag (`"x.br"`) names the same representation as `"x"`.
 */
function opaqueTag(tag: string): string {
  return uncodedEntityTag(tag.startsWith('W/') ? tag.slice(2) : tag);
}

/** Whether If-None-Match names the current representation, so a GET or HEAD can be answered 304. */
export function ifNoneMatchMatches(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  const currentOpaque = opaqueTag(current);
  // `*` matches any current representation, and there is one: this is only asked for a 2xx answer.
  return parseEntityTags(header).some((tag) => tag === '*' || opaqueTag(tag) === currentOpaque);
}

/** Adds `field` to the Vary header, keeping what other plugins (CORS's `Origin`) put there. */
export function addVary(reply: FastifyReply, field: string): void {
  const existing = reply.getHeader('vary');
  const fields = existing === undefined ? [] : String(existing).split(',').map((name) => name.trim()).filter(Boolean);
  if (fields.includes('*') || fields.some((name) => name.toLowerCase() === field.toLowerCase())) return;
  reply.header('vary', [...fields, field].join(', '));
}

type ResponseEntry = DocumentedResponse | z.ZodType;

function isDocumented(entry: ResponseEntry | undefined): entry is DocumentedResponse {
  return typeof entry === 'object' && entry !== null && !(entry instanceof z.ZodType) && 'description' in entry;
}

/** A route negotiates its media type when its 200 documents more than one (lists: JSON, CSV, NDJSON). */
function negotiatesMediaType(response: unknown): boolean {
  const ok = (response as Record<string, ResponseEntry> | undefined)?.['200'];
  return isDocumented(ok) && Object.keys(ok.content ?? {}).length > 1;
}

function isNoStore(url: string | undefined): boolean {
  return url !== undefined && NO_STORE_ROUTES.has(url);
}

const ETAG_HEADER: ResponseHeaders = {
  ETag: {
    description:
      'Strong entity tag of the exact bytes of this response. Send it back in `If-None-Match` to get `304 Not Modified` ' +
      'while it is unchanged. Not sent with streamed CSV/NDJSON exports.',
    schema: ENTITY_TAG_HEADER_SCHEMA,
  },
};

function cacheHeaders(negotiates: boolean): ResponseHeaders {
  return {
    ...ETAG_HEADER,
    'Cache-Control': {
      description:
        'How long the response may be reused without asking again: `public, max-age=<CACHE_MAX_AGE_SECONDS>`, or ' +
        '`no-cache` (revalidate every time) when that is 0.',
      schema: {
        type: 'string',
        maxLength: 'public, max-age='.length + String(MAX_CACHE_MAX_AGE_SECONDS).length,
        pattern: '^(public, max-age=[0-9]+|no-cache)$',
        example: 'public, max-age=60',
      },
    },
    Vary: {
      description:
        (negotiates ? '`Accept` (the format is negotiated); ' : '') +
        '`Accept-Encoding` (compressed on request from 1 KiB; said of every answer, and of its 304); and `Origin` when the server allows ' +
        'cross-origin requests (CORS_ORIGINS).',
      schema: {
        type: 'string',
        maxLength: 'Accept, Accept-Encoding, Origin'.length + 2,
        pattern: '^(Accept|Accept-Encoding|Origin)(, (Accept|Accept-Encoding|Origin)){0,2}$',
        example: negotiates ? 'Origin, Accept, Accept-Encoding' : 'Origin, Accept-Encoding',
      },
    },
  };
}

const NO_STORE_HEADERS: ResponseHeaders = {
  'Cache-Control': { description: '`no-store`: always ask the server.', schema: { type: 'string', enum: ['no-store'] } },
};

const IfNoneMatchSchema = z
  .string()
  // As If-Match: far more tags than any client keeps for one URL.
  .max(1000)
  .optional()
  .meta({
    description:
      'Entity tags from earlier responses (comma-separated, `W/` tags compared weakly), or `*`: if one matches the ' +
      'current response, the answer is `304 Not Modified` without a body.',
    example: '"l7uXUN3yhnRlS4Hp3Oyv9pQG8HdiR8d9ZBXsJ5y8Vnk"',
  });

/**
 * Documents caching on a GET route: the headers of its 200, a 304, and the If-None-Match parameter. Routes left
 * out of the document (`hide`) and routes without documented responses are left alone.
 */
export function documentCaching(route: RouteOptions): void {
  const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean; headers?: unknown }) | undefined;
  if (!schema?.response || schema.hide) return;
  // A new object: route schemas often spread shared response constants, which must stay untouched.
  const response: Record<string, ResponseEntry> = { ...(schema.response as Record<string, ResponseEntry>) };
  const ok = response['200'];
  if (isNoStore(route.url)) {
    if (isDocumented(ok)) response['200'] = { ...ok, headers: { ...ok.headers, ...NO_STORE_HEADERS } };
    route.schema = { ...schema, response };
    return;
  }
  const headers = cacheHeaders(negotiatesMediaType(schema.response));
  if (isDocumented(ok)) response['200'] = { ...ok, headers: { ...ok.headers, ...headers } };
  // NOTE: fastify-type-provider-zod documents a response without `content` only from a Zod schema; it also takes
  // one under `properties` (its resolveSchema), which leaves room beside it for the `headers` that
  // keepResponseHeaders (src/http/operation-responses.ts) carries into the document.
  response['304'] = {
    properties: z
      .undefined()
      .describe('Not Modified: the `If-None-Match` tag still matches. No body; reuse the copy you have.'),
    headers: { ...headers, ETag: { ...headers.ETag!, description: 'The entity tag that matched.' } },
  } as unknown as ResponseEntry;
  const existing = schema.headers;
  const requestHeaders =
    existing === undefined
      ? z.object({ 'if-none-match': IfNoneMatchSchema })
      : existing instanceof z.ZodObject
        ? existing.extend({ 'if-none-match': IfNoneMatchSchema })
        : existing;
  route.schema = { ...schema, response, headers: requestHeaders };
}

export default fp<HttpCacheOptions>(
  async (app, { maxAgeSeconds }) => {
    const cacheControl = cacheControlFor(maxAgeSeconds);

    // onSend: the payload is the exact bytes about to be sent, so the tag is of what the client receives.
    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const status = reply.statusCode;
      // An error is about this one request (a typo, a missing record not yet created, an overload): never reuse it.
      if (status >= 400) {
        reply.header('cache-control', 'no-store');
        return payload;
      }
      if (!READ_METHODS.has(request.method)) return payload;
      if (isNoStore(request.routeOptions.url)) {
        reply.header('cache-control', 'no-store');
        return payload;
      }
      if (negotiatesMediaType(request.routeOptions.schema?.response)) addVary(reply, 'Accept');
      if (status < 200 || status >= 300) return payload;
      // A route that says how it is cached (Swagger UI's static files) keeps its own policy.
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControl);
      // Streams (CSV/NDJSON exports, static files) would have to be buffered to be hashed; they go untagged.
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      let etag = reply.getHeader('etag');
      if (etag === undefined) {
        etag = entityTag(payload);
        reply.header('etag', etag);
      }
      if (!ifNoneMatchMatches(request.headers['if-none-match'], String(etag))) return payload;
      reply.code(304);
      reply.removeHeader('content-type');
      // HEAD: Fastify's HEAD handler, after this hook, drops the body and sets Content-Length to the 200's length,
      // which is what a 304 may carry (RFC 9110 §8.6). GET: no body and no Content-Length.
      if (request.method === 'HEAD') return payload;
      reply.removeHeader('content-length');
      return null;
    });
  },
  { name: 'http-cache' },
);
