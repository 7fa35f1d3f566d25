// Hand-written SQL for reads. Prisma stays the schema, migration and write layer; reads are plain SQL on a
// connection of their own because Prisma's query pipeline costs 75–600 µs a query (better-sqlite3 answers the
// same query in about 10 µs) and loads relations with one bind parameter per parent row, which SQLite and
// PostgreSQL both refuse past a limit (Prisma's P2029 at 100× the article). Measured in tests/bench/BENCHMARKS.md.
//
// Queries are built from fragments with `sql` (values always travel as bound parameters, never as text) and run
// through a `SqlReader`, so the same read code serves the read connection and, inside a write transaction, the
// writer's own connection (which sees that transaction's uncommitted rows).
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseEngine } from '../config.js';

export type SqlValue = string | number | bigint | boolean | null;

/** The SQL dialect a statement is written in: that of the engine DATABASE_URL names. */
export type Dialect = DatabaseEngine;

/** A statement's text with `?` placeholders, and its parameters in order. */
export interface Statement {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

/**
 * A piece of SQL with its `?` parameters, in order. Almost all SQL here is the same in both dialects; where it is
 * not, `postgres` holds PostgreSQL's own text and parameters (see `dialect`), and a statement built from such a
 * piece carries both.
 */
export class Sql implements Statement {
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
    readonly postgres?: Statement,
  ) {}

  /** The statement as `dialect` runs it. */
  in(dialect: Dialect): Statement {
    return dialect === 'postgresql' && this.postgres ? this.postgres : this;
  }
}

/** Builds a fragment: interpolated `Sql` is inlined, anything else becomes a bound parameter. */
export function sql(strings: TemplateStringsArray, ...values: (Sql | SqlValue)[]): Sql {
  let text = strings[0]!;
  const params: SqlValue[] = [];
  let dialectSpecific = false;
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
      if (value.postgres) dialectSpecific = true;
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1]!;
  });
  if (!dialectSpecific) return new Sql(text, params);
  // Only pieces that differ pay for a second text.
  let postgresText = strings[0]!;
  const postgresParams: SqlValue[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      const statement = value.in('postgresql');
      postgresText += statement.text;
      postgresParams.push(...statement.params);
    } else {
      postgresText += '?';
      postgresParams.push(value);
    }
    postgresText += strings[index + 1]!;
  });
  return new Sql(text, params, { text: postgresText, params: postgresParams });
}

/** Fragments joined by a separator (` AND `, `, `). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const joined = new Sql(parts.map((part) => part.text).join(separator), parts.flatMap((part) => part.params));
  if (!parts.some((part) => part.postgres)) return joined;
  const postgres = parts.map((part) => part.in('postgresql'));
  return new Sql(joined.text, joined.params, { text: postgres.map((part) => part.text).join(separator), params: postgres.flatMap((part) => part.params) });
}

/**
 * One piece written for each dialect, where SQLite and PostgreSQL differ (a function's name, a list parameter, the
 * search index). Everything dialect-specific is built with this, in src/db/dialect.ts and the search modules.
 */
export function dialect(pieces: { sqlite: Sql; postgresql: Sql }): Sql {
  const postgres = pieces.postgresql.in('postgresql');
  return new Sql(pieces.sqlite.text, pieces.sqlite.params, { text: postgres.text, params: postgres.params });
}

/** SQL text from code, never from input: table and column names. */
export function raw(text: string): Sql {
  return new Sql(text, []);
}

/**
 * A whole number written into the statement, for numbers the code computes (scores, lengths, rates), never input.
 * SQLite evaluates an expression over literals much faster than over bound parameters: search's scoring ran 2.4×
 * slower with its constants bound (measured: 177 against 74 µs a query).
 */
export function literal(value: number | bigint): Sql {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`not a whole number: ${value}`);
  return raw(String(value));
}

/** A double-quoted identifier (table or column) from code. */
export function identifier(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return raw(`"${name}"`);
}

/**
 * A list of values as ONE bound parameter (a JSON array), so a list of any length is one parameter, never one per
 * item: both engines limit how many a statement may have. Written `x IN ${valuesList(ids)}`.
 */
