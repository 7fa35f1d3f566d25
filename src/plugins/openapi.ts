// The OpenAPI 3.1 document, generated from the same Zod schemas that validate requests, served at
// /openapi.json, with Swagger UI at /docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { addResponses, keepResponseHeaders, withCommonResponseHeaders, withExplicitSecurity, type ResponseHeaders, type ResponsesFor } from '../http/operation-responses.js';
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, REQUEST_ID_PATTERN, type ProblemCode } from '../http/problem.js';
import { codesOf, problemExample } from '../http/problem-examples.js';
import { withSharedComponents } from '../http/document-components.js';
import { RECORDED_EXAMPLES } from '../http/recorded-examples.js';
import { withResponseExamples } from '../http/response-examples.js';
import { CORS_RESPONSE_HEADERS } from './cors.js';
import { ERROR_RESPONSES, SENT_BEFORE_ANY_REQUEST } from './errors.js';
import { documentCaching } from './http-cache.js';
import { OVERLOAD_RESPONSES } from './overload.js';
import { PROTOCOL_RESPONSES } from './protocol.js';
import { REQUEST_BODY_RESPONSES } from './request-body.js';
import { COUNTED_RESPONSE_HEADERS, isCounted, RATE_LIMIT_RESPONSES } from './rate-limit.js';

interface DocumentParameter {
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: { example?: unknown };
}

/**
 * The document as Swagger UI gets it. Swagger UI fills every parameter's example into "Try it out" and sends it:
 * a list with all its optional filters set at once matches nothing, and a sample `If-Match` fails with 412. So the
 * explorer's copy shows optional parameters' examples in their descriptions instead; /openapi.json keeps them.
 */
export function explorerDocument(document: { paths?: Record<string, Record<string, unknown>>; components?: { parameters?: Record<string, unknown> } }) {
  const inline = Object.values(document.paths ?? {}).flatMap((operations) =>
    Object.values(operations).flatMap((operation) => (operation as { parameters?: DocumentParameter[] }).parameters ?? []),
  );
  // Shared parameters are said once under components (src/http/document-components.ts): changed there, for all.
  const shared = Object.values(document.components?.parameters ?? {}) as DocumentParameter[];
  for (const parameter of [...inline, ...shared]) {
    if (parameter.required) continue;
    const example = parameter.example ?? parameter.schema?.example;
    if (example === undefined) continue;
    delete parameter.example;
    if (parameter.schema) delete parameter.schema.example;
    parameter.description = `${parameter.description ?? ''} Example: \`${String(example)}\``.trim();
  }
  return document;
}

type OpenApiDocument = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/**
 * Drops component schemas nothing refers to. The Zod transform registers an input twin (`ChipKindInput`, ...)
 * of every schema with an id, used or not; left in, they clutter the explorer's schema list and lint as unused.
 */
function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const referenced = new Set<string>();
  const prefix = '#/components/schemas/';
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(prefix)) {
        const name = child.slice(prefix.length);
        if (!referenced.has(name)) {
          referenced.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(child);
      }
    }
  };
  const { components, ...rest } = document;
  visit(rest);
  const { schemas: _all, ...otherComponents } = components!;
  visit(otherComponents);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => referenced.has(name)));
  return { ...document, components: { ...otherComponents, schemas: kept } };
}

const REQUEST_ID_HEADER: ResponseHeaders = {
  'X-Request-Id': {
    description: 'The id of this request, also in `requestId` of a problem and in every log line about it: quote it when reporting.',
    schema: { type: 'string', maxLength: 64, pattern: REQUEST_ID_PATTERN.source, example: '9f1c2b7e-3d4a-4f5b-8c6d-7e8f9a0b1c2d' },
  },
};

/**
 * Relative: the document is right wherever the service is deployed, and "Try it out" calls the same host. The same
 * document is served in every environment, so it names them all rather than one; `x-internal: false`, as the API is
 * public.
 */
const THIS_SERVER = {
  url: '/',
  description: 'The server that serves this document, in whichever environment it runs (local, staging or production).',
  'x-internal': false,
};

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * Gives every integer schema its `format`: `int32` when its bounds fit 32 bits, `int64` otherwise. Zod writes the
 * bounds (every integer here has them, if only JavaScript's safe range) but no format, which client generators
 * read to pick a type.
 */
function withIntegerFormats<T>(document: T): T {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const schema = value as Record<string, unknown>;
    const types = [schema.type].flat();
    if (types.includes('integer') && schema.format === undefined) {
      const fits32 = Number(schema.minimum ?? -Infinity) >= INT32.min && Number(schema.maximum ?? Infinity) <= INT32.max;
      schema.format = fits32 ? 'int32' : 'int64';
    }
    Object.values(schema).forEach(visit);
  };
  visit(document);
  return document;
}

type DocumentResponse = { description?: string; content?: Record<string, { examples?: unknown; example?: unknown }> };
type DocumentOperation = { responses?: Record<string, DocumentResponse> };

/**
 * Gives every problem response its own examples: one for each code the response stands for, kept once under
 * components.examples (src/http/problem-examples.ts), rather than the Problem schema's one 404 for every status.
 */
function withProblemExamples<T extends object>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, DocumentOperation>> }).paths ?? {};
  const used = new Set<ProblemCode>();
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const media = response.content?.[PROBLEM_CONTENT_TYPE];
        if (!media || media.examples !== undefined) continue;
        const codes = codesOf(Number(status), response.description ?? '');
        if (codes.length === 0) continue;
        codes.forEach((code) => used.add(code));
        media.examples = Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/examples/${code}` }]));
      }
    }
  }
  const components = ((document as { components?: Record<string, unknown> }).components ??= {});
  components.examples = Object.fromEntries(
    [...used].sort().map((code) => [code, { summary: `\`${code}\`: ${PROBLEM_CODES[code]}`, value: problemExample(code) }]),
  );
  return document;
}

