// The SQLite migration runner keeps Prisma's history table exactly, refuses a tampered or half-applied history, and
// the database it builds matches schema.prisma (no drift). Prisma's engine cannot run here, so the expected database
// shape is derived from schema.prisma by a small parser (tests/support/prisma-schema.ts), itself checked here against
// SQL that Prisma generated for SQLite and against the generated client's model list.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrate.js';
import { Prisma } from '../../src/generated/prisma/browser.js';
import {
  describeSqliteDatabase,
  diffDatabases,
  expectedDatabase,
  isModel,
  parsePrismaSchema,
} from '../support/prisma-schema.js';
import { FIXTURE_SCHEMA } from '../support/prisma-schema-fixture.js';
import { migrationWorkspace } from '../support/migration-workspace.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
const SCHEMA_FILE = path.join(ROOT, 'prisma', 'schema.prisma');
const INIT = '20261128000000_init';
/** Every migration the project ships, in the order they apply. */
const SHIPPED = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// What Prisma's SQLite connector runs to create its history table (read back from a database that
// `prisma migrate deploy` 6.19.3 migrated): `migrate status` compares against this.
const PRISMA_HISTORY_TABLE_SQL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const { copyMigrations, addMigration, path: inWorkspace } = migrationWorkspace('atlas-migrations-', MIGRATIONS_DIR);

/** A database path in a folder that does not exist yet (the runner must create it). */
function freshDatabase(name: string): string {
  return inWorkspace(name, 'nested', 'atlas.db');
}

function withDatabase<T>(file: string, use: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

interface HistoryRow {
  id: string;
  checksum: string;
  finished_at: string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: string | null;
  started_at: string;
  applied_steps_count: number;
}

function history(file: string): HistoryRow[] {
  return withDatabase(file, (db) =>
    db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY migration_name').all(),
  ) as HistoryRow[];
}

function tableNames(file: string): string[] {
  return withDatabase(file, (db) =>
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
      (row) => row.name,
    ),
  );
}

