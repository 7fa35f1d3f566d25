// Configuration: one schema, parsed once at startup. A bad value stops the process with a message naming the
// variable, instead of surfacing later as a confusing runtime error.
import path from 'node:path';
import { z } from 'zod';

const PortSchema = z.coerce.number().int().min(0).max(65535);
const MillisecondsSchema = z.coerce.number().int().min(1).max(600_000);

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: PortSchema.default(3000),
  /** SQLite database as a `file:` URL; relative paths resolve against the working directory. */
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'must be a file: URL, e.g. file:./data/atlas.db')
    .default('file:./data/atlas.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * What to load at startup: `auto` seeds the article's dataset into an empty database only (a database that
   * already has data — e.g. curators' edits — is left alone), `always` re-applies the seed (idempotent),
   * `never` skips it.
   */
  SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Where the article and the curated dataset live. */
  SEED_DIR: z.string().min(1).default('seed'),
  /** Where the SQL migrations live. */
  MIGRATIONS_DIR: z.string().min(1).default('prisma/migrations'),
  /**
   * Without a limit a slow or stalled client holds a socket forever (Fastify's default is 0 = none).
   */
  REQUEST_TIMEOUT_MS: MillisecondsSchema.default(15_000),
  /** How long SIGTERM waits for in-flight requests before giving up and exiting non-zero. */
  SHUTDOWN_TIMEOUT_MS: MillisecondsSchema.default(10_000),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError listing every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are what `VAR= cmd` gives: treat them as unset so defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The filesystem path behind a `file:` DATABASE_URL. */
export function databaseFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ''));
}
