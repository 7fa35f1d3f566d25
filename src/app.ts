// Composes the service: every plugin and route, in load order. Nothing here listens; see server.ts.
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin, { sendFrameworkError } from './plugins/errors.js';
import openapiPlugin from './plugins/openapi.js';
import authPlugin from './plugins/auth.js';
import vendorWriteRoutes from './vendors/writes.js';
import articlePlugin from './plugins/article.js';
import sourceRoutes from './sources/routes.js';
import { sourceWrites } from './sources/writes.js';
import { writeRoutes } from './shared/write-routes.js';
import healthRoutes from './health/routes.js';
import vendorRoutes from './vendors/routes.js';
import chipRoutes from './chips/routes.js';
import fundingRoundRoutes from './funding-rounds/routes.js';
import dealRoutes from './deals/routes.js';

/** A caller's request id is reused only when it cannot smuggle anything into logs or headers. */
const TRUSTWORTHY_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type AppConfig = Pick<Config, 'DATABASE_URL' | 'LOG_LEVEL' | 'REQUEST_TIMEOUT_MS'> &
  Partial<Pick<Config, 'API_KEYS' | 'SEED_DIR'>>;

export interface BuildAppOptions {
  /** The process's logger (server.ts shares it with startup work); without one the app makes its own. */
  logger?: FastifyBaseLogger;
}

export async function buildApp(config: AppConfig, options: BuildAppOptions = {}) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: { level: config.LOG_LEVEL } }),
    // Without these, a stalled client holds its socket forever (Fastify's defaults are 0 = no limit).
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    // Slugs are at most 80 characters and validated by their schema (a clear 400 naming `slug`); only a path
    // parameter longer than this never reaches a route and is refused by the router (414).
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendFrameworkError,
    // Honour a caller's id (from a proxy) when it is short and plain; otherwise mint one.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && TRUSTWORTHY_REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(databasePlugin, { databaseUrl: config.DATABASE_URL });
  await app.register(openapiPlugin);
  await app.register(authPlugin, { apiKeys: config.API_KEYS ?? [] });
  await app.register(articlePlugin, { seedDir: config.SEED_DIR ?? 'seed' });

  await app.register(healthRoutes);
  await app.register(
    async (v1) => {
      await v1.register(chipRoutes);
      await v1.register(vendorRoutes);
      await v1.register(vendorWriteRoutes);
      await v1.register(fundingRoundRoutes);
      await v1.register(dealRoutes);
      await v1.register(sourceRoutes);
      await v1.register(writeRoutes(sourceWrites(app.article)));
    },
    { prefix: '/v1' },
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
