// Sends write requests as a curator would: JSON bodies, the curator's key unless a test says otherwise.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export type WriteMethod = 'POST' | 'PATCH' | 'DELETE';

export function writeClient(app: FastifyInstance, curatorHeaders: Record<string, string>) {
  /** `headers` replaces the curator's headers entirely, so a test can send no key or a wrong one. */
  const send = (method: WriteMethod, url: string, body?: unknown, headers: Record<string, string> = curatorHeaders) =>
    app.inject({
      method,
      url,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  const get = (url: string) => app.inject({ method: 'GET', url });

  /** The names of the fields a 400 complains about. */
  const refusedFields = async (body: unknown, method: 'POST' | 'PATCH', url: string): Promise<string[]> => {
    const response = await send(method, url, body);
    expect(response.statusCode, JSON.stringify(body)).toBe(400);
    return response.json().errors.map((error: { name: string }) => error.name);
  };

  return { send, get, refusedFields };
}
