// Gives every route `app.db`, one Prisma client per app instance (never a module singleton, so each test
// builds an app on its own database), and closes it when the app closes.
import fp from 'fastify-plugin';
import { createDatabaseClient, type Database } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
}

export default fp<DatabasePluginOptions>(
  async (app, { databaseUrl }) => {
    const db = createDatabaseClient(databaseUrl);
    await db.$connect();
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.$disconnect();
    });
  },
  { name: 'database' },
);
