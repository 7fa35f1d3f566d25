// All writes go through one queue, on a connection of their own.
//
// Why: the SQLite driver adapter runs every query of a PrismaClient on ONE connection, and only transactions
// take its lock. A query another request issues while a transaction is open runs inside that transaction; if the
// transaction rolls back, that request's write is lost although it was acknowledged (reproduced; see
// ENVIRONMENT.md). Reads therefore use their own client (`app.db`), which in WAL mode sees only committed data,
// and writes run here one at a time, each in its own transaction, so nothing can join them.
import type { Database } from './client.js';

export type WriteTransaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(private readonly writer: Database) {}

  /** How many writes are waiting or running; used to shed load before the queue grows without bound. */
  get pending(): number {
    return this.#pending;
  }

  /** Runs `work` in a transaction on the writer connection after every write queued before it. */
  run<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    this.#pending += 1;
    const result = this.#tail.then(() =>
      // Long enough for any single curator write; a stuck one fails instead of blocking the queue forever.
      this.writer.$transaction(work, { maxWait: 10_000, timeout: 10_000 }),
    );
    const settled = result.finally(() => {
      this.#pending -= 1;
    });
    this.#tail = settled.catch(() => undefined);
    return settled;
  }
}
