// Protections every request passes through, in the order they act: security headers, rate limits, load shedding,
// then body size, depth and media type. Register before any route: each documents the statuses it adds
// (429, 503, 413, 415) on the routes registered after it.
import fp from 'fastify-plugin';
import type { HardeningConfig } from '../config.js';
import securityHeadersPlugin from './security-headers.js';
import overloadPlugin from './overload.js';
import clientLedgerPlugin from './client-ledger.js';
import rateLimitPlugin from './rate-limit.js';
import requestBodyPlugin from './request-body.js';

export default fp<HardeningConfig>(
  async (app, config) => {
    await app.register(securityHeadersPlugin, { hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS });
    await app.register(clientLedgerPlugin);
    // Budgets before shedding: a request refused for load has spent its client's budget too, so a client that keeps
    // flooding an overloaded server soon hears 429 rather than a stream of 503s that cost it nothing.
    await app.register(rateLimitPlugin, {
      readsPerMinute: config.RATE_LIMIT_READS_PER_MINUTE,
      writesPerMinute: config.RATE_LIMIT_WRITES_PER_MINUTE,
    });
    await app.register(overloadPlugin, {
      maxEventLoopDelayMs: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedMb: config.OVERLOAD_MAX_HEAP_USED_MB,
      sampleIntervalMs: config.OVERLOAD_SAMPLE_INTERVAL_MS,
    });
    await app.register(requestBodyPlugin, { maxDepth: config.BODY_MAX_DEPTH });
  },
  { name: 'hardening', dependencies: ['errors'] },
);
