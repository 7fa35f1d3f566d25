// `npm run db:migrate`: apply pending migrations to DATABASE_URL and exit.
import path from 'node:path';
import { databaseFilePath, loadConfig } from '../config.js';
import { applyMigrations } from '../db/migrate.js';

const config = loadConfig();
const { applied } = await applyMigrations(databaseFilePath(config.DATABASE_URL), path.resolve(config.MIGRATIONS_DIR));
process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database schema is up to date\n');
