// A table's columns declared once (src/records/columns.ts): the SELECT list names each column as declared (64-bit
// integers cast to text), and reading a row gives each value as its kind says, on either engine's driver values.
import { describe, expect, it } from 'vitest';
import { bigintOf, rowReader, tableColumns } from '../../src/records/columns.js';

describe('declared columns', () => {
  const columns = tableColumns('d', { id: 'integer', title: 'text', titleKo: 'text?', amount: 'exact?', partial: 'boolean', ratio: 'number?', curated: 'json' });

  it('selects each column under its own name, a 64-bit integer as text', () => {
    expect(columns.select.text).toBe(
      'd."id" AS "id", d."title" AS "title", d."titleKo" AS "titleKo", CAST(d."amount" AS TEXT) AS "amount", d."partial" AS "partial", ' +
        'd."ratio" AS "ratio", d."curated" AS "curated"',
    );
    expect(tableColumns('d', { slug: 'text' }, 'deal').select.text).toBe('d."slug" AS "deal_slug"');
  });

  it('reads each value as its kind says: nulls kept, exact integers exact, booleans from 0/1 or true/false', () => {
    const row = { id: 7, title: 'Fictional deal', titleKo: null, amount: '9007199254740993', partial: 1, ratio: 1.5, curated: '["title"]', other: 'left out' };
    expect(columns.read(row)).toEqual({ id: 7, title: 'Fictional deal', titleKo: null, amount: 9007199254740993n, partial: true, ratio: 1.5, curated: '["title"]' });
    // PostgreSQL's driver: booleans as booleans; an outer join's missing columns as undefined read as null.
    expect(columns.read({ id: 9, title: 'Zero', amount: '0', partial: 0, curated: '[]' })).toMatchObject({ amount: 0n, partial: false });
    expect(columns.read({ id: 8, title: 'Another', amount: null, partial: false, curated: '[]' })).toEqual({
      id: 8,
      title: 'Another',
      titleKo: null,
      amount: null,
      partial: false,
      ratio: null,
      curated: '[]',
    });
  });

  it('reads a prefixed selection by its prefixed names, the same reader each time', () => {
    const kinds = { slug: 'text', name: 'text?' } as const;
    const read = rowReader(kinds, 'vendor');
    expect(read({ vendor_slug: 'fictional-co', vendor_name: 'Fictional Co', slug: 'not this one' })).toEqual({ slug: 'fictional-co', name: 'Fictional Co' });
    expect(rowReader(kinds, 'vendor')).toBe(read);
    expect(rowReader(kinds, 'designer')).not.toBe(read);
  });

  it('keeps a name that is no identifier as a name, never as code', () => {
    const odd = rowReader({ 'a"b': 'text', 'x) => 1; (': 'text?' } as const);
    expect(odd({ 'a"b': 'quoted', 'x) => 1; (': null })).toEqual({ 'a"b': 'quoted', 'x) => 1; (': null });
    expect(bigintOf(undefined)).toBeNull();
  });
});
