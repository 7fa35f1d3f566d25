// The service as its own process (`node src/server.ts`, through tsx), as production runs it: for tests of what
// only a real process shows (signals, crashes, several replicas on one database).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const serverEntry = path.resolve('src/server.ts');

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> once listening. */
  base: string;
  /** Everything the process wrote so far, stdout and stderr. */
  output: () => string;
}

export type LogLine = { msg?: string; reqId?: string; res?: { statusCode?: number } };

/** The JSON log lines in `output`. */
export function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    try {
      return line.startsWith('{') ? [JSON.parse(line) as LogLine] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Starts a server process on a free loopback port with `env` on top of the test's own environment, and resolves
 * once it listens. Load shedding and rate limits are off unless `env` sets them: one test client sending hundreds of
 * requests a second is the test, not an attack.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    if (match) return { child, base: `http://127.0.0.1:${match[1]}`, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${output}`);
}

/** Stops the process with `signal` and resolves with its exit code once it is gone. */
export async function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill(signal);
  return exited;
}
