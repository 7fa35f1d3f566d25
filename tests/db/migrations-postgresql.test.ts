// The PostgreSQL migration runner (src/db/migrate-postgresql.ts, which migrateDatabase picks for a postgresql:// URL)
// keeps Prisma's history table as Prisma's PostgreSQL connector writes it, refuses a tampered or half-applied history
// and a database that sorts or classifies text otherwise than the service needs, migrates once however many
// instances start together, and the database it builds matches schema.prisma under Prisma's PostgreSQL conventions
// (no drift). Only the PostgreSQL suite (`npm run test:postgresql`) has a server to run it on: on SQLite every block
// here is reported as skipped.
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyPostgresMigrations } from '../../src/db/migrate-postgresql.js';
import { migrateDatabase } from '../../src/seed/prepare.js';
import { Prisma } from '../../src/generated/prisma-postgresql/browser.js';
import {
  describePostgresDatabase,
  diffDatabases,
  expectedDatabase,
  isModel,
  parsePrismaSchema,
  type DatabaseShape,
} from '../support/prisma-schema.js';
import { FIXTURE_SCHEMA } from '../support/prisma-schema-fixture.js';
import { emptyTestDatabase, onServer, testEngine, withDatabase } from '../support/test-database.js';
import { migrationWorkspace } from '../support/migration-workspace.js';

const ON_POSTGRESQL = testEngine() === 'postgresql';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'postgresql', 'migrations');
/** The schema the PostgreSQL client is generated from (written from prisma/schema.prisma by `npm run generate`). */
const POSTGRESQL_SCHEMA_FILE = path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma');
const SCHEMA_FILE = path.join(ROOT, 'prisma', 'schema.prisma');
const INIT = '20261204000000_init';
/** Every PostgreSQL migration the project ships, in the order they apply. */
const SHIPPED = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
/** The advisory lock Prisma's `migrate deploy` takes on PostgreSQL, which the runner must share. */
const PRISMA_MIGRATION_LOCK = 72707369;

// What Prisma's PostgreSQL connector runs to create its history table: a test that fakes Prisma's leftovers starts
// from it, and the runner must accept a table Prisma created.
const PRISMA_HISTORY_TABLE_SQL = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const { copyMigrations, addMigration } = migrationWorkspace('atlas-pg-migrations-', MIGRATIONS_DIR);

