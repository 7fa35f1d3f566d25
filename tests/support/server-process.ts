// The service as a real process (`src/server.ts` through tsx), for what only the process shows: its exit codes,
// its startup work, its signals, crashes, its log output as an operator would see it, and several replicas on one
// database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const serverEntry = path.resolve('src/server.ts');

export interface StartedProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Everything written to stdout so far: the log lines. */
  stdout: () => string;
}

export interface ServerProcess extends StartedProcess {
  /** http://127.0.0.1:<port> once listening. */
  base: string;
}

/** Spawns the server with `env` on top of the test's own environment; it may still be starting (or failing). */
export function startServer(env: Record<string, string>): StartedProcess {
  let output = '';
  let stdout = '';
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, stdout: () => stdout };
}

export type LogLine = { msg?: string; reqId?: string; level?: number; res?: { statusCode?: number } } & Record<string, unknown>;

/** The JSON log lines in `output`; anything else (Node's own warnings) is skipped. */
export function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    try {
      return line.startsWith('{') ? [JSON.parse(line) as LogLine] : [];
    } catch {
      return [];
    }
  });
}

/** The port the server says it listens on, once it does; fails when it exits first or takes a minute. */
export async function waitForListening(output: () => string, child?: ChildProcess): Promise<number> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    if (match) return Number(match[1]);
    if (child && child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output()}`);
}

/**
 * Starts a server process on a free loopback port and resolves once it listens. Load shedding and rate limits are
 * off unless `env` sets them: one test client sending hundreds of requests a second is the test, not an attack.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const started = startServer({
    PORT: '0',
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    RATE_LIMIT_READS_PER_MINUTE: '0',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  try {
    const port = await waitForListening(started.output, started.child);
    return { ...started, base: `http://127.0.0.1:${port}` };
  } catch (error) {
    started.child.kill('SIGKILL');
    throw error;
  }
}

/** Stops the process with `signal` and resolves with its exit code once it is gone. */
export async function stopServerProcess(server: StartedProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill(signal);
  return exited;
}
