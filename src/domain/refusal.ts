// Why a request is refused, as the rules say it: a code clients can branch on, the words, and which fields are
// wrong. Stores, repositories and services throw these; the HTTP layer alone decides the status each code answers
// with (src/http/problem.ts) and sends them as problem details, so nothing below it knows HTTP.

/** The refusals the rules make; each is a code of the API's problem details. */
export type RefusalCode =
  | 'invalid_request'
  | 'not_found'
  | 'conflict'
  | 'slug_taken'
  | 'quote_taken'
  | 'source_cited'
  | 'text_taken'
  | 'document_cited'
  | 'text_too_large'
  | 'has_dependents'
  | 'would_orphan'
  | 'precondition_failed'
  | 'idempotency_key_reused';

/** One wrong parameter or field: where it is, its name (a dotted path), what is wrong, and what was likely meant. */
export interface FieldError {
  location: 'query' | 'params' | 'body' | 'headers';
  name: string;
  message: string;
  suggestions?: string[];
}

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    detail: string,
    readonly errors?: FieldError[],
    /** What the client probably meant (a slug that names nothing), nearest first. */
    readonly suggestions?: string[],
  ) {
    super(detail);
  }
}

/** A parameter or field the rules refuse. */
export class InvalidInput extends Refusal {
  constructor(detail: string, errors?: FieldError[]) {
    super('invalid_request', detail, errors);
  }
}

/** No record with the slug asked for. */
export class NotFound extends Refusal {
  constructor(detail: string, suggestions: string[] = []) {
    super('not_found', detail, undefined, suggestions.length > 0 ? suggestions : undefined);
  }
}

/** A write that would clash with another record: a taken slug or quote, dependents, a record left without sources. */
export class Conflict extends Refusal {
  constructor(
    detail: string,
    code: Extract<RefusalCode, 'conflict' | 'slug_taken' | 'quote_taken' | 'source_cited' | 'text_taken' | 'document_cited' | 'has_dependents' | 'would_orphan'> = 'conflict',
  ) {
    super(code, detail);
  }
}

/** Input larger than the rules take (a document's text past its configured size), naming the field and the limit. */
export class TooLarge extends Refusal {
  constructor(detail: string, errors: FieldError[]) {
    super('text_too_large', detail, errors);
  }
}

/** The record is no longer the representation the client's precondition names. */
export class PreconditionFailed extends Refusal {
  constructor(detail: string) {
    super('precondition_failed', detail);
  }
}
