// Request bodies: JSON only, bounded in size and nesting depth, refused as problem details that say which bound.
// Replaces Fastify's JSON parser, keeping what it protects against: `__proto__` and `constructor.prototype`
// keys (prototype poisoning) are refused, as is an empty body sent as JSON.
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import fp from 'fastify-plugin';
import secureJson from 'secure-json-parse';
import type { FastifyRequest } from 'fastify';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { type ResponsesFor } from '../http/operation-responses.js';

export interface RequestBodyOptions {
  /** Deepest nesting of objects and arrays accepted; the top-level value is depth 1. */
  maxDepth: number;
}

const JSON_MEDIA_TYPE = 'application/json';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class PayloadTooLargeProblem extends HttpProblem {
  constructor(limit: number) {
    super(413, 'body_too_large', `The request body is larger than ${limit} bytes, the most this server accepts.`);
  }
}

/** Counts a chunked body's bytes as they arrive, so an oversized one is refused without being buffered. */
class ByteLimit extends Transform {
  private received = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) callback(new PayloadTooLargeProblem(this.limit));
    else callback(null, chunk);
  }
}

/**
 * True when objects and arrays nest deeper than `maxDepth`. A scan of the text, not of the parsed value: a deep
 * body is refused before it is parsed, and the scan itself cannot overflow the stack.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The first key given twice in one JSON object, or null. JSON.parse keeps the last value silently, so a body
 * like `{"name":"a","name":"b"}` would store something other than what a reader of the request sees first.
 * Run on text JSON.parse has accepted (and no deeper than the depth limit).
 */
