// The service at 100× the article's size: every GET operation answers as documented (no 5xx, every response
// checked against the document), every list pages through all of its records exactly once, and exports hold
// everything. Correctness only: speed is the benchmark's job (npm run bench), never a timed assertion here.
import { describe, expect, it } from 'vitest';
import { buildSyntheticDatabase } from '../../src/synthetic/build.js';
import { createTestApp } from '../support/test-app.js';
import { emptyTestDatabase } from '../support/test-database.js';
import { loadDocument, operationsOf, type Operation, type Parameter } from '../support/api-operations.js';
import { checkSearchIndex, derivedRows, rebuildDerivedRows } from '../support/derived-rows.js';
import { parseCsv } from '../support/csv.js';
import { checkWalk, everySort } from '../support/sort-walk.js';
import Database from 'better-sqlite3';
import { normaliseForSearch } from '../../src/records/list-query.js';
import { LIST_TERMS, textMatches, TRIGRAM } from '../../src/records/search.js';
import { identifier, sql } from '../../src/db/sql.js';
import { testEngine } from '../support/test-database.js';

/** 100× in every run; `SCALE_TEST=1000 npx vitest run tests/records/scale.test.ts` checks 1,000× the same way (long). */
const SCALE = Number(process.env.SCALE_TEST ?? 100);
const database = await emptyTestDatabase();
const built = await buildSyntheticDatabase({ databaseUrl: database.url, scale: SCALE });
const { app } = await createTestApp({}, undefined, { database });
const document = await loadDocument(app);
const getOperations = operationsOf(document).filter((operation) => operation.method === 'GET' && operation.path.startsWith('/v1/'));

const exampleOf = (parameter: Parameter) => (parameter as Parameter & { example?: unknown }).example ?? parameter.schema.example;

/** The operation's URL with its path parameters filled from their examples. */
function urlOf(operation: Operation): string {
  let url = operation.path;
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(exampleOf(parameter))));
  }
  return url;
}

async function get(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  return response;
}

interface Page {
  data: { slug?: string; id?: string }[];
  page: { nextCursor: string | null; totalCount?: number };
}

/** Follows `nextCursor` from the first page to the last; returns every item's identity, in order. */
async function walk(firstUrl: string): Promise<string[]> {
  const seen: string[] = [];
  let url: string | null = firstUrl;
  for (let pages = 0; url !== null; pages += 1) {
    expect(pages, `${firstUrl} ends`).toBeLessThan(10_000);
    const response = await get(url);
    expect(response.statusCode, url).toBe(200);
    const body = response.json() as Page;
    const items = body.data ?? (body as unknown as { edges: { id: string }[] }).edges;
    seen.push(...items.map((item) => item.slug ?? item.id ?? JSON.stringify(item)));
    expect(items.length, url).toBeLessThanOrEqual(100);
    const next: string | null = body.page.nextCursor;
    url = next === null ? null : `${firstUrl}${firstUrl.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`;
  }
  return seen;
}

