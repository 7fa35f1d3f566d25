// The migration runner keeps Prisma's history table exactly, refuses a tampered or half-applied history, and the
// database it builds matches schema.prisma (no drift). Prisma's engine cannot run here, so the expected database
// shape is derived from schema.prisma by a small parser, itself checked against SQL that Prisma generated and
// against the generated client's model list.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrate.js';
import { Prisma } from '../src/generated/prisma/browser.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-migrations-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** A database path in a folder that does not exist yet (the runner must create it). */
function freshDatabase(name: string): string {
  return path.join(workDir, name, 'nested', 'atlas.db');
}

/** A private copy of the migrations folder that a test may change. */
function copyMigrations(name: string): string {
  const copy = path.join(workDir, `${name}-migrations`);
  cpSync(MIGRATIONS_DIR, copy, { recursive: true });
  return copy;
}

function addMigration(migrationsDir: string, name: string, sql: string): void {
  mkdirSync(path.join(migrationsDir, name));
  writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
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
      INSERT INTO "Source" ("id", "slug", "quote", "stance", "startOffset") VALUES (1, 's', 'q', 'fact', 0);
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
/** What the migrations add that Prisma cannot declare: the FTS5 search index, its shadow tables and its triggers. */
const BEYOND_PRISMA = new Set([
  'SearchTermTrigram',
  'SearchTermTrigram_data',
  'SearchTermTrigram_idx',
  'SearchTermTrigram_docsize',
  'SearchTermTrigram_config',
  'trigger SearchTerm_after_insert',
  'trigger SearchTerm_after_delete',
  'trigger SearchTerm_after_update',
]);
// ---------------------------------------------------------------------------------------------------------------

describe('the migrated database matches schema.prisma', () => {
  const models = parsePrismaSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const expected = expectedDatabase(models);
  let migrated: string;

  beforeAll(async () => {
    migrated = freshDatabase('drift');
    await applyMigrations(migrated, MIGRATIONS_DIR);
  });

  it('has exactly the tables, columns, keys, indexes and foreign keys schema.prisma declares', () => {
    const actual = withDatabase(migrated, describeDatabase);
    for (const name of Object.keys(actual)) if (BEYOND_PRISMA.has(name)) delete actual[name];
    expect(diffDatabases(expected, actual)).toEqual([]);
  });

  it('adds, beyond schema.prisma, only the search index Prisma cannot declare, kept in step by triggers', () => {
    const objects = withDatabase(migrated, (db) =>
      db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'SearchTerm%' AND type IN ('table', 'trigger')`).all(),
    ) as { type: string; name: string; sql: string }[];
    const index = objects.find((object) => object.name === 'SearchTermTrigram')!;
    expect(index.sql).toMatch(/USING fts5\("text", "loose", content = 'SearchTerm', content_rowid = 'id', tokenize = 'trigram'\)/);
    expect(objects.filter((object) => object.type === 'trigger').map((object) => object.name).sort()).toEqual([
      'SearchTerm_after_delete',
      'SearchTerm_after_insert',
      'SearchTerm_after_update',
    ]);
    // The trigram table and its shadow tables are the only objects the drift check leaves out.
    expect([...BEYOND_PRISMA].sort()).toEqual(
      [...objects.filter((object) => object.name !== 'SearchTerm').map((object) => (object.type === 'table' ? object.name : `trigger ${object.name}`))].sort(),
    );
  });

  it('derives the implicit many-to-many join tables', () => {
    expect(Object.keys(expected).filter((table) => table.startsWith('_')).sort()).toEqual([
      '_ChipToSource',
      '_DealToSource',
      '_FundingRoundToSource',
      '_RoundInvestors',
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

    const differences = withDatabase(scratch, (scratchDb) => diffDatabases(expected, describeDatabase(scratchDb)));

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

    const differences = diffDatabases(expectedDatabase(schema), describeDatabase(db)).join('\n');
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

// A schema using every feature the comparison handles, and the SQL `prisma migrate diff --from-empty
// --to-schema-datamodel ... --script` (Prisma 6.19.3) generated for it. If the parser or the naming and default
// rules below drift from Prisma's, the first test in this block fails.
const FIXTURE_SCHEMA = `
generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "sqlite"
}

// A comment with { braces } and @unique in it.
/// A doc comment.
model Author {
  id        Int      @id @default(autoincrement())
  handle    String   @unique // trailing comment @id
  bio       String?
  score     Float    @default(1.5)
  rank      Int      @default(3)
  active    Boolean  @default(true)
  motto     String   @default("it's")
  born      DateTime?
  joinedAt  DateTime @default(now())
  prefs     Json
  big       BigInt?
  mentorId  Int?
  mentor    Author?  @relation("Mentoring", fields: [mentorId], references: [id])
  mentees   Author[] @relation("Mentoring")
  books     Book[]
  tags      Tag[]
  followers Author[] @relation("Follows")
  following Author[] @relation("Follows")
  reviews   Review[]

  @@index([bio, id])
  @@index([bio(sort: Desc), handle])
}

model Book {
  id       Int      @id @default(autoincrement())
  isbn     String
  edition  Int
  authorId Int
  author   Author   @relation(fields: [authorId], references: [id])
  tags     Tag[]
  reviews  Review[] @relation("BookReviews")

  @@unique([isbn, edition])
}

model Tag {
  id      Int      @id @default(autoincrement())
  label   String   @unique
  books   Book[]
  authors Author[]
}

model Review {
  bookId   Int
  book     Book   @relation("BookReviews", fields: [bookId], references: [id], onDelete: Cascade, onUpdate: NoAction)
  authorId Int
  author   Author @relation(fields: [authorId], references: [id], onDelete: Restrict, onUpdate: Restrict)
  stars    Int

  @@id([bookId, authorId])
  @@index([authorId])
}
`;

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
    const actual = describeDatabase(db);
    db.close();

    expect(diffDatabases(expectedDatabase(parsePrismaSchema(FIXTURE_SCHEMA)), actual)).toEqual([]);
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
    expect(() => expectedDatabase(parsePrismaSchema(schema))).toThrow(/unsupported/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A reader for the part of the Prisma schema language schema.prisma uses. Anything else is refused loudly, so a
// new feature in schema.prisma makes this test fail rather than compare the wrong thing.
// ---------------------------------------------------------------------------------------------------------------

interface PrismaAttribute {
  name: string;
  /** The text between the parentheses, or null without them. */
  args: string | null;
}

interface PrismaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: PrismaAttribute[];
}

interface PrismaModel {
  name: string;
  fields: PrismaField[];
  /** Block attributes (`@@id`, `@@unique`, `@@index`), without the `@@`. */
  attributes: PrismaAttribute[];
}

function parsePrismaSchema(source: string): PrismaModel[] {
  const models: PrismaModel[] = [];
  let block: { kind: string; model: PrismaModel | null } | null = null;
  for (const [index, rawLine] of source.split('\n').entries()) {
    const line = stripComment(rawLine).trim();
    if (line === '') continue;
    const where = `schema line ${index + 1}: ${rawLine.trim()}`;
    if (block === null) {
      const opening = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
      if (!opening) throw new Error(`unsupported top-level syntax at ${where}`);
      const [, kind, name] = opening as unknown as [string, string, string];
      if (kind === 'model') {
        const model: PrismaModel = { name, fields: [], attributes: [] };
        models.push(model);
        block = { kind, model };
      } else if (kind === 'generator' || kind === 'datasource') {
        block = { kind, model: null };
      } else {
        throw new Error(`unsupported block "${kind}" at ${where}`);
      }
    } else if (line === '}') {
      block = null;
    } else if (block.model === null) {
      continue; // generator and datasource settings do not shape tables
    } else if (line.startsWith('@@')) {
      block.model.attributes.push(...parseAttributes(line, '@@', where));
    } else {
      const field = /^(\w+)\s+(\w+)(\[\]|\?)?(?:\s+(.*))?$/.exec(line);
      if (!field) throw new Error(`unsupported field syntax at ${where}`);
      const [, name, type, modifier, rest] = field as unknown as [string, string, string, string?, string?];
      block.model.fields.push({
        name,
        type,
        optional: modifier === '?',
        list: modifier === '[]',
        attributes: rest ? parseAttributes(rest, '@', where) : [],
      });
    }
  }
  if (block !== null) throw new Error('unterminated block at the end of the schema');
  return models;
}

/** Removes a `//` (or `///`) comment, leaving string literals alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inString && char === '\\') i++;
    else if (char === '"') inString = !inString;
    else if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function parseAttributes(text: string, prefix: '@' | '@@', where: string): PrismaAttribute[] {
  const attributes: PrismaAttribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const atPrefix = text.startsWith(prefix, i) && text[i + prefix.length] !== '@';
    const name = atPrefix ? /^[A-Za-z_][\w.]*/.exec(text.slice(i + prefix.length))?.[0] : undefined;
    if (!name) throw new Error(`unsupported attribute syntax at ${where}`);
    i += prefix.length + name.length;
    let args: string | null = null;
    if (text[i] === '(') {
      const close = matchingParenthesis(text, i, where);
      args = text.slice(i + 1, close).trim();
      i = close + 1;
    }
    attributes.push({ name, args });
  }
  return attributes;
}

function matchingParenthesis(text: string, open: number, where: string): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced parentheses at ${where}`);
}

/** Splits attribute arguments at top-level commas into positional values and `key: value` pairs. */
function parseArguments(args: string | null): { positional: string[]; named: Record<string, string> } {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  const text = args ?? '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const pair = /^(\w+)\s*:\s*([\s\S]+)$/.exec(part);
    if (pair) named[pair[1]!] = pair[2]!.trim();
    else positional.push(part);
  }
  return { positional, named };
}

/** `[a, b]` → ['a', 'b']; refuses per-column arguments such as `a(sort: Desc)`. */
function parseFieldList(text: string | undefined, context: string): string[] {
  const list = /^\[([\w\s,]*)\]$/.exec(text ?? '');
  if (!list) throw new Error(`unsupported field list ${text ?? '(none)'} in ${context}`);
  return list[1]!
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** An index's `[a, b(sort: Desc)]` → ['a', 'b DESC']: the columns as the file's index lists them. */
function parseIndexColumns(text: string | undefined, context: string): string[] {
  const list = /^\[([\w\s,:()]*)\]$/.exec(text ?? '');
  if (!list) throw new Error(`unsupported field list ${text ?? '(none)'} in ${context}`);
  return list[1]!
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const column = /^(\w+)(?:\(\s*sort\s*:\s*(Asc|Desc)\s*\))?$/.exec(part);
      if (!column) throw new Error(`unsupported index column ${part} in ${context}`);
      return column[2] === 'Desc' ? `${column[1]!} DESC` : column[1]!;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The database shape: what schema.prisma implies under Prisma's SQLite conventions, and what a file holds.
// ---------------------------------------------------------------------------------------------------------------

interface ColumnShape {
  type: string;
  notNull: boolean;
  /** The DEFAULT expression as SQLite reports it (PRAGMA table_info's dflt_value). */
  default: string | null;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  autoincrement: boolean;
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  /** Keyed `(from, ...) -> Table(to, ...)`: SQLite does not report constraint names. */
  foreignKeys: Record<string, { onDelete: string; onUpdate: string }>;
}

type DatabaseShape = Record<string, TableShape>;

// The column types Prisma's SQLite connector declares (checked in FIXTURE_SQL). Json is JSONB since Prisma 6.2,
// and @prisma/adapter-better-sqlite3 7 reads the JSONB declared type back as Json.
const COLUMN_TYPES: Record<string, string> = {
  String: 'TEXT',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'REAL',
  Boolean: 'BOOLEAN',
  DateTime: 'DATETIME',
  Json: 'JSONB',
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

function isModel(models: PrismaModel[], type: string): boolean {
  return models.some((model) => model.name === type);
}

function attribute(field: PrismaField, name: string): PrismaAttribute | undefined {
  return field.attributes.find((candidate) => candidate.name === name);
}

function foreignKeyKey(from: string[], table: string, to: string[]): string {
  return `(${from.join(', ')}) -> ${table}(${to.join(', ')})`;
}

/** Prisma's relation name: the one given, else the two model names in alphabetical order joined by "To". */
function relationName(modelName: string, field: PrismaField): string {
  const relation = attribute(field, 'relation');
  const { positional, named } = parseArguments(relation?.args ?? null);
  const given = named.name ?? positional[0];
  return given !== undefined ? (JSON.parse(given) as string) : [modelName, field.type].sort().join('To');
}

/** The DEFAULT expression Prisma writes for `@default(...)`; null where the client fills the value in. */
function columnDefault(field: PrismaField, context: string): string | null {
  const fallback = attribute(field, 'default');
  if (!fallback) return null;
  const value = fallback.args ?? '';
  if (value === 'now()') return 'CURRENT_TIMESTAMP';
  if (value === 'autoincrement()') return null;
  if (value === 'true' || value === 'false' || /^-?\d+(\.\d+)?$/.test(value)) return value;
  if (value.startsWith('"')) return `'${(JSON.parse(value) as string).replaceAll("'", "''")}'`;
  throw new Error(`unsupported default ${value} in ${context}`);
}

function expectedDatabase(models: PrismaModel[]): DatabaseShape {
  const tables: DatabaseShape = {};
  const joinTables = new Map<string, [string, string]>();

  for (const model of models) {
    const table: TableShape = { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
    tables[model.name] = table;

    for (const field of model.fields) {
      const context = `${model.name}.${field.name}`;
      const known = new Set(['id', 'unique', 'default', 'relation']);
      const unknown = field.attributes.find((candidate) => !known.has(candidate.name));
      if (unknown) throw new Error(`unsupported attribute @${unknown.name} on ${context}`);

      if (isModel(models, field.type)) {
        const { named } = parseArguments(attribute(field, 'relation')?.args ?? null);
        if (named.fields !== undefined) {
          const from = parseFieldList(named.fields, context);
          const to = parseFieldList(named.references, context);
          // Prisma's defaults: an optional relation sets null on delete, a required one restricts.
          const onDelete = named.onDelete ?? (field.optional ? 'SetNull' : 'Restrict');
          const onUpdate = named.onUpdate ?? 'Cascade';
          table.foreignKeys[foreignKeyKey(from, field.type, to)] = {
            onDelete: REFERENTIAL_ACTIONS[onDelete] ?? `unsupported ${onDelete}`,
            onUpdate: REFERENTIAL_ACTIONS[onUpdate] ?? `unsupported ${onUpdate}`,
          };
        } else if (field.list) {
          const name = relationName(model.name, field);
          const other = models.find((candidate) => candidate.name === field.type)!;
          const opposite = other.fields.find(
            (candidate) => candidate !== field && candidate.type === model.name && relationName(other.name, candidate) === name,
          );
          if (!opposite) throw new Error(`no opposite relation field for ${context}`);
          const oppositeHasFields = parseArguments(attribute(opposite, 'relation')?.args ?? null).named.fields;
          if (opposite.list && oppositeHasFields === undefined) {
            joinTables.set(name, [model.name, field.type].sort() as [string, string]);
          }
        }
        continue;
      }

      const type = COLUMN_TYPES[field.type];
      if (!type || field.list) throw new Error(`unsupported type ${field.type}${field.list ? '[]' : ''} on ${context}`);
      table.columns[field.name] = { type, notNull: !field.optional, default: columnDefault(field, context) };
      const id = attribute(field, 'id');
      const unique = attribute(field, 'unique');
      if ((id && id.args !== null) || (unique && unique.args !== null)) {
        throw new Error(`unsupported arguments to @id/@unique on ${context}`);
      }
      if (id) {
        table.primaryKey = [field.name];
        table.autoincrement = attribute(field, 'default')?.args === 'autoincrement()';
      }
      if (unique) table.indexes[`${model.name}_${field.name}_key`] = { unique: true, columns: [field.name] };
    }

    for (const blockAttribute of model.attributes) {
      const context = `@@${blockAttribute.name} of ${model.name}`;
      const { positional, named } = parseArguments(blockAttribute.args);
      if (positional.length !== 1 || Object.keys(named).length > 0) throw new Error(`unsupported arguments to ${context}`);
      const columns = blockAttribute.name === 'index' ? parseIndexColumns(positional[0], context) : parseFieldList(positional[0], context);
      if (blockAttribute.name === 'id') table.primaryKey = columns;
      else if (blockAttribute.name === 'unique') {
        table.indexes[`${model.name}_${columns.join('_')}_key`] = { unique: true, columns };
      } else if (blockAttribute.name === 'index') {
        table.indexes[`${model.name}_${columns.map((column) => column.replace(/ DESC$/, '')).join('_')}_idx`] = { unique: false, columns };
      } else throw new Error(`unsupported block attribute ${context}`);
    }
  }

  // Implicit many-to-many: `_<relation>` with A referencing the model whose name sorts first, B the other.
  for (const [name, [first, second]] of joinTables) {
    const idColumn = (modelName: string): [string, string] => {
      const model = models.find((candidate) => candidate.name === modelName)!;
      const id = model.fields.find((field) => attribute(field, 'id'));
      if (!id) throw new Error(`unsupported implicit many-to-many on ${modelName} without a single-field @id`);
      return [id.name, COLUMN_TYPES[id.type]!];
    };
    const [firstId, firstType] = idColumn(first);
    const [secondId, secondType] = idColumn(second);
    tables[`_${name}`] = {
      columns: {
        A: { type: firstType, notNull: true, default: null },
        B: { type: secondType, notNull: true, default: null },
      },
      primaryKey: [],
      autoincrement: false,
      indexes: {
        [`_${name}_AB_unique`]: { unique: true, columns: ['A', 'B'] },
        [`_${name}_B_index`]: { unique: false, columns: ['B'] },
      },
      foreignKeys: {
        [foreignKeyKey(['A'], first, [firstId])]: { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        [foreignKeyKey(['B'], second, [secondId])]: { onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      },
    };
  }
  return tables;
}

/** Everything in the file except SQLite's internal tables and Prisma's migration history. */
function describeDatabase(db: Database.Database): DatabaseShape {
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND tbl_name <> '_prisma_migrations'`,
    )
    .all() as { type: string; name: string; sql: string | null }[];
  const tables: DatabaseShape = {};
  for (const object of objects) {
    if (object.type === 'index') continue; // read per table below
    if (object.type !== 'table') {
      // A view or trigger is not in schema.prisma: report it as a table so the diff names it.
      tables[`${object.type} ${object.name}`] = { columns: {}, primaryKey: [], autoincrement: false, indexes: {}, foreignKeys: {} };
      continue;
    }
    const quoted = `"${object.name.replaceAll('"', '""')}"`;
    const columns = db.pragma(`table_info(${quoted})`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const table: TableShape = {
      columns: Object.fromEntries(
        columns.map((column) => [
          column.name,
          { type: column.type.toUpperCase(), notNull: column.notnull === 1, default: column.dflt_value },
        ]),
      ),
      primaryKey: columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      autoincrement: /\bAUTOINCREMENT\b/i.test(object.sql ?? ''),
      indexes: {},
      foreignKeys: {},
    };
    const indexes = db.pragma(`index_list(${quoted})`) as { name: string; unique: number; origin: string }[];
    for (const index of indexes) {
      // The primary key's own index is covered by `primaryKey`.
      if (index.origin === 'pk') continue;
      const indexColumns = db.pragma(`index_xinfo("${index.name.replaceAll('"', '""')}")`) as { seqno: number; name: string; desc: number; key: number }[];
      table.indexes[index.name] = {
        unique: index.unique === 1,
        columns: indexColumns
          .filter((column) => column.key === 1)
          .sort((a, b) => a.seqno - b.seqno)
          .map((column) => (column.desc === 1 ? `${column.name} DESC` : column.name)),
      };
    }
    const references = db.pragma(`foreign_key_list(${quoted})`) as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }[];
    for (const id of new Set(references.map((reference) => reference.id))) {
      const parts = references.filter((reference) => reference.id === id).sort((a, b) => a.seq - b.seq);
      const key = foreignKeyKey(
        parts.map((part) => part.from),
        parts[0]!.table,
        parts.map((part) => part.to),
      );
      table.foreignKeys[key] = { onDelete: parts[0]!.on_delete, onUpdate: parts[0]!.on_update };
    }
    tables[object.name] = table;
  }
  return tables;
}

/** Human-readable differences; empty when the database is exactly what the schema implies. */
function diffDatabases(expected: DatabaseShape, actual: DatabaseShape): string[] {
  const differences: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  const compareEntries = <T>(
    table: string,
    what: string,
    wanted: Record<string, T>,
    found: Record<string, T>,
    describe: (name: string) => string = (name) => `${table}: ${what} ${name}`,
  ) => {
    for (const name of Object.keys(wanted)) {
      if (!(name in found)) differences.push(`${table}: missing ${what} ${name}`);
      else if (show(wanted[name]) !== show(found[name])) {
        differences.push(`${describe(name)} expected ${show(wanted[name])}, found ${show(found[name])}`);
      }
    }
    for (const name of Object.keys(found)) {
      if (!(name in wanted)) differences.push(`${table}: unexpected ${what} ${name} ${show(found[name])}`);
    }
  };

  for (const table of Object.keys(expected)) {
    if (!(table in actual)) differences.push(`missing table ${table}`);
  }
  for (const table of Object.keys(actual)) {
    if (!(table in expected)) differences.push(`unexpected table ${table}`);
  }
  for (const table of Object.keys(expected).filter((name) => name in actual)) {
    const wanted = expected[table]!;
    const found = actual[table]!;
    compareEntries(table, 'column', wanted.columns, found.columns, (name) => `${table}.${name}:`);
    if (show(wanted.primaryKey) !== show(found.primaryKey)) {
      differences.push(`${table}: primary key expected ${show(wanted.primaryKey)}, found ${show(found.primaryKey)}`);
    }
    if (wanted.autoincrement !== found.autoincrement) {
      differences.push(`${table}: autoincrement expected ${wanted.autoincrement}, found ${found.autoincrement}`);
    }
    compareEntries(table, 'index', wanted.indexes, found.indexes);
    compareEntries(table, 'foreign key', wanted.foreignKeys, found.foreignKeys);
  }
  return differences;
}