export function repeatedKey(text: string): string | null {
  const frames: { keys: Set<string> | null; expectingKey: boolean }[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const top = frames[frames.length - 1];
    if (code === 0x22 /* " */) {
      const start = index;
      for (index += 1; index < text.length && text.charCodeAt(index) !== 0x22; index += 1) {
        if (text.charCodeAt(index) === 0x5c /* \ */) index += 1;
      }
      if (top?.keys && top.expectingKey) {
        const key = JSON.parse(text.slice(start, index + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectingKey = false;
      }
    } else if (code === 0x7b /* { */) {
      frames.push({ keys: new Set(), expectingKey: true });
    } else if (code === 0x5b /* [ */) {
      frames.push({ keys: null, expectingKey: false });
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      frames.pop();
    } else if (code === 0x2c /* , */ && top?.keys) {
      top.expectingKey = true;
    }
  }
  return null;
}

function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.length === 0) {
    // Fastify's own wording, so clients that matched on it keep working.
    throw new HttpProblem(400, 'empty_body', "Body cannot be empty when content-type is set to 'application/json'");
  }
  if (nestsDeeperThan(text, maxDepth)) {
    throw new HttpProblem(400, 'body_too_deep', `The JSON body nests objects and arrays deeper than ${maxDepth} levels.`);
  }
  let value: unknown;
  try {
    // 'ignore' here and a scan below: a syntax error and a forbidden key are told apart by where they are thrown.
    value = secureJson.parse(text, null, { protoAction: 'ignore', constructorAction: 'ignore' });
  } catch (error) {
    const reason = error instanceof SyntaxError ? `: ${error.message}` : '.';
    throw new HttpProblem(400, 'invalid_json', `The body is not valid JSON${reason}`);
  }
  if (value !== null && typeof value === 'object') {
    const repeated = repeatedKey(text);
    if (repeated !== null) {
      throw new HttpProblem(400, 'duplicate_key', `The JSON body gives the key '${repeated.slice(0, 100)}' twice in one object.`);
    }
    try {
      secureJson.scan(value, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      throw new HttpProblem(
        400,
        'forbidden_key',
        'The JSON body has a `__proto__` or `constructor.prototype` key, which could poison object prototypes.',
      );
    }
  }
  return value;
}

function describeMediaType(request: FastifyRequest): string {
  const given = request.headers['content-type'];
  return given ? `'${given.slice(0, 100)}'` : 'no Content-Type';
}

/** Whether the request frames a body at all: chunked, or a Content-Length above zero. */
function framesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The refusals of a body: malformed, too deep, too large, not JSON. Applied to every route by the OpenAPI plugin (src/plugins/openapi.ts), in one place. */
export const REQUEST_BODY_RESPONSES: ResponsesFor = (route) => {
  const methods = [route.method].flat();
  if (!route.schema?.body && !methods.some((method) => BODY_METHODS.has(method))) return undefined;
  return {
    400: {
      response: problemResponse(
        'The body or a parameter is invalid: malformed or empty JSON (`invalid_json`, `empty_body`), nested too ' +
          'deep (`body_too_deep`), a `__proto__` key (`forbidden_key`), or fields that break the schema ' +
          '(`invalid_request`, with `errors`).',
      ),
      alsoMeans: 'Or: the body is not acceptable JSON (`invalid_json`, `empty_body`, `body_too_deep`, `forbidden_key`).',
    },
    413: {
      response: problemResponse('The body is larger than the server accepts (code `body_too_large`; `detail` names the limit).'),
    },
    415: {
      response: problemResponse(
        `The body is not \`${JSON_MEDIA_TYPE}\` (code \`unsupported_media_type\`), or is compressed (\`unsupported_content_encoding\`).`,
      ),
    },
  };
};

export default fp<RequestBodyOptions>(
  async (app, { maxDepth }) => {
    // Many fetch wrappers (openapi-fetch, axios configurations, hand-written helpers) send
    // `Content-Type: application/json` on every call, a DELETE without a body included. On an operation that takes
    // no body, a request that carries none is answered as if the header were absent: the header describes nothing,
    // and Fastify would otherwise parse the nothing as JSON (400 empty_body) or refuse an unparsable header (415).
    // An operation that takes a body still refuses an empty one, which is a mistake worth naming.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.headers['content-type'] !== undefined && !framesBody(request) && !request.routeOptions.schema?.body) {
        delete request.raw.headers['content-type'];
      }
      done();
    });

    // Refuse by the declared length before reading anything; count a chunked body as it streams.
    app.addHook('preParsing', async (request, _reply, payload) => {
      // Bodies are read as sent: a compressed one would be parsed as if it were not, and refused as bad JSON or
      // bad UTF-8, which misleads. Any coding but identity is refused for what it is.
      const coding = request.headers['content-encoding'];
      const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
      if (hasBody && coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
        throw new HttpProblem(415, 'unsupported_content_encoding', `The body must not be encoded; the request sent Content-Encoding '${coding.slice(0, 40)}'.`);
      }
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
      const declared = request.headers['content-length'];
      if (declared !== undefined) {
        if (Number(declared) > limit) throw new PayloadTooLargeProblem(limit);
        return payload;
      }
      if (request.headers['transfer-encoding'] === undefined) return payload;
      return payload.pipe(new ByteLimit(limit));
    });

    app.removeContentTypeParser(JSON_MEDIA_TYPE);
    // Fastify also parses text/plain by default; nothing here takes text, so it gets the 415 below. A route that
    // needs another media type adds its own parser, which takes precedence over the catch-all.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'buffer' }, async (request: FastifyRequest, body: string | Buffer) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
      if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
        throw new HttpProblem(415, 'unsupported_media_type', `The body must be UTF-8 JSON; the request declares charset '${charset.slice(0, 40)}'.`);
      }
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      // Decoding would silently turn invalid bytes into U+FFFD and store text the curator never sent.
      if (!isUtf8(bytes)) throw new HttpProblem(400, 'invalid_encoding', 'The body is not valid UTF-8.');
      return parseJsonBody(bytes.toString('utf8'), maxDepth);
    });
    // Any other media type (or none): 415, without reading the body.
    app.addContentTypeParser('*', async (request: FastifyRequest) => {
      // An unknown route answers 404 whatever it was sent, as it would without this parser.
      if (request.is404) return undefined;
      throw new HttpProblem(
        415,
        'unsupported_media_type',
        `The body must be ${JSON_MEDIA_TYPE}; the request sent ${describeMediaType(request)}.`,
      );
    });

  },
  { name: 'request-body' },
);
