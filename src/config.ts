// Configuration: one schema, parsed once at startup. A bad value stops the process with a message naming the
// variable, instead of surfacing later as a confusing runtime error.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DOCUMENT_TEXT_MAX_BYTES } from './domain/document-text.js';

const PortSchema = z.coerce.number().int().min(0).max(65535);
const MillisecondsSchema = z.coerce.number().int().min(1).max(600_000);

export interface ApiKey {
  /** Who the key belongs to: recorded in revisions, never the key itself. */
  name: string;
  /** SHA-256 of the key; plaintext keys are hashed at startup and not kept. */
  sha256: Buffer;
}

/** An API key's name, as revisions record it: a letter or digit, then up to 63 more of those, dots, dashes and underscores. */
const KEY_NAME = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
export const KEY_NAME_PATTERN = new RegExp(`^${KEY_NAME}$`);
export const MAX_KEY_NAME_LENGTH = 64;
const API_KEY_ENTRY = new RegExp(`^(${KEY_NAME}):(?:sha256:([0-9a-fA-F]{64})|(.{24,}))$`);

/**
 * `name:sha256:<64 hex>` (preferred: the key itself never sits in the environment) or `name:<key>` (at least
 * 24 characters), comma-separated.
 */
const ApiKeysSchema = z
  .string()
  .transform((text, context): ApiKey[] => {
    const keys: ApiKey[] = [];
    for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
      const match = API_KEY_ENTRY.exec(entry);
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

/** Names proxy-addr (Fastify's `trustProxy`) understands besides addresses and CIDR ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `false` (default: the peer address is the client), `true` (trust every `X-Forwarded-For` hop: only when no
 * client can reach the service except through the proxy), or comma-separated proxy addresses/CIDRs (preferred).
 * No hop counts: Fastify 5 refuses to trust by count alone, since a direct client could then forge its address.
 */
const TrustProxySchema = z.string().transform((text, context): boolean | string[] => {
  const value = text.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
    if (!PROXY_RANGE_NAMES.has(entry) && (version === 0 || !validBits || rest.length > 0)) {
      context.addIssue({
        code: 'custom',
        message: `'${entry}' is not true, false, an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
      });
      return z.NEVER;
    }
  }
  return entries;
});

const CountSchema = z.coerce.number().int().min(0);

/** The largest budget a rate limit may have: far above any real need, and what RateLimit-Limit documents. */
export const MAX_REQUESTS_PER_MINUTE = 1_000_000;

/** Limits that protect the service from its clients; see the configuration table in docs/operations.md. */
export const HardeningConfigSchema = z.object({
  /**
   * The service speaks plain HTTP; TLS ends at a proxy it cannot see, so it cannot know that HTTPS is really in
   * place everywhere. HSTS is opt-in: a wrong HSTS header locks browsers out of the host for max-age seconds.
   */
  HSTS_MAX_AGE_SECONDS: CountSchema.max(63_072_000).default(0),
  /** Which `X-Forwarded-For` hops to believe when working out a client's IP (rate limits are per IP). */
  TRUST_PROXY: TrustProxySchema.default(false),
  /** Requests per client IP per minute that read (GET, HEAD, OPTIONS); 0 turns the limit off. */
  RATE_LIMIT_READS_PER_MINUTE: CountSchema.max(MAX_REQUESTS_PER_MINUTE).default(600),
  /** Requests per client IP per minute that write (POST, PUT, PATCH, DELETE), counted apart from reads; 0 = off. */
  RATE_LIMIT_WRITES_PER_MINUTE: CountSchema.max(MAX_REQUESTS_PER_MINUTE).default(60),
  /** Largest request body. A record with its sources is a few KiB; Fastify's 1 MiB default invites abuse. */
  BODY_LIMIT_BYTES: CountSchema.min(1024).max(16 * 1024 * 1024).default(64 * 1024),
  /** Deepest JSON nesting accepted. Records nest about 4 levels; a 100,000-deep body would overflow the stack. */
  BODY_MAX_DEPTH: CountSchema.min(2).max(1000).default(32),
  /** Shed load (503) while the mean event-loop delay exceeds this; 0 = never. */
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: CountSchema.default(1000),
  /** Shed load while the V8 heap in use exceeds this; unset = 90% of V8's heap limit, 0 = never. */
  OVERLOAD_MAX_HEAP_USED_MB: CountSchema.optional(),
  /**
   * How often the overload signals are sampled. At least 100: the event-loop delay is measured every 10 ms, and
   * an interval with no measurement reads as an infinite delay (everything refused).
   */
  OVERLOAD_SAMPLE_INTERVAL_MS: CountSchema.min(100).max(60_000).default(1000),
});

export type HardeningConfig = z.infer<typeof HardeningConfigSchema>;

/** The hardening settings, with defaults for whatever `given` leaves out (tests set only what they exercise). */
export function hardeningConfig(given: Partial<HardeningConfig>): HardeningConfig {
  const settings: Record<string, unknown> = HardeningConfigSchema.parse({});
  for (const key of Object.keys(HardeningConfigSchema.shape)) {
    const value = (given as Record<string, unknown>)[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings as HardeningConfig;
}

/**
 * The longest origin CORS_ORIGINS may list: a scheme, a host of at most 253 characters (DNS's limit) and a port.
 * Access-Control-Allow-Origin sends one of them, or `*`.
 */
export const MAX_ORIGIN_LENGTH = 'https://'.length + 253 + ':65535'.length;

/** `*` (any origin) or exact origins as browsers send them in `Origin`; none = CORS off. */
export type CorsOrigins = '*' | string[];

/**
 * `*` or comma-separated origins such as `https://atlas.example.com,http://localhost:5173`. Each must be exactly
 * what a browser sends (scheme, lowercase host, port only when not the default, no path or trailing slash):
 * anything else would never match a request and silently leave that frontend without access.
 */
const CorsOriginsSchema = z.string().transform((text, context): CorsOrigins => {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === '*') return '*';
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      // Reported below with the entry.
    }
    if (origin !== entry) {
      context.addIssue({
        code: 'custom',
        message:
          entry === '*'
            ? '`*` allows every origin and cannot be combined with a list'
            : `'${entry}' is not an origin like https://example.com${origin ? ` (write it as ${origin})` : ''}`,
      });
      return z.NEVER;
    }
    if (entry.length > MAX_ORIGIN_LENGTH) {
      context.addIssue({ code: 'custom', message: `'${entry.slice(0, 40)}…' is longer than any origin (at most ${MAX_ORIGIN_LENGTH} characters)` });
      return z.NEVER;
    }
  }
  return entries;
});

/** How long an Idempotency-Key is remembered by default: a day, as Stripe keeps its keys; ample for any retry. */
export const DEFAULT_IDEMPOTENCY_WINDOW_SECONDS = 86_400;

/** Seconds a client or shared cache may reuse a read without asking again; 0 = revalidate every time. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 60;
/** A year: the most CACHE_MAX_AGE_SECONDS takes, and so the most Cache-Control ever says. */
export const MAX_CACHE_MAX_AGE_SECONDS = 31_536_000;

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: PortSchema.default(3000),
  /**
   * The database: an embedded SQLite file as a `file:` URL (the default; relative paths resolve against the working
   * directory), or a PostgreSQL server as a `postgresql://` URL, which several replicas of the service can share.
   */
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'must be a file: URL (e.g. file:./data/atlas.db) or a postgresql:// URL')
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
  /** Where the SQL migrations live; by default the engine's own folder (see `migrationsDirectory`). */
  MIGRATIONS_DIR: z.string().min(1).optional(),
  /**
   * Without a limit a slow or stalled client holds a socket forever (Fastify's default is 0 = none).
   */
  REQUEST_TIMEOUT_MS: MillisecondsSchema.default(15_000),
  /**
   * How many MiB of JSON GET responses to keep in memory until the next write (0 = off). Hot reads then cost about
   * what Fastify needs to send a string; without it every read re-runs its queries and re-serialises its JSON.
   * 16 MiB holds thousands of list pages and detail answers, and counts in full in the process's memory budget
   * (tests/bench/BENCHMARKS.md): a cache that fills with distinct searches holds all of it.
   */
  RESPONSE_CACHE_MB: z.coerce.number().min(0).max(4096).default(16),
  /**
   * How many MiB of records' JSON, as lists show them, to keep until the next write (0 = off): a list page the
   * response cache misses then joins the JSON of records other pages have shown instead of building each again.
   * 8 MiB holds every record of the article many times over and tens of thousands of synthetic ones.
   */
  FRAGMENT_CACHE_MB: z.coerce.number().min(0).max(4096).default(8),
  /**
   * How long an Idempotency-Key's first answer is kept (seconds): a retry within it gets that answer; after it the key
   * is forgotten and its row deleted, so the table holds one window's keys at most. A day by default, as Stripe's.
   */
  IDEMPOTENCY_KEY_TTL_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(DEFAULT_IDEMPOTENCY_WINDOW_SECONDS),
  /**
   * The largest document text kept, in UTF-8 bytes: a text past it is refused (413) whole. 2 MiB holds a long report;
   * a document's create body may be twice this (JSON escapes), and that much is read before it is refused.
   */
  DOCUMENT_TEXT_MAX_BYTES: CountSchema.min(1024).max(64 * 1024 * 1024).default(DEFAULT_DOCUMENT_TEXT_MAX_BYTES),
  /** Keys allowed to write. None configured: every write is refused (writes are never open). */
  API_KEYS: ApiKeysSchema.default([]),
  /**
   * How long a CSV or NDJSON export may go without the client taking any of it before the connection is closed: a
   * client that stops reading otherwise holds its socket, and what is queued for it, for ever.
   */
  EXPORT_STALL_MS: MillisecondsSchema.default(30_000),
  /** The longest an export may take in all, however steadily its client reads. */
  EXPORT_TIMEOUT_MS: MillisecondsSchema.default(600_000),
  /** How long SIGTERM waits for in-flight requests before giving up and exiting non-zero. */
  SHUTDOWN_TIMEOUT_MS: MillisecondsSchema.default(10_000),
  ...HardeningConfigSchema.shape,
  /** `max-age` of successful reads (Cache-Control); their ETags make revalidation after it cheap. */
  CACHE_MAX_AGE_SECONDS: CountSchema.max(MAX_CACHE_MAX_AGE_SECONDS).default(DEFAULT_CACHE_MAX_AGE_SECONDS),
  /** Browser origins allowed to read (and, with a key, write) cross-origin. Unset = CORS off. */
  CORS_ORIGINS: CorsOriginsSchema.default([]),
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

/** The two engines the service runs on: the embedded default and the server for several replicas. */
export type DatabaseEngine = 'sqlite' | 'postgresql';

/** Which engine a DATABASE_URL names. */
export function databaseEngine(databaseUrl: string): DatabaseEngine {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** Each engine's migrations, in Prisma's layout: SQLite's history, and PostgreSQL's from its first version. */
export function migrationsDirectory(config: Pick<Config, 'DATABASE_URL' | 'MIGRATIONS_DIR'>): string {
  return path.resolve(config.MIGRATIONS_DIR ?? (databaseEngine(config.DATABASE_URL) === 'postgresql' ? 'prisma/postgresql/migrations' : 'prisma/migrations'));
}

/** The filesystem path behind a `file:` DATABASE_URL. */
export function databaseFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ''));
}
