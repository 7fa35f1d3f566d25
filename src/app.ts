// Composes the service: every plugin and route, in load order. Nothing here listens; see server.ts.
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import { logSerializers } from './logging.js';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_CACHE_MAX_AGE_SECONDS, hardeningConfig, type Config, type HardeningConfig } from './config.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin, { frameworkErrorSender, sendClientError } from './plugins/errors.js';
import { REQUEST_ID_PATTERN } from './http/problem.js';
import drainPlugin from './plugins/drain.js';
import queryStringPlugin from './plugins/query-string.js';
import protocolPlugin, { originForm } from './plugins/protocol.js';
import hardeningPlugin from './plugins/hardening.js';
import corsPlugin from './plugins/cors.js';
import httpCachePlugin from './plugins/http-cache.js';
import openapiPlugin from './plugins/openapi.js';
import authPlugin from './plugins/auth.js';
import dashboardPlugin from './plugins/dashboard.js';
import fragmentCachePlugin from './plugins/fragment-cache.js';
import responseCachePlugin from './plugins/response-cache.js';
import compressionPlugin from './plugins/compression.js';
import healthRoutes from './health/routes.js';
import chips from './chips/index.js';
import vendors from './vendors/index.js';
import fundingRounds from './funding-rounds/index.js';
import deals from './deals/index.js';
import sources from './sources/index.js';
import documents from './documents/index.js';
import statements from './statements/index.js';
import eventRoutes from './events/routes.js';
import graphRoutes from './graph/routes.js';
import searchRoutes from './search/routes.js';
import statsRoutes from './stats/routes.js';
import { DEFAULT_EXPORT_LIMITS } from './http/resource-routes.js';

/**
 * Every phase of a request ends within `timeoutMs` of its first byte, whatever the client does. Without these a
 * stalled client holds its socket forever (Fastify's defaults are 0 = no limit), and a trickling one, never idle,
 * for as long as it likes.
 */
function serverTimeouts(timeoutMs: number) {
  // Node enforces the request and header timeouts only when this timer looks (every 30 s by default): a body
  // trickled at a byte a second outlived a 15 s limit four to five times over. A tenth of the timeout, at most 1 s,
  // bounds the overshoot; each look is one pass over the open connections.
  const checkEveryMs = Math.max(50, Math.min(1000, Math.floor(timeoutMs / 10)));
  return {
    // The whole request, headers and body.
    requestTimeout: timeoutMs,
    // A socket with no traffic at all: one that never starts a request. Later than the request timeout, so that a
    // request stalled midway is answered 408 (problem details) rather than cut without a word.
    connectionTimeout: timeoutMs + 2 * checkEveryMs,
    http: {
      // The header phase alone; Node's default is 60 s whatever requestTimeout says.
      headersTimeout: timeoutMs,
      connectionsCheckingInterval: checkEveryMs,
      // Node would refuse an HTTP/1.1 request without Host with a bare 400 of its own; src/plugins/protocol.ts refuses
      // it as problem details, as it does two Host headers.
      requireHostHeader: false,
    },
  };
}

export type AppConfig = Pick<Config, 'DATABASE_URL' | 'LOG_LEVEL' | 'REQUEST_TIMEOUT_MS'> &
  Partial<
    Pick<
      Config,
      'API_KEYS' | 'SEED_DIR' | 'CACHE_MAX_AGE_SECONDS' | 'CORS_ORIGINS' | 'RESPONSE_CACHE_MB' | 'FRAGMENT_CACHE_MB' | 'IDEMPOTENCY_KEY_TTL_SECONDS' | 'EXPORT_STALL_MS' | 'EXPORT_TIMEOUT_MS' | 'DOCUMENT_TEXT_MAX_BYTES'
    >
  > &
  Partial<HardeningConfig>;

export interface BuildAppOptions {
  /** The process's logger (server.ts shares it with startup work); without one the app makes its own. */
  logger?: FastifyBaseLogger;
}

export async function buildApp(config: AppConfig, options: BuildAppOptions = {}) {
  const hardening = hardeningConfig(config);
  const app = Fastify({
    // Rate limits count per client IP: behind a proxy, its X-Forwarded-For says who the client is.
    trustProxy: hardening.TRUST_PROXY,
    bodyLimit: hardening.BODY_LIMIT_BYTES,
    ...(options.logger ? { loggerInstance: options.logger } : { logger: { level: config.LOG_LEVEL, serializers: logSerializers } }),
    ...serverTimeouts(config.REQUEST_TIMEOUT_MS),
    // Slugs are at most 80 characters and validated by their schema (a clear 400 naming `slug`); only a path
    // parameter longer than this never reaches a route and is refused by the router (414).
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorSender(config.CORS_ORIGINS ?? []),
    rewriteUrl: (request) => originForm(request.url ?? '/'),
    clientErrorHandler: sendClientError,
    // Honour a caller's id (from a proxy) when it is short and plain; otherwise mint one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(drainPlugin);
  await app.register(queryStringPlugin);
  // CORS first: preflights are answered, and refusals (429, 503) readable by frontends, whatever comes after.
  await app.register(corsPlugin, { origins: config.CORS_ORIGINS ?? [] });
  await app.register(hardeningPlugin, hardening);
  // After the hardening: its refusals carry the security headers and count against the rate limit like any.
  await app.register(protocolPlugin);
  await app.register(httpCachePlugin, { maxAgeSeconds: config.CACHE_MAX_AGE_SECONDS ?? DEFAULT_CACHE_MAX_AGE_SECONDS });
  await app.register(databasePlugin, { databaseUrl: config.DATABASE_URL });
  await app.register(openapiPlugin);
  await app.register(authPlugin, { apiKeys: config.API_KEYS ?? [] });
  // Last of the hooks: CORS, rate limits and security headers run before a cached answer is sent. Off unless
  // configured (server.ts passes the default), so tests that write behind the API's back see fresh data.
  if ((config.RESPONSE_CACHE_MB ?? 0) > 0) {
    await app.register(responseCachePlugin, { maxBytes: Math.floor(config.RESPONSE_CACHE_MB! * 1024 * 1024) });
  }
  // Off unless configured, for the same reason.
  if ((config.FRAGMENT_CACHE_MB ?? 0) > 0) {
    await app.register(fragmentCachePlugin, { maxBytes: Math.floor(config.FRAGMENT_CACHE_MB! * 1024 * 1024) });
  } else {
    app.decorate('fragments', null);
  }
  // After the caches: what they keep is the uncompressed answer; each coding of it is made once, by its entity tag.
  await app.register(compressionPlugin);

  await app.register(dashboardPlugin);
  await app.register(healthRoutes);
  const writing = { idempotencyWindowSeconds: config.IDEMPOTENCY_KEY_TTL_SECONDS };
  const reading = {
    exports: {
      stallMs: config.EXPORT_STALL_MS ?? DEFAULT_EXPORT_LIMITS.stallMs,
      totalMs: config.EXPORT_TIMEOUT_MS ?? DEFAULT_EXPORT_LIMITS.totalMs,
    },
  };
  await app.register(
    async (v1) => {
      for (const resource of [chips, vendors, fundingRounds, deals, sources, statements]) await v1.register(resource, { reading, writing });
      await v1.register(documents, { reading, writing, maxTextBytes: config.DOCUMENT_TEXT_MAX_BYTES });
      await v1.register(eventRoutes);
      await v1.register(graphRoutes);
      await v1.register(searchRoutes);
      await v1.register(statsRoutes);
    },
    { prefix: '/v1' },
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
