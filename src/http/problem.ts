// RFC 9457 problem details: the one error shape of the API, and the typed errors handlers throw to get it.
import { STATUS_CODES } from 'node:http';
import type { Refusal, RefusalCode } from '../domain/refusal.js';
import { z } from 'zod';
import { MAX_SUGGESTIONS } from '../domain/suggest.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * A request id: minted as a UUID, or a caller's own (from a proxy) when it is short and plain enough that it cannot
 * smuggle anything into logs or headers.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The most invalid parameters or fields one problem lists. A request can be wrong in as many ways as it has
 * parameters (a URL of 15 KB held 2,000 unknown ones, and their 400 weighed 238 KB): past this, `errorsNotListed`
 * counts the rest, so an answer stays a few KB whatever was sent.
 */
export const MAX_LISTED_ERRORS = 20;

/**
 * The longest each text of a problem may be. Most are this API's own words; a field's name and a path echo what the
 * client sent and are cut short (ending in `…`) past these.
 */
export const PROBLEM_TEXT_MAX = { title: 100, detail: 2000, instance: 1024, code: 64, requestId: 64, fieldName: 200, message: 500 } as const;

/** A request id as the API sends it (`X-Request-Id`, a problem's `requestId`, a revision's). */
export const RequestIdSchema = z.string().max(PROBLEM_TEXT_MAX.requestId).regex(REQUEST_ID_PATTERN);

/** No request holds more errors than bytes, and none is larger than this (a body at BODY_LIMIT_BYTES' maximum). */
export const MAX_ERRORS_NOT_LISTED = 16 * 1024 * 1024;

/**
 * Every `code` a problem can carry, with what it means: the one list, which the document publishes as the
 * `ProblemCode` enum, so a client can switch on codes and a response with any other code breaks the document
 * (the test suite checks every response against it). Errors raised by Fastify and its plugins are mapped onto
 * these in src/plugins/errors.ts; none of their own codes reaches a client.
 */
export const PROBLEM_CODES = {
  invalid_request: 'A parameter, header or body field breaks its schema; `errors` names each one.',
  bad_request: 'The request cannot be read: not valid HTTP, or refused for a reason with no more specific code.',
  invalid_encoding: 'Bytes that are not UTF-8, in the body or percent-encoded in the path or query string.',
  invalid_json: 'The body is not valid JSON.',
  empty_body: 'A body declared as JSON is empty (on an operation that takes a body).',
  body_too_deep: 'The JSON body nests objects and arrays deeper than the server accepts.',
  forbidden_key: 'The JSON body has a `__proto__` or `constructor.prototype` key.',
  duplicate_key: 'The JSON body gives one key twice in one object.',
  unauthorized: 'A write without a valid API key.',
  writes_disabled: 'A write to a server that has no API key configured.',
  forbidden: 'A path the server refuses to serve (outside the API, e.g. a hidden file of the explorer).',
  not_found: 'No route, or no record, at this path.',
  method_not_allowed: 'The path exists but does not answer this method; `Allow` lists those it does.',
  request_timeout: 'The request did not arrive in time.',
  conflict: 'The write would clash with a unique value or break a relation between records.',
  slug_taken: 'A record with this slug exists already.',
  quote_taken: 'Another source already quotes this passage.',
  source_cited: "A cited source's quote cannot change.",
  text_taken: 'Another document already holds exactly this text; `detail` names it.',
  document_cited: "A document's text cannot change once a passage quotes it: add the correction as a new document that `supersedes` it.",
  text_too_large: "A document's text is larger than the server keeps (`DOCUMENT_TEXT_MAX_BYTES`, UTF-8 bytes).",
  has_dependents: 'Other records depend on this one; change those first, or delete with `cascade=true`.',
  would_orphan: 'The delete would leave another record without any source or party.',
  precondition_failed: '`If-Match` (or another precondition) does not match the current representation.',
  body_too_large: 'The body is larger than the server accepts.',
  path_parameter_too_long: 'A path parameter is far longer than any slug.',
  unsupported_media_type: 'The body is not `application/json` (or its Content-Type cannot be parsed).',
  unsupported_content_encoding: 'The body is compressed (`Content-Encoding` other than `identity`).',
  range_not_satisfiable: "A `Range` outside the file asked for (the explorer's static files).",
  idempotency_key_reused: 'The `Idempotency-Key` was used before with another request.',
  rate_limited: 'The client used up its budget of reads or writes for the minute; `Retry-After` says when to retry.',
  headers_too_large: 'The request headers (URL included) are larger than the server accepts.',
  asterisk_form_target: 'A request target of `*` (asterisk form) with a method other than OPTIONS: no resource is named.',
  expectation_failed: 'An `Expect` header the server cannot meet (it meets `100-continue` only).',
  internal_error: 'The server failed; quote the request id when reporting it.',
  busy: 'The database is busy; retry shortly.',
  overloaded: 'The server is shedding load; `Retry-After` says when to retry.',
  unavailable: 'The database does not answer, or not in time (down, restarting or hung); `Retry-After` says when to retry.',
  insufficient_storage: 'The disk holding the database is full: the write was not made. Reads still work.',
} as const satisfies Record<string, string>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const ProblemCodeSchema = z
  .enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]])
  .meta({
    id: 'ProblemCode',
    description: `Machine-readable problem code, one of:\n\n${Object.entries(PROBLEM_CODES)
      .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
      .join('\n')}`,
    example: 'not_found',
  });

