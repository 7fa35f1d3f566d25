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
import { CHANGES_CHANNEL } from './write-queue.js';
import { first, sql, type SqlReader } from './sql.js';

/** The longest a replica may go on serving what it derived before another replica's write: see README. */
export const POLL_INTERVAL_MS = 500;

/** How long to wait before listening again after the connection dropped. */
const RECONNECT_DELAY_MS = 1_000;

export interface ChangeFeedLog {
  warn(fields: object, message: string): void;
}

export class ChangeFeed {
  #client: pg.Client | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lastRevision: number | null = null;
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
    this.#lastRevision = await this.#newestRevision();
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
  ownCommit(revisions: { before: number | null; after: number | null }): void {
    if (revisions.before !== this.#lastRevision) this.changed();
    this.#lastRevision = revisions.after;
  }

  async stop(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #newestRevision(): Promise<number> {
    return (await first<{ newest: number | null }>(this.reader, sql`SELECT max("id") AS "newest" FROM "Revision"`))?.newest ?? 0;
  }

  async #poll(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      const newest = await this.#newestRevision();
      if (newest !== this.#lastRevision) {
        this.#lastRevision = newest;
        this.changed();
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not check the database for other replicas\' writes; will try again');
    } finally {
      this.#polling = false;
    }
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'atlas-listener' });
    client.on('notification', (notice) => {
      if (notice.payload !== this.ownId) this.changed();
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'lost the connection that listens for other replicas\' writes; reconnecting');
      void this.#reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
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
