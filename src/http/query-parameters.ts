// What a route says about its query string, read from the route's own schema.
import type { FastifyRequest } from 'fastify';

/** The query parameters a route declares, from its Zod querystring schema. */
export function declaredQueryParameters(request: FastifyRequest): string[] {
  const schema = request.routeOptions.schema?.querystring as { shape?: Record<string, unknown> } | undefined;
  return schema?.shape ? Object.keys(schema.shape) : [];
}
