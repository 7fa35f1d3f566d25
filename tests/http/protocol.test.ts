// HTTP the API does not serve: the asterisk-form request target and expectations other than 100-continue, each
// refused as problem details (over a real socket too, where Node would otherwise answer first), and documented.
import { withoutSharedComponents } from '../support/shared-components.js';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { lastBody, rawExchange } from '../support/raw-http.js';

const KEY = 'protocol-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;

/** One request over a socket, answered and closed. */
async function exchange(requestLine: string, headers: string[] = [], body = '') {
  const head = `${requestLine}\r\nHost: atlas\r\nConnection: close\r\n${headers.map((header) => `${header}\r\n`).join('')}\r\n${body}`;
  const result = await rawExchange(port, { head, giveUpAfterMs: 5000 });
  expect(result.closedByServer).toBe(true);
  return result;
}

function expectProblem(received: string, status: number, code: string) {
  expect(received).toMatch(/^content-type: application\/problem\+json/im);
  expect(received).toMatch(/^x-content-type-options: nosniff/im);
  const requestId = /^x-request-id: (.+)\r$/im.exec(received)?.[1];
  const body = lastBody(received) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status, code, requestId });
  return body;
}

describe('request targets other than a path: the asterisk form and others', () => {
  // (HEAD * is refused by the same hook; the document has no HEAD operations to check its answer against.)
  it.each(['GET', 'POST', 'DELETE'])('%s * is a 400 problem, not the service index', async (method) => {
    const { statuses, received } = await exchange(`${method} * HTTP/1.1`);
    expect(statuses).toEqual([400]);
    const body = expectProblem(received, 400, 'asterisk_form_target');
    expect(body.detail).toContain('OPTIONS only');
    expect(received).not.toContain('AI Chip Atlas');
  });

  it('OPTIONS * finds no route: a 404 problem', async () => {
    const { statuses, received } = await exchange('OPTIONS * HTTP/1.1');
    expect(statuses).toEqual([404]);
    expectProblem(received, 404, 'not_found');
  });

  it.each(['*foo', '*/v1/chips', '*?limit=1'])('GET %s (not a path) is a 400 saying the target must be a path', async (target) => {
    const { statuses, received } = await exchange(`GET ${target} HTTP/1.1`);
    expect(statuses).toEqual([400]);
    const body = expectProblem(received, 400, 'bad_request');
    expect(body.detail).toContain('must start with `/`');
    expect(received).not.toContain('percent-encoded');
  });

  it('still calls a stray % in a path an encoding problem', async () => {
    const { statuses, received } = await exchange('GET /v1/chips%zz HTTP/1.1');
    expect(statuses).toEqual([400]);
    expectProblem(received, 400, 'invalid_encoding');
  });

  it('answers a full URL (absolute form) as its path', async () => {
    const { statuses, received } = await exchange('GET http://atlas/v1/chips?limit=1 HTTP/1.1');
    expect(statuses).toEqual([200]);
    expect(lastBody(received)).toMatchObject({ data: [expect.objectContaining({ slug: expect.any(String) })] });
  });

  it('reads a full URL as its path everywhere: no credentials echoed, 405 and encoding problems as for the path', async () => {
    const missing = await exchange('GET http://curator:s3cret-pass@atlas/v1/nope?x=1 HTTP/1.1');
    expect(missing.statuses).toEqual([404]);
    expect(expectProblem(missing.received, 404, 'not_found')).toMatchObject({ instance: '/v1/nope' });
    expect(missing.received).not.toContain('s3cret-pass');
    expect(missing.received).not.toContain('http://');

    const wrongMethod = await exchange('PUT http://atlas/v1/chips HTTP/1.1', ['Content-Length: 0']);
    expect(wrongMethod.statuses).toEqual([405]);
    expect(wrongMethod.received).toMatch(/^allow: .*GET/im);

    const badlyEncoded = await exchange('GET http://atlas/v1/chips/%ff HTTP/1.1');
    expect(badlyEncoded.statuses).toEqual([400]);
    expect(expectProblem(badlyEncoded.received, 400, 'invalid_encoding')).toMatchObject({ instance: '/v1/chips/%ff' });

    const root = await exchange('GET http://atlas HTTP/1.1');
    expect(root.statuses).toEqual([200]);
    expect(lastBody(root.received)).toMatchObject({ name: 'AI Chip Atlas' });
  });

  it('leaves the root itself alone', async () => {
    const { statuses, received } = await exchange('GET / HTTP/1.1');
    expect(statuses).toEqual([200]);
    expect(lastBody(received)).toMatchObject({ name: 'AI Chip Atlas' });
  });
});

