// How a replica learns that another one wrote, so its caches (the response cache and the kept JSON, both tied to
// `WriteQueue.version`) never serve data from before an acknowledged write for longer than a stated bound.
//
// Two paths, the second a fallback for the first:
// - every committing write group on PostgreSQL sends NOTIFY on `atlas_changes` inside its transaction, which
//   PostgreSQL delivers to every listener when (and only if) it commits: milliseconds after the commit;
// - every POLL_INTERVAL_MS the feed reads the newest revision id (every write that changes data records a
//   revision, and writes commit one at a time under the write lock, so ids only grow), which catches any notice
//   lost while the listening connection was down. The bound is therefore POLL_INTERVAL_MS plus a query's time.
import pg from 'pg';
import { CHANGES_CHANNEL, newestRevision, type GroupRevisions } from './write-queue.js';
import type { SqlReader } from './sql.js';
import { DatabaseUnavailableError } from './faults.js';

/** The longest a replica may go on serving what it derived before another replica's write: see docs/operations.md. */
export const POLL_INTERVAL_MS = 500;

/** How long to wait before listening again after the connection dropped. */
const RECONNECT_DELAY_MS = 1_000;

export interface ChangeFeedLog {
  warn(fields: object, message: string): void;
}

export class ChangeFeed {
  #client: pg.Client | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lastRevision = 0;
  #closed = false;
  #polling = false;

  constructor(
    private readonly connectionString: string,
    private readonly reader: SqlReader,
    /** Called whenever data may have changed behind this process's back. */
    private readonly changed: () => void,
    private readonly log: ChangeFeedLog,
    /** This process's name in the notices its own writes send (`WriteQueue.processId`): those are no news. */
    private readonly ownId: string,
  ) {}

  async start(): Promise<void> {
    this.#lastRevision = await newestRevision(this.reader);
    await this.#listen();
    this.#timer = setInterval(() => void this.#poll(), POLL_INTERVAL_MS);
    // The poll must not keep a process alive that is otherwise done.
    this.#timer.unref();
  }

  /**
   * This process committed. `before` and `after` are the newest revision ids before and after its writes, read in its
   * transaction under the write lock: what is newer than the last one seen but not this process's own is another
   * replica's, whose notice may not have arrived yet (or been lost); its own are no news.
   */
  ownCommit(revisions: GroupRevisions): void {
    if (revisions.before > this.#lastRevision) this.changed();
    this.#seen(revisions.after);
  }

  /** Ids only grow: a poll that read before this process's own commit and answers after it must not go back. */
  #seen(revision: number): void {
    this.#lastRevision = Math.max(this.#lastRevision, revision);
  }

  async stop(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #poll(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      const newest = await newestRevision(this.reader);
      if (newest > this.#lastRevision) {
        this.#seen(newest);
        this.changed();
      }
    } catch (error) {
      // While the read circuit is open the poll is refused unasked: the circuit already says the database fails.
      if (!(error instanceof DatabaseUnavailableError)) this.log.warn({ err: error }, 'could not check the database for other replicas\' writes; will try again');
    } finally {
      this.#polling = false;
    }
  }

  async #listen(): Promise<void> {
    // A hung server would otherwise hold the connection attempt (and the reconnect loop) forever.
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'atlas-listener', connectionTimeoutMillis: 3_000, keepAlive: true });
    client.on('notification', (notice) => {
      if (notice.payload !== this.ownId) this.changed();
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'lost the connection that listens for other replicas\' writes; reconnecting');
      void this.#reconnect(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      // A connection that opened but could not listen is closed, not left behind at every retry.
      await client.end().catch(() => {});
      throw error;
    }
    // Stopped while connecting: nobody would close this one.
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
  }

  async #reconnect(broken: pg.Client): Promise<void> {
    if (this.#closed || this.#client !== broken) return;
    this.#client = null;
    await broken.end().catch(() => {});
    while (!this.#closed) {
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS).unref());
      try {
        await this.#listen();
        // Notices sent while nobody listened are gone: treat the gap as a change.
        this.changed();
        return;
      } catch (error) {
        this.log.warn({ err: error }, 'still cannot listen for other replicas\' writes; retrying');
      }
    }
  }
}