/**
 * What the parts of the service that act on every route can answer from it, each declared beside the code that
 * sends it, applied here in this order as each route is registered: a status two parts can send (a 400, a 503)
 * says both, in this order. Then caching, on every GET: its 200's headers, the 304 and If-None-Match.
 */
const EVERY_ROUTE_RESPONSES: readonly ResponsesFor[] = [ERROR_RESPONSES, RATE_LIMIT_RESPONSES, OVERLOAD_RESPONSES, REQUEST_BODY_RESPONSES, PROTOCOL_RESPONSES];

/** The dashboard's chip mark and the atlas's name, light on the explorer's dark top bar. */
const EXPLORER_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 190 32" width="190" height="32">' +
  '<rect x="7" y="7" width="18" height="18" rx="3" fill="#f4b942"/><rect x="12" y="12" width="8" height="8" rx="1" fill="#1f3a5f"/>' +
  '<g stroke="#f4b942" stroke-width="2" stroke-linecap="round"><path d="M11 3v4M16 3v4M21 3v4M11 25v4M16 25v4M21 25v4M3 11h4M3 16h4M3 21h4M25 11h4M25 16h4M25 21h4"/></g>' +
  '<text x="38" y="22" fill="#ffffff" font-family="system-ui, sans-serif" font-size="17" font-weight="600">AI Chip Atlas</text></svg>';

export default fp(
  async (app) => {
    // Before any documented route exists (app.ts registers this plugin ahead of them): routes registered earlier are
    // not seen. The response schemas added here also serialise those answers, as every response schema does.
    app.addHook('onRoute', (route) => {
      for (const responsesFor of EVERY_ROUTE_RESPONSES) addResponses(route, responsesFor);
      // Only GET is documented: HEAD twins are left out of the document (they answer as GET does, without a body).
      if ([route.method].flat().includes('GET')) documentCaching(route);
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'AI Chip Atlas',
          version: '1.0.0',
          description:
            'Chips, companies, funding rounds and deals of the AI-chip market, from a Korean magazine article ' +
            '(late 2023). Every record carries the verbatim Korean sentences it comes from and how the article ' +
            'frames them (fact, report, plan, estimate). Names in English and Korean; money exact in its own ' +
            'currency with a stated USD basis; dates with their precision.\n\n' +
            'Answers of 1 KiB or more are compressed with br or gzip when `Accept-Encoding` asks for it (`Vary: ' +
            'Accept-Encoding`); a compressed answer\'s `ETag` names its coding (`"….br"`), and `If-None-Match` and ' +
            '`If-Match` accept either tag. While the database fails, requests are refused at once with 503 and ' +
            '`Retry-After` (507 for a full disk), never left to hang.',
          // SPDX's form for a license that is not on its list (OpenAPI 3.1 takes an SPDX expression here).
          license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
          // Who answers for the API. No URL: the service is deployed at many addresses, and a link to none of them
          // would be a placeholder.
          contact: { name: 'AI Chip Atlas curators' },
        },
        servers: [THIS_SERVER],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API key configured on the server (API_KEYS). Needed for writes only; reads are public.',
            },
          },
        },
        tags: [
          { name: 'chips', description: 'AI accelerators, GPUs, CPUs, TPUs, NPUs and network chips.' },
          { name: 'vendors', description: 'Companies: designers, investors, partners, customers.' },
          { name: 'funding', description: 'Funding rounds and their investors.' },
          { name: 'deals', description: 'Acquisitions, partnerships and other transactions.' },
          { name: 'sources', description: 'The verbatim passages of documents that every record cites.' },
          { name: 'documents', description: 'The documents passages quote (the article first), with their metadata and their text.' },
          { name: 'statements', description: 'What documents say that no field of a record holds: strategies, views of the market.' },
          { name: 'events', description: 'A timeline of dated events derived from the records.' },
          { name: 'graph', description: 'Companies and chips as a graph of typed relations derived from the records.' },
          { name: 'search', description: 'One ranked search across chips, vendors, funding rounds and deals, in English and Korean.' },
          { name: 'stats', description: 'Funding totals and chip counts computed from the records.' },
          { name: 'operations', description: 'Service health and documentation.' },
        ],
      },
      transform: withExplicitSecurity(
        withCommonResponseHeaders(keepResponseHeaders(jsonSchemaTransform), [
          { headers: REQUEST_ID_HEADER, on: () => true },
          { headers: CORS_RESPONSE_HEADERS, on: (_url, status) => !SENT_BEFORE_ANY_REQUEST.has(status) },
          { headers: COUNTED_RESPONSE_HEADERS, on: isCounted },
        ]),
      ),
      transformObject: (input) => {
        const document = jsonSchemaTransformObject(input);
        // Shared components last: they say once what the steps before wrote into every operation.
        const shaped = withProblemExamples(withIntegerFormats(withoutUnusedSchemas(document as unknown as OpenApiDocument)));
        return withSharedComponents(withResponseExamples(shaped, RECORDED_EXAMPLES)) as unknown as typeof document;
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // The atlas's own name and mark in the explorer's top bar, linking back to the dashboard, instead of a framework's.
      logo: { type: 'image/svg+xml', content: EXPLORER_LOGO, href: '/', target: '_self' },
      theme: { title: 'AI Chip Atlas — API explorer' },
      transformSpecification: (document) => explorerDocument(document as Parameters<typeof explorerDocument>[0]),
    });
    app.get(
      '/openapi.json',
      { schema: { hide: true } },
      async (_request, reply) => reply.type('application/json').send(app.swagger()),
    );
  },
  { name: 'openapi' },
);
