// Load shedding: while the event loop lags or the heap nears its limit, refuse new requests at once with 503 and
// `Retry-After` instead of queueing them until they time out (or the process runs out of memory). Refused first, and
// only: the clients whose requests took the most of the server's time lately (src/plugins/client-ledger.ts), so the
// clients causing the load are shed and the others keep being served. A load balancer polling /health sees the 503
// too and sends traffic elsewhere (unless it is the lightest client).
import { getHeapStatistics } from 'node:v8';
import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { clientOf } from './client-ledger.js';
import { RETRY_AFTER_HEADERS, type ResponsesFor } from '../http/operation-responses.js';

export interface OverloadOptions {
  /** 0 = never shed on event-loop delay. */
  maxEventLoopDelayMs: number;
  /** undefined = 90% of V8's heap limit; 0 = never shed on heap. */
  maxHeapUsedMb: number | undefined;
  sampleIntervalMs: number;
}

/** Long enough for a sampling interval or two to pass and the backlog to drain. */
const RETRY_AFTER_SECONDS = 10;
/** One warning per this many milliseconds while shedding, not one per refused request. */
const WARN_EVERY_MS = 10_000;

export class OverloadedProblem extends HttpProblem {
  constructor() {
    super(503, 'overloaded', `The server is overloaded. Retry in ${RETRY_AFTER_SECONDS} s.`);
  }
}

/** The 503 any operation answers while the server sheds load. Applied to every route by the OpenAPI plugin (src/plugins/openapi.ts), in one place. */
export const OVERLOAD_RESPONSES: ResponsesFor = () => ({
  503: {
    response: {
      ...problemResponse(
        `The server is overloaded (code \`overloaded\`); retry after \`Retry-After\` seconds.`,
      ),
      headers: RETRY_AFTER_HEADERS,
    },
    alsoMeans: 'Or: the server is overloaded (code `overloaded`); retry after `Retry-After` seconds.',
  },
});

export default fp<OverloadOptions>(
  async (app, { maxEventLoopDelayMs, maxHeapUsedMb, sampleIntervalMs }) => {
    const maxHeapUsedBytes =
      maxHeapUsedMb === undefined ? Math.floor(getHeapStatistics().heap_size_limit * 0.9) : maxHeapUsedMb * 1024 * 1024;
    let lastWarning = 0;
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxHeapUsedBytes,
      sampleInterval: sampleIntervalMs,
      pressureHandler: async (request, reply, type, value) => {
        // While the event loop lags, the clients whose requests cost least lately are still served: refusing
        // everyone alike would let one client's flood of exports deny the rest. A heap near its limit refuses
        // everyone: memory is not a client's to share, and running out of it ends the process.
        if (type === underPressure.TYPE_EVENT_LOOP_DELAY && !app.clientLedger.isHeavy(clientOf(request))) return;
        const now = Date.now();
        if (now - lastWarning >= WARN_EVERY_MS) {
          lastWarning = now;
          request.log.warn({ type, value }, 'overloaded: refusing requests with 503');
        }
        reply.header('retry-after', RETRY_AFTER_SECONDS);
        throw new OverloadedProblem();
      },
    });

  },
  { name: 'overload', dependencies: ['client-ledger'] },
);
