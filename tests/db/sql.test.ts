// The SQL layer under both engines: lists of values as one parameter (empty, numbers, text), one snapshot for reads
// that belong together, and a write transaction's SQL that refuses to run once the transaction is over.
import { describe, expect, it } from 'vitest';
import { sql, valuesList } from '../../src/db/sql.js';
import { ClosableSql } from '../../src/db/write-queue.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();

describe('valuesList', () => {
  it('matches nothing when empty, and each value otherwise, numbers and text alike, on either engine', async () => {
    const slugsOf = async (ids: number[]) =>
      (await app.reader.all<{ slug: string }>(sql`SELECT "slug" FROM "Vendor" WHERE "id" IN ${valuesList(ids)} ORDER BY "id"`)).map((row) => row.slug);
    const [first, second] = await app.reader.all<{ id: number; slug: string }>(sql`SELECT "id", "slug" FROM "Vendor" ORDER BY "id" LIMIT 2`);
    expect(await slugsOf([])).toEqual([]);
    expect(await slugsOf([first!.id])).toEqual([first!.slug]);
    expect(await slugsOf([first!.id, second!.id])).toEqual([first!.slug, second!.slug]);
    const ids = await app.reader.all<{ id: number }>(sql`SELECT "id" FROM "Vendor" WHERE "slug" IN ${valuesList(['kt', 'samsung', 'no-such-vendor'])}`);
    expect(ids).toHaveLength(2);
    expect(await app.reader.all(sql`SELECT "id" FROM "Vendor" WHERE "slug" IN ${valuesList([])}`)).toEqual([]);
  });
});

describe('SqlReader.consistent', () => {
  it('gives its reads one reader and their answers', async () => {
    const counted = await app.reader.consistent(async (reader) => {
      const [vendors] = await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "Vendor"`);
      const [chips] = await reader.all<{ count: number }>(sql`SELECT COUNT(*) AS "count" FROM "Chip"`);
      return { vendors: vendors!.count, chips: chips!.count };
    });
    expect(counted.vendors).toBeGreaterThan(20);
    expect(counted.chips).toBeGreaterThan(10);
  });
});

describe('a write transaction past its deadline', () => {
  it('refuses every statement once closed, so none can run outside the transaction and commit on its own', async () => {
    const guarded = new ClosableSql(app.reader as never);
    expect(await guarded.all(sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
    guarded.close();
    await expect(guarded.all(sql`SELECT 1 AS "one"`)).rejects.toThrow(/write transaction is over/);
    await expect(guarded.run(sql`SELECT 1 AS "one"`)).rejects.toThrow(/write transaction is over/);
  });
});
