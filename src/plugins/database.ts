// Gives every route `app.reader` for reads and `app.writes` for writes, on the database DATABASE_URL names (an
// embedded SQLite file, or a PostgreSQL server several replicas share): one app instance each (never a module
// singleton, so each test builds an app on its own database). Reads are plain SQL on connections of their own
// (src/db/sql.ts, src/db/postgres.ts); writes go through Prisma, in a queue (see src/db/write-queue.ts for why).
// On PostgreSQL, other replicas' writes reach this process through a change feed (src/db/change-feed.ts).
import fp from 'fastify-plugin';
import { ChangeFeed } from '../db/change-feed.js';
import { Circuit, GuardedReader } from '../db/circuit.js';
import { createWriterClient, openReadConnection } from '../db/client.js';
import { ReadLane } from '../db/read-lane.js';
import { WriteQueue } from '../db/write-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Plain SQL reads on connections of their own (src/db/sql.ts), through the read side's circuit. */
    reader: GuardedReader;
    /** Where reads whose cost grows with the data (text filters, search) take turns (src/db/read-lane.ts). */
    searchLane: ReadLane;
    writes: WriteQueue;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
}

export default fp<DatabasePluginOptions>(
  async (app, { databaseUrl }) => {
    // Prisma connects on the first write, not here: its client and query compiler cost about 25 MiB once they have
    // served writes, which a process that only reads never needs to hold (tests/bench/BENCHMARKS.md).
    const writer = createWriterClient(databaseUrl);
    const read = openReadConnection(databaseUrl);
    // Each side fails on its own: a full disk stops writes while reads go on; a hung server stops both.
    const reader = new GuardedReader(read.reader, new Circuit('reads'));
    let feed: ChangeFeed | null = null;
    const writes = new WriteQueue(writer, { afterCommit: (revisions) => feed?.ownCommit(revisions), circuit: new Circuit('writes') });
    if (writer.dialect === 'postgresql') {
      feed = new ChangeFeed(databaseUrl, reader, () => writes.noteExternalChange(), app.log, writes.processId);
      await feed.start();
    }
    app.decorate('reader', reader);
    // One at a time on SQLite; on PostgreSQL half the pool, leaving the other half to everything else.
    app.decorate('searchLane', new ReadLane(Math.max(1, Math.floor(read.connections / 2))));
    app.decorate('writes', writes);
    app.addHook('onClose', async () => {
      await feed?.stop();
      await read.close();
      await writer.close();
    });
  },
  { name: 'database' },
);