describe('Expect', () => {
  it('an expectation the server cannot meet is a 417 problem, on reads and writes, before any body is read', async () => {
    for (const [requestLine, headers] of [
      ['GET /v1/chips?limit=1 HTTP/1.1', ['Expect: foo']],
      ['PATCH /v1/vendors/kt HTTP/1.1', ['Expect: 200-ok', `Authorization: Bearer ${KEY}`, 'Content-Type: application/json', 'Content-Length: 2']],
    ] as const) {
      const { statuses, received } = await exchange(requestLine, [...headers]);
      expect(statuses, requestLine).toEqual([417]);
      const body = expectProblem(received, 417, 'expectation_failed');
      expect(body.title).toBe('Expectation Failed');
      expect(body.detail).toContain("'");
    }
  });

  it('is refused the same way through inject, so the document is checked against the answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/vendors/kt', headers: { expect: 'foo' } });
    expect(response.statusCode).toBe(417);
    expect(response.json()).toMatchObject({ code: 'expectation_failed', instance: '/v1/vendors/kt' });
  });

  it('100-continue still works: the server says continue, then answers the body', async () => {
    const body = JSON.stringify({ description: 'Sent after 100 Continue.' });
    const { statuses, received } = await exchange(
      'PATCH /v1/vendors/kt HTTP/1.1',
      ['Expect: 100-continue', `Authorization: Bearer ${KEY}`, 'Content-Type: application/json', `Content-Length: ${body.length}`],
      body,
    );
    expect(statuses).toEqual([100, 200]);
    expect(lastBody(received)).toMatchObject({ slug: 'kt', description: 'Sent after 100 Continue.' });
  });
});

describe('the OpenAPI document', () => {
  it('documents 417 on every operation, and the asterisk 400 on the root', async () => {
    const document = withoutSharedComponents((await app.inject('/openapi.json')).json());
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.responses['417'], `${method} ${path}`).toMatchObject({ content: { 'application/problem+json': expect.anything() } });
      }
    }
    expect(JSON.stringify(document.paths['/'].get.responses['400'])).toContain('asterisk_form_target');
  });
});

describe('the Host header and CONNECT', () => {
  /** A request written exactly as given (no Host added). */
  async function sendExactly(head: string) {
    const result = await rawExchange(port, { head, giveUpAfterMs: 5000 });
    expect(result.closedByServer).toBe(true);
    return result;
  }

  it('an HTTP/1.1 request without Host is a 400 problem with a request id', async () => {
    const { statuses, received } = await sendExactly('GET /v1/chips HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(statuses).toEqual([400]);
    const body = expectProblem(received, 400, 'bad_request');
    expect(body.detail).toContain('no Host header');
  });

  it('two Host headers are a 400, not the first one served', async () => {
    const { statuses, received } = await sendExactly('GET /v1/chips HTTP/1.1\r\nHost: atlas\r\nHost: elsewhere.example\r\nConnection: close\r\n\r\n');
    expect(statuses).toEqual([400]);
    const body = expectProblem(received, 400, 'bad_request');
    expect(body.detail).toContain('2 Host headers');
  });

  it('an HTTP/1.0 request may leave Host out', async () => {
    const { statuses } = await sendExactly('GET /health HTTP/1.0\r\n\r\n');
    expect(statuses).toEqual([200]);
  });

  it('CONNECT is answered (405, a problem naming it), not dropped', async () => {
    const { statuses, received } = await sendExactly('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(statuses).toEqual([405]);
    expect(received).toMatch(/^allow: GET, HEAD, POST, PATCH, DELETE, OPTIONS/im);
    const body = expectProblem(received, 405, 'method_not_allowed');
    expect(body.detail).toContain('not a proxy');
  });
});
