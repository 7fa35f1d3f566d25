// Lists as CSV and NDJSON: negotiated by Accept or format=, streamed in full with the same filters, and
// round-tripping exactly, Korean text, commas, quotes and newlines included.
import { describe, expect, it } from 'vitest';
import { nameSortKey } from '../../src/records/list-query.js';
import { refreshDerivedRow } from '../support/derived-rows.js';
import { createTestApp } from '../support/test-app.js';
import { csvCell, negotiateFormat } from '../../src/http/exports.js';
import { parseCsv } from '../support/csv.js';

const { app, database, db } = await createTestApp();

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
}

describe('CSV exports', () => {
  it('streams every matching record with a header row, by Accept or by format=', async () => {
    const json = (await get('/v1/vendors?limit=100&sort=slug')).json().data as { slug: string; name: string; nameKo: string | null }[];
    for (const request of [get('/v1/vendors?sort=slug&limit=3', { accept: 'text/csv' }), get('/v1/vendors?sort=slug&format=csv&limit=3')]) {
      const response = await request;
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="vendors.csv"');
      expect(response.body.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(response.body.slice(1));
      // limit pages JSON only: an export holds every match.
      expect(rows).toHaveLength(json.length);
      const column = (name: string) => header!.indexOf(name);
      expect(column('slug')).toBeGreaterThanOrEqual(0);
      expect(rows.map((row) => row[column('slug')])).toEqual(json.map((vendor) => vendor.slug));
      expect(rows.map((row) => row[column('nameKo')])).toEqual(json.map((vendor) => vendor.nameKo ?? ''));
      expect(header).toContain('parent.slug');
    }
  });

  it('sends X-Total-Count with count=true, counting every match of the filters', async () => {
    const counted = await get('/v1/chips?kind=tpu&format=csv&count=true');
    const [, ...rows] = parseCsv(counted.body.slice(1));
    expect(counted.headers['x-total-count']).toBe(String(rows.length));
    expect(rows.length).toBe(3);
    expect((await get('/v1/chips?kind=tpu&count=true', { accept: 'application/x-ndjson' })).headers['x-total-count']).toBe('3');
    expect((await get('/v1/chips?kind=tpu&format=csv')).headers['x-total-count']).toBeUndefined();
  });

  it('applies filters, fields and include, with nested objects as dotted columns and lists as JSON', async () => {
    const response = await get('/v1/funding-rounds?investor=samsung&sort=slug&fields=slug,amount,investors&include=investors&format=csv');
    const [header, ...rows] = parseCsv(response.body.slice(1));
    expect(header).toEqual([
      'slug',
      'amount.amount',
      'amount.currency',
      'amount.notation',
      'amount.usd.amount',
      'amount.usd.unitsPerUsd',
      'amount.usd.asOf.value',
      'amount.usd.asOf.precision',
      'amount.usd.asOf.qualifier',
      'amount.usd.asOf.start',
      'amount.usd.asOf.end',
      'amount.usd.asOf.yearFrom.document',
      'amount.usd.basis',
      'investors',
    ]);
    expect(rows.map((row) => row.slice(0, 4))).toEqual([
      ['d-matrix-series-b-2023', '110000000', 'USD', '1억 1천만 달러'],
      ['tenstorrent-samsung-hyundai-investment', '335000000', 'USD', '3억 3,500만 달러'],
    ]);
    const investors = JSON.parse(rows[0]![header!.indexOf('investors')]!) as { slug: string }[];
    expect(investors.map((investor) => investor.slug)).toContain('samsung');
  });

  it('round-trips quotes, commas, newlines and Korean text exactly', async () => {
    const response = await get('/v1/chips?sort=slug&format=csv&fields=slug,sources');
    const [header, ...rows] = parseCsv(response.body.slice(1));
    const json = (await get('/v1/chips?sort=slug&limit=100&fields=slug,sources')).json().data as { slug: string; sources: unknown[] }[];
    expect(header).toEqual(['slug', 'sources']);
    expect(rows.map((row) => JSON.parse(row[1]!))).toEqual(json.map((chip) => chip.sources));
    // The sources hold Korean quotes with commas, quotes and newlines: the cell survived all three.
    expect(rows.some((row) => row[1]!.includes('\\n'))).toBe(true);
    expect(rows.some((row) => row[1]!.includes('"'))).toBe(true);
  });

  it('round-trips a name holding a real newline, a comma, quotes and Korean', async () => {
    const name = 'Line one\nline two, "quoted" 삼성전자';
    await db.vendor.create({
      data: { slug: 'csv-probe', name, sortKey: nameSortKey(name), aliases: [], founders: [], kind: 'other' },
    });
    await refreshDerivedRow(database, 'vendor', 'csv-probe');
    const response = await get('/v1/vendors?q=line%20one&format=csv&fields=slug,name');
    expect(parseCsv(response.body.slice(1))).toEqual([
      ['slug', 'name'],
      ['csv-probe', name],
    ]);
  });

  it('escapes cells per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('삼성, 미래에셋')).toBe('"삼성, 미래에셋"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });
});

describe('NDJSON exports', () => {
  it('streams one JSON object per line, equal to the JSON list items', async () => {
    const response = await get('/v1/chips?sort=slug&include=specs', { accept: 'application/x-ndjson' });
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.body.trimEnd().split('\n').map((line) => JSON.parse(line));
    const json = (await get('/v1/chips?sort=slug&include=specs&limit=100')).json().data;
    expect(lines).toEqual(json);
  });

  it('continues from a cursor and still validates it up front', async () => {
    const first = (await get('/v1/deals?sort=slug&limit=2')).json();
    const rest = (await get(`/v1/deals?sort=slug&format=ndjson&cursor=${first.page.nextCursor}`)).body.trimEnd().split('\n');
    const all = (await get('/v1/deals?sort=slug&limit=100')).json().data;
    expect(rest.map((line) => JSON.parse(line).slug)).toEqual(all.slice(2).map((deal: { slug: string }) => deal.slug));
    const bad = await app.inject({ method: 'GET', url: '/v1/deals?format=csv&cursor=garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('content negotiation', () => {
  it('honours q-values, format= over Accept, and falls back to JSON', () => {
    expect(negotiateFormat(undefined, 'text/csv')).toBe('csv');
    expect(negotiateFormat(undefined, 'text/csv;q=0.5, application/x-ndjson')).toBe('ndjson');
    expect(negotiateFormat(undefined, 'application/json, text/csv;q=0.9')).toBe('json');
    expect(negotiateFormat(undefined, 'text/csv;q=0')).toBe('json');
    expect(negotiateFormat(undefined, '*/*')).toBe('json');
    expect(negotiateFormat('ndjson', 'text/csv')).toBe('ndjson');
  });

  it('rejects an unknown format', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/chips?format=xml' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].name).toBe('format');
  });
});
