// The service as a real process (`src/server.ts` through tsx), for what only the process shows: its exit codes,
// its startup work, its signals, and its log output as an operator would see it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const serverEntry = path.resolve('src/server.ts');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Everything written to stdout so far: the log lines. */
  stdout: () => string;
}

export function startServer(env: Record<string, string>): ServerProcess {
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

/** The port the server says it listens on, once it does. */
export async function waitForListening(output: () => string): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output()}`);
}
