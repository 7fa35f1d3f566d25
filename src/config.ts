// Configuration: one schema, parsed once at startup. A bad value stops the process with a message naming the
// variable, instead of surfacing later as a confusing runtime error.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const PortSchema = z.coerce.number().int().min(0).max(65535);
const MillisecondsSchema = z.coerce.number().int().min(1).max(600_000);

export interface ApiKey {
  /** Who the key belongs to: recorded in revisions, never the key itself. */
  name: string;
  /** SHA-256 of the key; plaintext keys are hashed at startup and not kept. */
  sha256: Buffer;
}

/**
 * `name:sha256:<64 hex>` (preferred: the key itself never sits in the environment) or `name:<key>` (at least
 * 24 characters), comma-separated.
 */
const ApiKeysSchema = z
  .string()
  .transform((text, context): ApiKey[] => {
    const keys: ApiKey[] = [];
    for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
      const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}):(?:sha256:([0-9a-fA-F]{64})|(.{24,}))$/.exec(entry);
      if (!match) {
        context.addIssue({
          code: 'custom',
          // Never echo the entry: it may hold a key.
          message: `entry ${keys.length + 1} must be name:sha256:<64 hex digits> or name:<key of at least 24 characters>`,
        });
        return z.NEVER;
      }
      const [, name, hex, plaintext] = match;
      if (keys.some((key) => key.name === name)) {
        context.addIssue({ code: 'custom', message: `key name '${name}' is used twice` });
        return z.NEVER;
      }
      const sha256 = hex ? Buffer.from(hex, 'hex') : createHash('sha256').update(plaintext!, 'utf8').digest();
      keys.push({ name: name!, sha256 });
    }
    return keys;
  });

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
  /** Keys allowed to write. None configured: every write is refused (writes are never open). */
  API_KEYS: ApiKeysSchema.default([]),
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
