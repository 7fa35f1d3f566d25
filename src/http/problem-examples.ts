// A true example for every problem the API can send, by its code: what the service answered to the request its
// `instance` names, in its own words (tests/problem-examples.test.ts provokes them and compares). The document keeps
// each once, under components.examples, and every problem response refers to the codes it stands for, rather than
// showing the Problem schema's one 404 for every status.
import { STATUS_CODES } from 'node:http';
import type { Problem, ProblemCode } from './problem.js';

type Example = Omit<Problem, 'type' | 'title' | 'requestId'>;

/** Per code: the status it comes with and what it says, with its field errors where it has them. */
export const PROBLEM_EXAMPLES: Record<ProblemCode, Example> = {
  invalid_request: {
    status: 400,
    code: 'invalid_request', instance: '/v1/chips',
    detail: "Invalid query parameter: 'designer': is not a known query parameter; did you mean 'vendor'?",
    errors: [{ location: 'query', name: 'designer', message: "is not a known query parameter; did you mean 'vendor'?", suggestions: ['vendor'] }],
  },
  bad_request: { status: 400, code: 'bad_request', instance: '/v1/chips', detail: 'The request has no Host header; an HTTP/1.1 request must have exactly one (RFC 9112 §3.2).' },
  invalid_encoding: {
    status: 400,
    code: 'invalid_encoding', instance: '/v1/chips',
    detail: 'The query string is not valid percent-encoded UTF-8 (e.g. a stray % or an encoded byte that is not UTF-8).',
  },
  invalid_json: { status: 400, code: 'invalid_json', instance: '/v1/vendors', detail: "The body is not valid JSON: Expected property name or '}' in JSON at position 1" },
  empty_body: { status: 400, code: 'empty_body', instance: '/v1/vendors', detail: "Body cannot be empty when content-type is set to 'application/json'" },
  body_too_deep: { status: 400, code: 'body_too_deep', instance: '/v1/vendors', detail: 'The JSON body nests objects and arrays deeper than 32 levels.' },
  forbidden_key: { status: 400, code: 'forbidden_key', instance: '/v1/vendors', detail: 'The JSON body has a `__proto__` or `constructor.prototype` key, which could poison object prototypes.' },
  duplicate_key: { status: 400, code: 'duplicate_key', instance: '/v1/vendors', detail: "The JSON body gives the key 'name' twice in one object." },
  unauthorized: { status: 401, code: 'unauthorized', instance: '/v1/vendors', detail: 'This operation needs an API key: send `Authorization: Bearer <key>`.' },
  writes_disabled: { status: 403, code: 'writes_disabled', instance: '/v1/vendors', detail: 'Writes are disabled: the server has no API key configured.' },
  forbidden: { status: 403, code: 'forbidden', instance: '/docs/static/%00', detail: 'This path is not served.' },
  not_found: { status: 404, code: 'not_found', instance: '/v1/chips/azure-maia100', detail: "No chip with slug 'azure-maia100'; did you mean 'azure-maia-100'?", suggestions: ['azure-maia-100'] },
  method_not_allowed: { status: 405, code: 'method_not_allowed', instance: '/v1/chips/azure-maia-100', detail: '/v1/chips/azure-maia-100 does not answer PUT; it answers DELETE, GET, HEAD, PATCH.' },
  request_timeout: { status: 408, code: 'request_timeout', instance: 'urn:uuid:7c1d9a2e-4b3f-4e8a-9d6c-5f2a1b0e3c4d', detail: 'The request did not arrive in time.' },
  conflict: { status: 409, code: 'conflict', instance: '/v1/vendors', detail: 'A record with the same unique value exists already.' },
  slug_taken: { status: 409, code: 'slug_taken', instance: '/v1/chips', detail: "A chip with slug 'azure-maia-100' exists already." },
  quote_taken: { status: 409, code: 'quote_taken', instance: '/v1/sources', detail: "Source 'maia-100-into-microsoft-datacenters-early-2024' already quotes this passage; cite it instead." },
  text_taken: {
    status: 409,
    code: 'text_taken', instance: '/v1/documents',
    detail: "Document 'ai-chip-market-big-tech-and-startups-2023' already holds exactly this text; cite it, or change this one's text.",
  },
  document_cited: {
    status: 409,
    code: 'document_cited', instance: '/v1/documents/ai-chip-market-big-tech-and-startups-2023',
    detail:
      "Document 'ai-chip-market-big-tech-and-startups-2023' is quoted by sources/microsoft-a-systems-company, sources/microsoft-unveils-two-chips-at-ignite, " +
      'sources/microsoft-chips-built-for-generative-ai-infrastructure, sources/microsoft-last-piece-of-generative-ai-infrastructure, ' +
      'sources/maia-first-chip-ai-gpu-competing-with-nvidia and 63 more; its text cannot change under them. Add the corrected text as a new document that supersedes this one.',
  },
  text_too_large: {
    status: 413,
    code: 'text_too_large', instance: '/v1/documents',
    detail: "Invalid body: 'text' is 2097153 bytes in UTF-8; the server keeps texts of at most 2097152 bytes.",
    errors: [{ location: 'body', name: 'text', message: 'is 2097153 bytes in UTF-8; the server keeps texts of at most 2097152 bytes' }],
  },
  source_cited: {
    status: 409,
    code: 'source_cited', instance: '/v1/sources/atom-runs-kt-npu-infrastructure',
    detail:
      "Source 'atom-runs-kt-npu-infrastructure' is cited by vendors/kt, chips/rebellions-atom, a deployment of chips/rebellions-atom; its quote " +
      'cannot change under them. Create a source with the new quote and cite that instead.',
  },
  has_dependents: {
    status: 409,
    code: 'has_dependents', instance: '/v1/vendors/rebellions',
    detail:
      "Vendor 'rebellions' has records depending on it: chips/rebellions-atom (designs it), funding-rounds/rebellions-series-a-2022 (raised it). " +
      'Change those first, or pass cascade=true.',
  },
  would_orphan: { status: 409, code: 'would_orphan', instance: '/v1/sources/huawei-a100-class-chip-reported', detail: "Deleting source 'huawei-a100-class-chip-reported' would leave chips/nvidia-a100 without any source." },
  precondition_failed: { status: 412, code: 'precondition_failed', instance: '/v1/chips/azure-maia-100', detail: 'The chip has changed since that ETag: fetch it again and retry.' },
  body_too_large: { status: 413, code: 'body_too_large', instance: '/v1/vendors', detail: 'The request body is larger than 65536 bytes, the most this server accepts.' },
  path_parameter_too_long: { status: 414, code: 'path_parameter_too_long', instance: `/v1/chips/${'a'.repeat(250)}`, detail: 'A path parameter is far longer than any slug.' },
  unsupported_media_type: { status: 415, code: 'unsupported_media_type', instance: '/v1/vendors', detail: "The body must be application/json; the request sent 'text/plain'." },
  unsupported_content_encoding: { status: 415, code: 'unsupported_content_encoding', instance: '/v1/vendors', detail: "The body must not be encoded; the request sent Content-Encoding 'gzip'." },
  range_not_satisfiable: { status: 416, code: 'range_not_satisfiable', instance: '/docs/static/swagger-ui.css', detail: 'Range Not Satisfiable' },
  expectation_failed: { status: 417, code: 'expectation_failed', instance: '/v1/chips', detail: "This server meets no expectation but 100-continue; the request's Expect header is 'unicorns'." },
  idempotency_key_reused: { status: 422, code: 'idempotency_key_reused', instance: '/v1/vendors', detail: 'This Idempotency-Key was already used with a different request.' },
  rate_limited: {
    status: 429,
    code: 'rate_limited', instance: '/v1/vendors',
    detail: 'Too many reads: the limit is 600 a minute per client, and this request costs 27 (exports and embedded relations cost more than a page). Retry in 42 s.',
  },
  headers_too_large: { status: 431, code: 'headers_too_large', instance: 'urn:uuid:7c1d9a2e-4b3f-4e8a-9d6c-5f2a1b0e3c4d', detail: 'The request headers (URL included) are larger than this server accepts.' },
  asterisk_form_target: {
    status: 400,
    code: 'asterisk_form_target', instance: '*',
    detail: 'The request target `*` is for OPTIONS only (RFC 9112 §3.2.4), not GET: ask for a path such as `/`.',
  },
  internal_error: { status: 500, code: 'internal_error', instance: '/v1/chips', detail: 'The server could not complete the request. Quote the request id when reporting it.' },
  busy: { status: 503, code: 'busy', instance: '/v1/vendors', detail: 'The database is busy; retry shortly.' },
  overloaded: { status: 503, code: 'overloaded', instance: '/v1/chips', detail: 'The server is overloaded. Retry in 10 s.' },
  unavailable: { status: 503, code: 'unavailable', instance: '/v1/chips', detail: 'The database does not answer (it may be restarting). Retry after Retry-After seconds.' },
  insufficient_storage: {
    status: 507,
    code: 'insufficient_storage', instance: '/v1/vendors',
    detail: 'The disk holding the database is full. The write was not made. Reads still work; retry the write once space is freed.',
  },
};