/** An empty database of this run with its own options (another locale), dropped with the run's others at the end. */
async function createDatabase(options: string): Promise<string> {
  const name = `${inject('runId')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await onServer(inject('serverUrl'), `CREATE DATABASE "${name}" ${options}`);
  return withDatabase(inject('serverUrl'), name);
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function query<Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  return withClient(url, async (client) => (await client.query<Row>(text, values)).rows);
}

interface HistoryRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function history(url: string): Promise<HistoryRow[]> {
  return query<HistoryRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
}

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
  return rows.map((row) => row.name);
}

async function columnNames(url: string, table: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return rows.map((row) => row.name);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe.runIf(ON_POSTGRESQL)('applyPostgresMigrations (PostgreSQL suite only)', () => {
  it('migrates an empty database at startup and records each migration as Prisma does', async () => {
    const { url } = await emptyTestDatabase();

    // What the service runs before it listens: the engine comes from the URL, the folder is PostgreSQL's own.
    const result = await migrateDatabase({ DATABASE_URL: url });

    expect(result.applied).toEqual(SHIPPED);
    const tables = await tableNames(url);
    for (const model of parsePrismaSchema(readFileSync(SCHEMA_FILE, 'utf8'))) expect(tables).toContain(model.name);

    // The history table as Prisma's connector declares it, so `prisma migrate status` reads it without complaint.
    const columns = await query(
      url,
      `SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
              pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    );
    expect(columns).toEqual([
      { column: 'id', type: 'character varying(36)', notNull: true, default: null },
      { column: 'checksum', type: 'character varying(64)', notNull: true, default: null },
      { column: 'finished_at', type: 'timestamp with time zone', notNull: false, default: null },
      { column: 'migration_name', type: 'character varying(255)', notNull: true, default: null },
      { column: 'logs', type: 'text', notNull: false, default: null },
      { column: 'rolled_back_at', type: 'timestamp with time zone', notNull: false, default: null },
      { column: 'started_at', type: 'timestamp with time zone', notNull: true, default: 'now()' },
      { column: 'applied_steps_count', type: 'integer', notNull: true, default: '0' },
    ]);
    expect(
      await query(url, `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = '"_prisma_migrations"'::regclass`),
    ).toEqual([{ name: '_prisma_migrations_pkey', definition: 'PRIMARY KEY (id)' }]);

    const rows = await history(url);
    expect(rows.map((row) => row.migration_name)).toEqual(SHIPPED);
    for (const row of rows) {
      expect(row).toMatchObject({
        checksum: sha256(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql')),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it('records when each migration started and when it finished', async () => {
    const migrations = copyMigrations('timing');
    addMigration(migrations, '20991204000000_slow', 'SELECT pg_sleep(0.3);\n');
    const { url } = await emptyTestDatabase();

    await applyPostgresMigrations(url, migrations);

    const slow = (await history(url)).find((row) => row.migration_name === '20991204000000_slow')!;
    // Prisma's `migrate status` and an operator reading the table take finished_at - started_at as the time the
    // migration ran: it must cover the 0.3 s the migration slept.
    expect(slow.finished_at!.getTime() - slow.started_at.getTime()).toBeGreaterThanOrEqual(300);
  });

  it('applies nothing the second time', async () => {
    const { url } = await emptyTestDatabase();
    await applyPostgresMigrations(url, MIGRATIONS_DIR);
    const before = await history(url);

    const second = await applyPostgresMigrations(url, MIGRATIONS_DIR);

    expect(second.applied).toEqual([]);
    expect(await history(url)).toEqual(before);
  });

  it('applies pending migrations in name order, each once', async () => {
    const migrations = copyMigrations('order');
    // Created in reverse order on purpose: the second needs the column the first adds.
    addMigration(migrations, '20991204000001_index_vendor_motto', 'CREATE INDEX "Vendor_motto_idx" ON "Vendor"("motto");\n');
    addMigration(migrations, '20991204000000_add_vendor_motto', 'ALTER TABLE "Vendor" ADD COLUMN "motto" TEXT;\n');
    const { url } = await emptyTestDatabase();

    const first = await applyPostgresMigrations(url, migrations);
    expect(first.applied).toEqual([...SHIPPED, '20991204000000_add_vendor_motto', '20991204000001_index_vendor_motto']);

    addMigration(migrations, '20991205000000_add_deal_note', 'ALTER TABLE "Deal" ADD COLUMN "note" TEXT;\n');
    const second = await applyPostgresMigrations(url, migrations);
    expect(second.applied).toEqual(['20991205000000_add_deal_note']);
    expect((await history(url)).map((row) => row.migration_name)).toEqual([
      ...SHIPPED,
      '20991204000000_add_vendor_motto',
      '20991204000001_index_vendor_motto',
      '20991205000000_add_deal_note',
    ]);
    expect(await columnNames(url, 'Deal')).toContain('note');
  });

  it('refuses to start when an applied migration.sql has changed since', async () => {
    const migrations = copyMigrations('tampered');
    const { url } = await emptyTestDatabase();
    await migrateDatabase({ DATABASE_URL: url, MIGRATIONS_DIR: migrations });
    const before = await history(url);

    appendFileSync(path.join(migrations, INIT, 'migration.sql'), '\n-- edited after it was applied\n');

    await expect(migrateDatabase({ DATABASE_URL: url, MIGRATIONS_DIR: migrations })).rejects.toThrow(
      new RegExp(`Migration ${INIT} was modified after it was applied`),
    );
    expect(await history(url)).toEqual(before);
  });

  it('refuses to start on a migration that failed earlier (unfinished in the history)', async () => {
    const { url } = await emptyTestDatabase();
    // What Prisma leaves behind when a migration fails half-way: its row, without finished_at.
    await withClient(url, async (client) => {
      await client.query(PRISMA_HISTORY_TABLE_SQL);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count)
         VALUES ('0b8f5c1e-4a57-4a53-9c4e-1f1d2b6e7a10', 'x', $1, 'boom', 0)`,
        [INIT],
      );
    });

    await expect(migrateDatabase({ DATABASE_URL: url })).rejects.toThrow(new RegExp(`Migration ${INIT} failed earlier`));
    expect(await tableNames(url)).toEqual(['_prisma_migrations']);
  });

  it('rolls a failing migration back whole, leaving the earlier ones applied and no trace of it', async () => {
    const migrations = copyMigrations('broken');
    const broken = '20991204000000_broken';
    addMigration(
      migrations,
      broken,
      'CREATE TABLE "Leftover" ("id" INTEGER NOT NULL);\nALTER TABLE "Vendor" ADD COLUMN "motto" TEXT;\nINSERT INTO "NoSuchTable" VALUES (1);\n',
    );
    const { url } = await emptyTestDatabase();

    await expect(applyPostgresMigrations(url, migrations)).rejects.toThrow(new RegExp(`Migration ${broken} failed`));

    expect(await tableNames(url)).not.toContain('Leftover');
    expect(await columnNames(url, 'Vendor')).not.toContain('motto');
    expect((await history(url)).map((row) => row.migration_name)).toEqual(SHIPPED);

    // Nothing recorded means nothing to resolve by hand: the corrected file applies on the next start.
    writeFileSync(path.join(migrations, broken, 'migration.sql'), 'ALTER TABLE "Vendor" ADD COLUMN "motto" TEXT;\n');
    expect((await applyPostgresMigrations(url, migrations)).applied).toEqual([broken]);
  });

  it('commits a migration together with its history row, or neither', async () => {
    const migrations = copyMigrations('unrecorded');
    const name = '20991204000000_unrecordable';
    // The script itself succeeds, but its history row cannot be written (a constraint the script adds refuses it).
    // Its work must not stay behind unrecorded: the next start would apply it a second time.
    addMigration(
      migrations,
      name,
      `CREATE TABLE "Leftover" ("id" INTEGER NOT NULL);\n` +
        `ALTER TABLE "_prisma_migrations" ADD CONSTRAINT "refuse_it" CHECK ("migration_name" <> '${name}');\n`,
    );
    const { url } = await emptyTestDatabase();

    await expect(applyPostgresMigrations(url, migrations)).rejects.toThrow(new RegExp(`Migration ${name} failed and was rolled back`));

    expect(await tableNames(url)).not.toContain('Leftover');
    expect(await query(url, `SELECT 1 FROM pg_constraint WHERE conname = 'refuse_it'`)).toEqual([]);
    expect((await history(url)).map((row) => row.migration_name)).toEqual(SHIPPED);
  });

  it('applies each migration exactly once when two instances start at once on an empty database', async () => {
    const migrations = copyMigrations('concurrent');
    addMigration(migrations, '20991204000000_add_vendor_motto', 'ALTER TABLE "Vendor" ADD COLUMN "motto" TEXT;\n');
    addMigration(migrations, '20991204000001_add_deal_note', 'ALTER TABLE "Deal" ADD COLUMN "note" TEXT;\n');
    const all = [...SHIPPED, '20991204000000_add_vendor_motto', '20991204000001_add_deal_note'];
    const { url } = await emptyTestDatabase();

    // Without the lock both would create the same tables, and one would fail (or both record the same migration).
    const results = await Promise.all([applyPostgresMigrations(url, migrations), applyPostgresMigrations(url, migrations)]);

    expect(results.map((result) => result.applied).sort((a, b) => a.length - b.length)).toEqual([[], all]);
    expect((await history(url)).map((row) => row.migration_name)).toEqual(all);
    const locks = await query(url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, [PRISMA_MIGRATION_LOCK]);
    expect(locks).toEqual([]);
  });

  it("waits while Prisma's own migration lock is held, then migrates", async () => {
    const { url } = await emptyTestDatabase();
    await withClient(url, async (prisma) => {
      // As `prisma migrate deploy` holds it while it migrates the same database.
      await prisma.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK]);
      const running = applyPostgresMigrations(url, MIGRATIONS_DIR);
      let waiting = false;
      for (let attempt = 0; attempt < 100 && !waiting; attempt++) {
        const rows = await prisma.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [
          PRISMA_MIGRATION_LOCK,
        ]);
        waiting = rows.rowCount === 1;
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(waiting).toBe(true);
      expect(await tableNames(url)).toEqual([]);

      await prisma.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK]);
      expect((await running).applied).toEqual(SHIPPED);
    });
  });

  // The service sorts and pages by text compared in code point order, as SQLite does, and finds Korean by trigrams.
  it('refuses a database whose collation is not code point order, naming how to create one', async (context) => {
    let url: string;
    try {
      url = await createDatabase(`TEMPLATE template0 ENCODING 'UTF8' LOCALE 'en_US.UTF-8'`);
    } catch (error) {
      if (!/invalid locale name/.test(String(error))) throw error;
      // CI generates the locale (.ci/run): there, its absence is a failure, not a reason to skip.
      if (process.env.CI === 'true') throw new Error('en_US.UTF-8 is missing: .ci/run should have generated it', { cause: error });
      context.skip('this machine has no en_US.UTF-8 locale; the ctype test below still runs');
      return;
    }

    await expect(migrateDatabase({ DATABASE_URL: url })).rejects.toThrow(
      /collation en_US\.UTF-8.*CREATE DATABASE atlas TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C\.UTF-8'/,
    );
    expect(await tableNames(url)).toEqual([]);
  });

  it('refuses a database that takes its collation from ICU, naming how to create one', async (context) => {
    let url: string;
    try {
      url = await createDatabase(`TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`);
    } catch (error) {
      if (!/ICU is not supported/.test(String(error))) throw error;
      context.skip('this PostgreSQL was built without ICU');
      return;
    }
    // Its datcollate says C.UTF-8, yet ICU's en-US decides the order: linguistic, not code point (B, Z, a, é).
    const [order] = await query(url, `SELECT array_agg(x ORDER BY x) AS sorted FROM (VALUES ('a'), ('B'), ('Z'), ('é')) AS v(x)`);
    expect(order).toEqual({ sorted: ['a', 'B', 'é', 'Z'] });

    await expect(migrateDatabase({ DATABASE_URL: url })).rejects.toThrow(
      /collation en-US \(locale provider icu\).*CREATE DATABASE atlas TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C\.UTF-8'/,
    );
    expect(await tableNames(url)).toEqual([]);
  });

  it('refuses a database whose ctype is not UTF-8, naming how to create one', async () => {
    const url = await createDatabase(`TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'POSIX' LC_CTYPE 'POSIX'`);

    // PostgreSQL records POSIX as C: code point order, so only the ctype is wrong (no Unicode character classes).
    await expect(migrateDatabase({ DATABASE_URL: url })).rejects.toThrow(
      /collation C, ctype C\).*CREATE DATABASE atlas TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C\.UTF-8'/,
    );
    expect(await tableNames(url)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// No drift: the migrated database against schema.prisma, under Prisma's PostgreSQL conventions.
/** What the migrations add that Prisma cannot declare: substring search over the search terms and texts (pg_trgm). */
const TRIGRAM_INDEXES = [
  ['SearchTerm', 'SearchTerm_loose_trgm_idx', 'loose'],
  ['SearchTerm', 'SearchTerm_text_trgm_idx', 'text'],
  ['SearchText', 'SearchText_text_trgm_idx', 'text'],
] as const;
// ---------------------------------------------------------------------------------------------------------------

describe.runIf(ON_POSTGRESQL)('the migrated PostgreSQL database matches schema.prisma (PostgreSQL suite only)', () => {
  let expected: DatabaseShape;
  let client: pg.Client;

  beforeAll(async () => {
    expected = expectedDatabase(parsePrismaSchema(readFileSync(POSTGRESQL_SCHEMA_FILE, 'utf8')), 'postgresql');
    const { url } = await emptyTestDatabase();
    await applyPostgresMigrations(url, MIGRATIONS_DIR);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('compares against the PostgreSQL schema generated from schema.prisma: the same models', () => {
    const generated = readFileSync(POSTGRESQL_SCHEMA_FILE, 'utf8');
    expect(generated).toMatch(/datasource db \{\s*provider\s*=\s*"postgresql"/);
    expect(parsePrismaSchema(generated)).toEqual(parsePrismaSchema(readFileSync(SCHEMA_FILE, 'utf8')));
  });

  it('has exactly the tables, columns, keys, indexes and foreign keys schema.prisma declares', async () => {
    const actual = await describePostgresDatabase(client);
    for (const [table, name] of TRIGRAM_INDEXES) delete actual[table]?.indexes[name];

    expect(diffDatabases(expected, actual)).toEqual([]);
  });

  it('adds, beyond schema.prisma, only the pg_trgm extension and its trigram indexes', async () => {
    const differences = diffDatabases(expected, await describePostgresDatabase(client));

    expect(differences.sort()).toEqual(
      TRIGRAM_INDEXES.map(([table, name, column]) => `${table}: unexpected index ${name} ${JSON.stringify({ unique: false, columns: [`${column} gin_trgm_ops`], method: 'gin' })}`).sort(),
    );
    // plpgsql comes with every database PostgreSQL creates.
    const extensions = await client.query<{ name: string }>('SELECT extname AS name FROM pg_extension ORDER BY 1');
    expect(extensions.rows.map((row) => row.name)).toEqual(['pg_trgm', 'plpgsql']);
  });

  it('derives the implicit many-to-many join tables as Prisma does on PostgreSQL', () => {
    expect(Object.keys(expected).filter((table) => table.startsWith('_')).sort()).toEqual([
      '_ChipToSource',
      '_DealToSource',
      '_FundingRoundToSource',
      '_RoundInvestors',
      '_SourceToStatement',
      '_SourceToVendor',
    ]);
    // A is the model whose name sorts first; the pairs are the primary key, not a unique index as on SQLite.
    expect(expected._RoundInvestors).toEqual({
      columns: {
        A: { type: 'INTEGER', notNull: true, default: null },
        B: { type: 'INTEGER', notNull: true, default: null },
      },
      primaryKey: ['A', 'B'],
      primaryKeyName: '_RoundInvestors_AB_pkey',
      autoincrement: false,
      indexes: { _RoundInvestors_B_index: { unique: false, columns: ['B'] } },
      foreignKeys: {
        '(A) -> FundingRound(id)': { name: '_RoundInvestors_A_fkey', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        '(B) -> Vendor(id)': { name: '_RoundInvestors_B_fkey', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      },
    });
  });

  it('reads the same models and scalar fields as the generated PostgreSQL client', () => {
    const models = parsePrismaSchema(readFileSync(POSTGRESQL_SCHEMA_FILE, 'utf8'));
    expect(models.map((model) => model.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
    for (const model of models) {
      const scalarFields = model.fields.filter((field) => !isModel(models, field.type)).map((field) => field.name);
      expect(Object.keys(namespace[`${model.name}ScalarFieldEnum`] ?? {}), model.name).toEqual(scalarFields);
    }
  });

  // The comparison must be able to fail: each change below, made on a scratch database and rolled back after
  // (PostgreSQL's DDL is transactional), must show up as drift.
  describe('on a scratch database', () => {
    let scratch: pg.Client;

    beforeAll(async () => {
      const { url } = await emptyTestDatabase();
      await applyPostgresMigrations(url, MIGRATIONS_DIR);
      scratch = new pg.Client({ connectionString: url });
      await scratch.connect();
    });

    afterAll(async () => {
      await scratch?.end();
    });

    it.each([
      ['a dropped column', 'ALTER TABLE "Chip" DROP COLUMN "architecture"', 'Chip: missing column architecture'],
      ['an extra column', 'ALTER TABLE "Deal" ADD COLUMN "legacy" TEXT', 'Deal: unexpected column legacy'],
      ['an extra table', 'CREATE TABLE "Leftover" ("id" INTEGER)', 'unexpected table Leftover'],
      ['a dropped index', 'DROP INDEX "Chip_kind_idx"', 'Chip: missing index Chip_kind_idx'],
      [
        'a changed foreign key action',
        `ALTER TABLE "Chip" DROP CONSTRAINT "Chip_designerId_fkey", ADD CONSTRAINT "Chip_designerId_fkey"
           FOREIGN KEY ("designerId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
        'Chip: foreign key (designerId) -> Vendor(id) expected {"name":"Chip_designerId_fkey","onDelete":"RESTRICT","onUpdate":"CASCADE"}, found {"name":"Chip_designerId_fkey","onDelete":"CASCADE"',
      ],
      [
        'a unique index made plain',
        'DROP INDEX "Vendor_slug_key"; CREATE INDEX "Vendor_slug_key" ON "Vendor"("slug")',
        'Vendor: index Vendor_slug_key expected {"unique":true,"columns":["slug"]}, found {"unique":false',
      ],
      [
        'an index that lost its descending order',
        'DROP INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx"; CREATE INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx" ON "ChipTotal"("grouping", "chipCount", "slug", "vendorId")',
        'ChipTotal: index ChipTotal_grouping_chipCount_slug_vendorId_idx',
      ],
      ['a join table without its primary key', 'ALTER TABLE "_ChipToSource" DROP CONSTRAINT "_ChipToSource_AB_pkey"', '_ChipToSource: primary key expected ["A","B"], found []'],
      ['a changed column type', 'ALTER TABLE "FundingRound" ALTER COLUMN "amount" TYPE INTEGER', 'FundingRound.amount: expected {"type":"BIGINT"'],
      ['a column made nullable', 'ALTER TABLE "Vendor" ALTER COLUMN "name" DROP NOT NULL', 'Vendor.name: expected {"type":"TEXT","notNull":true'],
      [
        'a changed default',
        `ALTER TABLE "Chip" ALTER COLUMN "sortKey" SET DEFAULT 'x'`,
        `Chip.sortKey: expected {"type":"TEXT","notNull":true,"default":"''::text"}, found {"type":"TEXT","notNull":true,"default":"'x'::text"}`,
      ],
      ['an id that is no longer SERIAL', 'ALTER TABLE "Deal" ALTER COLUMN "id" DROP DEFAULT', 'Deal: autoincrement expected true, found false'],
      [
        'a column with a collation of its own',
        'ALTER TABLE "Vendor" ALTER COLUMN "sortKey" TYPE TEXT COLLATE "POSIX"',
        'Vendor.sortKey: expected {"type":"TEXT","notNull":true,"default":"\'\'::text"}, found {"type":"TEXT COLLATE \\"POSIX\\""',
      ],
      ['a partial index', 'DROP INDEX "Deal_kind_idx"; CREATE INDEX "Deal_kind_idx" ON "Deal"("kind") WHERE "kind" IS NOT NULL', 'Deal: index Deal_kind_idx'],
      ['a CHECK constraint', `ALTER TABLE "Chip" ADD CONSTRAINT "Chip_kind_check" CHECK ("kind" <> '')`, 'unexpected table constraint Chip_kind_check on Chip'],
      [
        'a trigger',
        `CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER "Chip_touch" BEFORE UPDATE ON "Chip" FOR EACH ROW EXECUTE FUNCTION "touch"()`,
        'unexpected table trigger Chip_touch on Chip',
      ],
    ])('detects %s', async (_label, change, difference) => {
      await scratch.query('BEGIN');
      try {
        await scratch.query(change);
        const differences = diffDatabases(expected, await describePostgresDatabase(scratch));
        expect(differences.join('\n')).toContain(difference);
      } finally {
        await scratch.query('ROLLBACK');
      }
    });

    it('finds no drift once the changes are rolled back', async () => {
      const actual = await describePostgresDatabase(scratch);
      for (const [table, name] of TRIGRAM_INDEXES) delete actual[table]?.indexes[name];
      expect(diffDatabases(expected, actual)).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The expected-database builder under PostgreSQL's conventions, checked against what Prisma itself generates.
// ---------------------------------------------------------------------------------------------------------------

// The SQL `prisma migrate diff --from-empty --to-schema-datamodel ... --script` (Prisma 6.19.3) generated for
// FIXTURE_SCHEMA with the postgresql provider. If the naming, type and default rules for PostgreSQL drift from
// Prisma's, the first test in this block fails.
const FIXTURE_SQL = `
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Author" (
    "id" SERIAL NOT NULL,
    "handle" TEXT NOT NULL,
    "bio" TEXT,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "rank" INTEGER NOT NULL DEFAULT 3,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "motto" TEXT NOT NULL DEFAULT 'it''s',
    "born" TIMESTAMP(3),
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prefs" JSONB NOT NULL,
    "big" BIGINT,
    "mentorId" INTEGER,

    CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Book" (
    "id" SERIAL NOT NULL,
    "isbn" TEXT NOT NULL,
    "edition" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Book_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "bookId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("bookId","authorId")
);

-- CreateTable
CREATE TABLE "_AuthorToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_AuthorToTag_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_Follows" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_Follows_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_BookToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_BookToTag_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Author_handle_key" ON "Author"("handle");

-- CreateIndex
CREATE INDEX "Author_bio_id_idx" ON "Author"("bio", "id");

-- CreateIndex
CREATE INDEX "Author_bio_handle_idx" ON "Author"("bio" DESC, "handle");

-- CreateIndex
CREATE UNIQUE INDEX "Book_isbn_edition_key" ON "Book"("isbn", "edition");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_label_key" ON "Tag"("label");

-- CreateIndex
CREATE INDEX "Review_authorId_idx" ON "Review"("authorId");

-- CreateIndex
CREATE INDEX "_AuthorToTag_B_index" ON "_AuthorToTag"("B");

-- CreateIndex
CREATE INDEX "_Follows_B_index" ON "_Follows"("B");

-- CreateIndex
CREATE INDEX "_BookToTag_B_index" ON "_BookToTag"("B");

-- AddForeignKey
ALTER TABLE "Author" ADD CONSTRAINT "Author_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Author"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Book" ADD CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "_AuthorToTag" ADD CONSTRAINT "_AuthorToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AuthorToTag" ADD CONSTRAINT "_AuthorToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Follows" ADD CONSTRAINT "_Follows_A_fkey" FOREIGN KEY ("A") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Follows" ADD CONSTRAINT "_Follows_B_fkey" FOREIGN KEY ("B") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_BookToTag" ADD CONSTRAINT "_BookToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Book"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_BookToTag" ADD CONSTRAINT "_BookToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`;

describe.runIf(ON_POSTGRESQL)('the schema.prisma reader under PostgreSQL conventions (PostgreSQL suite only)', () => {
  it("expects exactly the database Prisma's own PostgreSQL SQL builds", async () => {
    const { url } = await emptyTestDatabase();
    const actual = await withClient(url, async (client) => {
      await client.query(FIXTURE_SQL);
      return describePostgresDatabase(client);
    });

    expect(diffDatabases(expectedDatabase(parsePrismaSchema(FIXTURE_SCHEMA), 'postgresql'), actual)).toEqual([]);
  });

  it.each([
    ['a negative default, which PostgreSQL reports as a cast', 'model M {\n  id Int @id\n  a Int @default(-1)\n}'],
    ['a string default on a DateTime column', 'model M {\n  id Int @id\n  a DateTime @default("2020-01-01")\n}'],
    ['autoincrement() on a column that is not the @id', 'model M {\n  id Int @id\n  n Int @default(autoincrement())\n}'],
    ['a name PostgreSQL would truncate', `model M {\n  id Int @id\n  ${'a'.repeat(60)} Int @unique\n}`],
  ])('refuses what it does not model: %s', (_label, schema) => {
    expect(() => expectedDatabase(parsePrismaSchema(schema), 'postgresql')).toThrow(/unsupported/);
  });
});
