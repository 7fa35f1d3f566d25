// RFC 9457 problem details: the one error shape of the API, and the typed errors handlers throw to get it.
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemFieldErrorSchema = z
  .object({
    location: z.enum(['query', 'params', 'body', 'headers']).describe('Which part of the request is wrong.'),
    name: z.string().describe('The parameter or field, as a dotted path (empty for the whole part).'),
    message: z.string().describe('What is wrong with it.'),
  })
  .meta({ id: 'ProblemFieldError', description: 'One invalid parameter or field.' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI reference naming the problem type; `about:blank` means the status says it all.'),
    title: z.string().describe('Short summary of the problem type.'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong in this request, in words.'),
    instance: z.string().describe('The request path this problem is about.'),
    code: z.string().describe('Machine-readable problem code, e.g. `not_found`, `invalid_request`.'),
    requestId: z.string().describe('The request id, also sent as the `X-Request-Id` header; quote it when reporting.'),
    errors: z.array(ProblemFieldErrorSchema).optional().describe('Every invalid parameter or field, when there are any.'),
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
