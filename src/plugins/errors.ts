// The one error handler: every failure leaves as RFC 9457 problem+json with the request id. Statuses come from
// error types (HttpProblem, Fastify's own coded errors, Zod validation), never from message text; a 5xx never
// leaks internals.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Prisma } from '../generated/prisma/client.js';
import {
  HttpProblem,
  MAX_ERRORS_NOT_LISTED,
  MAX_LISTED_ERRORS,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TEXT_MAX,
  problemOf,
  problemResponse,
  type Problem,
  type ProblemCode,
  type ProblemFieldError,
} from '../http/problem.js';
import { RETRY_AFTER_HEADERS, type CommonResponse, type ResponsesFor } from '../http/operation-responses.js';
import { declaredQueryParameters } from '../http/query-parameters.js';
import { closestNames, didYouMean, MAX_SUGGESTIONS } from '../domain/suggest.js';
import { Refusal } from '../domain/refusal.js';
import type { CorsOrigins } from '../config.js';
import { corsHeadersFor } from './cors.js';
import { databaseFault, DatabaseUnavailableError, type DatabaseFault } from '../db/faults.js';

type Location = ProblemFieldError['location'];

/** `text`, or its first `max` UTF-16 units ending in `…` (never half of a surrogate pair). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept}…`;
}

/** A field error as listed: what it echoes of the request (a parameter's name) cut short. */
function listed(error: ProblemFieldError): ProblemFieldError {
  return {
    location: error.location,
    name: clip(error.name, PROBLEM_TEXT_MAX.fieldName),
    message: clip(error.message, PROBLEM_TEXT_MAX.message),
    ...(error.suggestions && error.suggestions.length > 0 ? { suggestions: error.suggestions.map((name) => clip(name, PROBLEM_TEXT_MAX.fieldName)) } : {}),
  };
}

/**
 * `detail` for invalid input: `Invalid <part>: '<name>': <message>; ...`, naming the listed errors and counting the
 * rest, within the length a problem's detail may have.
 */
