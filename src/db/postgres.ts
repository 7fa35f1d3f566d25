// SQL on PostgreSQL, giving rows the same JavaScript shape as the SQLite reader (src/db/sql.ts), so every query
// module serves both engines: integers as numbers, JSON columns as their text, timestamps as ISO 8601 text.
// Reads run on a pool of their own (`PostgresReader`); inside a write transaction, SQL runs on the writer's one
// connection, which the transaction holds (`PostgresConnectionSql`, see createWriterClient in src/db/client.ts).
import pg from 'pg';
import type { Sql, SqlReader, SqlValue, SqlWriter, Statement } from './sql.js';
import { databaseFault } from './faults.js';

/** Type OIDs whose text the reader parses itself (pg_type.oid). */
const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** The text of a timestamp (Prisma writes UTC into `timestamp(3)`) as ISO 8601 with a Z, as SQLite rows hold it. */
function isoTimestamp(text: string): string {
  return `${text.replace(' ', 'T')}${/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? '' : 'Z'}`;
}

/**
 * How this reader's connections parse values, set per pool (node-postgres's type parsers are otherwise global to
 * the process): 64-bit integers (counts, sums of ids) as numbers when exact, JSON as its text.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary');
    switch (oid) {
      case INT8:
        return (text: string) => {
          const value = Number(text);
          return Number.isSafeInteger(value) ? value : text;
        };
      case JSON_OID:
      case JSONB:
        return (text: string) => text;
      case TIMESTAMP:
        return isoTimestamp;
      case TIMESTAMPTZ:
        return (text: string) => new Date(text).toISOString();
      default:
        return pg.types.getTypeParser(oid, 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const placeholders = new Map<string, string>();

/**
 * `?` placeholders as PostgreSQL's `$1, $2, …`, outside quoted text and identifiers. Statements come from code, so
 * there are few shapes: each is converted once.
 */
function numbered(text: string): string {
  let converted = placeholders.get(text);
  if (converted !== undefined) return converted;
  let out = '';
  let index = 0;
  let quote: string | null = null;
  for (const character of text) {
    if (quote !== null) {
      if (character === quote) quote = null;
      out += character;
    } else if (character === "'" || character === '"') {
      quote = character;
      out += character;
    } else if (character === '?') {
      index += 1;
      out += `$${index}`;
    } else {
      out += character;
    }
  }
  converted = out;
  if (placeholders.size > 2000) placeholders.clear();
  placeholders.set(text, converted);
  return converted;
}

/** Parameters as node-postgres sends them: 64-bit integers as text. */
function values(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (typeof value === 'bigint' ? value.toString() : value));
}

export interface PostgresPoolOptions {
  connectionString: string;
  /** Connections the pool may open; each replica has a pool of its own. */
  max: number;
  /** The name this process shows in pg_stat_activity. */
  applicationName: string;
  /** Connections that can only read, as SQLite's read connection: no read can ever write. */
  readOnly?: boolean;
  /**
   * The longest one statement may take. The server cancels it past this (`statement_timeout`); and since a hung
   * server cancels nothing, the driver gives up on its answer a second later (`query_timeout`), and the connection
   * is dropped (by `pool.query`, and by PostgresReader.consistent for its own).
   */
  statementTimeoutMs: number;
  /**
   * Writers only: how long the server lets a transaction sit idle between statements before it ends the session,
   * and with it the transaction's locks. A replica frozen mid-write (SIGSTOP, a stalled VM) otherwise holds the
   * cluster's write lock until it wakes, and every other replica's writes wait (src/db/write-queue.ts).
   */
  idleInTransactionTimeoutMs?: number;
}

/**
 * A connection not had within this long means the server is down, hung or out of connections: the request fails
 * as unavailable (503) instead of waiting out its whole request timeout.
 */
const CONNECT_TIMEOUT_MS = 3_000;
/** The driver's own wait for an answer, beyond the server's statement_timeout (see statementTimeoutMs). */
const ANSWER_GRACE_MS = 1_000;

