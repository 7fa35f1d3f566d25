// The real process: configuration errors stop it with the variable named; it migrates and seeds an empty
// database on start; SIGTERM lets in-flight requests finish and exits 0.
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logLines, startServer, waitForListening } from '../support/server-process.js';

describe('the server process', () => {
  it('refuses to start on a bad variable and names it', async () => {
    const { child, output } = startServer({ PORT: 'not-a-port', LOG_LEVEL: 'chatty' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(output()).toContain('PORT');
    expect(output()).toContain('LOG_LEVEL');
  });

  it('migrates and seeds an empty database, logs JSON lines, and drains in-flight requests on SIGTERM', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'atlas-process-'));
    const { child, output, stdout } = startServer({ PORT: '0', DATABASE_URL: `file:${path.join(directory, 'nested', 'atlas.db')}` });
    const port = await waitForListening(output);
    const base = `http://127.0.0.1:${port}`;

    const chips = await fetch(`${base}/v1/chips?vendor=microsoft`);
    expect(chips.status).toBe(200);
    expect(((await chips.json()) as { data: unknown[] }).data).toHaveLength(2);

    // Every log line is one JSON object with a level and a message (stderr holds only Node's own warnings); beside
    // them, one plain line for the person who started it, naming where to go.
    const startupLines = stdout().split('\n').filter((line) => line.trim() !== '');
    expect(startupLines.length).toBeGreaterThan(2);
    const plain = startupLines.filter((line) => !line.startsWith('{'));
    expect(plain).toEqual([`AI Chip Atlas is up: dashboard ${base}/ · API explorer ${base}/docs · OpenAPI document ${base}/openapi.json`]);
    for (const line of startupLines.filter((line) => line.startsWith('{'))) expect(JSON.parse(line)).toHaveProperty('level');
    expect(output()).toContain('seeded the article dataset');

    // A key sent in the URL is refused, and does not reach the logs either.
    const keyInUrl = await fetch(`${base}/v1/vendors?api_key=sekrit-key-in-the-url-0123456789`, { method: 'POST' });
    expect(keyInUrl.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output()).not.toContain('sekrit-key-in-the-url');
    expect(output()).toContain('api_key=[redacted]');

    // SIGTERM while requests are arriving: every request the server has started (logged as incoming, matched
    // by our x-request-id) is answered, never cut off. Requests not yet read off their socket may be refused:
    // that race is inherent to closing a listener, and clients retry GETs.
    const ids = Array.from({ length: 60 }, (_, index) => `drain-${index}`);
    // Settled as they go, so no rejection sits unhandled while we wait.
    const inFlight = ids.map((id) =>
      fetch(`${base}/v1/vendors?limit=100`, { headers: { 'x-request-id': id } }).then(
        (response) => ({ status: 'fulfilled' as const, value: response.status }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      ),
    );
    const incoming = () =>
      logLines(output()).filter((line) => line.msg === 'incoming request' && String(line.reqId).startsWith('drain-'));
    while (incoming().length < 10) await new Promise((resolve) => setTimeout(resolve, 1));
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    const results = await Promise.all(inFlight);
    const started = new Set(incoming().map((line) => String(line.reqId)));
    expect(started.size).toBeGreaterThanOrEqual(10);
    for (const [index, id] of ids.entries()) {
      if (!started.has(id)) continue;
      const result = results[index]!;
      expect(result.status, `${id} was started, so it must be answered`).toBe('fulfilled');
      expect([200, 503]).toContain((result as { value: number }).value);
    }
    expect(logLines(output()).some((line) => line.msg === 'shutting down: finishing in-flight requests')).toBe(true);
    expect(code).toBe(0);
    expect(output()).toContain('shut down cleanly');
  });
});