export const ProblemFieldErrorSchema = z
  .object({
    location: z.enum(['query', 'params', 'body', 'headers']).describe('Which part of the request is wrong.'),
    name: z.string().max(PROBLEM_TEXT_MAX.fieldName).describe('The parameter or field, as a dotted path (empty for the whole part).'),
    message: z.string().max(PROBLEM_TEXT_MAX.message).describe('What is wrong with it.'),
    suggestions: z
      .array(z.string().max(PROBLEM_TEXT_MAX.fieldName))
      .max(MAX_SUGGESTIONS)
      .optional()
      .describe(
        'The known names closest to what was sent (a parameter, sort field, value or slug), nearest first: what the ' +
          'client probably meant. Absent when nothing known is close.',
      ),
  })
  .meta({ id: 'ProblemFieldError', description: 'One invalid parameter or field.' });

export const ProblemSchema = z
  .object({
    type: z
      .literal('about:blank')
      .describe('A URI reference naming the problem type; always `about:blank` here: the status and `code` say it all.'),
    title: z.string().max(PROBLEM_TEXT_MAX.title).describe('Short summary of the problem type: the status code\'s reason phrase.'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().max(PROBLEM_TEXT_MAX.detail).describe('What went wrong in this request, in words.'),
    instance: z
      .string()
      .max(PROBLEM_TEXT_MAX.instance)
      .describe(
        'The request path this problem is about (cut short past 1,024 characters); `urn:uuid:<requestId>` when the ' +
          'request was refused before its path could be read (headers too large, not valid HTTP), since what arrived must not be echoed.',
      ),
    code: ProblemCodeSchema,
    requestId: RequestIdSchema.describe('The request id, also sent as the `X-Request-Id` header; quote it when reporting.'),
    errors: z
      .array(ProblemFieldErrorSchema)
      .max(MAX_LISTED_ERRORS)
      .optional()
      .describe(`The invalid parameters or fields, when there are any: every one, or the first ${MAX_LISTED_ERRORS}.`),
    suggestions: z
      .array(z.string().max(PROBLEM_TEXT_MAX.fieldName))
      .max(MAX_SUGGESTIONS)
      .optional()
      .describe('For a record not found: the slugs of the same kind closest to the one asked for, nearest first. Absent when none is close.'),
    errorsNotListed: z
      .number()
      .int()
      .min(1)
      .max(MAX_ERRORS_NOT_LISTED)
      .optional()
      .describe(`How many more invalid parameters or fields there are beyond the ${MAX_LISTED_ERRORS} in \`errors\`; absent when all are listed.`),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem details object, sent as `application/problem+json`.',
    example: {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: "No chip with slug 'maia-200'.",
      instance: '/v1/chips/maia-200',
      code: 'not_found',
      requestId: 'req-1',
    },
  });

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemFieldError = z.infer<typeof ProblemFieldErrorSchema>;

/** An error that maps to a 4xx problem; the status comes from the class, never from the message. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    detail: string,
    readonly errors?: ProblemFieldError[],
    /** What the client probably meant, for the problem's own `suggestions` (a slug not found). */
    readonly suggestions?: string[],
  ) {
    super(detail);
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error';
  }
}

/** The status each refusal of the rules (src/domain/refusal.ts) answers with: where the domain meets HTTP. */
const REFUSAL_STATUS = {
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  slug_taken: 409,
  quote_taken: 409,
  source_cited: 409,
  text_taken: 409,
  document_cited: 409,
  text_too_large: 413,
  has_dependents: 409,
  would_orphan: 409,
  precondition_failed: 412,
  idempotency_key_reused: 422,
} as const satisfies Record<RefusalCode, number>;

/** A refusal of the rules as the problem it is sent as. */
export function problemOf(refusal: Refusal): HttpProblem {
  return new HttpProblem(REFUSAL_STATUS[refusal.code], refusal.code, refusal.message, refusal.errors, refusal.suggestions);
}

/** A documented problem response for a route schema. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
