import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { databaseFilePath } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { SqliteReader } from './sql.js';

export type Database = InstanceType<typeof PrismaClient>;

// How long a connection waits for another one's write lock before failing with SQLITE_BUSY (Prisma's P1008).
// better-sqlite3 already defaults to 5000 ms; it is spelled out because the migration runner and the backup use
// the same figure, and a silent change of the library default would make them disagree.
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The adapter with every connection it opens set to `synchronous = FULL`, and that connection kept within reach.
 *
 * Why FULL: better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so once the file is in WAL mode (set
 * by src/db/migrate.ts) its connections default to NORMAL, not FULL (checked: `PRAGMA synchronous` answered 1).
 * In WAL mode NORMAL does not fsync on commit, so a power loss can undo writes the API already acknowledged with
 * 201/200. `synchronous` is per connection and the adapter offers no hook for pragmas, hence the override of
 * `connect()`, which Prisma calls for each connection it opens (again after a `$disconnect`).
 * tests/durability.test.ts asks the app's connections.
 *
 * Why keep the connection: a write transaction reads the records it writes (to show them, tag them and record
 * their revision) through the same SQL as every read. Those reads must run on the writer's own connection, inside
 * its open transaction, to see what it has written and not yet committed.
 * NOTE: library internals, confined to this class. The adapter's connection object keeps its better-sqlite3
 * handle in a public but untyped `client` field (@prisma/adapter-better-sqlite3 7.10, dist/index.mjs).
 */
class DurableSqliteAdapter extends PrismaBetterSqlite3 {
  #handle: BetterSqlite3.Database | undefined;

  override async connect() {
    const connection = await super.connect();
    await connection.executeScript('PRAGMA synchronous = FULL');
    const handle = (connection as unknown as { client?: unknown }).client;
    if (!(handle instanceof BetterSqlite3)) throw new Error('the SQLite adapter no longer exposes its connection; see src/db/client.ts');
    this.#handle = handle;
    return connection;
  }

  /** The open connection's handle; only valid while the client is connected. */
  get handle(): BetterSqlite3.Database {
    if (!this.#handle?.open) throw new Error('the writer connection is not open');
    return this.#handle;
  }
}

/** A Prisma client on the embedded SQLite file behind `databaseUrl` (a `file:` URL). */
export function createDatabaseClient(databaseUrl: string): Database {
  return createWriterClient(databaseUrl).client;
}

/** A Prisma client for writes, and a reader on that client's own connection for reads inside its transactions. */
export function createWriterClient(databaseUrl: string): { client: Database; reader: () => SqliteReader } {
  const adapter = new DurableSqliteAdapter({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  let reader: SqliteReader | undefined;
  return {
    client,
    reader: () => {
      const handle = adapter.handle;
      if (reader?.connection !== handle) reader = new SqliteReader(handle);
      return reader;
    },
  };
}

/**
 * The read connection: read-only, so no read can ever write, and in WAL mode it sees every transaction committed
 * before each statement starts, never one in progress.
 */
export function openReadConnection(databaseUrl: string): SqliteReader {
  const connection = new BetterSqlite3(databaseFilePath(databaseUrl), { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return new SqliteReader(connection);
}
