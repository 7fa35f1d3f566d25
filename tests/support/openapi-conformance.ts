// Checks every response the test suite receives against the served OpenAPI document, so the document cannot
// drift from what the API actually sends.
import { withoutSharedComponents } from './shared-components.js';
import zlib from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
};

export interface Conformance {
  /** Every response that did not match the document, as readable lines. */
  violations: string[];
  /** How many responses were checked. */
  checked: number;
}

/** The document's path template for a Fastify route URL: /v1/chips/:slug → /v1/chips/{slug}. */
export function toOpenApiPath(routeUrl: string): string {
  return routeUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function checkResponsesAgainstDocument(app: FastifyInstance): Conformance {
  const conformance: Conformance = { violations: [], checked: 0 };
  let validatorFor: ((pointer: string) => ReturnType<Ajv2020['getSchema']>) | undefined;
  let flatDocument: OpenApiDocument | undefined;

  app.addHook('onSend', async (request, reply, payload) => {
    const routeUrl = request.routeOptions.url;
    // Hidden routes are not API operations: the document itself, Swagger UI's files, the dashboard's files.
    const hidden = (request.routeOptions.schema as { hide?: boolean } | undefined)?.hide === true;
    if (!routeUrl || hidden || routeUrl === '/openapi.json' || routeUrl.startsWith('/docs')) return payload;
    if (!validatorFor) {
      // Every operation's responses whole (the document shares headers and responses under components).
      flatDocument = withoutSharedComponents(app.swagger()) as unknown as OpenApiDocument;
      const document = flatDocument;
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(document as object, 'openapi.json');
      validatorFor = (pointer) => ajv.getSchema(`openapi.json#${pointer}`);
    }
    // HEAD is GET without its body (RFC 9110 §9.3.2), served for every GET route and not listed apart in the
    // document: its status and headers are checked against the GET operation.
    const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
    const path = toOpenApiPath(routeUrl);
    const status = String(reply.statusCode);
    const contentType = String(reply.getHeader('content-type') ?? '').split(';')[0]!.trim();
    const where = `${request.method} ${request.url} → ${status} ${contentType}`;
    const operation = flatDocument!.paths[path]?.[method];
    if (!operation) {
      conformance.violations.push(`${where}: the document has no operation ${method.toUpperCase()} ${path}`);
      return payload;
    }
    const response = operation.responses?.[status];
    if (!response) {
      conformance.violations.push(`${where}: status ${status} is not documented`);
      return payload;
    }
    conformance.checked += 1;
    if (!response.content) return payload;
    if (!response.content[contentType]) {
      conformance.violations.push(`${where}: media type '${contentType}' is not documented for ${status}`);
      return payload;
    }
    if (request.method === 'HEAD') return payload;
    // Streamed exports (CSV, NDJSON) are checked by their own tests; the document types them as strings.
    if (!/json$/.test(contentType) || contentType === 'application/x-ndjson') return payload;
    const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
    const validate = validatorFor(`/paths/${escape(path)}/${method}/responses/${status}/content/${escape(contentType)}/schema`);
    // A compressed answer is checked as what the client decompresses.
    const coding = reply.getHeader('content-encoding');
    const text =
      Buffer.isBuffer(payload) && coding === 'br'
        ? zlib.brotliDecompressSync(payload).toString('utf8')
        : Buffer.isBuffer(payload) && coding === 'gzip'
          ? zlib.gunzipSync(payload).toString('utf8')
          : payload;
    const body = typeof text === 'string' ? JSON.parse(text) : text;
    if (validate && !validate(body)) {
      conformance.violations.push(`${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    return payload;
  });
  return conformance;
}
