// What a request log line says about the request. The same as Fastify's own, except that query parameters whose
// names suggest a credential are redacted: a client that puts its API key in the URL (refused, but still logged
// as "incoming request") must not leave the key in the logs. Headers are never logged.
import type { FastifyRequest } from 'fastify';

const CREDENTIAL_PARAMETER = /key|token|secret|password|auth|bearer|session/i;

/** The URL with the values of credential-like query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const rawName = separator < 0 ? pair : pair.slice(0, separator);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replaceAll('+', ' '));
      } catch {
        // A malformed name is matched as sent.
      }
      return separator >= 0 && CREDENTIAL_PARAMETER.test(name) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
