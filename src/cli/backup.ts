// `npm run db:backup [-- --out path]`: a consistent copy of DATABASE_URL, taken while the service runs, checked
// with PRAGMA integrity_check. Prints the backup's path; exits non-zero if there is no good backup.
import { parseArgs } from 'node:util';
import { ConfigError, databaseFilePath, loadConfig } from '../config.js';
import { BackupError, backupDatabase, defaultBackupFile } from '../db/backup.js';

const USAGE = 'usage: npm run db:backup [-- --out path/to/backup.db]';

let out: string | undefined;
try {
  ({ values: { out } } = parseArgs({ options: { out: { type: 'string' } }, strict: true, allowPositionals: false }));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(64); // EX_USAGE
}

try {
  const databaseFile = databaseFilePath(loadConfig().DATABASE_URL);
  const { file } = await backupDatabase(databaseFile, out ?? defaultBackupFile(databaseFile));
  process.stdout.write(`${file}\n`);
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  throw error;
}
