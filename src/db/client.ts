// The database connections, for either engine: the embedded SQLite file (`file:` URLs, the default) or a
// PostgreSQL server (`postgresql://` URLs, for several replicas). Writes go through Prisma on a connection (SQLite)
// or pool (PostgreSQL) of their own; reads are plain SQL on another (src/db/sql.ts, src/db/postgres.ts).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import BetterSqlite3 from 'better-sqlite3';
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { databaseFilePath, databaseEngine } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-postgresql/client.js';
import type { PoolClient } from 'pg';
import { PostgresConnectionSql, postgresPool, PostgresReader } from './postgres.js';
import { SqliteReader, type Dialect, type SqlReader, type SqlWriter } from './sql.js';

/**
 * A Prisma client for either engine. NOTE: both clients are generated from one schema (prisma/schema.prisma and the
 * PostgreSQL schema generated from it), so they expose the same models and methods; the type is the SQLite one's,
 * and the PostgreSQL client is used through it (see `createWriterClient`).
 */
export type Database = InstanceType<typeof PrismaClient>;

/** Prisma's transaction client, as `$transaction(async (tx) => …)` passes it. */
export type WriteTransaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

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
 * tests/db/durability.test.ts asks the app's connections.
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

/** The writer: a Prisma client, and SQL on the connection of each of its transactions. */
export interface WriterClient {
  client: Database;
  dialect: Dialect;
  /** SQL that runs inside `tx` (sees what it wrote, commits or rolls back with it). */
  sqlIn(tx: WriteTransaction): SqlWriter;
  /** Disconnects the client and closes its connections. */
  close(): Promise<void>;
  /**
   * Bytes free for the database on its disk, or null where the disk is not this process's to see (a PostgreSQL
   * server's).
   */
  storageFree(): Promise<number | null>;
}

/**
 * The longest one statement of a write may take on PostgreSQL: a request's write group has 10 s in all
 * (src/db/write-queue.ts), so a statement past this is stuck or the server hung.
 */
const WRITE_STATEMENT_TIMEOUT_MS = 10_000;
/**
 * How long a write transaction may sit idle before PostgreSQL ends it and frees the write lock: a group sends its
 * statements back to back (milliseconds apart), so only a frozen or vanished replica ever waits this long.
 */
const WRITE_IDLE_IN_TRANSACTION_MS = 5_000;

/**
 * A Prisma client for writes on the database behind `databaseUrl`. `statementTimeoutMs`: the longest one statement
 * may take on PostgreSQL; `idleInTransactionTimeoutMs`: how long a transaction may sit idle (0: no limit). Startup's
 * seed and rebuild of a large database allow longer statements, and work between them in JavaScript.
 */
export function createWriterClient(
  databaseUrl: string,
  { statementTimeoutMs = WRITE_STATEMENT_TIMEOUT_MS, idleInTransactionTimeoutMs = WRITE_IDLE_IN_TRANSACTION_MS } = {},
): WriterClient {
  if (databaseEngine(databaseUrl) === 'postgresql') {
    // ONE connection, the adapter's and ours. Writes commit one group at a time (src/db/write-queue.ts), so a
    // transaction is the only user of the writer's connection while it is open, and SQL sent on that connection
    // directly runs inside it: ~0.1 ms a statement, where Prisma's raw queries took ~1 ms (measured: creates on
    // PostgreSQL ran 80/s through them). Nothing else ever waits for this connection: reads have a pool of their own.
    const pool = postgresPool({
      connectionString: databaseUrl,
      max: 1,
      applicationName: 'atlas-writer',
      statementTimeoutMs,
      idleInTransactionTimeoutMs,
    });
    let connection: PoolClient | undefined;
    pool.on('connect', (opened) => {
      connection = opened;
    });
    const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as Database;
    return {
      client,
      dialect: 'postgresql',
      sqlIn: () => {
        // Prisma's transaction has checked the one connection out before its callback runs.
        if (!connection) throw new Error('the writer connection is not open');
        return new PostgresConnectionSql(connection);
      },
      close: async () => {
        await client.$disconnect();
        // The adapter leaves a pool it was given open.
        await pool.end();
      },
      storageFree: async () => null,
    };
  }
  const adapter = new DurableSqliteAdapter({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  let reader: SqliteReader | undefined;
  return {
    client,
    dialect: 'sqlite',
    // Prisma runs the whole transaction on its one connection, so SQL on that connection is inside it.
    sqlIn: () => {
      const handle = adapter.handle;
      if (reader?.connection !== handle) reader = new SqliteReader(handle);
      return reader;
    },
    close: () => client.$disconnect(),
    storageFree: async () => {
      const stats = await statfs(path.dirname(databaseFilePath(databaseUrl)));
      return stats.bavail * stats.bsize;
    },
  };
}

/** A Prisma client on the database behind `databaseUrl` (tests use one to write behind the API's back). */
export function createDatabaseClient(databaseUrl: string): Database {
  if (databaseEngine(databaseUrl) === 'postgresql') {
    // The adapter's own pool, which it ends on $disconnect.
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) }) as unknown as Database;
  }
  return createWriterClient(databaseUrl).client;
}

/** The read side: SQL on connections that only read, and how to close them. */
export interface ReadConnection {
  reader: SqlReader;
  /** How many statements can run at once: the pool's size on PostgreSQL, one on SQLite (which reads synchronously). */
  connections: number;
  close(): Promise<void>;
}

/**
 * Connections the PostgreSQL read pool may open per process. Requests wait on the event loop, not on the database,
 * most of the time (a page's queries take a fraction of a millisecond): a few connections keep two cores busy.
 */
const POSTGRES_READER_CONNECTIONS = 8;

/**
 * The longest one read statement may take on PostgreSQL. Every read the API makes is an index range of a page or a
 * bounded aggregate (milliseconds at 1,000×, tests/bench/BENCHMARKS.md); one past this is stuck or the server hung,
 * and the request gets a 503 instead of waiting out its timeout.
 */
const READ_STATEMENT_TIMEOUT_MS = 5_000;

/**
 * The read connection. SQLite: read-only, so no read can ever write, and in WAL mode it sees every transaction
 * committed before each statement starts, never one in progress. PostgreSQL: a pool, each statement seeing every
 * transaction committed before it started (READ COMMITTED).
 */
export function openReadConnection(databaseUrl: string): ReadConnection {
  if (databaseEngine(databaseUrl) === 'postgresql') {
    const pool = postgresPool({
      connectionString: databaseUrl,
      max: POSTGRES_READER_CONNECTIONS,
      applicationName: 'atlas-reader',
      readOnly: true,
      statementTimeoutMs: READ_STATEMENT_TIMEOUT_MS,
    });
    return { reader: new PostgresReader(pool), connections: POSTGRES_READER_CONNECTIONS, close: () => pool.end() };
  }
  const connection = new BetterSqlite3(databaseFilePath(databaseUrl), { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return {
    reader: new SqliteReader(connection),
    connections: 1,
    close: async () => {
      connection.close();
    },
  };
}
