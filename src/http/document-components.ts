// The OpenAPI document says each shared header, each repeated response and each repeated parameter once, under
// components, and refers to it: every operation answers with X-Request-Id, the CORS and rate-limit headers, and most
// with the same 417, 431, 500 and 503 problems; every read takes the same If-None-Match, every list the same cursor.
// Written out in each of them the document weighed about 1 MB. Factoring is exact: the
// document with every reference replaced by what it names is the document before (tests/contract/contract.test.ts, with the
// inverse in tests/support/shared-components.ts).
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { codesOf } from './problem-examples.js';

type Json = Record<string, unknown>;
export type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> };
export type Parameter = { in?: string; name?: string } & Json;
type Operations = Record<string, { parameters?: (Parameter | { $ref: string })[]; responses?: Record<string, Response | { $ref: string }> }>;
export interface Document {
  paths?: Record<string, Operations>;
  components?: Json & { headers?: Json; responses?: Json; parameters?: Json };
}

export const HEADERS = '#/components/headers/';
export const RESPONSES = '#/components/responses/';
export const PARAMETERS = '#/components/parameters/';

/** Every operation's parameter list. */
export function* parameterListsOf(document: Document): Generator<(Parameter | { $ref: string })[]> {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) if (operation.parameters) yield operation.parameters;
  }
}

/**
 * A parameter's name in components: where it goes and what it is called, in the characters a component key may
 * hold (`query.vendor.in` for `vendor[in]`).
 */
function parameterKey({ in: where, name }: Parameter): string {
  return `${where ?? 'query'}.${String(name).replace(/\[(\w+)\]/g, '.$1').replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** Every response of every operation, with its status. */
export function* responsesOf(document: Document): Generator<[status: string, responses: Record<string, unknown>]> {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const status of Object.keys(operation.responses ?? {})) yield [status, operation.responses!];
    }
  }
}

/**
 * Names for the distinct values met under one name (a header's), most used first: the name itself for the most
 * used, then `<name>-2`, `<name>-3`, … Stable as long as the document is: the same value keeps its name.
 */
function nameVariants(uses: Map<string, { name: string; count: number; order: number }>): Map<string, string> {
  const byName = new Map<string, { text: string; count: number; order: number }[]>();
  for (const [text, use] of uses) byName.set(use.name, [...(byName.get(use.name) ?? []), { text, count: use.count, order: use.order }]);
  const names = new Map<string, string>();
  for (const [name, variants] of byName) {
    variants.sort((a, b) => b.count - a.count || a.order - b.order);
    variants.forEach((variant, index) => names.set(variant.text, index === 0 ? name : `${name}-${index + 1}`));
  }
  return names;
}

/** Moves every header, response and parameter that appears more than once into components, leaving references. */
export function withSharedComponents<T extends object>(input: T): T {
  const document = input as Document;
  // Headers first: responses that differ only in a header's place become equal once both refer to it.
  const headerUses = new Map<string, { name: string; count: number; order: number }>();
  for (const [status, responses] of responsesOf(document)) {
    for (const [name, header] of Object.entries((responses[status] as Response).headers ?? {})) {
      const text = JSON.stringify(header);
      const use = headerUses.get(text) ?? { name, count: 0, order: headerUses.size };
      use.count += 1;
      headerUses.set(text, use);
    }
  }
  const repeatedHeaders = new Map([...headerUses].filter(([, use]) => use.count > 1));
  const headerNames = nameVariants(repeatedHeaders);
  const headers: Json = {};
  for (const [status, responses] of responsesOf(document)) {
    const response = responses[status] as Response;
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const shared = headerNames.get(JSON.stringify(header));
      if (shared === undefined) continue;
      headers[shared] = header;
      response.headers![name] = { $ref: `${HEADERS}${shared}` };
    }
  }
  // Then whole responses, named by their status and what they stand for: the problem codes, or the status's name.
  const responseUses = new Map<string, { name: string; count: number; order: number }>();
  for (const [status, responses] of responsesOf(document)) {
    const response = responses[status] as Response;
    const text = JSON.stringify(response);
    const codes = response.content?.[PROBLEM_CONTENT_TYPE] ? codesOf(Number(status), response.description ?? '') : [];
    const meaning = codes.length > 0 ? codes.join('-') : (STATUS_CODES[Number(status)] ?? 'response').replaceAll(' ', '');
    const use = responseUses.get(text) ?? { name: `${status}-${meaning}`, count: 0, order: responseUses.size };
    use.count += 1;
    responseUses.set(text, use);
  }
  const responseNames = nameVariants(new Map([...responseUses].filter(([, use]) => use.count > 1)));
  const sharedResponses: Json = {};
  for (const [status, responses] of responsesOf(document)) {
    const shared = responseNames.get(JSON.stringify(responses[status]));
    if (shared === undefined) continue;
    sharedResponses[shared] = responses[status];
    responses[status] = { $ref: `${RESPONSES}${shared}` };
  }
  // And parameters: the same If-None-Match, slug, cursor or page size on every operation that takes it.
  const parameterUses = new Map<string, { name: string; count: number; order: number }>();
  for (const parameters of parameterListsOf(document)) {
    for (const parameter of parameters) {
      if ('$ref' in parameter) continue;
      const text = JSON.stringify(parameter);
      const use = parameterUses.get(text) ?? { name: parameterKey(parameter as Parameter), count: 0, order: parameterUses.size };
      use.count += 1;
      parameterUses.set(text, use);
    }
  }
  const parameterNames = nameVariants(new Map([...parameterUses].filter(([, use]) => use.count > 1)));
  const sharedParameters: Json = {};
  for (const parameters of parameterListsOf(document)) {
    parameters.forEach((parameter, index) => {
      const shared = parameterNames.get(JSON.stringify(parameter));
      if (shared === undefined) return;
      sharedParameters[shared] = parameter;
      parameters[index] = { $ref: `${PARAMETERS}${shared}` };
    });
  }
  const components = (document.components ??= {});
  components.parameters = Object.fromEntries(Object.entries(sharedParameters).sort(([a], [b]) => a.localeCompare(b)));
  components.headers = Object.fromEntries(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b)));
  components.responses = Object.fromEntries(Object.entries(sharedResponses).sort(([a], [b]) => a.localeCompare(b)));
  return input;
}
