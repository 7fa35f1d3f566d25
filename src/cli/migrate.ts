// `npm run db:migrate`: apply pending migrations to DATABASE_URL (SQLite or PostgreSQL) and exit.
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../seed/prepare.js';

const { applied } = await migrateDatabase(loadConfig());
process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database schema is up to date\n');
