// Online backups of the live database. SQLite's backup API (through better-sqlite3) copies a consistent snapshot
// while the service keeps reading and writing; copying the file (or its -wal beside it) could catch a write half
// done, and Debian's sqlite3 CLI is in a WAL-corruption bug range (see ENVIRONMENT.md).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Same wait as the service's connections (src/db/client.ts): the service may hold the write lock for a moment.
const BUSY_TIMEOUT_MS = 5000;

// Pages copied per backup step. One step copies the whole file while holding one read snapshot: with smaller
// steps, every commit the service makes between two steps restarts the copy, and a steady stream of writes could
// keep it from ever finishing. In WAL mode that snapshot does not block the service's writer. (better-sqlite3
// caps the figure at 2^31 - 1.)
const ALL_PAGES = 0x7fffffff;

export class BackupError extends Error {}

export interface BackupResult {
  /** Where the backup now is (absolute). */
  file: string;
  /** Pages in the copy. */
  pages: number;
}

/** `atlas-20261128T101748Z.db`: sorts by time, and has no characters that some filesystems refuse (`:`). */
export function defaultBackupFile(databaseFile: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return path.join(path.dirname(path.resolve(databaseFile)), 'backups', `atlas-${stamp}.db`);
}

/**
 * Copies `databaseFile` to `outFile` while it is in use, then checks the copy with `PRAGMA integrity_check`.
 * The copy is written under a temporary name and renamed only once it is checked and on disk, so `outFile` is
 * either a good backup or absent. Throws BackupError for an existing `outFile`, a missing database or a copy
 * that fails the check.
 */
export async function backupDatabase(databaseFile: string, outFile: string): Promise<BackupResult> {
  const source = path.resolve(databaseFile);
  const target = path.resolve(outFile);
  if (!existsSync(source)) throw new BackupError(`No database at ${source}`);
  // Never overwrite: an older backup may be the only good copy left.
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose another --out`);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });

  try {
    // Read-write, not `readonly`: a read-only connection cannot recover a WAL left by a crashed writer.
    // The backup API only ever reads from it.
    const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    let pages: number;
    try {
      ({ totalPages: pages } = await db.backup(partial, { progress: () => ALL_PAGES }));
    } finally {
      db.close();
    }
    checkCopy(partial);
    syncToDisk(partial);
    renameSync(partial, target);
    syncToDisk(path.dirname(target));
    return { file: target, pages };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Backup of ${source} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Makes the copy one self-contained file and proves it sound. */
function checkCopy(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    // The copy inherits WAL mode, which would leave -wal/-shm files beside it once opened; a backup should be a
    // single file you can move. The service sets WAL again when it starts on a restored copy (src/db/migrate.ts).
    copy.pragma('journal_mode = DELETE');
    const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`The copy failed PRAGMA integrity_check:\n${problems.slice(0, 20).join('\n')}`);
    }
  } finally {
    copy.close();
  }
}

/** fsync: a backup that is still only in the page cache is lost with the machine it should protect against. */
function syncToDisk(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
