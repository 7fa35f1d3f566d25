// Parts of HTTP/1.1 that this API does not serve, refused as problem details like every other error:
// - The asterisk-form request target (`GET * HTTP/1.1`). RFC 9112 §3.2.4 keeps it for a server-wide OPTIONS; the
//   router would take it for `/` and answer `GET *` with the service index. Any other method with `*` is a 400;
//   `OPTIONS *` finds no route (404), as the server has no server-wide options to describe.
// - A Host header missing from an HTTP/1.1 request, or given twice (RFC 9112 §3.2): a 400.
// - CONNECT (this server is no proxy): a 405, written on the socket, which Node would otherwise close unanswered.
// - An `Expect` other than `100-continue` (RFC 9110 §10.1.1): a 417. Node answers those itself, before any route or
//   hook runs, with a bare 417 and no body; it is made to pass them on, so they get the same answer as any refusal.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import { writeProblemOnSocket } from './errors.js';
import { HttpProblem, problemResponse } from '../http/problem.js';
import { type CommonResponse, type ResponsesFor } from '../http/operation-responses.js';

/** How Node's HTTP server tells `100-continue` in an Expect header; it answers those itself (100 Continue). */
const CONTINUE_EXPECTATION = /(?:^|\W)100-continue(?:$|\W)/i;

/** A request target in absolute form (RFC 9112 §3.2.2): its scheme and authority, credentials included. */
const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/**
 * A request target as a path (origin form). A server must accept a full URL as the target; the router would route
 * it, but everything that reads `request.url` (a problem's `instance`, 405's Allow, the caches) expects a path, and
 * the authority may carry credentials that must not be echoed. Fastify's `rewriteUrl` calls this before routing.
 */
export function originForm(url: string): string {
  if (url.startsWith('/')) return url;
  const authority = ABSOLUTE_FORM.exec(url);
  if (!authority) return url;
  const rest = url.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

export class ExpectationFailedProblem extends HttpProblem {
  constructor(expectation: string) {
    super(
      417,
      'expectation_failed',
      `This server meets no expectation but 100-continue; the request's Expect header is '${expectation.slice(0, 100)}'.`,
    );
  }
}

export class AsteriskTargetProblem extends HttpProblem {
  constructor(method: string) {
    super(400, 'asterisk_form_target', `The request target \`*\` is for OPTIONS only (RFC 9112 §3.2.4), not ${method}: ask for a path such as \`/\`.`);
  }
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host header, and a server answers 400 to one with none or
 * several. Node would answer a missing Host itself with a bare 400 (its `requireHostHeader`, turned off in app.ts so
 * the refusal is a problem like any) and lets a second one through, keeping the first.
 */
function hostProblem(request: IncomingMessage): HttpProblem | null {
  let hosts = 0;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index]!.toLowerCase() === 'host') hosts += 1;
  }
  if (hosts > 1) return new HttpProblem(400, 'bad_request', `The request has ${hosts} Host headers; HTTP/1.1 allows exactly one (RFC 9112 §3.2).`);
  if (hosts === 0 && request.httpVersion === '1.1') {
    return new HttpProblem(400, 'bad_request', 'The request has no Host header; an HTTP/1.1 request must have exactly one (RFC 9112 §3.2).');
  }
  return null;
}

/** How long a CONNECT's answer may take to leave before its socket is closed regardless. */
const CONNECT_ANSWER_MS = 5_000;

/** The refusals of HTTP itself: a missing or repeated Host, an unmet Expect, `*` as a target. Applied to every route by the OpenAPI plugin (src/plugins/openapi.ts), in one place. */
export const PROTOCOL_RESPONSES: ResponsesFor = (route) => {
  const responses: Record<number, CommonResponse> = {
    400: {
      response: problemResponse('The request has no Host header, or more than one (code `bad_request`).'),
      alsoMeans: 'Or: the request has no Host header, or more than one (code `bad_request`).',
    },
    417: { response: problemResponse('The request has an `Expect` header other than `100-continue` (code `expectation_failed`).') },
  };
  // The router takes `*` for `/`: only the service index meets it.
  if (route.url === '/') {
    responses[400] = {
      response: problemResponse('The request target was `*`, which is for OPTIONS only (code `asterisk_form_target`).'),
      alsoMeans: 'Or: the request target was `*`, which is for OPTIONS only (code `asterisk_form_target`).',
    };
  }
  return responses;
};

export default fp(
  async (app) => {
    // Node emits this instead of answering 417 itself when someone listens; the request then goes where any goes.
    app.server.on('checkExpectation', (request, response) => app.server.emit('request', request, response));
    // Node closes a CONNECT's socket without a word unless someone listens: this server is no proxy, and says so.
    // Node hands the socket over without its own error and timeout handlers: without ours, a client resetting it
    // mid-answer would throw in the process, and one never closing its side would hold it for good.
    app.server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
      socket.on('error', () => socket.destroy());
      const deadline = setTimeout(() => socket.destroy(), CONNECT_ANSWER_MS);
      deadline.unref();
      socket.once('close', () => clearTimeout(deadline));
      writeProblemOnSocket(socket, {
        status: 405,
        code: 'method_not_allowed',
        detail: 'This server is not a proxy: it answers no CONNECT. Ask for a path such as /v1/chips with GET.',
        headers: { Allow: 'GET, HEAD, POST, PATCH, DELETE, OPTIONS' },
      });
      socket.end(() => socket.destroy());
    });

    // A callback hook, not an async one: it runs on every request and nearly always has nothing to do.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.url.startsWith('*') && request.method !== 'OPTIONS') return done(new AsteriskTargetProblem(request.method));
      const expectation = request.headers.expect;
      if (expectation !== undefined && !CONTINUE_EXPECTATION.test(expectation)) return done(new ExpectationFailedProblem(expectation));
      const host = hostProblem(request.raw);
      if (host) return done(host);
      done();
    });

  },
  { name: 'protocol', dependencies: ['errors'] },
);
