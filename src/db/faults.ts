// What a failed statement says about the database: a fault of the database itself (down, restarting, hung, out of
// connections or of disk), which a client should retry later, or anything else (a constraint, a bug). Errors reach
// here from four drivers: node-postgres (SQLSTATE codes, socket errors), Prisma's PostgreSQL and SQLite adapters
// (DriverAdapterError, and Prisma's own P-codes around them), and better-sqlite3 (SQLITE_* codes). Classified here,
// once, by their codes and kinds, so the error handler and the circuits (src/db/circuit.ts) agree.

/**
 * - `unavailable`: the database cannot be reached or dropped the connection (a restart, a stop, too many connections);
 * - `timeout`: it did not answer in time (hung, or a statement past its limit);
 * - `busy`: it answered, but another writer held the lock too long (retry in a moment);
 * - `full`: the disk holding it is full (nothing was written).
 */
export type DatabaseFault = 'unavailable' | 'timeout' | 'busy' | 'full';

/** SQLSTATE classes and codes that mean the server is unavailable rather than the statement wrong. */
function postgresFault(sqlState: string): DatabaseFault | null {
  // 08: connection exception; 57P01–57P05: shut down, crashed, starting up, terminated by an admin or an idle timeout;
  // 53300: too many connections; 53200: out of memory; 58: system errors (I/O).
  if (sqlState.startsWith('08') || /^57P0[1-5]$/.test(sqlState) || sqlState === '53300' || sqlState === '53200' || sqlState.startsWith('58')) {
    return 'unavailable';
  }
  if (sqlState === '53100') return 'full';
  // 57014: canceled (statement_timeout); 25P03: idle in transaction too long.
  if (sqlState === '57014' || sqlState === '25P03') return 'timeout';
  // 55P03: lock not available (lock_timeout); 40001 / 40P01: serialization failure, deadlock.
  if (sqlState === '55P03' || sqlState === '40001' || sqlState === '40P01') return 'busy';
  return null;
}

/** SQLite result codes by name (better-sqlite3's `code`) or by the message Prisma's adapter keeps of them. */
function sqliteFault(code: string | undefined, message: string): DatabaseFault | null {
  if (code?.startsWith('SQLITE_FULL') || message.includes('database or disk is full')) return 'full';
  if (code?.startsWith('SQLITE_BUSY') || code?.startsWith('SQLITE_LOCKED') || message.includes('database is locked')) return 'busy';
  if (code?.startsWith('SQLITE_IOERR') || code?.startsWith('SQLITE_CANTOPEN') || message.includes('disk I/O error')) return 'unavailable';
  return null;
}

/** Socket and client-side errors of the PostgreSQL driver, which carry no SQLSTATE. */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Connection ended unexpectedly',
  'Client was closed and is not queryable',
];

/** Prisma's own codes, when its adapter's error is not attached. */
const PRISMA_FAULTS: Record<string, DatabaseFault> = {
  P1001: 'unavailable', // can't reach the database server
  P1002: 'timeout', // the server was reached but timed out
  P1008: 'busy', // operations timed out (SQLite busy)
  P1017: 'unavailable', // the server closed the connection
  P2024: 'timeout', // timed out fetching a connection from the pool
  P2028: 'timeout', // the interactive transaction's own timeout (it expired, or could not start in time)
  P2034: 'busy', // write conflict or deadlock
};

/** Prisma's driver adapter error kinds that are faults of the database. */
const ADAPTER_KINDS: Record<string, DatabaseFault> = {
  DatabaseNotReachable: 'unavailable',
  ConnectionClosed: 'unavailable',
  TooManyConnections: 'unavailable',
  SocketTimeout: 'busy',
  TransactionWriteConflict: 'busy',
};

/** Our own: the write transaction passed its deadline (src/db/write-queue.ts), or a statement its time limit. */
export class DatabaseTimeoutError extends Error {
  readonly fault = 'timeout' as const;
}

function faultOf(value: Record<string, unknown>): DatabaseFault | null {
  if (value instanceof DatabaseTimeoutError) return 'timeout';
  const code = typeof value.code === 'string' ? value.code : undefined;
  const message = typeof value.message === 'string' ? value.message : '';
  // node-postgres's server errors carry a severity and a five-character SQLSTATE.
  if (code && /^[0-9A-Z]{5}$/.test(code) && ('severity' in value || 'routine' in value)) return postgresFault(code);
  // Prisma's adapter error causes: { kind: 'postgres', code } and { kind: 'sqlite', message }.
  if (value.kind === 'postgres' && code) return postgresFault(code);
  if (value.kind === 'sqlite') return sqliteFault(undefined, message);
  if (typeof value.kind === 'string' && ADAPTER_KINDS[value.kind]) return ADAPTER_KINDS[value.kind]!;
  if (code?.startsWith('SQLITE_')) return sqliteFault(code, message);
  if (code && UNREACHABLE_SOCKET_CODES.has(code)) return 'unavailable';
  if (message === 'Query read timeout') return 'timeout';
  if (UNREACHABLE_MESSAGES.some((text) => message.startsWith(text))) return 'unavailable';
  return null;
}

/** The fault of the database behind `error`, looking through the causes drivers wrap it in; null when it is none. */
export function databaseFault(error: unknown): DatabaseFault | null {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  let prismaCode: DatabaseFault | null = null;
  while (pending.length > 0 && seen.size < 10) {
    const value = pending.shift();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const found = faultOf(record);
    if (found) return found;
    if (typeof record.code === 'string' && /^P\d{4}$/.test(record.code)) prismaCode ??= PRISMA_FAULTS[record.code] ?? null;
    const meta = record.meta as { driverAdapterError?: { cause?: unknown } } | undefined;
    pending.push(record.cause, meta?.driverAdapterError?.cause, meta?.driverAdapterError);
  }
  return prismaCode;
}

/**
 * The fault of the database behind `error` that says it is failing, for the circuits: not contention (`busy`, the
 * database answered), and not a statement the server cancelled at its time limit (57014: it answered, and a client
 * able to make three slow reads would otherwise shut reads off for everyone). A request that met either still gets
 * its 503.
 */
export function failingFault(error: unknown): DatabaseFault | null {
  const fault = databaseFault(error);
  if (fault === null || fault === 'busy') return null;
  if (fault === 'timeout' && hasSqlState(error, '57014')) return null;
  return fault;
}

function hasSqlState(error: unknown, sqlState: string): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 10) {
    const value = pending.shift();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (record.code === sqlState) return true;
    const meta = record.meta as { driverAdapterError?: { cause?: unknown } } | undefined;
    pending.push(record.cause, meta?.driverAdapterError?.cause);
  }
  return false;
}

/** A request refused because the database is known to be failing (an open circuit), without trying it again. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly fault: DatabaseFault,
    /** Whole seconds until the database is tried again. */
    readonly retryAfterSeconds: number,
    readonly side: 'reads' | 'writes',
  ) {
    super(`the database is failing (${fault}) for ${side}; not tried again for ${retryAfterSeconds} s`);
  }
}
