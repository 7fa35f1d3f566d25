// All writes go through one queue, on a connection of their own.
//
// Why: the SQLite driver adapter runs every query of a PrismaClient on ONE connection, and only transactions
// take its lock. A query another request issues while a transaction is open runs inside that transaction; if the
// transaction rolls back, that request's write is lost although it was acknowledged (reproduced; see
// ENVIRONMENT.md). Reads therefore use their own client (`app.db`), which in WAL mode sees only committed data,
// and writes run here one at a time, each in its own transaction, so nothing can join them.
import type { Database } from './client.js';
import type { SqlWriter } from './sql.js';

export type WriteTransaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * A write's view of the database: Prisma for writing records, and SQL on the same connection that sees what the
 * transaction wrote (reads, and the statements that keep derived rows in step).
 */
export type WriteWork<T> = (tx: WriteTransaction, db: SqlWriter) => Promise<T>;

export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #version = 0;

  constructor(
    private readonly writer: Database,
    /** Reads on the writer's own connection: inside `run`, they see the open transaction's writes. */
    private readonly reader: () => SqlWriter,
  ) {}

  /** How many writes are waiting or running; used to shed load before the queue grows without bound. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Counts committed writes. Anything derived from the data (the response cache) is valid only for the version it
   * was computed at; the count moves before the writer hears back, so its next read never sees the old data.
   */
  get version(): number {
    return this.#version;
  }

  /**
   * Reads a setting of the writer connection (e.g. `synchronous`), so tests and diagnostics can check the
   * connection that actually commits, which is otherwise private to the queue. Names only: never a `= value`.
   */
  async pragma(name: string): Promise<string | number> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a pragma name: ${name}`);
    const rows = await this.writer.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    const value = Object.values(rows[0] ?? {})[0];
    // Raw queries return integers as BigInt.
    return typeof value === 'bigint' ? Number(value) : String(value);
  }

  /** Runs `work` in a transaction on the writer connection after every write queued before it. */
  run<T>(work: WriteWork<T>): Promise<T> {
    this.#pending += 1;
    const result = this.#tail.then(() =>
      // Long enough for any single curator write; a stuck one fails instead of blocking the queue forever.
      this.writer.$transaction((tx) => work(tx, this.reader()), { maxWait: 10_000, timeout: 10_000 }).then((value) => {
        this.#version += 1;
        return value;
      }),
    );
    const settled = result.finally(() => {
      this.#pending -= 1;
    });
    this.#tail = settled.catch(() => undefined);
    return settled;
  }
}