/** The code a response of this status means when its description names none. */
const DEFAULT_CODE: Partial<Record<number, ProblemCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'writes_disabled',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'body_too_large',
  414: 'path_parameter_too_long',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  417: 'expectation_failed',
  422: 'idempotency_key_reused',
  429: 'rate_limited',
  431: 'headers_too_large',
  500: 'internal_error',
  503: 'unavailable',
  507: 'insufficient_storage',
};

/**
 * The problem codes a documented response of `status` stands for: those its description names in backticks (a
 * response documents every code it can carry), or the status's usual one.
 */
export function codesOf(status: number, description: string): ProblemCode[] {
  const named = (text: string) =>
    [...text.matchAll(/`([a-z_]+)`/g)]
      .map((match) => match[1] as ProblemCode)
      .filter((code) => Object.hasOwn(PROBLEM_EXAMPLES, code) && PROBLEM_EXAMPLES[code].status === status);
  // A route's own meaning comes first; what plugins add to it follows as "Or: …" (src/http/operation-responses.ts).
  const [own = '', ...added] = description.split(' Or: ');
  const fallback = DEFAULT_CODE[status];
  const first = named(own).length > 0 ? named(own) : fallback ? [fallback] : [];
  return [...new Set([...first, ...added.flatMap(named)])];
}

/** The example problem of `code`, whole, as the service sent it for the request its `instance` names. */
export function problemExample(code: ProblemCode): Problem {
  const example = PROBLEM_EXAMPLES[code];
  return { type: 'about:blank', title: STATUS_CODES[example.status] ?? 'Error', ...example, requestId: '7c1d9a2e-4b3f-4e8a-9d6c-5f2a1b0e3c4d' };
}
