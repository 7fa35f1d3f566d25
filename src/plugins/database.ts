// Gives every route `app.db` for reads and `app.writes` for writes: two clients, two connections, one app
// instance each (never a module singleton, so each test builds an app on its own database). See
// src/db/write-queue.ts for why writes have a connection and a queue of their own.
import fp from 'fastify-plugin';
import { createDatabaseClient, createWriterClient, openReadConnection, type Database } from '../db/client.js';
import type { SqliteReader } from '../db/sql.js';
import { WriteQueue } from '../db/write-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
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
    const reader = createDatabaseClient(databaseUrl);
    const writer = createWriterClient(databaseUrl);
    await Promise.all([reader.$connect(), writer.client.$connect()]);
    const sqlReader = openReadConnection(databaseUrl);
    app.decorate('db', reader);
    app.decorate('reader', sqlReader);
    app.decorate('writes', new WriteQueue(writer.client, writer.reader));
    app.addHook('onClose', async () => {
      sqlReader.connection.close();
      await Promise.all([reader.$disconnect(), writer.client.$disconnect()]);
    });
  },
  { name: 'database' },
);
