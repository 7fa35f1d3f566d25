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
import { randomUUID } from 'node:crypto';
import type { WriteTransaction, WriterClient } from './client.js';
import { first, raw, sql, type Sql, type SqlReader, type SqlWriter } from './sql.js';
import type { Circuit } from './circuit.js';
import { DatabaseTimeoutError, DatabaseUnavailableError, failingFault } from './faults.js';

export type { WriteTransaction } from './client.js';

/**
 * A write's view of the database: Prisma for writing records (`tx`), and SQL on the same connection that sees what
 * the transaction wrote (`db`: reads, and the statements that keep derived rows in step). Stores report whether
 * they changed anything, so a write that changed nothing commits nothing that caches would have to notice.
 */
export class WriteSession {
  #wrote = 0;
  #unchanged = 0;

  constructor(
    readonly tx: WriteTransaction,
    readonly db: SqlWriter,
  ) {}

  /** A record was created, changed or deleted. */
  wrote(): void {
    this.#wrote += 1;
  }

  /** A write found the record already as it would have made it, and undid itself. */
  wroteNothing(): void {
    this.#unchanged += 1;
  }

  /** Whether the session may have changed data: anything but a session whose every store write changed nothing. */
  get changed(): boolean {
    return this.#wrote > 0 || this.#unchanged === 0;
  }
}

export type WriteWork<T> = (w: WriteSession) => Promise<T>;

/**
 * The most writes one commit carries. Each write of a group holds the others' answers until the commit, so the
 * cap bounds that wait (about 1 ms a write) and the transaction's length; beyond a few dozen the saving per write
 * is already small. PostgreSQL gives each savepoint a subtransaction, and past 64 open in one transaction (a write's
 * and, for an update, its store's) every other session's snapshot must look them up on disk: fewer there.
 */
export const MAX_GROUP = { sqlite: 64, postgresql: 30 } as const;

/**
 * How long a group's transaction may run before Prisma rolls it back: long enough for any group of curator writes; a
 * stuck one fails instead of blocking the queue forever. Startup's seed and rebuild give their queue longer.
 */
const DEFAULT_TRANSACTION_MS = 10_000;
/**
 * Our own deadline, a tenth before Prisma's: past it the group's SQL refuses to run. Prisma's rollback does not stop
 * the callback, and a statement it sent afterwards would run outside any transaction and commit on its own (half a
 * write's derived rows, say).
 */
const statementDeadlineMs = (transactionMs: number) => transactionMs * 0.9;
/**
 * How long a group waits for another replica's group to release the write lock before it fails as busy (503): half
 * its transaction's time, since the wait counts against it.
 */
const lockWaitMs = (transactionMs: number) => transactionMs / 2;

/** SQL that refuses to run once closed: a transaction's, closed when its deadline passes or it ends. */
export class ClosableSql implements SqlWriter {
  #open = true;

  constructor(private readonly db: SqlWriter) {}

  get dialect() {
    return this.db.dialect;
  }

  close(): void {
    this.#open = false;
  }

  #check(): void {
    if (!this.#open) throw new DatabaseTimeoutError('the write transaction is over (past its deadline, or ended): no statement may run outside it');
  }

  async all<Row>(query: Sql): Promise<Row[]> {
    this.#check();
    return this.db.all<Row>(query);
  }

  async run(query: Sql): Promise<{ changes: number }> {
    this.#check();
    return this.db.run(query);
  }

  consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T> {
    return read(this);
  }
}

interface Queued {
  work: WriteWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** When it was queued (performance.now()), for the longest wait a write is made to bear. */
  queuedAt: number;
}

type Outcome = { ok: true; value: unknown; changed: boolean } | { ok: false; error: unknown };

/**
 * Free space below which the disk counts as full for writes: a group of 64 writes appends a few hundred KiB to
 * SQLite's log before it is checkpointed.
 */
const MIN_FREE_BYTES = 1024 * 1024;

/** Thrown to roll a group back when none of its writes changed anything (each was refused or found nothing to do). */
const NOTHING_TO_COMMIT = new Error('no write of the group changed anything');

/**
 * On PostgreSQL, every group's transaction first takes this transaction-scoped advisory lock, so the groups of all
 * replicas commit one at a time, as one process's do: a write's checks (If-Match, a taken slug, an Idempotency-Key)
 * and its write happen with no other write in between, whichever replica runs it. The database holds the lock and
 * releases it at COMMIT or ROLLBACK, so a replica that dies mid-write holds nothing.
 */
const WRITE_LOCK = sql`SELECT 1 AS "locked" FROM pg_advisory_xact_lock(7420230001)`;
/**
 * Inside a transaction: waits (at most `waitMs`) until no other write of any process is under way, and holds others
 * off until the transaction ends.
 */
