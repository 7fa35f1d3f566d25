// Security headers on every response, as helmet writes them. The API only ever sends JSON, CSV and NDJSON, so its
// content security policy forbids everything; only the two HTML pages get a policy that lets them run: Swagger UI
// at /docs, and the dashboard that `/` answers browsers with.
//
// NOTE: helmet's headers depend only on its configuration, never on the request, so they are computed once at
// startup and set in one call. @fastify/helmet rebuilds helmet (re-parsing every CSP directive) on each request,
// which `npm run bench` measured at about a third of hot-read throughput.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { wantsDashboard } from './dashboard.js';

export interface SecurityHeadersOptions {
  /** 0 sends no Strict-Transport-Security header (see HSTS_MAX_AGE_SECONDS in config.ts for why). */
  hstsMaxAgeSeconds: number;
}

/** Nothing may load, run or frame a response: a JSON body opened in a browser stays inert. */
const API_POLICY = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI loads its scripts, styles and the document from its own origin, inserts a <style> element (hence
 * 'unsafe-inline' for styles only, never scripts; checked in headless Chromium: without it the style is blocked)
 * and draws icons from data: URLs. "Try it out" calls the API on the same origin.
 */
const DOCS_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The dashboard: its own script and style (no inline script or style, no style attributes: it sets styles through
 * classes and SVG attributes), its icon, and reads of this API. Nothing else may load, and nothing may frame it.
 */
const DASHBOARD_POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const DOCS_PREFIX = '/docs';

/** The headers helmet sets with these options, collected from one run against a response that only records. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export default fp<SecurityHeadersOptions>(
  async (app, { hstsMaxAgeSeconds }) => {
    const options: HelmetOptions = {
      contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
      strictTransportSecurity: hstsMaxAgeSeconds > 0 ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'no-referrer' },
      // Matches frame-ancestors 'none' for browsers that predate CSP level 2.
      xFrameOptions: { action: 'deny' },
    };
    const apiHeaders = helmetHeaders(options);
    const docsHeaders = helmetHeaders({ ...options, contentSecurityPolicy: { useDefaults: false, directives: DOCS_POLICY } });
    const dashboardHeaders = helmetHeaders({ ...options, contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_POLICY } });
    app.addHook('onRequest', async (request, reply) => {
      const url = request.url;
      const docs = url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`) || url.startsWith(`${DOCS_PREFIX}?`);
      // The root answers a browser with the dashboard page and anyone else with JSON, on the same negotiation.
      const dashboard = !docs && request.routeOptions.url === '/' && wantsDashboard(request.headers.accept);
      reply.headers(docs ? docsHeaders : dashboard ? dashboardHeaders : apiHeaders);
    });
  },
  { name: 'security-headers' },
);
