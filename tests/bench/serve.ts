// A server for the benchmark, in its own process so the load generator does not share its event loop:
//   serve.ts app <database url>  — the API as served in production, without the per-client rate limit (one
//                                  load generator on loopback is a single client and would only measure the limiter);
//   serve.ts bare <body file>    — Fastify's ceiling: one route sending the same bytes with nothing else to do.
// Prints its address as one line on stdout once listening.
import { readFile } from 'node:fs/promises';
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const [mode, argument] = process.argv.slice(2);
if (!argument || (mode !== 'app' && mode !== 'bare')) throw new Error('usage: serve.ts app <database url> | bare <body file>');

const server =
  mode === 'app'
    ? await buildApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_READS_PER_MINUTE: '0', DATABASE_URL: argument }))
    : await (async () => {
        const body = await readFile(argument, 'utf8');
        const bare = Fastify({ logger: false });
        bare.get('/*', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
        return bare;
      })();
const address = await server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
