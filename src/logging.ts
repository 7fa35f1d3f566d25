// What a request log line says about the request. The same as Fastify's own, except that query parameters whose
// names suggest a credential are redacted: a client that puts its API key in the URL (refused, but still logged
// as "incoming request") must not leave the key in the logs. Headers are never logged.
import type { FastifyRequest } from 'fastify';

// Broad on purpose: a value redacted needlessly costs nothing, a key left in a log does.
const CREDENTIAL_PARAMETER = /key|token|secret|password|auth|bearer|session/i;

/** Names a client would give an API key in a URL (`api_key`, `apiKey`, `x-api-key`, `token`, ...); not `monkey`. */
const API_KEY_PARAMETER = /^(x)?(api)?(key|token|accesstoken|secret|password|auth|authorization|bearer)$/;

/** A query pair's parameter name, decoded; a malformed name is matched as sent. */
function parameterName(rawName: string): string {
  try {
    return decodeURIComponent(rawName.replaceAll('+', ' '));
  } catch {
    return rawName;
  }
}

function queryPairs(url: string): { pair: string; rawName: string; hasValue: boolean }[] {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return [];
  return url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      return { pair, rawName: separator < 0 ? pair : pair.slice(0, separator), hasValue: separator >= 0 };
    });
}

/** The names of query parameters that carry an API key (`api_key`, `token`, ...), as the client sent them. */
export function credentialParameters(url: string): string[] {
  return queryPairs(url)
    .map(({ rawName, hasValue }) => ({ name: parameterName(rawName), hasValue }))
    .filter(({ name, hasValue }) => hasValue && API_KEY_PARAMETER.test(name.toLowerCase().replace(/[-_ ]/g, '')))
    .map(({ name }) => name);
}

/** The URL with the values of credential-like query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = queryPairs(url)
    .map(({ pair, rawName, hasValue }) => (hasValue && CREDENTIAL_PARAMETER.test(parameterName(rawName)) ? `${rawName}=[redacted]` : pair))
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