describe(`at ${SCALE}× the article`, () => {
  it('holds the synthetic records', () => {
    const companies = 24 * SCALE;
    expect(built.created).toEqual({ documents: expect.any(Number), sources: expect.any(Number), vendors: companies, chips: 14 * SCALE, fundingRounds: 5 * SCALE, deals: expect.any(Number) });
    expect(built.created.deals).toBeGreaterThan(4.5 * SCALE);
    // About two documents a company, two passages each.
    expect(built.created.documents).toBeGreaterThan(1.8 * companies);
    expect(built.created.documents).toBeLessThan(2.2 * companies);
    expect(built.created.sources).toBe(2 * built.created.documents);
  });

  it("finds a synthetic document by its words, lists the companies and chips it names, and serves its text", async () => {
    const documents = (await get('/v1/documents?sort=-published&limit=100')).json() as { data: { slug: string; length: number; language: string }[] };
    const longest = [...documents.data].sort((a, b) => b.length - a.length)[0]!;
    const text = (await get(`/v1/documents/${longest.slug}/text`)).body;
    expect([...text]).toHaveLength(longest.length);
    // Its own sentence, found by search with where it stands.
    const own = longest.language === 'ko' ? `${longest.slug} 문서의 첫 번째 항목` : `In item one of ${longest.slug}`;
    const hits = (await get(`/v1/search?q=${encodeURIComponent(own)}&type=document`)).json() as { data: { slug: string; textMatch: { start: number; end: number } | null }[] };
    expect(hits.data.map((hit) => hit.slug)).toEqual([longest.slug]);
    const match = hits.data[0]!.textMatch!;
    expect([...text].slice(match.start, match.end).join('').toLowerCase()).toBe(own.toLowerCase());
    // Its company is named in it and cites it.
    const mentions = (await get(`/v1/documents/${longest.slug}/mentions?limit=100`)).json() as { data: { record: { kind: string }; cited: boolean }[] };
    expect(mentions.data.some((mention) => mention.record.kind === 'vendor' && mention.cited)).toBe(true);
  });

  it.each(getOperations.map((operation) => [operation.operationId, operation] as const))(
    '%s answers its bare request and each parameter example alone, as documented',
    async (_id, operation) => {
      const url = urlOf(operation);
      const pair = (parameter: Parameter) => `${encodeURIComponent(parameter.name)}=${encodeURIComponent(String(exampleOf(parameter)))}`;
      const required = operation.parameters.filter((p) => p.in === 'query' && p.required).map(pair);
      expect((await get(required.length > 0 ? `${url}?${required.join('&')}` : url)).statusCode).toBe(200);
      for (const parameter of operation.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor')) {
        const query = [...new Set([...required, pair(parameter)])].join('&');
        expect((await get(`${url}?${query}`)).statusCode, `${url}?${query}`).toBe(200);
      }
    },
  );

  it('kept its timeline and graph rows, write by write, exactly as a rebuild from the records makes them', async () => {
    checkSearchIndex(database);
    const kept = await derivedRows(app.reader);
    expect(kept.events.length).toBeGreaterThan(1000);
    await rebuildDerivedRows(database);
    expect(await derivedRows(app.reader)).toEqual(kept);
  });

  const collections = [
    'chips',
    'vendors',
    'funding-rounds',
    'deals',
    'sources',
    'documents',
    'statements',
    'events',
    'graph',
    'stats/funding-by-company',
    'stats/funding-by-investor',
    'stats/chips-by-designer',
  ];

  it.each(collections)('/v1/%s pages through every record exactly once, as many as it counts', async (collection) => {
    const counted = (await get(`/v1/${collection}?count=true&limit=1`)).json() as Page;
    const seen = await walk(`/v1/${collection}?limit=100`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(counted.page.totalCount);
  });

  it.each(everySort().map(([list, sort]) => [`${list.path}?sort=${sort}`, list, sort] as const))(
    '%s walks every record once, in order, at page sizes 1, 2 and 7, or a multiple for the longest lists (and back, at 7)',
    async (_name, list, sort) => {
      // Back by prevCursor at one size here (the article's data is walked back at every size): each walk at page
      // size 1 is thousands of requests. A list of many thousands (the documents' passages) is walked at sizes as
      // many times larger as keep each walk to about 2,500 pages.
      const total = ((await get(`${list.path}?count=true&limit=1`)).json() as Page).page.totalCount!;
      const factor = Math.max(1, Math.ceil(total / 2_500));
      for (const limit of [1, 2, 7]) await checkWalk(app, list, sort, limit * factor, { backwards: limit === 7 });
    },
  );

  // The needles that stalled a server before the list filters read the index first (tests/bench measures their p99).
  const WORST_TERMS = [' in', 'inc', 'ex ', 'ser', 'ion', 'a', 'e', 'in', '-', ' '];
  const SEARCHABLE = [
    ['/v1/chips', 'Chip'],
    ['/v1/vendors', 'Vendor'],
    ['/v1/funding-rounds', 'FundingRound'],
    ['/v1/deals', 'Deal'],
  ] as const;

  it.each(SEARCHABLE)('%s?q= and name[contains]= find exactly the records whose terms hold the text, for the worst terms', async (path, table) => {
    const { type, column, fields } = LIST_TERMS[table];
    const terms = await app.reader.all<{ record: number; field: string; text: string }>(
      sql`SELECT r.${identifier(column)} AS "record", t."field", t."text" FROM "SearchTerm" t JOIN "SearchRecord" r ON r."id" = t."recordId" WHERE r."type" = ${type}`,
    );
    for (const term of WORST_TERMS) {
      const needle = normaliseForSearch(term);
      const expected = new Set(terms.filter((row) => (fields as readonly string[]).includes(row.field) && row.text.includes(needle)).map((row) => row.record));
      for (const parameter of ['q', 'name%5Bcontains%5D']) {
        const response = await get(`${path}?${parameter}=${encodeURIComponent(term)}&count=true&limit=100&fields=slug`);
        expect(response.statusCode, `${path} ${parameter}=${term}`).toBe(200);
        expect((response.json() as Page).page.totalCount, `${path} ${parameter}=${JSON.stringify(term)}`).toBe(expected.size);
      }
    }
  });

  describe.runIf(testEngine() === 'sqlite')('the plan of every list search', () => {
    /** SQLite's plan for the list's search condition, one line a step. */
    function planOf(table: keyof typeof LIST_TERMS, term: string): string[] {
      const statement = sql`SELECT "id" FROM ${identifier(table)} WHERE ${textMatches(table, term)} ORDER BY "id" LIMIT 21`;
      const connection = new Database(database.file!, { readonly: true });
      try {
        return connection
          .prepare(`EXPLAIN QUERY PLAN ${statement.text}`)
          .all(...statement.params.map((value) => (typeof value === 'number' ? BigInt(value) : value)))
          .map((row) => (row as { detail: string }).detail);
      } finally {
        connection.close();
      }
    }

    it.each(SEARCHABLE)('%s: each matching term is visited once, from the index; short needles read the terms once', (_path, table) => {
      for (const term of WORST_TERMS) {
        const plan = planOf(table, term);
        if ([...normaliseForSearch(term)].length >= TRIGRAM) {
          // The trigram index drives the subquery; each found term and its record are one key lookup.
          expect(plan, term).toEqual(
            expect.arrayContaining([
              expect.stringMatching(/^SCAN m VIRTUAL TABLE/),
              expect.stringMatching(/^SEARCH t USING INTEGER PRIMARY KEY/),
              expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY/),
            ]),
          );
        } else {
          // One sequential read of the terms, each match joined to its record by key.
          expect(plan, term).toEqual(expect.arrayContaining([expect.stringMatching(/^SCAN t\b/), expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY/)]));
        }
        // Never the records read in full, nor a lookup by record that also walks a list of term ids (the stall).
        expect(plan.filter((step) => /^SCAN r\b/.test(step) || /recordId=\? AND rowid=\?/.test(step)), term).toEqual([]);
      }
    });
  });

  it.each(collections.slice(0, 5))('/v1/%s exports every record as CSV and NDJSON, with every relation', async (collection) => {
    const total = ((await get(`/v1/${collection}?count=true&limit=1`)).json() as Page).page.totalCount!;
    const ndjson = await get(`/v1/${collection}?format=ndjson`);
    expect(ndjson.statusCode).toBe(200);
    expect(ndjson.body.trim().split('\n')).toHaveLength(total);
    const csv = await get(`/v1/${collection}?format=csv`);
    expect(csv.statusCode).toBe(200);
    // One header row, then a row for each record (quoted cells may hold line breaks: parsed, not split).
    const [header, ...rows] = parseCsv(csv.body.replace(/^\uFEFF/, ''));
    const slugColumn = header!.indexOf('slug');
    expect(slugColumn).toBeGreaterThanOrEqual(0);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row[slugColumn])).size).toBe(total);
  });

  it('answers other requests while an export streams, rather than after it', async () => {
    // The export reads many pages; a detail asked for just after it starts is answered while it is still under way.
    const finished: string[] = [];
    const exported = app.inject({ method: 'GET', url: '/v1/chips?format=ndjson&include=partners,specs,deployments' }).then((response) => {
      finished.push('export');
      return response;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const detail = app.inject({ method: 'GET', url: '/v1/chips?limit=1' }).then((response) => {
      finished.push('page');
      return response;
    });
    const [exportResponse, pageResponse] = await Promise.all([exported, detail]);
    expect(exportResponse.statusCode).toBe(200);
    const total = ((await get('/v1/chips?count=true&limit=1')).json() as Page).page.totalCount!;
    expect(exportResponse.body.trim().split('\n')).toHaveLength(total);
    expect(pageResponse.statusCode).toBe(200);
    expect(finished).toEqual(['page', 'export']);
  });

  it.runIf(testEngine() === 'sqlite')('answers a page between text searches, not after all of them', async () => {
    // SQLite reads on the event loop: searches sent together take turns, and a page asked for while they run is
    // answered before the next one starts, not behind all of them (a flood of the worst searches once held every
    // page for all of them: 202 ms at 1,000×).
    const finished: string[] = [];
    const track = (name: string, url: string) =>
      app.inject({ method: 'GET', url }).then((response) => {
        finished.push(name);
        return response;
      });
    let page: ReturnType<typeof track> | undefined;
    const searches = ['inc', 'ser', ' in'].map((term, index) =>
      track(`search ${index + 1}`, `/v1/vendors?q=${encodeURIComponent(term)}&count=true&limit=1`).then((response) => {
        // The page arrives as the first search ends, while the other two are waiting for the database.
        page ??= track('page', '/v1/chips?limit=5');
        return response;
      }),
    );
    const responses = await Promise.all(searches);
    responses.push(await page!);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    expect(finished).toEqual(['search 1', 'page', 'search 2', 'search 3']);
  });

  it('embeds every relation on full pages of every list', async () => {
    const lists = getOperations.filter((candidate) => candidate.parameters.some((p) => p.name === 'include') && !candidate.path.includes('{'));
    expect(lists.map((operation) => operation.path)).toEqual(expect.arrayContaining(['/v1/chips', '/v1/vendors', '/v1/funding-rounds', '/v1/deals']));
    for (const operation of lists) {
      const include = operation.parameters.find((p) => p.name === 'include')!;
      const response = await get(`${operation.path}?limit=100&count=true&include=${encodeURIComponent(String(exampleOf(include)))}`);
      expect(response.statusCode, operation.path).toBe(200);
      const body = response.json() as Page;
      // Sources are passages of the one article: fewer than a page of them.
      expect(body.data).toHaveLength(Math.min(100, body.page.totalCount!));
    }
  });

  it('answers the details of the busiest records with all their relations', async () => {
    const investors = (await get('/v1/stats')).json() as { funding: { byInvestor: { investor: { slug: string } }[] } };
    const busiest = investors.funding.byInvestor[0]!.investor.slug;
    const vendor = await get(`/v1/vendors/${busiest}`);
    expect(vendor.statusCode).toBe(200);
    expect((vendor.json() as { investments: unknown[] }).investments.length).toBeGreaterThan(10);
    for (const source of ((await get('/v1/sources?limit=100')).json() as Page).data) {
      expect((await get(`/v1/sources/${source.slug}`)).statusCode).toBe(200);
    }
  });

  it('filters that match thousands of records, and long lists of values, answer', async () => {
    const urls = [
      '/v1/chips?q=a&count=true',
      '/v1/chips?name[contains]=-&count=true',
      '/v1/vendors?q=e&count=true&include=chips,investments',
      '/v1/vendors?role=customer&count=true',
      '/v1/vendors?role[in]=designer,investor,funded,partner,customer,acquirer,acquired&count=true',
      '/v1/funding-rounds?q=series&count=true&include=investors',
      '/v1/funding-rounds?amountUsd[gte]=1&count=true',
      '/v1/deals?q=chips&count=true&include=parties',
      '/v1/sources?q=다&count=true&include=citedBy',
      '/v1/search?q=a&limit=50',
      '/v1/search?q=ai',
      '/v1/search?q=tek',
    ];
    for (const url of urls) {
      const response = await get(encodeURI(url).replaceAll('[', '%5B').replaceAll(']', '%5D'));
      expect(response.statusCode, url).toBe(200);
    }
    const vendors = (await get('/v1/vendors?limit=50')).json() as Page;
    const fifty = vendors.data.map((vendor) => vendor.slug).join(',');
    expect((await get(`/v1/chips?vendor%5Bin%5D=${fifty}`)).statusCode).toBe(200);
    expect((await get(`/v1/funding-rounds?investor%5Bin%5D=${fifty}`)).statusCode).toBe(200);
  });
});
