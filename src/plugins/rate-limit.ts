// Per-client request budgets: one for reads, a smaller one for writes, counted apart so a burst of reads never
// uses up a curator's writes (and the reverse). A client is its IP address (an IPv6 client is its /64), as
// Fastify sees it: behind a proxy, set TRUST_PROXY or every client shares the proxy's budget. A request spends what
// it costs: 1, or what its route says (an export of a whole list far more than a page; src/http/resource-routes.ts),
// so a client pulling exports runs out of budget, and hears 429, long before it can wear the server down.
//
// Headers: `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window resets), the
// separate fields of the IETF RateLimit header draft up to -06 (later drafts fold them into one `RateLimit`
// field), on every counted response; `Retry-After` (seconds) with each 429.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { MAX_REQUESTS_PER_MINUTE } from '../config.js';
import { SENT_BEFORE_ANY_HOOK } from './errors.js';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { type ResponseHeaders, type ResponsesFor } from '../http/operation-responses.js';
import { clientOf } from './client-ledger.js';

export interface RateLimitOptions {
  /** 0 = no limit. */
  readsPerMinute: number;
  /** 0 = no limit. */
  writesPerMinute: number;
}

const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Monitors poll it; a budget there would make a busy client look like a dead service. */
const EXEMPT_ROUTES = new Set(['/health']);

type Budget = 'read' | 'write';

export class RateLimitedProblem extends HttpProblem {
  constructor(budget: Budget, limit: number, retryAfterSeconds: number, weight: number) {
    super(
      429,
      'rate_limited',
      `Too many ${budget}s: the limit is ${limit} a minute per client` +
        (weight > 1 ? `, and this request costs ${weight} (exports and embedded relations cost more than a page)` : '') +
        `. Retry in ${retryAfterSeconds} s.`,
    );
  }
}

const WINDOW_SECONDS = WINDOW_MS / 1000;

/** On every response to a counted request (not /health, and none while the limit is 0). */
export const COUNTED_RESPONSE_HEADERS: ResponseHeaders = {
  'RateLimit-Limit': {
    description: 'Requests allowed per minute for this kind of request (reads or writes) from this client. Not sent while that limit is off.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_REQUESTS_PER_MINUTE },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0, maximum: MAX_REQUESTS_PER_MINUTE },
  },
  'RateLimit-Reset': { description: 'Seconds until the current window ends.', schema: { type: 'integer', minimum: 0, maximum: WINDOW_SECONDS } },
};

/** With each 429. */
const RETRY_AFTER_HEADER: ResponseHeaders = {
  'Retry-After': { description: 'Seconds until the budget is refilled.', schema: { type: 'integer', minimum: 0, maximum: WINDOW_SECONDS } },
};

/**
 * Whether a `status` response of the route at `url` comes after the counting hook: not on /health, and not what is
 * sent before any hook runs (414, 431). Load shedding's 503 comes after it: a shed request has spent its budget.
 */
export function isCounted(url: string, status: string): boolean {
  return !EXEMPT_ROUTES.has(url) && !SENT_BEFORE_ANY_HOOK.has(status);
}

function budgetOf(method: string): Budget {
  return WRITE_METHODS.has(method) ? 'write' : 'read';
}

// Documented whatever the configured limits, so the document is the same in every deployment.
/** The 429 every counted operation can answer, with the budget it spends from. Applied to every route by the OpenAPI plugin (src/plugins/openapi.ts), in one place. */
export const RATE_LIMIT_RESPONSES: ResponsesFor = (route) => {
  if (EXEMPT_ROUTES.has(route.url)) return undefined;
  const budget = [route.method].flat().some((method) => WRITE_METHODS.has(method)) ? 'write' : 'read';
  return {
    429: {
      response: {
        ...problemResponse(
          `Too many ${budget}s from this client in the current minute (code \`rate_limited\`); retry after ` +
            '`Retry-After` seconds. `RateLimit-Limit` says how many are allowed; a request spends 1, or more where it ' +
            'costs more (an export, embedded relations: see the operation).',
        ),
        headers: { ...RETRY_AFTER_HEADER, ...COUNTED_RESPONSE_HEADERS },
      },
      alsoMeans: `Or: too many ${budget}s from this client (code \`rate_limited\`).`,
    },
  };
};

export default fp<RateLimitOptions>(
  async (app, { readsPerMinute, writesPerMinute }) => {
    const limits: Record<Budget, number> = { read: readsPerMinute, write: writesPerMinute };

    // onRequest: refused before the body is read or anything else is spent on the request.
    app.addHook('onRequest', (request: FastifyRequest, reply, done) => {
      if (EXEMPT_ROUTES.has(request.routeOptions.url ?? '')) return done();
      const budget = budgetOf(request.method);
      const limit = limits[budget];
      if (limit === 0) return done();
      // Never more than the whole budget: with a small limit, an export is still possible once a window.
      const weight = Math.min(limit, Math.max(1, Math.ceil(request.routeOptions.config.cost?.(request) ?? 1)));
      const state = app.clientLedger.spend(clientOf(request), budget, weight, limit);
      reply.header('ratelimit-limit', state.limit);
      reply.header('ratelimit-remaining', state.remaining);
      reply.header('ratelimit-reset', state.resetSeconds);
      if (state.allowed) return done();
      reply.header('retry-after', state.resetSeconds);
      done(new RateLimitedProblem(budget, state.limit, state.resetSeconds, weight));
    });

  },
  { name: 'rate-limit', dependencies: ['client-ledger'] },
);