async function lockWrites(db: SqlWriter, waitMs: number): Promise<void> {
  if (db.dialect !== 'postgresql') return;
  await db.run(raw(`SET LOCAL lock_timeout = ${Math.trunc(waitMs)}`));
  await db.all(WRITE_LOCK);
}

/** The channel replicas listen on; PostgreSQL delivers the notice only when (and if) the transaction commits. */
export const CHANGES_CHANNEL = 'atlas_changes';
/** The notice a committing group sends, naming the process that sent it (which need not hear of its own writes). */
const notifyChange = (sender: string) => sql`SELECT 1 AS "notified" FROM pg_notify(${CHANGES_CHANNEL}, ${sender})`;
/**
 * The id of the newest revision, 0 when there is none. Every write that changes data records one, and groups commit
 * one at a time under the write lock, so it only grows: what a replica reads of it tells whether anyone wrote since.
 */
export async function newestRevision(reader: SqlReader): Promise<number> {
  return (await first<{ newest: number | null }>(reader, sql`SELECT max("id") AS "newest" FROM "Revision"`))?.newest ?? 0;
}

/** The newest revision ids before and after a group's writes, read under the write lock. */
export interface GroupRevisions {
  before: number;
  after: number;
}

const SAVEPOINT = sql`SAVEPOINT "write"`;
const RELEASE = sql`RELEASE "write"`;
const ROLLBACK = sql`ROLLBACK TO "write"`;

export class WriteQueue {
  #waiting: Queued[] = [];
  #committing = false;
  #pending = 0;
  #version = 0;
  #groups = 0;

  /** Names this process in its change notices (src/db/change-feed.ts). */
  readonly processId = randomUUID();

  constructor(
    private readonly writer: WriterClient,
    private readonly options: {
      /**
       * After each commit that changed data, before the writers hear back; on PostgreSQL with the newest revision id
       * before and after the group's writes, both read under the write lock (no other replica's write in between).
       */
      afterCommit?: (revisions: GroupRevisions) => void;
      /** How long a group's transaction may run (its deadline and lock wait follow from it); 10 s by default. */
      transactionMs?: number;
      /**
       * Refuses writes at once while the database fails for writes, and learns from each commit whether it does
       * (src/db/circuit.ts). Without one, every write tries the database.
       */
      circuit?: Circuit;
    } = {},
  ) {}

  /** The write side's circuit, when the queue has one (health reads it). */
  get circuit(): Circuit | undefined {
    return this.options.circuit;
  }

  /** How many writes are waiting or running; used to shed load before the queue grows without bound. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Counts committed groups of writes (and, on PostgreSQL, other replicas' commits as they are noticed). Anything
   * derived from the data (the response cache) is valid only for the version it was computed at; the count moves
   * before the writers hear back, so their next read never sees the old data.
   */
  get version(): number {
    return this.#version;
  }

  /** Another process committed a change (src/db/change-feed.ts): what was derived from the data is stale. */
  noteExternalChange(): void {
    this.#version += 1;
  }

  /** How many commits the queue has made (for the benchmark's report of writes per commit). */
  get commits(): number {
    return this.#groups;
  }

