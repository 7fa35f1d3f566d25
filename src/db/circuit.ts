// A circuit breaker for one side of the database (reads, or writes). While the database fails, requests are refused
// at once (503 with Retry-After) instead of each waiting for its own connection attempt or timeout: a hung server
// otherwise holds every request for the whole timeout, and a restarting one is hammered by retries. After a
// cooldown one request goes through as a probe; its success closes the circuit, its failure doubles the cooldown.
import { DatabaseUnavailableError, failingFault, type DatabaseFault } from './faults.js';
import type { Sql, SqlReader } from './sql.js';

export interface CircuitOptions {
  /** Faults in a row that open the circuit (whatever the traffic). */
  consecutiveFaults: number;
  /** Or: at least this many faults within `windowMs`... */
  windowFaults: number;
  /** ...making up at least this share of the outcomes there (some requests still succeeding on old connections). */
  windowShare: number;
  windowMs: number;
  /** The first cooldown; each failed probe doubles it, up to `maxCooldownMs`. */
  cooldownMs: number;
  maxCooldownMs: number;
  now?: () => number;
}

/**
 * Three faults in a row, or half the outcomes of the last five seconds: one failed statement is not an outage (a
 * connection the server dropped is replaced on the next try), a run of them is. A first cooldown of a second keeps
 * a brief restart brief; fifteen at most keeps a long outage probed four times a minute.
 */
export const DEFAULT_CIRCUIT: CircuitOptions = {
  consecutiveFaults: 3,
  windowFaults: 5,
  windowShare: 0.5,
  windowMs: 5000,
  cooldownMs: 1000,
  maxCooldownMs: 15_000,
};

export type CircuitState = 'closed' | 'open' | 'half-open';

export class Circuit {
  #state: CircuitState = 'closed';
  #consecutive = 0;
  /** Outcomes of the window, counted in slices of it: a few numbers whatever the traffic. */
  #slices: { start: number; total: number; faults: number }[] = [];
  #openUntil = 0;
  #cooldownMs: number;
  #probing = false;
  #lastFault: DatabaseFault | null = null;
  readonly #now: () => number;

  constructor(
    readonly side: 'reads' | 'writes',
    private readonly options: CircuitOptions = DEFAULT_CIRCUIT,
  ) {
    this.#cooldownMs = options.cooldownMs;
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() >= this.#openUntil) return 'half-open';
    return this.#state;
  }

  /** The fault that opened the circuit (or was last seen), for health and problem details. */
  get lastFault(): DatabaseFault | null {
    return this.#lastFault;
  }

  /** Whole seconds until the next probe may go through (at least 1). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.#openUntil - this.#now()) / 1000));
  }

  /**
   * Lets a request try the database, or refuses it: while open, every request until the cooldown ends; then one
   * probe at a time until a probe's outcome is known.
   */
  admit(): void {
    if (this.#state === 'closed') return;
    if (this.state === 'half-open' && !this.#probing) {
      this.#probing = true;
      return;
    }
    throw new DatabaseUnavailableError(this.#lastFault ?? 'unavailable', this.retryAfterSeconds, this.side);
  }

  /**
   * The database answered (whatever it answered: a refused constraint is an answer too). While open, only a probe's
   * answer closes the circuit: a request admitted before it opened may still succeed on a connection that held.
   */
  succeeded(): void {
    this.#consecutive = 0;
    if (this.#state === 'closed') {
      this.#record(false);
      this.#lastFault = null;
    } else if (this.#probing || this.#now() >= this.#openUntil) {
      // Closed afresh: the faults that opened it are history, not a share of the next window.
      this.#state = 'closed';
      this.#cooldownMs = this.options.cooldownMs;
      this.#lastFault = null;
      this.#slices = [];
    } else {
      this.#record(false);
    }
    this.#probing = false;
  }

  /** The database failed as `fault`. */
  failed(fault: DatabaseFault): void {
    this.#record(true);
    this.#consecutive += 1;
    this.#lastFault = fault;
    if (this.#state !== 'closed') {
      // A failed probe (or a request admitted before the circuit opened): wait longer before the next.
      if (this.#probing || this.#now() >= this.#openUntil) {
        this.#cooldownMs = Math.min(this.#cooldownMs * 2, this.options.maxCooldownMs);
        this.#open();
      }
      this.#probing = false;
      return;
    }
    const { total, faults } = this.#slices.reduce((sum, slice) => ({ total: sum.total + slice.total, faults: sum.faults + slice.faults }), { total: 0, faults: 0 });
    if (this.#consecutive >= this.options.consecutiveFaults || (faults >= this.options.windowFaults && faults / total >= this.options.windowShare)) {
      this.#open();
    }
  }

  #open(): void {
    this.#state = 'open';
    this.#openUntil = this.#now() + this.#cooldownMs;
  }

  #record(faulty: boolean): void {
    const now = this.#now();
    const sliceMs = this.options.windowMs / SLICES;
    const start = now - (now % sliceMs);
    let current = this.#slices[this.#slices.length - 1];
    if (current?.start !== start) {
      current = { start, total: 0, faults: 0 };
      this.#slices.push(current);
      this.#slices = this.#slices.filter((slice) => slice.start > now - this.options.windowMs);
    }
    current.total += 1;
    if (faulty) current.faults += 1;
  }
}

/**
 * How many slices the window is counted in: outcomes age out a tenth of the window at a time, in ten counters,
 * where a list of outcomes would grow with the traffic (thousands a second under load).
 */
const SLICES = 10;

/**
 * Reads through a circuit: refused at once while the database fails for reads, and each statement's outcome noted.
 * What the database answers, refusals included, is a success; only its faults count against it.
 */
export class GuardedReader implements SqlReader {
  constructor(
    /** The reader behind the circuit (tests ask its connection's settings). */
    readonly inner: SqlReader,
    readonly circuit: Circuit,
  ) {}

  get dialect() {
    return this.inner.dialect;
  }

  all<Row>(query: Sql): Promise<Row[]> {
    try {
      this.circuit.admit();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.inner.all<Row>(query).then(this.#answered, this.#failed);
  }

  consistent<T>(read: (reader: SqlReader) => Promise<T>): Promise<T> {
    try {
      this.circuit.admit();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.inner.consistent(read).then(this.#answered, this.#failed);
  }

  readonly #answered = <T>(value: T): T => {
    this.circuit.succeeded();
    return value;
  };

  readonly #failed = (error: unknown): never => {
    const fault = failingFault(error);
    if (fault) this.circuit.failed(fault);
    else this.circuit.succeeded();
    throw error;
  };
}
