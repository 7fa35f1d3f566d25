// A database from before documents were records migrates in place: its passages, which all quote the article, become
// passages of the article's document, with the document and the selectors exactly as a fresh seed writes them, and
// nothing else lost (the records citing them keep their citations). On the engine the suite runs on.
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWriterClient } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/seed/prepare.js';
import { migrationsDirectory } from '../../src/config.js';
import { copyOfTemplate, emptyTestDatabase } from '../support/test-database.js';
import { migrationWorkspace } from '../support/migration-workspace.js';
import { ARTICLE_DOCUMENT, ARTICLE_TEXT } from '../support/article.js';

const DOCUMENTS_MIGRATION = '20261208000000_documents';

const template = await copyOfTemplate();
const shipped = migrationsDirectory({ DATABASE_URL: template.url });
const workspace = migrationWorkspace('atlas-documents-migration-', shipped);
const writers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const writer of writers) await writer.close();
});

/** A Prisma client on `url`, closed after the file's tests. */
function clientOf(url: string) {
  const writer = createWriterClient(url);
  writers.push(writer);
  return writer.client;
}

const DOCUMENT_COLUMNS = ['slug', 'title', 'titleEn', 'kind', 'publisher', 'authors', 'credits', 'language', 'publishedStart', 'publishedPrecision', 'publishedQualifier', 'url', 'archiveUrl', 'licence', 'retrievedAt', 'text', 'sha256', 'length', 'sortKey', 'curated', 'supersedesId'];
const SOURCE_COLUMNS = ['slug', 'quote', 'stance', 'startOffset', 'quoteStart', 'quoteEnd', 'quotePrefix', 'quoteSuffix'];

describe(`the ${DOCUMENTS_MIGRATION} migration`, () => {
  it("makes an existing database's passages the article's, with the document and selectors a fresh seed gives them", async () => {
    const migrations = workspace.copyMigrations('before');
    // This migration and the ones after it, which may build on the documents.
    const fromDocuments = readdirSync(migrations).filter((name) => /^\d{14}_/.test(name) && name >= DOCUMENTS_MIGRATION);
    for (const name of fromDocuments) rmSync(path.join(migrations, name), { recursive: true });
    const database = await emptyTestDatabase();
    await migrateDatabase({ DATABASE_URL: database.url, MIGRATIONS_DIR: migrations });
    const db = clientOf(database.url);

    // The passages as the service stored them then: the seed's quotes at their place in the article, and a
    // company citing two of them.
    const seeded = JSON.parse(readFileSync('seed/data/sources.json', 'utf8')) as { slug: string; quote: string; stance: string }[];
    for (const [index, source] of seeded.entries()) {
      // Literals, the same on both engines (the values are the seed's own).
      const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
      await db.$executeRawUnsafe(
        `INSERT INTO "Source" ("id", "slug", "quote", "stance", "startOffset") VALUES (${index + 1}, ${text(source.slug)}, ${text(source.quote)}, ${text(source.stance)}, ${ARTICLE_TEXT.indexOf(source.quote)})`,
      );
    }
    await db.$executeRawUnsafe(`INSERT INTO "Vendor" ("id", "slug", "name", "aliases", "kind", "founders") VALUES (1, 'citing', 'Citing', '[]', 'other', '[]')`);
    await db.$executeRawUnsafe('INSERT INTO "_SourceToVendor" ("A", "B") VALUES (1, 1), (2, 1)');

    for (const name of fromDocuments) cpSync(path.join(shipped, name), path.join(migrations, name), { recursive: true });
    const { applied } = await migrateDatabase({ DATABASE_URL: database.url, MIGRATIONS_DIR: migrations });
    expect(applied).toEqual(fromDocuments);
    expect(applied[0]).toBe(DOCUMENTS_MIGRATION);

    const fresh = clientOf(template.url);
    const select = (table: string, columns: string[], order: string) => `SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}" ORDER BY "${order}"`;
    const normalise = (rows: Record<string, unknown>[]) => JSON.parse(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? Number(value) : value)));
    const migratedDocuments = normalise(await db.$queryRawUnsafe(select('Document', DOCUMENT_COLUMNS, 'id')));
    const seededDocuments = normalise(await fresh.$queryRawUnsafe(select('Document', DOCUMENT_COLUMNS, 'id')));
    expect(migratedDocuments).toHaveLength(1);
    expect(migratedDocuments[0].slug).toBe(ARTICLE_DOCUMENT);
    expect(migratedDocuments).toEqual(seededDocuments);

    const migratedSources = normalise(await db.$queryRawUnsafe(select('Source', SOURCE_COLUMNS, 'slug')));
    const seededSources = normalise(await fresh.$queryRawUnsafe(select('Source', SOURCE_COLUMNS, 'slug')));
    expect(migratedSources).toHaveLength(seeded.length);
    expect(migratedSources).toEqual(seededSources);
    const citations = await db.$queryRawUnsafe<{ A: number }[]>('SELECT "A" FROM "_SourceToVendor" ORDER BY "A"');
    expect(citations.map((row) => Number(row.A))).toEqual([1, 2]);
  });

  it('gives a database without passages no document: the seed or a curator adds it', async () => {
    const database = await emptyTestDatabase();
    await migrateDatabase({ DATABASE_URL: database.url });
    const count = await clientOf(database.url).$queryRawUnsafe<{ count: number | bigint }[]>('SELECT COUNT(*) AS "count" FROM "Document"');
    expect(Number(count[0]!.count)).toBe(0);
  });
});
