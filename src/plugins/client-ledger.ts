// What each client has asked of the service: its budgets for the minute (reads and writes, each request weighed by
// what it costs: an export far more than a page), and how much of the server's time its requests took lately. Rate
// limits spend from the budgets (src/plugins/rate-limit.ts); load shedding refuses the clients whose requests weigh
// most (src/plugins/overload.ts), so that one client flooding the service with exports is refused while the others
// keep being served. In memory, per process: each replica counts on its own.
import { isIPv6 } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';

/** A client: its IP address, or for IPv6 its /64, the block one subscriber is usually given. */
export function clientOf(request: FastifyRequest): string {
  const address = request.ip;
  if (!isIPv6(address) || address.startsWith('::ffff:')) return address;
  // The first four groups of the full address.
  const [head = '', tail = ''] = address.split('::');
  const groups = head.split(':').filter(Boolean);
  const tailGroups = tail.split(':').filter(Boolean);
  const full = [...groups, ...Array(Math.max(0, 8 - groups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${full.slice(0, 4).join(':')}::/64`;
}

export interface Spent {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the budget is whole again. */
  resetSeconds: number;
}

interface Window {
  start: number;
  spent: number;
}

interface Cost {
  /** Milliseconds of the server's time, decayed. */
  value: number;
  at: number;
}

export interface LedgerOptions {
  windowMs: number;
  /** Clients remembered at most; past it the oldest are forgotten (an attacker with many addresses frees budgets, no more). */
  maxClients: number;
  /** How fast a client's recent cost fades: halved every this many ms. */
  costHalfLifeMs: number;
  now?: () => number;
}

export const DEFAULT_LEDGER: LedgerOptions = { windowMs: 60_000, maxClients: 100_000, costHalfLifeMs: 5_000 };

/**
 * Exports streaming at once: per client, and in all. Each holds a page of records and its socket's buffers (about
 * 2 MiB with every relation at 100×, measured) for as long as its client takes to read; without a bound, 300 clients
 * that stopped reading held 400 MiB. An honest client pulls one export at a time.
 */
export const EXPORT_SLOTS = { perClient: 2, total: 16 } as const;

export type ExportSlot = { granted: true; release: () => void } | { granted: false; refusedBy: 'client' | 'server'; limit: number };

export class ClientLedger {
  #windows = new Map<string, Window>();
  #exports = new Map<string, number>();
  #exportsInAll = 0;
  #costs = new Map<string, Cost>();
  #total: Cost = { value: 0, at: 0 };
  readonly #now: () => number;

  constructor(private readonly options: LedgerOptions = DEFAULT_LEDGER) {
    this.#now = options.now ?? Date.now;
  }

  /** Spends `weight` from `client`'s `budget` of `limit` a window, or refuses when what is left does not cover it. */
  spend(client: string, budget: string, weight: number, limit: number): Spent {
    const now = this.#now();
    const key = `${budget} ${client}`;
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, spent: 0 };
      this.#windows.delete(key);
      this.#windows.set(key, window);
      this.#bound(this.#windows);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.options.windowMs - now) / 1000));
    const allowed = window.spent + weight <= limit;
    if (allowed) window.spent += weight;
    return { allowed, limit, remaining: Math.max(0, limit - window.spent), resetSeconds };
  }

  /** A slot for one more export of `client`, or why there is none; release it when the export ends, however it ends. */
  startExport(request: FastifyRequest): ExportSlot {
    const client = clientOf(request);
    const mine = this.#exports.get(client) ?? 0;
    if (mine >= EXPORT_SLOTS.perClient) return { granted: false, refusedBy: 'client', limit: EXPORT_SLOTS.perClient };
    if (this.#exportsInAll >= EXPORT_SLOTS.total) return { granted: false, refusedBy: 'server', limit: EXPORT_SLOTS.total };
    this.#exports.set(client, mine + 1);
    this.#exportsInAll += 1;
    let released = false;
    return {
      granted: true,
      release: () => {
        if (released) return;
        released = true;
        this.#exportsInAll -= 1;
        const left = (this.#exports.get(client) ?? 1) - 1;
        if (left > 0) this.#exports.set(client, left);
        else this.#exports.delete(client);
      },
    };
  }

  /** A request of `client` took `ms` of the server's time. */
  recordCost(client: string, ms: number): void {
    const now = this.#now();
    const cost = this.#costs.get(client);
    const value = (cost ? this.#decayed(cost, now) : 0) + ms;
    this.#costs.delete(client);
    this.#costs.set(client, { value, at: now });
    this.#total = { value: this.#decayed(this.#total, now) + ms, at: now };
    this.#bound(this.#costs);
  }

  /**
   * Whether `client`'s requests weigh at least as much as the average active client's lately: those are refused first
   * when the server sheds load. A client with no recent cost weighs nothing. With a single active client, it is the
   * average, and is refused as everyone was before.
   */
  isHeavy(client: string): boolean {
    const now = this.#now();
    const cost = this.#costs.get(client);
    if (!cost) return false;
    const mine = this.#decayed(cost, now);
    const active = this.#activeClients(now);
    if (active === 0 || mine < 1) return false;
    return mine >= this.#decayed(this.#total, now) / active;
  }

  #active = { count: 0, at: Number.NEGATIVE_INFINITY };

  /**
   * Clients whose cost has not faded below a millisecond, counted at most every quarter second: under pressure every
   * request asks, and counting a large map each time would add to the load being shed.
   */
  #activeClients(now: number): number {
    if (now - this.#active.at < 250) return this.#active.count;
    let count = 0;
    for (const [client, entry] of this.#costs) {
      if (this.#decayed(entry, now) < 1) this.#costs.delete(client);
      else count += 1;
    }
    this.#active = { count, at: now };
    return count;
  }

  #decayed(cost: Cost, now: number): number {
    return cost.value * 2 ** (-(now - cost.at) / this.options.costHalfLifeMs);
  }

  /** Maps are kept in order of last use: the least recently used go first. */
  #bound(map: Map<string, unknown>): void {
    while (map.size > this.options.maxClients) map.delete(map.keys().next().value!);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    clientLedger: ClientLedger;
  }
  interface FastifyContextConfig {
    /**
     * What a request to this route weighs in its client's budget (1 when absent): a route whose requests can cost far
     * more than a page (exports, wide embeds) says how much.
     */
    cost?: (request: FastifyRequest) => number;
  }
}

/** The ledger, and each finished request's time charged to its client. */
export default fp(
  async (app) => {
    const ledger = new ClientLedger();
    app.decorate('clientLedger', ledger);
    app.addHook('onResponse', (request, reply, done) => {
      ledger.recordCost(clientOf(request), reply.elapsedTime);
      done();
    });
  },
  { name: 'client-ledger' },
);
