// Gives every route `app.reader` for reads and `app.writes` for writes: two connections, one app instance each
// (never a module singleton, so each test builds an app on its own database). Reads are plain SQL on a read-only
// better-sqlite3 connection (src/db/sql.ts); writes go through Prisma on a connection of their own, in a queue
// (see src/db/write-queue.ts for why).
import fp from 'fastify-plugin';
import { createWriterClient, openReadConnection } from '../db/client.js';
import type { SqliteReader } from '../db/sql.js';
import { WriteQueue } from '../db/write-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Plain SQL reads on a read-only connection of their own (src/db/sql.ts). */
    reader: SqliteReader;
    writes: WriteQueue;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
}

export default fp<DatabasePluginOptions>(
  async (app, { databaseUrl }) => {
    // Prisma connects on the first write, not here: its client and query compiler cost about 25 MiB once they have served writes, which a
    // process that only reads never needs to hold (tests/bench/BENCHMARKS.md).
    const writer = createWriterClient(databaseUrl);
    const reader = openReadConnection(databaseUrl);
    app.decorate('reader', reader);
    app.decorate('writes', new WriteQueue(writer.client, writer.reader));
    app.addHook('onClose', async () => {
      reader.connection.close();
      await writer.client.$disconnect();
    });
  },
  { name: 'database' },
);
