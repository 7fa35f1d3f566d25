// Reads whose cost grows with the data (text filters on lists, search) take turns in a lane of their own, so that
// they cannot crowd out the cheap reads beside them.
//
// On SQLite every read runs synchronously on the event loop. Four connections sending the worst list searches at
// 1,000× (each 13–50 ms) held a polite client's page behind all four of them at every turn of the loop: p99 202 ms
// (tests/bench/BENCHMARKS.md). In the lane they run one at a time, and between one and the next the event loop
// polls for I/O, so a page that arrived meanwhile is answered before the next search starts: it waits for one of
// them at most. On PostgreSQL reads do not hold the event loop, but they hold the read pool's connections; half the
// pool is the lane's, so the other half is always there for everything else.
import { setImmediate as nextTurnOfTheEventLoop } from 'node:timers/promises';

export class ReadLane {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  /** @param width how many of the lane's reads may run at once */
  constructor(readonly width: number) {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`A read lane runs at least one read at a time, not ${width}`);
  }

  /** How many reads wait for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `read` in its turn: at once if the lane has room, else after those waiting before it (first come, first served). */
  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.#running < this.width) this.#running++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await read();
    } finally {
      this.#handOff();
    }
  }

  #handOff(): void {
    // The place passes on (to the next waiting read, or back to the lane) only after the event loop has polled for
    // I/O. Requests that arrive together are parsed one after another in one poll phase, and on SQLite each ran its
    // search to its end before the next was even parsed, so none ever waited in the lane and a page parsed after
    // them waited for all of them. Now the first runs; the others, parsed in the same phase, find the place taken
    // and wait; the page runs. An immediate queued during the poll phase runs in the same turn's check phase, before
    // the next poll, so the second one (queued during a check phase) is what guarantees a poll in between.
    void nextTurnOfTheEventLoop()
      .then(() => nextTurnOfTheEventLoop())
      .then(() => {
        const next = this.#waiting.shift();
        if (next === undefined) this.#running--;
        else next();
      });
  }
}
