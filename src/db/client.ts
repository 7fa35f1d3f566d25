import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';

export type Database = InstanceType<typeof PrismaClient>;

// How long a connection waits for another one's write lock before failing with SQLITE_BUSY (Prisma's P1008).
// better-sqlite3 already defaults to 5000 ms; it is spelled out because the migration runner and the backup use
// the same figure, and a silent change of the library default would make them disagree.
const BUSY_TIMEOUT_MS = 5000;

/**
 * The adapter with every connection it opens set to `synchronous = FULL`.
 *
 * Why: better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so once the file is in WAL mode (set by
 * src/db/migrate.ts) its connections default to NORMAL, not FULL (checked: `PRAGMA synchronous` answered 1).
 * In WAL mode NORMAL does not fsync on commit, so a power loss can undo writes the API already acknowledged with
 * 201/200. `synchronous` is per connection and the adapter offers no hook for pragmas, hence the override of
 * `connect()`, which Prisma calls for each connection it opens (again after a `$disconnect`).
 * tests/durability.test.ts asks both of the app's connections.
 */
class DurableSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const connection = await super.connect();
    await connection.executeScript('PRAGMA synchronous = FULL');
    return connection;
  }
}

/** A Prisma client on the embedded SQLite file behind `databaseUrl` (a `file:` URL). */
export function createDatabaseClient(databaseUrl: string): Database {
  const adapter = new DurableSqliteAdapter({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}
