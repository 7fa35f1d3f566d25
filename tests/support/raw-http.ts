// HTTP/1.1 spoken by hand over a TCP socket, for what no HTTP client sends: requests Node's parser refuses, and
// requests whose headers or body arrive a few bytes at a time.
import net from 'node:net';

export interface RawExchange {
  /** Everything the server sent, as text. */
  received: string;
  /** The status codes of the responses in `received`, in order. */
  statuses: number[];
  /** From connecting until the server closed the socket (or the client gave up). */
  elapsedMs: number;
  /** False when the client gave up before the server closed the socket. */
  closedByServer: boolean;
}

export interface RawRequest {
  /** Written as soon as the socket connects (request line, headers, perhaps part of a body). */
  head: string | Buffer;
  /** Then written one byte at a time, every `intervalMs`, over and over, until the server closes the socket. */
  trickle?: string;
  /** Or written once, each after the one before, `intervalMs` apart; then the client waits. */
  chunks?: string[];
  intervalMs?: number;
  /** The client closes the socket itself after this long. */
  giveUpAfterMs: number;
  /**
   * After the first bytes of the answer, the client stops reading for this long (a client that stalls mid-download),
   * then reads on to the end.
   */
  stopReadingForMs?: number;
}

/** Sends a request by hand and reads until the server closes the socket or the client gives up. */
export function rawExchange(port: number, request: RawRequest): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const timers: NodeJS.Timeout[] = [];
    let closedByServer = true;
    socket.on('connect', () => {
      socket.write(request.head);
      const interval = request.intervalMs ?? 200;
      if (request.trickle !== undefined) {
        let next = 0;
        timers.push(
          setInterval(() => {
            if (!socket.destroyed) socket.write(request.trickle![next++ % request.trickle!.length]!);
          }, interval),
        );
      }
      request.chunks?.forEach((chunk, index) => {
        timers.push(setTimeout(() => socket.destroyed || socket.write(chunk), interval * (index + 1)));
      });
      timers.push(
        setTimeout(() => {
          closedByServer = false;
          socket.destroy();
        }, request.giveUpAfterMs),
      );
    });
    let stopped = false;
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (request.stopReadingForMs !== undefined && !stopped) {
        stopped = true;
        socket.pause();
        timers.push(setTimeout(() => socket.resume(), request.stopReadingForMs));
      }
    });
    // A reset after the server's answer is the server closing too; what was received is what counts.
    socket.on('error', () => {});
    socket.on('close', () => {
      timers.forEach((timer) => clearTimeout(timer));
      const text = Buffer.concat(received).toString('utf8');
      resolve({
        received: text,
        statuses: [...text.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((match) => Number(match[1])),
        elapsedMs: Date.now() - started,
        closedByServer,
      });
    });
  });
}

/** The JSON body of the last response in `received` (each response here has a Content-Length body). */
export function lastBody(received: string): unknown {
  const start = received.lastIndexOf('\r\n\r\n');
  return JSON.parse(received.slice(start + 4));
}

/** The last response in `received`: its status, headers (names in lower case) and body. */
export function lastResponse(received: string): { status: number; headers: Record<string, string>; body: string } {
  const start = received.lastIndexOf('HTTP/1.1 ');
  const [head = '', ...rest] = received.slice(start).split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}
