// All writes go through one queue, on a connection of their own, and commit in groups.
//
// Why one queue: the SQLite driver adapter runs every query of a PrismaClient on ONE connection, and only
// transactions take its lock. A query another request issues while a transaction is open runs inside that
// transaction; if the transaction rolls back, that request's write is lost although it was acknowledged
// (reproduced; see ENVIRONMENT.md). Reads therefore use a connection of their own (`app.reader`), which in WAL mode
// sees only committed data, and writes run here one at a time, so nothing can join them.
//
// Why groups: a durable commit (synchronous=FULL) costs an fsync (0.9 ms under load, measured; see
// tests/bench/BENCHMARKS.md), and Prisma's interactive transaction costs more CPU again to open and close. The
// writes waiting when one group commits form the next group: one transaction, each write in a savepoint of its
// own, so a refused write rolls back alone and the others go on. Nobody hears back before the group's COMMIT
// returns, so an acknowledged write is as durable as before; a commit that fails fails every write of its group,
// none of which was acknowledged. Alone, a write is a group of one and waits for nothing.
import type { Database } from './client.js';
import { sql, type SqlWriter } from './sql.js';

export type WriteTransaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * A write's view of the database: Prisma for writing records, and SQL on the same connection that sees what the
 * transaction wrote (reads, and the statements that keep derived rows in step).
 */
export type WriteWork<T> = (tx: WriteTransaction, db: SqlWriter) => Promise<T>;

/**
 * The most writes one commit carries. Each write of a group holds the others' answers until the commit, so the
 * cap bounds that wait (about 1 ms a write) and the transaction's length; beyond a few dozen the saving per write
 * is already small.
 */
const MAX_GROUP = 64;

interface Queued {
  work: WriteWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Thrown to roll a group back when none of its writes went through. */
const NOTHING_TO_COMMIT = new Error('every write of the group was refused');

const SAVEPOINT = sql`SAVEPOINT "write"`;
const RELEASE = sql`RELEASE "write"`;
const ROLLBACK = sql`ROLLBACK TO "write"`;

export class WriteQueue {
  #waiting: Queued[] = [];
  #committing = false;
  #pending = 0;
  #version = 0;
  #groups = 0;

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
   * Counts committed groups of writes. Anything derived from the data (the response cache) is valid only for the
   * version it was computed at; the count moves before the writers hear back, so their next read never sees the
   * old data.
   */
  get version(): number {
    return this.#version;
  }

  /** How many commits the queue has made (for the benchmark's report of writes per commit). */
  get commits(): number {
    return this.#groups;
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

  /** Runs `work` in a transaction on the writer connection, after every write queued before it. */
  run<T>(work: WriteWork<T>): Promise<T> {
    this.#pending += 1;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work: work as WriteWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#committing) void this.#drain();
    }).finally(() => {
      this.#pending -= 1;
    });
  }

  async #drain(): Promise<void> {
    this.#committing = true;
    try {
      do {
        // A transaction on SQLite runs in one turn of the event loop (the driver is synchronous), so requests that
        // arrived meanwhile are still unread. Letting the loop take them first is what makes a group: they queue
        // here within the turn. Alone, a write waits one turn, microseconds.
        await new Promise((resolve) => setImmediate(resolve));
        await this.#commit(this.#waiting.splice(0, MAX_GROUP));
      } while (this.#waiting.length > 0);
    } finally {
      this.#committing = false;
    }
  }

  async #commit(group: Queued[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      // Long enough for any group of curator writes; a stuck one fails instead of blocking the queue forever.
      await this.writer.$transaction(
        async (tx) => {
          const db = this.reader();
          for (const { work } of group) {
            await db.run(SAVEPOINT);
            try {
              const value = await work(tx, db);
              await db.run(RELEASE);
              outcomes.push({ ok: true, value });
            } catch (error) {
              // Undo this write alone; the savepoint is then released so the next write starts clean.
              await db.run(ROLLBACK);
              await db.run(RELEASE);
              outcomes.push({ ok: false, error });
            }
          }
          // Every write was refused: roll back rather than commit an empty transaction, so a refused write leaves
          // the file exactly as it was (not even a new commit for other connections to see).
          if (!outcomes.some((outcome) => outcome.ok)) throw NOTHING_TO_COMMIT;
        },
        { maxWait: 10_000, timeout: 10_000 },
      );
    } catch (error) {
      // The group's transaction did not commit: none of its writes happened.
      group.forEach(({ reject }, index) => {
        const outcome = outcomes[index];
        reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    this.#groups += 1;
    if (outcomes.some((outcome) => outcome.ok)) this.#version += 1;
    group.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
