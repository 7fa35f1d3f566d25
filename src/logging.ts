// What a log line says about a request and an error. The same as Fastify's own, except that query parameters whose
// names suggest a credential are redacted: a client that puts its API key in the URL (refused, but still logged
// as "incoming request") must not leave the key in the logs. Headers are never logged, at any level: not in the
// request, and not in an error that carries the raw bytes of one.
import type { FastifyRequest } from 'fastify';
import { pino } from 'pino';

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

/**
 * A request target in absolute form (`GET http://user:key@host/v1/chips`, which Node accepts and Fastify routes by
 * its path) can carry credentials before the host.
 */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/;

/** The URL with any user information and the values of credential-like query parameters replaced by `[redacted]`. */
export function redactUrl(given: string): string {
  const url = given.replace(USERINFO, '$1[redacted]@');
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = queryPairs(url)
    .map(({ pair, rawName, hasValue }) => (hasValue && CREDENTIAL_PARAMETER.test(parameterName(rawName)) ? `${rawName}=[redacted]` : pair))
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

/**
 * Properties of errors that hold what the client sent, headers included. Node's HTTP parser attaches the raw
 * request (`Authorization: Bearer <key>` and all) to the errors it raises as `rawPacket`; pino's error serializer
 * would log every byte of it.
 */
const RAW_REQUEST_PROPERTIES = ['rawPacket'] as const;

export const logSerializers = {
  err(error: Error) {
    const serialized = pino.stdSerializers.err(error);
    for (const property of RAW_REQUEST_PROPERTIES) delete serialized[property];
    return serialized;
  },
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
