// Gives every route `app.db` for reads and `app.writes` for writes: two clients, two connections, one app
// instance each (never a module singleton, so each test builds an app on its own database). See
// src/db/write-queue.ts for why writes have a connection and a queue of their own.
import fp from 'fastify-plugin';
import { createDatabaseClient, type Database } from '../db/client.js';
import { WriteQueue } from '../db/write-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    writes: WriteQueue;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
}

export default fp<DatabasePluginOptions>(
  async (app, { databaseUrl }) => {
    const reader = createDatabaseClient(databaseUrl);
    const writer = createDatabaseClient(databaseUrl);
    await Promise.all([reader.$connect(), writer.$connect()]);
    app.decorate('db', reader);
    app.decorate('writes', new WriteQueue(writer));
    app.addHook('onClose', async () => {
      await Promise.all([reader.$disconnect(), writer.$disconnect()]);
    });
  },
  { name: 'database' },
);
