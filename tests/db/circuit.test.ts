// The database's faults, told apart from everything else it can say, and the circuit that refuses requests at once
// while it fails: opened by a run of faults or a failing share of recent outcomes, probed after a cooldown that
// doubles while probes fail, closed by any answer.
import { describe, expect, it } from 'vitest';
import { Circuit, DEFAULT_CIRCUIT } from '../../src/db/circuit.js';
import { databaseFault, DatabaseTimeoutError, DatabaseUnavailableError, failingFault } from '../../src/db/faults.js';

/** A circuit on a clock the test moves. */
function circuitAt(start = 1_000_000) {
  let now = start;
  const circuit = new Circuit('reads', { ...DEFAULT_CIRCUIT, now: () => now });
  return { circuit, advance: (ms: number) => (now += ms) };
}

describe('database faults', () => {
  const postgres = (code: string, message = 'from the server') => Object.assign(new Error(message), { code, severity: 'FATAL' });
  const prisma = (code: string, cause?: unknown) =>
    Object.assign(new Error('prisma'), { code, name: 'PrismaClientKnownRequestError', meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : undefined });

  it.each([
    ['PostgreSQL shutting down (57P03)', postgres('57P03'), 'unavailable'],
    ['PostgreSQL terminated by an admin (57P01)', postgres('57P01'), 'unavailable'],
    ['too many connections (53300)', postgres('53300'), 'unavailable'],
    ['a connection exception (08006)', postgres('08006'), 'unavailable'],
    ['a statement timeout (57014)', postgres('57014'), 'timeout'],
    ['a lock timeout (55P03)', postgres('55P03'), 'busy'],
    ['a disk full on the server (53100)', postgres('53100'), 'full'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 }), 'unavailable'],
    ['a dropped connection', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['the pool giving up on a connection', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['the driver giving up on an answer', new Error('Query read timeout'), 'timeout'],
    ["Prisma's can't-reach (P1001)", prisma('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }), 'unavailable'],
    ["Prisma's wrapped SQLSTATE (P2039)", prisma('P2039', { kind: 'postgres', code: '57P03', severity: 'FATAL', message: 'starting up' }), 'unavailable'],
    ["Prisma's transaction timeout (P2028)", prisma('P2028'), 'timeout'],
    ["SQLite's full disk through Prisma's adapter", Object.assign(new Error('database or disk is full'), { name: 'DriverAdapterError', cause: { kind: 'sqlite', extendedCode: 1, message: 'database or disk is full' } }), 'full'],
    ["SQLite's full disk from better-sqlite3", Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'full'],
    ["SQLite's busy", Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'busy'],
    ["SQLite's I/O error", Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), 'unavailable'],
    ['a write past its deadline', new DatabaseTimeoutError('over'), 'timeout'],
  ] as const)('%s is %s', (_name, error, fault) => {
    expect(databaseFault(error)).toBe(fault);
  });

  it.each([
    ['a unique clash (23505)', postgres('23505')],
    ["Prisma's unique clash (P2002)", prisma('P2002')],
    ["Prisma's record not found (P2025)", prisma('P2025')],
    ['a programming error', new TypeError('x is not a function')],
    ['a SQLite constraint', Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['nothing at all', undefined],
  ])('%s is no fault of the database', (_name, error) => {
    expect(databaseFault(error)).toBeNull();
  });

  it('counts against a circuit only what says the database is failing: not contention, not a statement it cancelled', () => {
    expect(failingFault(postgres('57014', 'canceling statement due to statement timeout'))).toBeNull();
    expect(failingFault(prisma('P2039', { kind: 'postgres', code: '57014' }))).toBeNull();
    expect(failingFault(postgres('55P03'))).toBeNull();
    expect(failingFault(new Error('Query read timeout'))).toBe('timeout');
    expect(failingFault(postgres('57P01'))).toBe('unavailable');
    // The request that met a cancelled statement still hears it as a timeout (a 503).
    expect(databaseFault(postgres('57014'))).toBe('timeout');
  });

  it('looks through causes, and stops on a cycle', () => {
    const inner = Object.assign(new Error('Connection terminated unexpectedly'));
    expect(databaseFault(new Error('outer', { cause: new Error('middle', { cause: inner }) }))).toBe('unavailable');
    const cyclic: Error & { cause?: unknown } = new Error('cyclic');
    cyclic.cause = cyclic;
    expect(databaseFault(cyclic)).toBeNull();
  });
});

describe('the circuit', () => {
  it('stays closed through a fault or two, and any answer resets the count', () => {
    const { circuit } = circuitAt();
    circuit.failed('unavailable');
    circuit.failed('unavailable');
    circuit.succeeded();
    circuit.failed('unavailable');
    circuit.failed('unavailable');
    expect(circuit.state).toBe('closed');
    expect(() => circuit.admit()).not.toThrow();
  });

  it('opens on three faults in a row, refusing at once with the fault and when to retry', () => {
    const { circuit } = circuitAt();
    for (let attempt = 0; attempt < 3; attempt += 1) circuit.failed('timeout');
    expect(circuit.state).toBe('open');
    let refusal: unknown;
    try {
      circuit.admit();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DatabaseUnavailableError);
    expect(refusal).toMatchObject({ fault: 'timeout', retryAfterSeconds: 1, side: 'reads' });
  });

  it('opens when half the outcomes of the window fail, though successes come between', () => {
    const { circuit, advance } = circuitAt();
    for (let round = 0; round < 5; round += 1) {
      circuit.failed('unavailable');
      circuit.succeeded();
      advance(100);
    }
    // A request admitted before it opened succeeding (on a connection that held) does not close it.
    expect(circuit.state).toBe('open');
  });

  it('forgets outcomes older than the window', () => {
    const { circuit, advance } = circuitAt();
    for (let round = 0; round < 4; round += 1) {
      circuit.failed('unavailable');
      circuit.succeeded();
    }
    advance(DEFAULT_CIRCUIT.windowMs + 1000);
    circuit.failed('unavailable');
    circuit.succeeded();
    expect(circuit.state).toBe('closed');
  });

  it('lets one probe through after the cooldown; its success closes the circuit', () => {
    const { circuit, advance } = circuitAt();
    for (let attempt = 0; attempt < 3; attempt += 1) circuit.failed('unavailable');
    advance(DEFAULT_CIRCUIT.cooldownMs);
    expect(circuit.state).toBe('half-open');
    expect(() => circuit.admit()).not.toThrow();
    // A second request while the probe is out is refused.
    expect(() => circuit.admit()).toThrow(DatabaseUnavailableError);
    circuit.succeeded();
    expect(circuit.state).toBe('closed');
    expect(circuit.lastFault).toBeNull();
    expect(() => circuit.admit()).not.toThrow();
  });

  it('forgets a fault once the database answers again, and starts a fresh window when it closes', () => {
    const { circuit, advance } = circuitAt();
    circuit.failed('unavailable');
    expect(circuit.lastFault).toBe('unavailable');
    circuit.succeeded();
    // One fault then an answer: nothing is failing (health no longer probes writes for it).
    expect(circuit.lastFault).toBeNull();

    for (let attempt = 0; attempt < 3; attempt += 1) circuit.failed('unavailable');
    advance(DEFAULT_CIRCUIT.cooldownMs);
    circuit.admit();
    circuit.succeeded();
    expect(circuit.state).toBe('closed');
    // The faults that opened it are not a share of the next window: one more fault does not reopen it.
    circuit.failed('unavailable');
    circuit.succeeded();
    circuit.failed('unavailable');
    expect(circuit.state).toBe('closed');
  });

  it('doubles the cooldown while probes fail, up to its most', () => {
    const { circuit, advance } = circuitAt();
    for (let attempt = 0; attempt < 3; attempt += 1) circuit.failed('unavailable');
    const cooldowns: number[] = [];
    for (let probe = 0; probe < 6; probe += 1) {
      advance(60_000);
      circuit.admit();
      circuit.failed('unavailable');
      cooldowns.push(circuit.retryAfterSeconds);
    }
    expect(cooldowns).toEqual([2, 4, 8, 15, 15, 15]);
  });
});