describe('applyMigrations', () => {
  it('migrates a fresh file and records each migration as Prisma does', async () => {
    const file = freshDatabase('fresh');

    const result = await applyMigrations(file, MIGRATIONS_DIR);

    expect(result.applied).toEqual(SHIPPED);
    const tables = tableNames(file);
    for (const model of parsePrismaSchema(readFileSync(SCHEMA_FILE, 'utf8'))) expect(tables).toContain(model.name);
    expect(tables).toContain('_prisma_migrations');

    const rows = history(file);
    expect(rows.map((entry) => entry.migration_name)).toEqual(SHIPPED);
    const row = rows.find((entry) => entry.migration_name === INIT);
    const fileBytes = readFileSync(path.join(MIGRATIONS_DIR, INIT, 'migration.sql'));
    expect(row).toMatchObject({
      migration_name: INIT,
      checksum: createHash('sha256').update(fileBytes).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Prisma's own timestamp format, so `prisma migrate status` reads them back.
    expect(row!.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(row!.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(row!.finished_at! >= row!.started_at).toBe(true);

    withDatabase(file, (db) => {
      const ddl = db.prepare(`SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'`).get() as { sql: string };
      expect(ddl.sql).toBe(PRISMA_HISTORY_TABLE_SQL);
      // WAL is a property of the file: a new connection sees it.
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    });
  });

  it('applies nothing the second time', async () => {
    const file = freshDatabase('twice');
    await applyMigrations(file, MIGRATIONS_DIR);
    const before = history(file);

    const second = await applyMigrations(file, MIGRATIONS_DIR);

    expect(second.applied).toEqual([]);
    expect(history(file)).toEqual(before);
  });

  it('applies pending migrations in name order, each once', async () => {
    const migrations = copyMigrations('order');
    // Created in reverse order on purpose: the second needs the column the first adds.
    addMigration(migrations, '20991129000001_index_vendor_motto', 'CREATE INDEX "Vendor_motto_idx" ON "Vendor"("motto");\n');
    addMigration(migrations, '20991129000000_add_vendor_motto', 'ALTER TABLE "Vendor" ADD COLUMN "motto" TEXT;\n');
    const file = freshDatabase('order');

    const first = await applyMigrations(file, migrations);
    expect(first.applied).toEqual([...SHIPPED, '20991129000000_add_vendor_motto', '20991129000001_index_vendor_motto']);

    addMigration(migrations, '20991130000000_add_deal_note', 'ALTER TABLE "Deal" ADD COLUMN "note" TEXT;\n');
    const second = await applyMigrations(file, migrations);
    expect(second.applied).toEqual(['20991130000000_add_deal_note']);
    expect(history(file).map((row) => row.migration_name)).toEqual([
      ...SHIPPED,
      '20991129000000_add_vendor_motto',
      '20991129000001_index_vendor_motto',
      '20991130000000_add_deal_note',
    ]);
  });

  it('upgrades a database holding data: name sort keys backfilled, out-of-period date qualifiers dropped', async () => {
    // A database as the first two migrations left it, with rows written then.
    const early = copyMigrations('upgrade-early');
    for (const name of SHIPPED.slice(2)) rmSync(path.join(early, name), { recursive: true });
    const file = freshDatabase('upgrade');
    await applyMigrations(file, early);
    const db = new Database(file);
    db.exec(`
      INSERT INTO "Vendor" ("id", "slug", "name", "aliases", "kind", "founders", "searchText") VALUES (1, 'd-matrix', 'd-Matrix', '[]', 'startup', '[]', 'd-matrix');
      INSERT INTO "Deal" ("id", "slug", "title", "kind", "status", "searchText") VALUES (1, 'd', 'AWS Deal', 'supply', 'completed', 'aws deal');
      INSERT INTO "Chip" ("id", "slug", "name", "aliases", "kind", "searchText", "designerId", "announcedStart", "announcedPrecision", "announcedQualifier", "availableStart", "availablePrecision", "availableQualifier")
        VALUES (1, 'x1', 'X1', '[]', 'npu', 'x1', 1, '2023-09-01', 'month', 'before', '2024-01-01', 'year', 'early');`);
    db.close();

    await applyMigrations(file, MIGRATIONS_DIR);
    withDatabase(file, (migrated) => {
      expect(migrated.prepare('SELECT "sortKey" FROM "Vendor"').get()).toEqual({ sortKey: 'd-matrix' });
      expect(migrated.prepare('SELECT "sortKey" FROM "Deal"').get()).toEqual({ sortKey: 'aws deal' });
      expect(migrated.prepare('SELECT "sortKey", "announcedQualifier", "availableQualifier" FROM "Chip"').get()).toEqual({
        sortKey: 'x1',
        announcedQualifier: null,
        availableQualifier: 'early',
      });
    });
  });

  it('refuses to start when an applied migration.sql has changed since', async () => {
    const migrations = copyMigrations('tampered');
    const file = freshDatabase('tampered');
    await applyMigrations(file, migrations);
    const before = history(file);

    appendFileSync(path.join(migrations, INIT, 'migration.sql'), '\n-- edited after it was applied\n');

    await expect(applyMigrations(file, migrations)).rejects.toThrow(
      new RegExp(`Migration ${INIT} was modified after it was applied`),
    );
    expect(history(file)).toEqual(before);
  });

  it('refuses to start on a migration that failed earlier (unfinished in the history)', async () => {
    const file = freshDatabase('unfinished');
    mkdirSync(path.dirname(file), { recursive: true });
    // What Prisma leaves behind when a migration fails half-way.
    const db = new Database(file);
    db.exec(PRISMA_HISTORY_TABLE_SQL);
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('0b8f5c1e-4a57-4a53-9c4e-1f1d2b6e7a10', 'x', ?, 'boom', '2026-11-28T00:00:00.000+00:00', 0)`,
    ).run(INIT);
    db.close();

    await expect(applyMigrations(file, MIGRATIONS_DIR)).rejects.toThrow(new RegExp(`Migration ${INIT} failed earlier`));
    expect(tableNames(file)).toEqual(['_prisma_migrations']);
  });

  it('rolls a failing migration back whole, leaving the earlier ones applied', async () => {
    const migrations = copyMigrations('broken');
    addMigration(
      migrations,
      '20991129000000_broken',
      'CREATE TABLE "Leftover" ("id" INTEGER NOT NULL);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
    );
    const file = freshDatabase('broken');

    await expect(applyMigrations(file, migrations)).rejects.toThrow(/Migration 20991129000000_broken failed/);

    expect(tableNames(file)).not.toContain('Leftover');
    expect(history(file).map((row) => row.migration_name)).toEqual(SHIPPED);
  });

  it("keeps child rows through a Prisma table redefinition (DROP TABLE + rename)", async () => {
    const migrations = copyMigrations('redefine');
    const file = freshDatabase('redefine');
    await applyMigrations(file, migrations);
    const db = new Database(file);
    db.exec(`
      INSERT INTO "Document" ("id", "slug", "title", "kind", "language", "text", "sha256", "length") VALUES (1, 'doc', 'Doc', 'other', 'en', 'q', 'x', 1);
      INSERT INTO "Source" ("id", "slug", "quote", "stance", "startOffset", "documentId", "quoteStart", "quoteEnd", "quotePrefix", "quoteSuffix") VALUES (1, 's', 'q', 'fact', 0, 1, 0, 1, '', '');
      INSERT INTO "Deal" ("id", "slug", "title", "kind", "status") VALUES (1, 'd', 'D', 'partnership', 'completed');
      INSERT INTO "DealParty" ("dealId", "role") VALUES (1, 'partner');
      INSERT INTO "_DealToSource" ("A", "B") VALUES (1, 1);`);
    db.close();
    // Generated by `prisma migrate diff` (6.19.3) for `titleKo String?` → `titleKo String @default("")`. With
    // foreign keys enforced, its DROP TABLE "Deal" would cascade-delete the party and the citation.
    addMigration(
      migrations,
      '20991129000000_require_deal_title_ko',
      `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKo" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dateStart" TEXT,
    "datePrecision" TEXT,
    "dateQualifier" TEXT,
    "amount" BIGINT,
    "currency" TEXT,
    "amountNotation" TEXT,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Deal" ("amount", "amountNotation", "createdAt", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "kind", "slug", "status", "title", "titleKo", "updatedAt") SELECT "amount", "amountNotation", "createdAt", "currency", "datePrecision", "dateQualifier", "dateStart", "description", "id", "kind", "slug", "status", "title", coalesce("titleKo", '') AS "titleKo", "updatedAt" FROM "Deal";
DROP TABLE "Deal";
ALTER TABLE "new_Deal" RENAME TO "Deal";
CREATE UNIQUE INDEX "Deal_slug_key" ON "Deal"("slug");
CREATE INDEX "Deal_kind_idx" ON "Deal"("kind");
CREATE INDEX "Deal_dateStart_id_idx" ON "Deal"("dateStart", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
    );

    const result = await applyMigrations(file, migrations);

    expect(result.applied).toEqual(['20991129000000_require_deal_title_ko']);
    withDatabase(file, (check) => {
      expect(check.prepare('SELECT "titleKo" FROM "Deal"').all()).toEqual([{ titleKo: '' }]);
      expect(check.prepare('SELECT "dealId", "role" FROM "DealParty"').all()).toEqual([{ dealId: 1, role: 'partner' }]);
      expect(check.prepare('SELECT "A", "B" FROM "_DealToSource"').all()).toEqual([{ A: 1, B: 1 }]);
    });
  });

  it('rejects a migration that leaves rows violating a foreign key', async () => {
    const migrations = copyMigrations('dangling');
    addMigration(
      migrations,
      '20991129000000_dangling',
      `INSERT INTO "Chip" ("slug", "name", "aliases", "kind", "designerId")
       VALUES ('x', 'X', '[]', 'gpu', 999);\n`,
    );
    const file = freshDatabase('dangling');

    await expect(applyMigrations(file, migrations)).rejects.toThrow(
      /Migration 20991129000000_dangling failed.*violating foreign keys/,
    );
    expect(withDatabase(file, (db) => db.prepare('SELECT count(*) AS n FROM "Chip"').get())).toEqual({ n: 0 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// No drift: the migrated database against schema.prisma.
/** What the migrations add that Prisma cannot declare: the FTS5 search indexes, their shadow tables and their triggers. */
const BEYOND_PRISMA = new Set([
  'SearchTermTrigram',
  'SearchTermTrigram_data',
  'SearchTermTrigram_idx',
  'SearchTermTrigram_docsize',
  'SearchTermTrigram_config',
  'trigger SearchTerm_after_insert',
  'trigger SearchTerm_after_delete',
  'trigger SearchTerm_after_update',
  'SearchTextTrigram',
  'SearchTextTrigram_data',
  'SearchTextTrigram_idx',
  'SearchTextTrigram_docsize',
  'SearchTextTrigram_config',
  'trigger SearchText_after_insert',
  'trigger SearchText_after_delete',
  'trigger SearchText_after_update',
]);
// ---------------------------------------------------------------------------------------------------------------

describe('the migrated database matches schema.prisma', () => {
  const models = parsePrismaSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const expected = expectedDatabase(models, 'sqlite');
  let migrated: string;

  beforeAll(async () => {
    migrated = freshDatabase('drift');
    await applyMigrations(migrated, MIGRATIONS_DIR);
  });

  it('has exactly the tables, columns, keys, indexes and foreign keys schema.prisma declares', () => {
    const actual = withDatabase(migrated, describeSqliteDatabase);
    for (const name of Object.keys(actual)) if (BEYOND_PRISMA.has(name)) delete actual[name];
    expect(diffDatabases(expected, actual)).toEqual([]);
  });

  it('adds, beyond schema.prisma, only the search indexes Prisma cannot declare, kept in step by triggers', () => {
    const objects = withDatabase(migrated, (db) =>
      db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE (name LIKE 'SearchTerm%' OR name LIKE 'SearchText%') AND type IN ('table', 'trigger')`).all(),
    ) as { type: string; name: string; sql: string }[];
    const terms = objects.find((object) => object.name === 'SearchTermTrigram')!;
    expect(terms.sql).toMatch(/USING fts5\("text", "loose", content = 'SearchTerm', content_rowid = 'id', tokenize = 'trigram'\)/);
    const texts = objects.find((object) => object.name === 'SearchTextTrigram')!;
    expect(texts.sql).toMatch(/USING fts5\("text", content = 'SearchText', content_rowid = 'id', tokenize = 'trigram'\)/);
    expect(objects.filter((object) => object.type === 'trigger').map((object) => object.name).sort()).toEqual([
      'SearchTerm_after_delete',
      'SearchTerm_after_insert',
      'SearchTerm_after_update',
      'SearchText_after_delete',
      'SearchText_after_insert',
      'SearchText_after_update',
    ]);
    // The trigram tables and their shadow tables are the only objects the drift check leaves out.
    expect([...BEYOND_PRISMA].sort()).toEqual(
      [
        ...objects
          .filter((object) => object.name !== 'SearchTerm' && object.name !== 'SearchText')
          .map((object) => (object.type === 'table' ? object.name : `trigger ${object.name}`)),
      ].sort(),
    );
  });

  it('derives the implicit many-to-many join tables', () => {
    expect(Object.keys(expected).filter((table) => table.startsWith('_')).sort()).toEqual([
      '_ChipToSource',
      '_DealToSource',
      '_FundingRoundToSource',
      '_RoundInvestors',
      '_SourceToStatement',
      '_SourceToVendor',
    ]);
    // A is the model whose name sorts first.
    expect(expected._RoundInvestors!.foreignKeys).toEqual({
      '(A) -> FundingRound(id)': { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      '(B) -> Vendor(id)': { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    });
  });

  it('reads the same models and scalar fields as the generated Prisma client', () => {
    expect(models.map((model) => model.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
    for (const model of models) {
      const scalarFields = model.fields.filter((field) => !isModel(models, field.type)).map((field) => field.name);
      expect(Object.keys(namespace[`${model.name}ScalarFieldEnum`] ?? {}), model.name).toEqual(scalarFields);
    }
  });

  // The comparison must be able to fail: each change below, made on a scratch copy, must show up as drift.
  it.each([
    ['a removed column', 'ALTER TABLE "Chip" DROP COLUMN "architecture"', 'Chip: missing column architecture'],
    ['an extra column', 'ALTER TABLE "Deal" ADD COLUMN "legacy" TEXT', 'Deal: unexpected column legacy'],
    ['an extra table', 'CREATE TABLE "Leftover" ("id" INTEGER)', 'unexpected table Leftover'],
    ['a dropped index', 'DROP INDEX "Chip_kind_idx"', 'Chip: missing index Chip_kind_idx'],
    ['a unique index made plain', 'DROP INDEX "Vendor_slug_key"; CREATE INDEX "Vendor_slug_key" ON "Vendor"("slug")', 'Vendor: index Vendor_slug_key'],
    ['a dropped join table', 'DROP TABLE "_ChipToSource"', 'missing table _ChipToSource'],
    [
      'an index that lost its descending order',
      'DROP INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx"; CREATE INDEX "ChipTotal_grouping_chipCount_slug_vendorId_idx" ON "ChipTotal"("grouping", "chipCount", "slug", "vendorId")',
      'ChipTotal: index ChipTotal_grouping_chipCount_slug_vendorId_idx',
    ],
  ])('detects %s', async (_label, change, difference) => {
    const scratch = freshDatabase(`drift-${difference.replace(/\W+/g, '-')}`);
    await applyMigrations(scratch, MIGRATIONS_DIR);
    const db = new Database(scratch);
    db.exec(change);
    db.close();

    const differences = withDatabase(scratch, (scratchDb) => diffDatabases(expected, describeSqliteDatabase(scratchDb)));

    expect(differences.join('\n')).toContain(difference);
  });

  it('detects a changed column type, nullability, default and foreign key action', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE "Parent" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT);
      CREATE TABLE "Child" (
        "id" INTEGER NOT NULL PRIMARY KEY,
        "count" TEXT NOT NULL DEFAULT 1,
        "note" TEXT NOT NULL,
        "parentId" INTEGER NOT NULL,
        CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
      );`);
    const schema = parsePrismaSchema(`
      model Parent {
        id       Int     @id @default(autoincrement())
        children Child[]
      }
      model Child {
        id       Int     @id @default(autoincrement())
        count    Int     @default(0)
        note     String?
        parentId Int
        parent   Parent  @relation(fields: [parentId], references: [id])
      }`);

    const differences = diffDatabases(expectedDatabase(schema, 'sqlite'), describeSqliteDatabase(db)).join('\n');
    db.close();

    expect(differences).toContain('Child: autoincrement expected true, found false');
    expect(differences).toMatch(/Child\.count: expected \{"type":"INTEGER","notNull":true,"default":"0"\}/);
    expect(differences).toMatch(/Child\.note: expected \{"type":"TEXT","notNull":false/);
    expect(differences).toContain('Child: foreign key (parentId) -> Parent(id) expected {"onDelete":"RESTRICT"');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The parser and the expected-database builder, checked against what Prisma itself generates.
// ---------------------------------------------------------------------------------------------------------------

// The SQL `prisma migrate diff --from-empty --to-schema-datamodel ... --script` (Prisma 6.19.3) generated for
// FIXTURE_SCHEMA on SQLite. If the parser or the naming and default rules drift from Prisma's, the first test in
// this block fails.
const FIXTURE_SQL = `
CREATE TABLE "Author" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "handle" TEXT NOT NULL,
    "bio" TEXT,
    "score" REAL NOT NULL DEFAULT 1.5,
    "rank" INTEGER NOT NULL DEFAULT 3,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "motto" TEXT NOT NULL DEFAULT 'it''s',
    "born" DATETIME,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prefs" JSONB NOT NULL,
    "big" BIGINT,
    "mentorId" INTEGER,
    CONSTRAINT "Author_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Author" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE "Book" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "isbn" TEXT NOT NULL,
    "edition" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "label" TEXT NOT NULL
);
CREATE TABLE "Review" (
    "bookId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,

    PRIMARY KEY ("bookId", "authorId"),
    CONSTRAINT "Review_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Book" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT "Review_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);
CREATE TABLE "_AuthorToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_AuthorToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_AuthorToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "_Follows" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_Follows_A_fkey" FOREIGN KEY ("A") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_Follows_B_fkey" FOREIGN KEY ("B") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "_BookToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_BookToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Book" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_BookToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Author_handle_key" ON "Author"("handle");
CREATE INDEX "Author_bio_id_idx" ON "Author"("bio", "id");
CREATE INDEX "Author_bio_handle_idx" ON "Author"("bio" DESC, "handle");
CREATE UNIQUE INDEX "Book_isbn_edition_key" ON "Book"("isbn", "edition");
CREATE UNIQUE INDEX "Tag_label_key" ON "Tag"("label");
CREATE INDEX "Review_authorId_idx" ON "Review"("authorId");
CREATE UNIQUE INDEX "_AuthorToTag_AB_unique" ON "_AuthorToTag"("A", "B");
CREATE INDEX "_AuthorToTag_B_index" ON "_AuthorToTag"("B");
CREATE UNIQUE INDEX "_Follows_AB_unique" ON "_Follows"("A", "B");
CREATE INDEX "_Follows_B_index" ON "_Follows"("B");
CREATE UNIQUE INDEX "_BookToTag_AB_unique" ON "_BookToTag"("A", "B");
CREATE INDEX "_BookToTag_B_index" ON "_BookToTag"("B");
`;

describe('the schema.prisma reader', () => {
  it("expects exactly the database Prisma's own SQL builds", () => {
    const db = new Database(':memory:');
    db.exec(FIXTURE_SQL);
    const actual = describeSqliteDatabase(db);
    db.close();

    expect(diffDatabases(expectedDatabase(parsePrismaSchema(FIXTURE_SCHEMA), 'sqlite'), actual)).toEqual([]);
  });

  it('reads fields, optionality, lists, attributes and block attributes', () => {
    const [author, , , review] = parsePrismaSchema(FIXTURE_SCHEMA);

    expect(author!.name).toBe('Author');
    expect(author!.fields.find((field) => field.name === 'handle')).toEqual({
      name: 'handle',
      type: 'String',
      optional: false,
      list: false,
      attributes: [{ name: 'unique', args: null }],
    });
    expect(author!.fields.find((field) => field.name === 'mentor')).toMatchObject({
      type: 'Author',
      optional: true,
      attributes: [{ name: 'relation', args: '"Mentoring", fields: [mentorId], references: [id]' }],
    });
    expect(author!.fields.find((field) => field.name === 'motto')!.attributes).toEqual([
      { name: 'default', args: `"it's"` },
    ]);
    expect(author!.fields.find((field) => field.name === 'books')).toMatchObject({ list: true, optional: false });
    expect(review!.attributes).toEqual([
      { name: 'id', args: '[bookId, authorId]' },
      { name: 'index', args: '[authorId]' },
    ]);
  });

  it.each([
    ['an enum', 'enum Kind {\n  A\n}'],
    ['a mapped column', 'model M {\n  id Int @id @map("m_id")\n}'],
    ['a native type', 'model M {\n  id Int @id\n  s String @db.Text\n}'],
    ['a mapped table', 'model M {\n  id Int @id\n  @@map("m")\n}'],
    ['a named index', 'model M {\n  id Int @id\n  a Int\n  @@index([a], map: "x")\n}'],
    ['a unique constraint with a sort order', 'model M {\n  id Int @id\n  a Int\n  @@unique([a(sort: Desc)])\n}'],
    ['an index with another column argument', 'model M {\n  id Int @id\n  a String\n  @@index([a(length: 10)])\n}'],
  ])('refuses what it does not model: %s', (_label, schema) => {
    expect(() => expectedDatabase(parsePrismaSchema(schema), 'sqlite')).toThrow(/unsupported/);
  });
});
