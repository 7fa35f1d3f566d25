// Cross-origin access for browser frontends, off unless CORS_ORIGINS names origins (or `*`). Register it before
// the rate limits and other request checks: a preflight is answered before anything can refuse it, and the
// problem details of a refused request (429, 401, 503) still carry CORS headers, so a frontend can read them
// instead of seeing an opaque network error.
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { MAX_ORIGIN_LENGTH, type CorsOrigins } from '../config.js';
import type { ResponseHeaders } from '../http/operation-responses.js';

export interface CorsOptions {
  /** Empty: CORS off, no CORS headers at all and no OPTIONS route. */
  origins: CorsOrigins;
}

/** Response headers a script may read besides the CORS-safelisted ones. */
export const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'X-Total-Count',
  'X-Request-Id',
  'Retry-After',
  'Location',
  'Content-Disposition',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/** What every response but Node's own 431 may carry, when CORS_ORIGINS allows its Origin. */
export const CORS_RESPONSE_HEADERS: ResponseHeaders = {
  'Access-Control-Allow-Origin': {
    description:
      "The request's `Origin` when CORS_ORIGINS lists it, or `*` when any origin may read; absent when CORS is off (the " +
      'default) or the origin is not listed.',
    schema: { type: 'string', maxLength: MAX_ORIGIN_LENGTH, pattern: '^(\\*|https?://[^/]+)$', example: 'https://atlas.example.com' },
  },
  'Access-Control-Expose-Headers': {
    description: 'The response headers a script on an allowed origin may read, besides the CORS-safelisted ones.',
    schema: { type: 'string', enum: [EXPOSED_HEADERS.join(', ')] },
  },
};

/**
 * The CORS headers the plugin would add to a response for a request from `origin`, for the answers the router sends
 * before any hook runs (a path it cannot decode, a path parameter far too long), so a frontend can read those too.
 */
export function corsHeadersFor(origins: CorsOrigins, origin: string | undefined): Record<string, string> {
  if (origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS.join(', ') };
  if (origins.length === 0) return {};
  if (origin === undefined || !origins.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS.join(', '), vary: 'Origin' };
}

/** The request headers the API reads; anything else a preflight asks for is not allowed. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Request-Id'];

const METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'];

/** Browsers cache a preflight this long (Chromium caps it at 2 hours); without it every write costs two round trips. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export default fp<CorsOptions>(
  async (app, { origins }) => {
    if (origins !== '*' && origins.length === 0) return;
    const allowed = new Set(origins === '*' ? [] : origins);
    await app.register(cors, {
      // A list is checked per request, so a disallowed origin (or none: curl, same-origin) gets no CORS headers
      // at all and its preflight finds no route; the plugin then adds `Vary: Origin` to every response, since
      // they differ by Origin. `*` is the same for everyone and needs no Vary.
      origin: origins === '*' ? '*' : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: METHODS,
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      // Keys travel in the Authorization header, which needs no credentials mode; cookies are never used.
      credentials: false,
    });
  },
  { name: 'cors' },
);
