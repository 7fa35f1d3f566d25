// Hand-written SQL for reads. Prisma stays the schema, migration and write layer; reads are plain SQL on a
// connection of their own because Prisma's query pipeline costs 75–600 µs a query (better-sqlite3 answers the
// same query in about 10 µs) and loads relations with one bind parameter per parent row, which SQLite and
// PostgreSQL both refuse past a limit (Prisma's P2029 at 100× the article). Measured in tests/bench/BENCHMARKS.md.
//
// Queries are built from fragments with `sql` (values always travel as bound parameters, never as text) and run
// through a `SqlReader`, so the same read code serves the read connection and, inside a write transaction, the
// writer's own connection (which sees that transaction's uncommitted rows).
import type BetterSqlite3 from 'better-sqlite3';

export type SqlValue = string | number | bigint | null;

/** A piece of SQL with its `?` parameters, in order. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {}
}

/** Builds a fragment: interpolated `Sql` is inlined, anything else becomes a bound parameter. */
export function sql(strings: TemplateStringsArray, ...values: (Sql | SqlValue)[]): Sql {
  let text = strings[0]!;
  const params: SqlValue[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1]!;
  });
  return new Sql(text, params);
}

/** Fragments joined by a separator (` AND `, `, `). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(parts.map((part) => part.text).join(separator), parts.flatMap((part) => part.params));
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
 * `(SELECT value FROM json_each(?))`: a list of values as ONE bound parameter, so a list of any length is one
 * parameter, never one per item. SQLite-specific (json_each); PostgreSQL would use `= ANY(?)`.
 */
export function valuesList(values: readonly (string | number)[]): Sql {
  // One value is the common case of a write's upkeep: a plain `IN (?)` costs no JSON parsing.
  if (values.length === 1) return sql`(${values[0]!})`;
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
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

/** Runs read queries. Integers come back as numbers; select 64-bit amounts `CAST(... AS TEXT)` to keep them exact. */
export interface SqlReader {
  all<Row>(query: Sql): Promise<Row[]>;
}

/** Runs reads and, on the writer's connection inside a write transaction, the statements that keep derived rows. */
export interface SqlWriter extends SqlReader {
  run(query: Sql): Promise<{ changes: number; lastInsertRowid: number }>;
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
function bindable(params: readonly SqlValue[]): SqlValue[] {
  return params.map((value) => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value));
}

/**
 * Reads (and, on a writable connection, writes) over a better-sqlite3 connection, preparing each distinct statement
 * once. On the read-only connection `run` fails: nothing read-side can write.
 */
export class SqliteReader implements SqlWriter {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly connection: BetterSqlite3.Database) {}

  all<Row>(query: Sql): Promise<Row[]> {
    try {
      return Promise.resolve(this.prepare(query.text).all(...bindable(query.params)) as Row[]);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  run(query: Sql): Promise<{ changes: number; lastInsertRowid: number }> {
    try {
      const { changes, lastInsertRowid } = this.prepare(query.text).run(...bindable(query.params));
      return Promise.resolve({ changes, lastInsertRowid: Number(lastInsertRowid) });
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
