// Checks of the query string that the route schemas cannot make: its percent-encoding, and parameters given twice.
// In preValidation, not onRequest, so a refusal carries what every response carries (CORS and security headers)
// and counts against the rate limit. A callback hook, not an async one: it runs on every request and nearly always
// has nothing to do.
import { InvalidInput } from '../domain/refusal.js';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { HttpProblem, type ProblemFieldError } from '../http/problem.js';
import { declaredQueryParameters } from '../http/query-parameters.js';

/**
 * The query string's percent-encoding must decode to UTF-8. The query parser keeps a bad sequence such as `%ff`
 * as text, so `q=%ff` would quietly search for the wrong thing; it is refused instead, as a bad path is.
 */
function invalidQueryEncoding(url: string): boolean {
  const start = url.indexOf('?');
  if (start < 0 || url.indexOf('%', start) < 0) return false;
  try {
    decodeURIComponent(url.slice(start + 1).replaceAll('+', ' '));
    return false;
  } catch {
    return true;
  }
}

/**
 * What is wrong with a request's query string beyond its schema, if anything: percent-encoding that is not UTF-8
 * (the query parser would keep `%ff` as text and search for it), or a declared parameter given twice (which arrives
 * as an array, and its schema would refuse as "expected string"). Only for routes that declare query parameters:
 * the others (/health, writes) ignore the query string or refuse it whole.
 */
function queryStringProblem(request: FastifyRequest): HttpProblem | InvalidInput | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const badlyEncoded = invalidQueryEncoding(request.url);
  let repeated: string[] | undefined;
  for (const name in query) {
    if (Array.isArray(query[name])) (repeated ??= []).push(name);
  }
  if (!badlyEncoded && repeated === undefined) return undefined;
  const declared = declaredQueryParameters(request);
  if (declared.length === 0) return undefined;
  if (badlyEncoded) {
    return new HttpProblem(400, 'invalid_encoding', 'The query string is not valid percent-encoded UTF-8 (e.g. a stray % or an encoded byte that is not UTF-8).');
  }
  const errors = repeated!
    .filter((name) => declared.includes(name))
    .map((name): ProblemFieldError => {
      const several = declared.includes(`${name}[in]`) ? `; for several values use ${name}[in]=a,b` : '';
      return { location: 'query', name, message: `is given ${(query![name] as unknown[]).length} times; give it once${several}` };
    });
  // An undeclared parameter given twice is refused by name as unknown, by the schema.
  if (errors.length === 0) return undefined;
  return new InvalidInput(`Invalid query parameter: ${errors.map((e) => `'${e.name}': ${e.message}`).join('; ')}`, errors);
}

export default fp(
  async (app) => {
    app.addHook('preValidation', (request, _reply, done) => {
      done(queryStringProblem(request));
    });
  },
  { name: 'query-string' },
);
