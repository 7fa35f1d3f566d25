import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';

export type Database = InstanceType<typeof PrismaClient>;

/** A Prisma client on the embedded SQLite file behind `databaseUrl` (a `file:` URL). */
export function createDatabaseClient(databaseUrl: string): Database {
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl });
  return new PrismaClient({ adapter });
}
