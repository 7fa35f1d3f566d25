// API-key authentication for writes. Reads stay public. Keys arrive as `Authorization: Bearer <key>`, are
// compared as SHA-256 digests in constant time against every configured key, and are never logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { ApiKey } from '../config.js';
import { credentialParameters } from '../logging.js';
import { HttpProblem } from '../http/problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for write routes: sets `request.actor` or refuses with 401/403. */
    requireWriteKey: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** The name of the API key that authenticated this request. */
    actor?: string;
  }
}

export class UnauthorizedProblem extends HttpProblem {
  constructor(detail: string) {
    super(401, 'unauthorized', detail);
  }
}

function countRawHeaders(rawHeaders: string[], name: string): number {
  let count = 0;
  // rawHeaders alternates name, value; names keep the client's spelling, so compare case-insensitively.
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]!.toLowerCase() === name) count += 1;
  }
  return count;
}

export default fp<{ apiKeys: ApiKey[] }>(
  async (app, { apiKeys }) => {
    app.decorateRequest('actor', undefined);
    app.decorate('requireWriteKey', async (request: FastifyRequest) => {
      if (apiKeys.length === 0) {
        throw new HttpProblem(403, 'writes_disabled', 'Writes are disabled: the server has no API key configured.');
      }
      // Node keeps only the first of repeated Authorization headers; a request carrying two is ambiguous about
      // who is asking (a proxy may have judged the other one), so it is refused rather than half-read.
      if (countRawHeaders(request.raw.rawHeaders, 'authorization') > 1) {
        throw new UnauthorizedProblem('Send exactly one Authorization header; this request carries several.');
      }
      const header = request.headers.authorization;
      if (header === undefined) {
        const inQuery = credentialParameters(request.url);
        if (inQuery.length > 0) {
          throw new UnauthorizedProblem(
            `API keys are never read from the query string ('${inQuery[0]}'), where logs and browser histories keep them: ` +
              'send `Authorization: Bearer <key>` instead.',
          );
        }
        throw new UnauthorizedProblem('This operation needs an API key: send `Authorization: Bearer <key>`.');
      }
      // The scheme name is case-insensitive (RFC 9110 §11.1); the key itself is not.
      const match = /^Bearer ([\x21-\x7E]{1,512})$/i.exec(header);
      if (!match) {
        throw new UnauthorizedProblem('The Authorization header must be `Bearer <key>`, with one key.');
      }
      const presented = createHash('sha256').update(match[1]!, 'utf8').digest();
      // Compare with every key, not stopping at a match, so timing says nothing about which key (if any) matched.
      let actor: string | undefined;
      for (const key of apiKeys) {
        if (timingSafeEqual(presented, key.sha256) && actor === undefined) actor = key.name;
      }
      if (actor === undefined) throw new UnauthorizedProblem('The API key is not valid.');
      request.actor = actor;
    });
  },
  { name: 'auth' },
);