export function valuesList(values: readonly (string | number)[]): Sql {
  // One value is the common case of a write's upkeep: a plain `IN (?)` costs no JSON parsing.
  if (values.length === 1) return sql`(${values[0]!})`;
  // No values: nothing is in the list. `IN (NULL)` is never true, and a NULL takes the column's type on either
  // engine (an empty JSON array's elements would be text on PostgreSQL, which an integer column refuses to compare).
  if (values.length === 0) return raw('(NULL)');
  const json = JSON.stringify(values);
  const numbers = values.length > 0 && values.every((value) => typeof value === 'number');
  return dialect({
    sqlite: sql`(SELECT value FROM json_each(${json}))`,
    postgresql: numbers
      ? sql`(SELECT value::bigint FROM json_array_elements_text(${json}::json))`
      : sql`(SELECT value FROM json_array_elements_text(${json}::json))`,
  });
}

export const TRUE = raw('1 = 1');
export const FALSE = raw('1 = 0');

/** `a AND b AND ...`; true when there is nothing to require. */
export function and(parts: readonly Sql[]): Sql {
  return parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : sql`(${joinSql(parts, ' AND ')})`;
}

/** `a OR b OR ...`; false when there is nothing to allow. */
export function or(parts: readonly Sql[]): Sql {
  return parts.length === 0 ? FALSE : parts.length === 1 ? parts[0]! : sql`(${joinSql(parts, ' OR ')})`;
}

/**
 * Runs read queries. Both engines give rows the same JavaScript shape: integers as numbers (select 64-bit amounts
 * `CAST(... AS TEXT)` to keep them exact), JSON columns as their text, timestamps as ISO 8601 text.
 */
export interface SqlReader {
  readonly dialect: Dialect;
  all<Row>(query: Sql): Promise<Row[]>;
  /**
   * Runs `read` so that all its statements see one state of the data. SQLite's driver answers synchronously, so
   * statements issued in one turn of the event loop already do; PostgreSQL's pool would give each statement a
   * connection and a snapshot of its own, so there it runs on one connection in one read-only transaction.
   */
  consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T>;
}

/** Runs reads and, on the writer's connection inside a write transaction, the statements that keep derived rows. */
export interface SqlWriter extends SqlReader {
  /** Runs a statement; `changes` is how many rows it wrote. Read generated ids with `RETURNING` and `all`. */
  run(query: Sql): Promise<{ changes: number }>;
}

/** The first row, or undefined. */
export async function first<Row>(reader: SqlReader, query: Sql): Promise<Row | undefined> {
  return (await reader.all<Row>(query))[0];
}

/**
 * How many prepared statements a connection keeps. Statements come from code, so there are few shapes; the cap
 * only stops a pathological mix of filters from growing the cache without bound.
 */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Whole numbers bound as INTEGER: better-sqlite3 binds every JavaScript number as REAL, which would make `x / ?`
 * a float division and compare a count with 4.0.
 */
function bindable(params: readonly SqlValue[]): (string | number | bigint | null)[] {
  // SQLite has no boolean type: Prisma stores them as 0 and 1.
  return params.map((value) => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : typeof value === 'boolean' ? BigInt(value ? 1 : 0) : value));
}

/**
 * Reads (and, on a writable connection, writes) over a better-sqlite3 connection, preparing each distinct statement
 * once. On the read-only connection `run` fails: nothing read-side can write.
 */
export class SqliteReader implements SqlWriter {
  readonly dialect = 'sqlite';
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly connection: BetterSqlite3.Database) {}

  consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T> {
    return read(this);
  }

  all<Row>(query: Sql): Promise<Row[]> {
    try {
      return Promise.resolve(this.prepare(query.text).all(...bindable(query.params)) as Row[]);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  run(query: Sql): Promise<{ changes: number }> {
    try {
      const { changes } = this.prepare(query.text).run(...bindable(query.params));
      return Promise.resolve({ changes });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private prepare(text: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
      // Per statement, because the writer's connection (opened by Prisma's adapter) defaults to BigInt integers.
      statement = this.connection.prepare(text).safeIntegers(false);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}