export function postgresPool(options: PostgresPoolOptions): pg.Pool {
  const settings = [
    ...(options.readOnly ? ['-c default_transaction_read_only=on'] : []),
    `-c statement_timeout=${Math.trunc(options.statementTimeoutMs)}`,
    ...(options.idleInTransactionTimeoutMs ? [`-c idle_in_transaction_session_timeout=${Math.trunc(options.idleInTransactionTimeoutMs)}`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    application_name: options.applicationName,
    types: TYPES,
    options: settings.join(' '),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: options.statementTimeoutMs + ANSWER_GRACE_MS,
    // Notices a peer that vanished without closing (a network cut) instead of waiting on its socket forever.
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // A connection that dies while idle (a server restart, pg_terminate_backend) leaves the pool, which opens another
  // when one is next needed. Without a listener, the pool's 'error' event would end the process.
  pool.on('error', () => {});
  return pool;
}

/**
 * A name per distinct statement: each connection then parses and plans it once, as SQLite's prepared ones. The
 * names are the process's, so the same text has the same name on every connection of every pool.
 */
const statementNames = new Map<string, string>();
/**
 * Statements come from code, so there are few shapes (a few hundred with the limits and scores written into them);
 * past this many, the rest go unnamed rather than grow every connection's memory without bound.
 */
const MAX_NAMED_STATEMENTS = 2000;
function nameOf(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `atlas_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A statement as node-postgres sends it: named (prepared once per connection), with the reader's type parsers. */
function prepared(statement: Statement) {
  const name = nameOf(statement.text);
  return { ...(name !== undefined && { name }), text: numbered(statement.text), values: values(statement.params), types: TYPES };
}

/** Reads on a pool of connections; each statement sees every transaction committed before it started. */
export class PostgresReader implements SqlWriter {
  readonly dialect = 'postgresql';

  constructor(readonly pool: pg.Pool) {}

  async consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    let failed: Error | undefined;
    try {
      await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await read(new PostgresConnectionSql(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      failed = error as Error;
      // A connection the database failed on (dropped, or an answer never came, its query still queued) is not asked
      // to roll back: the ROLLBACK would wait behind it. It is destroyed below, which ends its transaction.
      if (databaseFault(error) === null) await connection.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      // Released with the error, a connection is destroyed rather than handed to the next read.
      connection.release(failed !== undefined && databaseFault(failed) !== null ? failed : undefined);
    }
  }

  async all<Row>(query: Sql): Promise<Row[]> {
    return (await this.pool.query(prepared(query.in('postgresql')))).rows as Row[];
  }

  async run(query: Sql): Promise<{ changes: number }> {
    return { changes: (await this.pool.query(prepared(query.in('postgresql')))).rowCount ?? 0 };
  }
}

/**
 * SQL on one connection, as it stands: inside the write transaction that connection holds (see createWriterClient
 * in src/db/client.ts), so it sees what the transaction wrote and commits or rolls back with it.
 */
export class PostgresConnectionSql implements SqlWriter {
  readonly dialect = 'postgresql';

  /** The last statement sent: a connection answers one at a time, so statements asked for together queue here. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: pg.ClientBase) {}

  /** Already one connection, in one transaction. */
  consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T> {
    return read(this);
  }

  async all<Row>(query: Sql): Promise<Row[]> {
    return (await this.#send(query)).rows as Row[];
  }

  async run(query: Sql): Promise<{ changes: number }> {
    return { changes: (await this.#send(query)).rowCount ?? 0 };
  }

  /**
   * Sends after the previous statement is answered (node-postgres would queue it too, but deprecates doing so): reads
   * issued together (`Promise.all`) run one after the other on the one connection.
   */
  #send(query: Sql): Promise<pg.QueryResult> {
    const sent = this.#last.then(
      () => this.connection.query(prepared(query.in('postgresql'))),
      () => this.connection.query(prepared(query.in('postgresql'))),
    );
    this.#last = sent.catch(() => undefined);
    return sent;
  }
}