function invalidInputDetail(part: string, errors: ProblemFieldError[]): string {
  const named = errors.slice(0, MAX_LISTED_ERRORS).map(listed).map((e) => (e.name ? `'${e.name}': ${e.message}` : e.message));
  const more = errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return clip(`Invalid ${part}: ${named.join('; ')}`, PROBLEM_TEXT_MAX.detail - more.length) + more;
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  fields: Pick<Problem, 'status' | 'detail' | 'code'> & { errors?: ProblemFieldError[]; suggestions?: string[] | undefined },
) {
  // However many errors a request has, the answer lists a bounded number: it must never be what amplifies an attack.
  const errors = fields.errors?.slice(0, MAX_LISTED_ERRORS).map(listed);
  const notListed = Math.min((fields.errors?.length ?? 0) - MAX_LISTED_ERRORS, MAX_ERRORS_NOT_LISTED);
  const problem: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[fields.status] ?? 'Error',
    status: fields.status,
    detail: clip(fields.detail, PROBLEM_TEXT_MAX.detail),
    instance: clip(request.url.split('?')[0] ?? request.url, PROBLEM_TEXT_MAX.instance),
    code: fields.code,
    requestId: String(request.id),
    ...(errors ? { errors } : {}),
    ...(fields.suggestions && fields.suggestions.length > 0 ? { suggestions: fields.suggestions.map((name) => clip(name, PROBLEM_TEXT_MAX.fieldName)) } : {}),
    ...(notListed > 0 ? { errorsNotListed: notListed } : {}),
  };
  return reply.status(fields.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Errors the database answered that are the client's to resolve (a unique clash, a broken relation, a record gone),
 * by Prisma's codes and PostgreSQL's SQLSTATE. Faults of the database itself are `databaseProblem`'s.
 */
function fromDatabaseError(error: unknown): Pick<Problem, 'status' | 'detail' | 'code'> | null {
  const sqlState = error instanceof Error && 'severity' in error && 'code' in error ? String(error.code) : undefined;
  if (sqlState === '23505') return { status: 409, code: 'conflict', detail: 'A record with the same unique value exists already.' };
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  switch (error.code) {
    case 'P2002':
      return { status: 409, code: 'conflict', detail: 'A record with the same unique value exists already.' };
    case 'P2003':
    case 'P2014':
      return { status: 409, code: 'conflict', detail: 'The write would break a relation between records.' };
    case 'P2025':
      return { status: 404, code: 'not_found', detail: 'The record does not exist (any more).' };
    default:
      return null;
  }
}

/** Seconds to suggest retrying after, by fault, when no circuit is open to say when it will try again. */
const RETRY_AFTER_SECONDS: Record<DatabaseFault, number> = { busy: 1, unavailable: 2, timeout: 2, full: 30 };

/**
 * A fault of the database as the client hears it: 503 with Retry-After (the database is busy, down, restarting or
 * hung: retry), or 507 for a full disk (writes fail until space is freed; reads go on). A write refused this way was
 * not made: its group never committed.
 */
function databaseProblem(fault: DatabaseFault, write: boolean): Pick<Problem, 'status' | 'detail' | 'code'> {
  const notMade = write ? ' The write was not made.' : '';
  switch (fault) {
    case 'busy':
      return { status: 503, code: 'busy', detail: 'The database is busy; retry shortly.' };
    case 'full':
      return { status: 507, code: 'insufficient_storage', detail: `The disk holding the database is full.${notMade} Reads still work; retry the write once space is freed.` };
    case 'timeout':
      return { status: 503, code: 'unavailable', detail: `The database did not answer in time.${notMade} Retry after Retry-After seconds.` };
    case 'unavailable':
      return { status: 503, code: 'unavailable', detail: `The database does not answer (it may be restarting).${notMade} Retry after Retry-After seconds.` };
  }
}

function validationLocation(context: string | undefined): Location {
  if (context === 'querystring') return 'query';
  if (context === 'params' || context === 'headers' || context === 'body') return context;
  return 'body';
}

/**
 * The statuses sent before any hook has run, by Node's HTTP parser (431) or the router (414): no hook has counted
 * the request against a rate limit, so these carry no rate-limit headers.
 */
export const SENT_BEFORE_ANY_HOOK: ReadonlySet<string> = new Set(['414', '431']);
/**
 * The statuses Node's HTTP parser sends on the socket before there is a request to read an Origin from (431): these
 * carry no CORS headers. The router's refusals (414, a path it cannot decode) do, as the hooks would add them.
 */
export const SENT_BEFORE_ANY_REQUEST: ReadonlySet<string> = new Set(['431']);

/**
 * Fastify's and its plugins' own errors, in this API's codes and words. Found by reading fastify/lib/errors.js for
 * every error with a 4xx status that a request (rather than a programming mistake at startup) can raise; the ones
 * the service's own parsers make unreachable today are mapped too, so a route that brings its own parser later
 * cannot leak `fst_*` codes. tests/contract/problem-codes.test.ts sends each reachable one.
 */
const FRAMEWORK_ERRORS: Record<string, { code: ProblemCode; detail?: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: { code: 'path_parameter_too_long', detail: 'A path parameter is far longer than any slug.' },
  FST_ERR_BAD_URL: {
    code: 'invalid_encoding',
    detail: 'The request path is not valid percent-encoded UTF-8 (e.g. a stray % or an encoded byte that is not UTF-8).',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: 'The Content-Type header is not a media type (type/subtype, e.g. application/json).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', detail: 'The request body is larger than this server accepts.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', detail: 'The body is not as long as its Content-Length says.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'empty_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json' },
  FST_ERR_VALIDATION: { code: 'invalid_request' },
  FST_ERR_NOT_FOUND: { code: 'not_found' },
  // @fastify/static (Swagger UI's files) refuses a path with a NUL byte or one that climbs out of its folder.
  FST_STATIC_FORBIDDEN_PATH: { code: 'forbidden', detail: 'This path is not served.' },
};

/** Which Fastify error becomes which code, for the test that reads Fastify's own list of errors. */
export const MAPPED_FRAMEWORK_ERRORS: Readonly<Record<string, ProblemCode>> = Object.fromEntries(
  Object.entries(FRAMEWORK_ERRORS).map(([name, { code }]) => [name, code]),
);

/**
 * Any other refusal a library raises (@fastify/send's 412 and 416 for the explorer's static files carry no code),
 * by its status; a status not listed is answered with `bad_request` and keeps its number.
 */
const CODE_BY_STATUS: Partial<Record<number, ProblemCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** A library's 4xx error as this API's code and words: its own detail when the error's message is all it has. */
function frameworkProblem(error: FastifyError, status: number): { code: ProblemCode; detail: string } {
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  return {
    code: known?.code ?? CODE_BY_STATUS[status] ?? 'bad_request',
    detail: known?.detail ?? (error.message || (STATUS_CODES[status] ?? 'The request was refused.')),
  };
}

/**
 * For Fastify's `frameworkErrors` option: errors the router raises before any route or error handler runs
 * (a malformed URL, a path parameter over `maxParamLength`) leave as problem details too, readable by the frontends
 * CORS_ORIGINS allows.
 */
export const frameworkErrorSender = (corsOrigins: CorsOrigins) => (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  // The router refuses before any hook runs, so the headers hooks add are set here (as the 431 path does).
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
  const origin = request.headers.origin;
  reply.headers(corsHeadersFor(corsOrigins, typeof origin === 'string' ? origin : undefined));
  const status = typeof error.statusCode === 'number' ? error.statusCode : 400;
  // Node passes on any request target it can read; the router calls one that is not a path (`*foo`) a bad URL,
  // which is no encoding problem. (A full URL, RFC 9112's absolute form, was made a path before routing: app.ts.)
  if (error.code === 'FST_ERR_BAD_URL' && !request.url.startsWith('/')) {
    return sendProblem(request, reply, { status: 400, code: 'bad_request', detail: NOT_A_PATH });
  }
  return sendProblem(request, reply, { status, ...frameworkProblem(error, status) });
};

const NOT_A_PATH = 'The request target is not a path: it must start with `/` (e.g. `/v1/chips`) or be a full URL.';

/**
 * For Fastify's `clientErrorHandler` option: a request Node's HTTP parser refuses (headers too large, a request
 * line it cannot read, a request that never finished arriving) never becomes a Fastify request, so this writes the
 * problem details on the socket itself, with a fresh request id to quote.
 */
export function sendClientError(this: { log: FastifyBaseLogger }, error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail]: [number, ProblemCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers (URL included) are larger than this server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request did not arrive in time.']
        : [
            400,
            'bad_request',
            'The request is not valid HTTP/1.1: its request line, a header or the framing of its body cannot be read ' +
              '(a URL must be ASCII: percent-encode other characters).',
          ];
  const requestId = randomUUID();
  // The code and Node's reason only: the error also carries the raw request as `rawPacket`, Authorization header
  // included, which must not reach a log at any level (the err serializer drops it too; see logging.ts).
  this.log.debug({ reqId: requestId, code: error.code, reason: error.message }, 'client error');
  // As Node's own handler does: no answer while a response on this socket has begun, which it would corrupt. A
  // request that times out after it was answered (a body still trickling in after a 401) gets its 408 and is closed.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!inFlight?.headersSent) writeProblemOnSocket(socket, { status, code, detail, requestId });
  socket.destroy(error);
}

/**
 * Writes a problem as a whole HTTP/1.1 response on a socket no Fastify request owns (a request Node's parser
 * refused, a CONNECT), then the connection closes. The request line may not have been read, and must not be echoed
 * if it was: the occurrence is named by a fresh request id.
 */
export function writeProblemOnSocket(
  socket: Duplex,
  { status, code, detail, requestId = randomUUID(), headers = {} }: { status: number; code: ProblemCode; detail: string; requestId?: string; headers?: Record<string, string> },
): void {
  if (!socket.writable) return;
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance: `urn:uuid:${requestId}`, code, requestId } satisfies Problem);
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.write(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\n` +
      `Cache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${body}`,
  );
}

/**
 * The known names closest to a value the schema refused: a value of a closed vocabulary (`kind=gpuu`, an item of
 * `kind[in]`), or those a refinement named itself (a sort field, a relation of `include=`).
 */
function suggestionsFor(issue: { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> }, sent: unknown): { suggestions?: string[] } {
  const own = (issue.params?.params as { suggestions?: unknown } | undefined)?.suggestions;
  if (Array.isArray(own)) return own.length > 0 ? { suggestions: own.map(String).slice(0, MAX_SUGGESTIONS) } : {};
  const values = issue.params?.values;
  if (issue.keyword !== 'invalid_value' || !Array.isArray(values)) return {};
  let value = sent;
  for (const segment of issue.instancePath.split('/').slice(1)) {
    // A query list is still its comma-separated text here: its n-th item is the n-th piece.
    if (typeof value === 'string' && /^\d+$/.test(segment)) value = value.split(',')[Number(segment)];
    else value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (typeof value !== 'string') return {};
  const suggestions = closestNames(value, values.map(String));
  return suggestions.length > 0 ? { suggestions } : {};
}

/** What the client sent in one part of the request, as the schemas validated it. */
function sentIn(request: FastifyRequest, location: Location): unknown {
  switch (location) {
    case 'query':
      return request.query;
    case 'params':
      return request.params;
    case 'headers':
      return request.headers;
    default:
      return request.body;
  }
}

/**
 * Whether the client left out the value at a JSON-pointer-like path (`/parties/0/vendor`): its object is there
 * and lacks the key. A path into something that is not an object (an item of a comma list, still a string when
 * checked) is not "left out".
 */
function leftOut(root: unknown, pointer: string): boolean {
  let value = root;
  for (const segment of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return false;
    if (!Object.hasOwn(value, segment)) return true;
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined;
}

/** A route URL as a matcher for concrete paths: each `:param` stands for one path segment. */
function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  // Exact: Fastify does not ignore trailing slashes, so '/v1/stats/' is no route, whatever method asks.
  return new RegExp(`^${escaped}$`);
}

function allowedMethods(routes: readonly { pattern: RegExp; methods: string[] }[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (route.pattern.test(path)) route.methods.forEach((method) => methods.add(method));
  return [...methods].sort();
}

/**
 * Why a query parameter is unknown, in the most useful words: `date[gt]` on a field that has other operators
 * names the operators it has, so a client fixes the operator rather than the field.
 */
function unknownQueryParameter(key: string, declared: readonly string[]): Pick<ProblemFieldError, 'message' | 'suggestions'> {
  const operator = /^([^[\]]+)\[([^\]]*)\]$/.exec(key);
  if (operator) {
    const [, field, op] = operator as unknown as [string, string, string];
    const forField = declared.filter((name) => name === field || name.startsWith(`${field}[`));
    if (forField.length > 0) return { message: `'${op}' is not an operator for '${field}'; use ${forField.join(', ')}`, suggestions: forField.slice(0, MAX_SUGGESTIONS) };
  }
  const suggestions = closestNames(key, declared, QUERY_PARAMETER_SYNONYMS);
  return { message: `is not a known query parameter${didYouMean(suggestions)}`, ...(suggestions.length > 0 ? { suggestions } : {}) };
}

/**
 * Names users try for a parameter this API calls otherwise (other APIs' words, a role for the filter that names
 * it): suggested when the list has the parameter they point to.
 */
const QUERY_PARAMETER_SYNONYMS: Record<string, string[]> = {
  designer: ['vendor'],
  maker: ['vendor', 'partner'],
  manufacturer: ['partner'],
  company: ['vendor'],
  vendor: ['company'],
  startup: ['company'],
  investors: ['investor'],
  backer: ['investor'],
  party: ['vendor'],
  search: ['q'],
  query: ['q'],
  name: ['q'],
  type: ['kind'],
  order: ['sort'],
  orderby: ['sort'],
  order_by: ['sort'],
  sort_by: ['sort'],
  sortby: ['sort'],
  page_size: ['limit'],
  pagesize: ['limit'],
  per_page: ['limit'],
  size: ['limit'],
  page: ['cursor'],
  offset: ['cursor'],
  after: ['cursor'],
  expand: ['include'],
  embed: ['include'],
  select: ['fields'],
};

// The router refuses an over-long path parameter (see `maxParamLength` in app.ts) on every route that has one.
// And Node's HTTP parser refuses oversized headers before any route runs (431): any operation can get one.
// Any operation can also fail unexpectedly: a 500 is a problem like the rest, and says nothing of why.
/** What any operation can meet whatever it does: oversized headers (431), an unexpected failure (500), a failing database (503, 507 for writes on a full disk), an over-long path parameter (414). Applied to every route by the OpenAPI plugin (src/plugins/openapi.ts), in one place. */
export const ERROR_RESPONSES: ResponsesFor = (route) => {
  const responses: Record<number, CommonResponse> = {
    431: { response: problemResponse('The request headers (URL included) are larger than the server accepts (16 KiB).') },
    500: {
      response: problemResponse('The server failed unexpectedly (code `internal_error`); quote `requestId` when reporting it.'),
    },
  };
  if (route.url.includes(':')) {
    responses[414] = { response: problemResponse('A path parameter is far longer than any slug (over 200 characters).') };
  }
  // Any operation can meet a failing database: refused at once with 503 while it fails, rather than waiting.
  responses[503] = {
    response: {
      ...problemResponse(
        'The database is busy (code `busy`), or down, restarting or hung (code `unavailable`); retry after `Retry-After` ' +
          'seconds. A write refused this way was not made.',
      ),
      headers: RETRY_AFTER_HEADERS,
    },
    alsoMeans: 'Or: the database is busy (`busy`), or down, restarting or hung (`unavailable`); retry after `Retry-After` seconds.',
  };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.some((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method))) {
    responses[507] = {
      response: {
        ...problemResponse('The disk holding the database is full (code `insufficient_storage`): the write was not made. Reads still work.'),
        headers: RETRY_AFTER_HEADERS,
      },
    };
  }
  return responses;
};

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(error)) {
        const location = validationLocation(error.validationContext);
        const errors = error.validation.flatMap((issue): ProblemFieldError[] => {
          const name = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
          // Name each unknown key on its own, so a client sees which parameter it misspelled.
          const unknownKeys = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
          if (Array.isArray(unknownKeys)) {
            const declared = location === 'query' ? declaredQueryParameters(request) : [];
            return unknownKeys.map((key) => ({
              location,
              name: name ? `${name}.${String(key)}` : String(key),
              ...(location === 'query' ? unknownQueryParameter(String(key), declared) : { message: 'is not a known field' }),
            }));
          }
          const suggestions = suggestionsFor(issue, sentIn(request, location));
          // Zod words a missing value as a type or option error ("expected string, received undefined"); say it
          // plainly. A custom refinement's own message (which other field makes this one needed) is kept.
          const missing = ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.keyword) && leftOut(sentIn(request, location), issue.instancePath);
          const stated = missing ? 'is required' : (issue.message ?? 'is invalid');
          // A refinement that suggests says so in its own words; a vocabulary's refusal gets them added.
          const message = issue.keyword === 'invalid_value' ? `${stated}${didYouMean(suggestions.suggestions ?? [])}` : stated;
          // Query parameters are flat: name the parameter, and say which list item is wrong inside the message.
          if (location === 'query' && name.includes('.')) {
            const [parameter, ...rest] = name.split('.');
            const item = Number(rest[0]);
            return [{ location, name: parameter!, message: Number.isInteger(item) ? `item ${item + 1}: ${message}` : message, ...suggestions }];
          }
          return [{ location, name, message, ...suggestions }];
        });
        return sendProblem(request, reply, {
          status: 400,
          code: 'invalid_request',
          detail: invalidInputDetail(location === 'query' ? 'query parameter' : location, errors),
          errors,
        });
      }
      if (error instanceof Refusal) error = problemOf(error);
      if (error instanceof HttpProblem) {
        if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="ai-chip-atlas"');
        return sendProblem(request, reply, {
          status: error.status,
          code: error.code,
          detail: error.message,
          ...(error.errors ? { errors: error.errors } : {}),
          suggestions: error.suggestions,
        });
      }
      const write = request.method !== 'GET' && request.method !== 'HEAD';
      if (error instanceof DatabaseUnavailableError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(request, reply, databaseProblem(error.fault, write));
      }
      const fault = databaseFault(error);
      if (fault) {
        // Logged once per request, without the statement: enough to see an outage in the logs.
        request.log.warn({ fault, err: { type: (error as Error).name, message: (error as Error).message } }, 'database fault');
        const circuit = write ? app.writes.circuit : app.reader.circuit;
        const retryAfter = circuit && circuit.state !== 'closed' ? circuit.retryAfterSeconds : RETRY_AFTER_SECONDS[fault];
        reply.header('retry-after', String(retryAfter));
        return sendProblem(request, reply, databaseProblem(fault, write));
      }
      const answered = fromDatabaseError(error);
      if (answered) return sendProblem(request, reply, answered);
      // QUERY (RFC 10008) is a method Fastify knows and no route here answers; without a Content-Type Fastify
      // refuses it before routing would, as a 400 of its own. It is what any other unanswered method gets.
      if (error.code === 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE') return notFoundOrNotAllowed(request, reply);
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500) {
        // Fastify's and its plugins' own client errors (a wrong media type, a static file's range) carry safe messages.
        return sendProblem(request, reply, { status, ...frameworkProblem(error, status) });
      }
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, {
        status: status >= 500 && status < 600 ? status : 500,
        code: 'internal_error',
        detail: 'The server could not complete the request. Quote the request id when reporting it.',
      });
    });


    // Which methods each route path answers, so a known path asked with another method is a 405, not a 404.
    const routes: { pattern: RegExp; methods: string[] }[] = [];
    app.addHook('onRoute', (route) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) => method !== 'OPTIONS');
      if (methods.length > 0) routes.push({ pattern: routePattern(route.url), methods });
    });

    function notFoundOrNotAllowed(request: FastifyRequest, reply: FastifyReply) {
      const path = request.url.split('?')[0] ?? request.url;
      const allowed = request.method === 'OPTIONS' ? [] : allowedMethods(routes, path);
      // A wildcard route (Swagger UI's files) that answers this method but has no such file: not found, not a 405
      // claiming the method is not answered while listing it.
      if (allowed.length > 0 && !allowed.includes(request.method)) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(request, reply, {
          status: 405,
          code: 'method_not_allowed',
          detail: `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`,
        });
      }
      return sendProblem(request, reply, { status: 404, code: 'not_found', detail: `No route ${request.method} ${path}.` });
    }

    app.setNotFoundHandler(notFoundOrNotAllowed);
  },
  { name: 'errors' },
);