  /**
   * Reads a setting of the SQLite writer connection (e.g. `synchronous`), so tests and diagnostics can check the
   * connection that actually commits, which is otherwise private to the queue. Names only: never a `= value`.
   * SQLite only: PostgreSQL has no PRAGMA (its settings are the server's, `current_setting()`).
   */
  async pragma(name: string): Promise<string | number> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a pragma name: ${name}`);
    const rows = await this.writer.client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    const value = Object.values(rows[0] ?? {})[0];
    // Raw queries return integers as BigInt.
    return typeof value === 'bigint' ? Number(value) : String(value);
  }

  /** Runs `work` in a transaction on the writer connection, after every write queued before it. */
  run<T>(work: WriteWork<T>): Promise<T> {
    try {
      this.options.circuit?.admit();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#enqueue(work);
  }

  /**
   * Runs `work` whatever the circuit says, as the health check's probe of a failing database does: its outcome closes
   * the circuit or keeps it open, as a write's would.
   */
  probe<T>(work: WriteWork<T>): Promise<T> {
    return this.#enqueue(work);
  }

  /**
   * Whether writes can be made now, as the health check asks: a database that answers, and (SQLite) a disk with room
   * for a write group's log. Closes the circuit when they can, keeps it open when they cannot; throws the fault.
   */
  async probeWrites(): Promise<void> {
    if (await this.storageFull()) {
      this.options.circuit?.failed('full');
      throw new DatabaseUnavailableError('full', this.options.circuit?.retryAfterSeconds ?? 1, 'writes');
    }
    await this.probe(async (w) => {
      await w.db.all(sql`SELECT 1 AS "answered"`);
      w.wroteNothing();
    });
  }

  /** Whether the database's disk has too little room for writes (false where the disk is not ours to see). */
  async storageFull(): Promise<boolean> {
    const free = await this.writer.storageFree();
    return free !== null && free < MIN_FREE_BYTES;
  }

  #enqueue<T>(work: WriteWork<T>): Promise<T> {
    this.#pending += 1;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work: work as WriteWork<unknown>, resolve: resolve as (value: unknown) => void, reject, queuedAt: performance.now() });
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
        this.#refuseStale();
        if (this.#waiting.length === 0) break;
        await this.#commit(this.#waiting.splice(0, MAX_GROUP[this.writer.dialect]));
      } while (this.#waiting.length > 0);
    } finally {
      this.#committing = false;
    }
  }

  /**
   * Refuses the writes that waited longer than a group's whole transaction time for their turn (groups ahead of them
   * hung on a database that does not answer): each gets a 503 within a bounded time, never a wait that grows with
   * the queue. And while the circuit is open, the rest are refused too, as new writes are.
   */
  #refuseStale(): void {
    const transactionMs = this.options.transactionMs ?? DEFAULT_TRANSACTION_MS;
    const oldest = performance.now() - transactionMs;
    const circuit = this.options.circuit;
    const refuseAll = circuit !== undefined && circuit.state === 'open';
    const kept: Queued[] = [];
    for (const queued of this.#waiting) {
      if (refuseAll) queued.reject(new DatabaseUnavailableError(circuit.lastFault ?? 'unavailable', circuit.retryAfterSeconds, 'writes'));
      else if (queued.queuedAt < oldest) queued.reject(new DatabaseTimeoutError('the write waited longer than a write may take for its turn'));
      else kept.push(queued);
    }
    this.#waiting = kept;
  }

  async #commit(group: Queued[]): Promise<void> {
    const outcomes: Outcome[] = [];
    const revisions: GroupRevisions = { before: 0, after: 0 };
    const transactionMs = this.options.transactionMs ?? DEFAULT_TRANSACTION_MS;
    let db: ClosableSql | undefined;
    const deadline = setTimeout(() => db?.close(), statementDeadlineMs(transactionMs));
    try {
      await this.writer.client.$transaction(
        async (tx) => {
          db = new ClosableSql(this.writer.sqlIn(tx));
          await lockWrites(db, lockWaitMs(transactionMs));
          if (db.dialect === 'postgresql') revisions.before = await newestRevision(db);
          for (const { work } of group) {
            await db.run(SAVEPOINT);
            try {
              const session = new WriteSession(tx, db);
              const value = await work(session);
              await db.run(RELEASE);
              outcomes.push({ ok: true, value, changed: session.changed });
            } catch (error) {
              // Undo this write alone; the savepoint is then released so the next write starts clean.
              await db.run(ROLLBACK);
              await db.run(RELEASE);
              outcomes.push({ ok: false, error });
            }
          }
          // No write changed anything: roll back rather than commit an empty transaction, so a refused write (or one
          // that found its record as it would have made it) leaves the database exactly as it was (not even a new
          // commit for other connections to see).
          if (!outcomes.some((outcome) => outcome.ok && outcome.changed)) throw NOTHING_TO_COMMIT;
          // Other replicas drop what they derived from the data once this commits.
          if (db.dialect === 'postgresql') {
            revisions.after = await newestRevision(db);
            await db.all(notifyChange(this.processId));
          }
        },
        { maxWait: 10_000, timeout: transactionMs },
      );
    } catch (error) {
      // A write refused by the database's fault (a full disk) fails its group's commit or its own savepoint alike.
      const fault = (error === NOTHING_TO_COMMIT ? null : failingFault(error)) ?? outcomes.map((outcome) => (outcome.ok ? null : failingFault(outcome.error))).find(Boolean) ?? null;
      // Contention is the database answering; anything but a fault is too.
      if (fault) this.options.circuit?.failed(fault);
      else this.options.circuit?.succeeded();
      if (error === NOTHING_TO_COMMIT) {
        this.#settle(group, outcomes);
        return;
      }
      // The group's transaction did not commit: none of its writes happened.
      group.forEach(({ reject }, index) => {
        const outcome = outcomes[index];
        reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    } finally {
      clearTimeout(deadline);
      db?.close();
    }
    this.options.circuit?.succeeded();
    this.#groups += 1;
    this.#version += 1;
    this.options.afterCommit?.(revisions);
    this.#settle(group, outcomes);
  }

  #settle(group: Queued[], outcomes: Outcome[]): void {
    group.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }
}
