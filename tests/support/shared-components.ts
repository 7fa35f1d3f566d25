// The inverse of src/http/document-components.ts: the document with every shared header, response and parameter written out
// again where it is referred to. Tests read what each operation says whole, and the contract test proves the
// factoring exact with it.
import { HEADERS, PARAMETERS, parameterListsOf, RESPONSES, responsesOf, type Document, type Parameter, type Response } from '../../src/http/document-components.js';

type Json = Record<string, unknown>;

/** The document with every header, response and parameter reference replaced by what it names (what the factoring undoes). */
export function withoutSharedComponents<T extends object>(input: T): T {
  const document = structuredClone(input) as Document;
  const named = (ref: string, prefix: string, table: Json | undefined) => structuredClone(table?.[ref.slice(prefix.length)]);
  for (const [status, responses] of responsesOf(document)) {
    const ref = (responses[status] as { $ref?: string }).$ref;
    if (ref?.startsWith(RESPONSES)) responses[status] = named(ref, RESPONSES, document.components?.responses);
    const response = responses[status] as Response;
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const headerRef = (header as { $ref?: string }).$ref;
      if (headerRef?.startsWith(HEADERS)) response.headers![name] = named(headerRef, HEADERS, document.components?.headers);
    }
  }
  for (const parameters of parameterListsOf(document)) {
    parameters.forEach((parameter, index) => {
      const ref = (parameter as { $ref?: string }).$ref;
      if (ref?.startsWith(PARAMETERS)) parameters[index] = named(ref, PARAMETERS, document.components?.parameters) as Parameter;
    });
  }
  delete document.components?.parameters;
  delete document.components?.headers;
  delete document.components?.responses;
  return document as T;
}
