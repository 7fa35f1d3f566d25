// RFC 9457 problem details: the one error shape of the API, and the typed errors handlers throw to get it.
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

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

/** No request holds more errors than bytes, and none is larger than this (a body at BODY_LIMIT_BYTES' maximum). */
export const MAX_ERRORS_NOT_LISTED = 16 * 1024 * 1024;

export const ProblemFieldErrorSchema = z
  .object({
    location: z.enum(['query', 'params', 'body', 'headers']).describe('Which part of the request is wrong.'),
    name: z.string().max(PROBLEM_TEXT_MAX.fieldName).describe('The parameter or field, as a dotted path (empty for the whole part).'),
    message: z.string().max(PROBLEM_TEXT_MAX.message).describe('What is wrong with it.'),
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
    instance: z.string().max(PROBLEM_TEXT_MAX.instance).describe('The request path this problem is about (cut short past 1,024 characters).'),
    code: z
      .string()
      .max(PROBLEM_TEXT_MAX.code)
      .regex(/^[a-z0-9_]+$/)
      .describe('Machine-readable problem code, e.g. `not_found`, `invalid_request`.'),
    requestId: z
      .string()
      .max(PROBLEM_TEXT_MAX.requestId)
      .regex(REQUEST_ID_PATTERN)
      .describe('The request id, also sent as the `X-Request-Id` header; quote it when reporting.'),
    errors: z
      .array(ProblemFieldErrorSchema)
      .max(MAX_LISTED_ERRORS)
      .optional()
      .describe(`The invalid parameters or fields, when there are any: every one, or the first ${MAX_LISTED_ERRORS}.`),
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
    readonly code: string,
    detail: string,
    readonly errors?: ProblemFieldError[],
  ) {
    super(detail);
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error';
  }
}

export class NotFoundProblem extends HttpProblem {
  constructor(detail: string) {
    super(404, 'not_found', detail);
  }
}

export class BadRequestProblem extends HttpProblem {
  constructor(detail: string, errors?: ProblemFieldError[]) {
    super(400, 'invalid_request', detail, errors);
  }
}

/** A documented problem response for a route schema. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
