// The curated dataset against its article: every quote verbatim, every figure in its quote in the article's own
// notation and converted exactly, every source cited, and a seed that is idempotent.
import { describe, expect, it } from 'vitest';
import { readDataset, findDatasetProblems } from '../../src/seed/dataset.js';
import type { Dataset } from '../../src/seed/dataset-schema.js';
import { seedDatabase, type SeedReport } from '../../src/seed/load.js';
import { createWriterClient, type Database } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/seed/prepare.js';
import { WriteQueue } from '../../src/db/write-queue.js';
import { copyOfTemplate, emptyTestDatabase, testEngine, type TestDatabase } from '../support/test-database.js';

const { dataset, documents } = await readDataset('seed');
const article = documents[0]!.text;
const quoteOf = new Map(dataset.sources.map((source) => [source.slug, source.quote]));

/** Seeds `seeded` into the database through the stores, as the service does on its first start. */
async function seedFile(database: TestDatabase, seeded: Dataset, inspect?: (db: Database) => Promise<void>): Promise<SeedReport> {
  const writer = createWriterClient(database.url);
  try {
    const report = await seedDatabase(new WriteQueue(writer), seeded, documents);
    await inspect?.(writer.client);
    return report;
  } finally {
    await writer.close();
  }
}

/** A migrated database with no data in it. */
async function emptyDatabase(): Promise<TestDatabase> {
  const database = await emptyTestDatabase();
  await migrateDatabase({ DATABASE_URL: database.url });
  return database;
}

/**
 * Reads a Korean amount as the article writes it: digits with thousands commas and the units 천 (10^3),
 * 만 (10^4), 억 (10^8), 조 (10^12), e.g. "1억 1천만" → 110,000,000 and "1,020억" → 102,000,000,000.
 * Written here independently of the dataset, so a mistyped conversion there cannot hide.
 */
function parseKoreanAmount(text: string): bigint {
  const units: Record<string, bigint> = { 천: 1_000n, 만: 10_000n, 억: 100_000_000n, 조: 1_000_000_000_000n };
  let total = 0n;
  let section = 0n; // the part below the next 만/억/조
  for (const [, digits, unit] of text.replaceAll(',', '').matchAll(/(\d+)?\s*([천만억조])?/g)) {
    if (digits === undefined && unit === undefined) continue;
    if (unit === undefined) section += BigInt(digits!);
    else if (unit === '천') section += BigInt(digits ?? '1') * units[unit]!;
    else {
      // A large unit closes the section before it: "1천만" = (1천)만, "3억 3,500만" = 3억 + (3,500)만.
      const multiplier = digits === undefined ? (section === 0n ? 1n : section) : section + BigInt(digits);
      total += multiplier * units[unit]!;
      section = 0n;
    }
  }
  return total + section;
}

describe('parseKoreanAmount (test helper)', () => {
  it.each([
    ['1억 1천만', 110_000_000n],
    ['1,020억', 102_000_000_000n],
    ['3억 3,500만', 335_000_000n],
    ['620억', 62_000_000_000n],
    ['1,120억', 112_000_000_000n],
    ['10억', 1_000_000_000n],
    ['7,500만', 75_000_000n],
    ['7천만', 70_000_000n],
    ['1천만', 10_000_000n],
    ['4천', 4_000n],
    ['638', 638n],
  ])('%s = %s', (text, value) => {
    expect(parseKoreanAmount(text)).toBe(value);
  });
});

/** The numeric part of a notation such as "1억 1천만 달러", "최대 638테라플롭스", "약 4천여 개". */
function amountIn(notation: string): bigint {
  const match = /[\d,]+(?:\s*[천만억조])*(?:\s*[\d,]+\s*[천만억조]+)*/.exec(notation.replace(/(\d)\s*천\s*만/g, '$1천만'));
  if (!match) throw new Error(`no figure in '${notation}'`);
  return parseKoreanAmount(match[0]);
}

describe('the dataset', () => {
  it('uses every slug once in each collection', () => {
    expect(findDatasetProblems(dataset)).toEqual([]);
    const repeated = structuredClone(dataset);
    repeated.chips.push(structuredClone(repeated.chips[0]!));
    expect(findDatasetProblems(repeated)).toEqual([`chip slug '${dataset.chips[0]!.slug}' is used twice`]);
  });

  it('quotes every source verbatim from the article', () => {
    for (const source of dataset.sources) {
      expect(article.includes(source.quote), source.slug).toBe(true);
    }
  });

  it('cites every source from at least one record', () => {
    const cited = new Set<string>([
      ...dataset.vendors.flatMap((vendor) => vendor.sources),
      ...dataset.chips.flatMap((chip) => [
        ...chip.sources,
        ...(chip.specs ?? []).map((spec) => spec.source),
        ...(chip.partners ?? []).map((partner) => partner.source),
        ...(chip.deployments ?? []).map((deployment) => deployment.source),
      ]),
      ...dataset.fundingRounds.flatMap((round) => round.sources),
      ...dataset.deals.flatMap((deal) => deal.sources),
      ...dataset.metrics.map((metric) => metric.source),
      ...dataset.statements.flatMap((statement) => statement.sources),
    ]);
    expect(dataset.sources.filter((source) => !cited.has(source.slug)).map((source) => source.slug)).toEqual([]);
  });

  it('writes every amount exactly as its notation in the quote says', () => {
    const checked: string[] = [];
    for (const round of dataset.fundingRounds) {
      const quotes = round.sources.map((slug) => quoteOf.get(slug)!).join('\n');
      for (const [amount, notation] of [
        [round.amount?.amount, round.amount?.notation],
        [round.valuation?.amount, round.valuation?.notation],
        [round.cumulativeAmount?.amount, round.cumulativeAmount?.notation],
      ] as const) {
        if (amount == null) continue;
        expect(notation, `${round.slug} needs a notation`).toBeDefined();
        expect(quotes).toContain(notation);
        expect(BigInt(amount), `${round.slug}: ${notation}`).toBe(amountIn(notation!));
        checked.push(notation!);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['1억 1천만 달러', '3억 3,500만 달러', '620억원', '1,120억원', '10억 달러']));
  });

  it('writes every metric range exactly as the quote says', () => {
    const revenue = dataset.metrics.find((metric) => metric.notation === '7천만~7,500만 달러');
    expect(revenue).toMatchObject({ amountMin: '70000000', amountMax: '75000000', currency: 'USD', stance: 'estimate' });
    for (const metric of dataset.metrics) {
      expect(quoteOf.get(metric.source)).toContain(metric.notation);
      const [low, high] = metric.notation!.split('~');
      if (!/\d/.test(low!)) continue; // "수억": no exact figure, so no exact check
      expect(BigInt(metric.amountMin!), metric.slug).toBe(amountIn(low!));
      expect(BigInt(metric.amountMax!), metric.slug).toBe(amountIn(high ?? low!));
    }
  });

  it('writes every numeric spec and unit count exactly as its notation says', () => {
    let checked = 0;
    for (const chip of dataset.chips) {
      for (const spec of chip.specs ?? []) {
        if (spec.value == null || !/\d/.test(spec.notation ?? '')) continue;
        expect(quoteOf.get(spec.source)).toContain(spec.notation);
        expect(BigInt(spec.value), `${chip.slug} ${spec.key}`).toBe(amountIn(spec.notation!));
        checked += 1;
      }
      for (const deployment of chip.deployments ?? []) {
        if (deployment.unitCount == null) continue;
        expect(BigInt(deployment.unitCount), `${chip.slug} ${deployment.name}`).toBe(amountIn(deployment.unitCountNotation!));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3); // SN40L's transistors and TFLOPS, TPU v4's count in PaLM
  });

  it('takes every date from its quotes: the year (or 올해/지난해/N년 후) and, when precise, the month and day', () => {
    const datedRecords = [
      ...dataset.chips.flatMap((chip) => [
        { label: `${chip.slug} announced`, date: chip.announced, sources: chip.sources },
        { label: `${chip.slug} available`, date: chip.available, sources: chip.sources },
        ...(chip.deployments ?? []).map((d) => ({ label: `${chip.slug} ${d.name}`, date: d.start, sources: [d.source] })),
      ]),
      ...dataset.fundingRounds.map((round) => ({ label: round.slug, date: round.date, sources: round.sources })),
      ...dataset.deals.map((deal) => ({ label: deal.slug, date: deal.date, sources: deal.sources })),
      ...dataset.metrics.map((metric) => ({ label: metric.slug, date: metric.period, sources: [metric.source] })),
    ].filter((record) => record.date != null);
    expect(datedRecords.length).toBeGreaterThan(8);
    for (const { label, date, sources } of datedRecords) {
      const quotes = sources.map((slug) => quoteOf.get(slug)!).join('\n');
      const [year, month, day] = date!.value.split('-');
      // The article is from late 2023: months without a year are 2023, 올해 is 2023, 지난해 is 2022.
      const yearWords: Record<string, RegExp> = { '2022': /2022년|지난해/, '2023': /2023년|올해|\d+월/, '2025': /2025년|2년 후/ };
      expect(quotes, `${label}: year ${year}`).toMatch(yearWords[year!] ?? new RegExp(`${year}년`));
      if (month && !month.startsWith('Q')) expect(quotes, `${label}: month`).toContain(`${Number(month)}월`);
      if (day) expect(quotes, `${label}: day`).toContain(`${Number(day)}일`);
    }
  });

  it('records the facts the article is about', () => {
    const slugs = (records: { slug: string }[]) => records.map((record) => record.slug);
    expect(slugs(dataset.vendors)).toEqual(
      expect.arrayContaining([
        'microsoft', 'nvidia', 'google', 'amazon', 'aws', 'meta', 'huawei', 'annapurna-labs', 'marvell-technology',
        'openai', 'sambanova', 'd-matrix', 'tenstorrent', 'rebellions', 'softbank', 'intel', 'samsung',
        'samsung-electronics', 'mirae-asset', 'playground-global', 'sk-hynix', 'hyundai', 'kt',
      ]),
    );
    expect(dataset.chips.length).toBeGreaterThanOrEqual(13);
    expect(dataset.fundingRounds.length).toBeGreaterThanOrEqual(5);
    expect(dataset.deals.map((deal) => deal.status)).toEqual(expect.arrayContaining(['completed', 'considering']));
  });

});

describe('the seed is held to the write rules: the stores refuse it whole', () => {
  /** Seeds `dataset` with one change into an empty database, and the refusal it gets. */
  async function refusal(change: (tampered: Dataset) => void): Promise<string> {
    const tampered = structuredClone(dataset);
    change(tampered);
    const database = await emptyDatabase();
    const error = await seedFile(database, tampered).then(
      () => null,
      (reason: unknown) => reason as Error,
    );
    expect(error, 'the seed was refused').toBeInstanceOf(Error);
    // Nothing of a refused seed is kept.
    await seedFile(database, { documents: [], sources: [], vendors: [], chips: [], currencyRates: [], fundingRounds: [], deals: [], metrics: [], statements: [] }, async (db) => {
      expect(await db.source.count()).toBe(0);
    });
    return error!.message;
  }

  it('a quote not in the article', async () => {
    expect(await refusal((tampered) => (tampered.sources[0]!.quote += ' (edited)'))).toContain(
      `source '${dataset.sources[0]!.slug}' is refused: Invalid body: 'quote' does not appear verbatim in document 'ai-chip-market-big-tech-and-startups-2023'`,
    );
  });

  it('a figure that does not stand in its quote', async () => {
    const message = await refusal((tampered) => {
      tampered.fundingRounds.find((round) => round.slug === 'd-matrix-series-b-2023')!.amount!.notation = '9억 달러';
    });
    expect(message).toContain("funding round 'd-matrix-series-b-2023' is refused: Invalid body: 'amount.notation' '9억 달러' does not stand in any of the round's sources");
  });

  it('a founding year no passage of the company gives', async () => {
    const message = await refusal((tampered) => {
      tampered.vendors.find((vendor) => vendor.foundedYear != null)!.foundedYear = 1901;
    });
    expect(message).toMatch(/vendor '[a-z-]+' is refused: Invalid body: 'foundedYear' '1901' does not stand in any of the company's sources/);
  });

  it('a passage quoted by two sources', async () => {
    const message = await refusal((tampered) => (tampered.sources[1]!.quote = tampered.sources[0]!.quote));
    expect(message).toContain(`source '${dataset.sources[1]!.slug}' is refused: Source '${dataset.sources[0]!.slug}' already quotes this passage`);
  });

  it("a round's company among its investors", async () => {
    let slug = '';
    const message = await refusal((tampered) => {
      const round = tampered.fundingRounds.find((candidate) => (candidate.investors ?? []).length > 0)!;
      round.investors!.push(round.company);
      slug = round.slug;
    });
    expect(message).toContain(`funding round '${slug}' is refused: Invalid body: 'investors'`);
    expect(message).toContain('raised the round, so it cannot also be one of its investors');
  });

  it("a party's role outside its deal's kind", async () => {
    const message = await refusal((tampered) => {
      tampered.deals.find((candidate) => candidate.slug === 'amazon-acquires-annapurna-labs')!.parties[0]!.role = 'partner';
    });
    expect(message).toContain("deal 'amazon-acquires-annapurna-labs' is refused: Invalid body: 'parties.0.role' 'partner' is no role in an acquisition deal");
  });

  it("a chip's designer among its partners", async () => {
    let slug = '';
    const message = await refusal((tampered) => {
      const chip = tampered.chips.find((candidate) => (candidate.partners ?? []).length > 0)!;
      chip.partners!.push({ vendor: chip.designer, role: 'manufacturer', source: chip.partners![0]!.source });
      slug = chip.slug;
    });
    expect(message).toContain(`chip '${slug}' is refused: Invalid body: 'partners.1.vendor'`);
  });
});

describe('seeding', () => {
  it('is idempotent: a second run writes nothing', async () => {
    const database = await copyOfTemplate(); // already seeded once by the global setup
    const snapshot = async (db: Database) => {
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(
        testEngine() === 'sqlite'
          ? // The trigram indexes are built from SearchTerm and SearchText, which are compared; their shadow tables have no rowid to order by.
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'SearchTermTrigram%' AND name NOT LIKE 'SearchTextTrigram%' ORDER BY name`
          : `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
      const dump: Record<string, unknown> = {};
      for (const { name } of tables) {
        // Every row, in a stable order, whatever the table's key: its whole content sorted.
        const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
        dump[name] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).sort();
      }
      return JSON.stringify(dump);
    };
    let before = '';
    await seedFile(database, { documents: [], sources: [], vendors: [], chips: [], currencyRates: [], fundingRounds: [], deals: [], metrics: [], statements: [] }, async (db) => {
      before = await snapshot(db);
    });
    const report = await seedFile(database, dataset, async (db) => {
      expect(await snapshot(db)).toBe(before);
      expect(await db.vendor.count()).toBe(dataset.vendors.length);
      expect(await db.chip.count()).toBe(dataset.chips.length);
      expect(await db.source.count()).toBe(dataset.sources.length);
    });
    expect(report).toEqual({ created: 0, updated: 0, unchanged: Object.values(dataset).reduce((count, records) => count + records.length, 0) });
  });

  it('writes every record with a revision by the seed', async () => {
    const database = await copyOfTemplate();
    await seedFile(database, { documents: [], sources: [], vendors: [], chips: [], currencyRates: [], fundingRounds: [], deals: [], metrics: [], statements: [] }, async (db) => {
      const created = await db.revision.findMany({ where: { action: 'create' }, select: { resource: true, slug: true, actor: true } });
      expect(new Set(created.map((revision) => revision.actor))).toEqual(new Set(['seed']));
      const recorded = new Set(created.map((revision) => `${revision.resource}:${revision.slug}`));
      for (const chip of dataset.chips) expect(recorded.has(`chip:${chip.slug}`), chip.slug).toBe(true);
      for (const vendor of dataset.vendors) expect(recorded.has(`vendor:${vendor.slug}`), vendor.slug).toBe(true);
      for (const source of dataset.sources) expect(recorded.has(`source:${source.slug}`), source.slug).toBe(true);
      for (const round of dataset.fundingRounds) expect(recorded.has(`fundingRound:${round.slug}`), round.slug).toBe(true);
      for (const deal of dataset.deals) expect(recorded.has(`deal:${deal.slug}`), deal.slug).toBe(true);
      for (const rate of dataset.currencyRates) expect(recorded.has(`currencyRate:${rate.slug}`), rate.slug).toBe(true);
    });
  });

  it('updates a record whose data changed, and only that record, with a revision', async () => {
    const database = await copyOfTemplate();
    const edited = structuredClone(dataset);
    edited.vendors.find((vendor) => vendor.slug === 'kt')!.description = 'Edited description.';
    const report = await seedFile(database, edited, async (db) => {
      expect((await db.vendor.findUniqueOrThrow({ where: { slug: 'kt' } })).description).toBe('Edited description.');
      const [latest] = await db.revision.findMany({ where: { slug: 'kt' }, orderBy: { id: 'desc' }, take: 1 });
      expect(latest).toMatchObject({ action: 'update', actor: 'seed', changes: { description: { to: 'Edited description.' } } });
    });
    expect(report).toMatchObject({ created: 0, updated: 1 });
  });

  it("recomputes the dollar figure lists sort by when a round's rate changes", async () => {
    const database = await copyOfTemplate();
    const edited = structuredClone(dataset);
    const rate = edited.currencyRates.find((candidate) => candidate.slug === 'krw-per-usd-2022-average')!;
    const round = edited.fundingRounds.find((candidate) => candidate.usdRate === rate.slug)!;
    // A plainly fictional rate: ten won to the dollar.
    rate.unitsPerUsd = '10';
    await seedFile(database, edited, async (db) => {
      const stored = await db.fundingRound.findUniqueOrThrow({ where: { slug: round.slug }, select: { amount: true, amountUsd: true } });
      expect(stored.amountUsd).toBe(stored.amount! / 10n);
    });
  });

  it('clears a field the seed no longer gives', async () => {
    const database = await copyOfTemplate();
    const edited = structuredClone(dataset);
    const kt = edited.vendors.find((vendor) => vendor.slug === 'kt')!;
    expect(kt.nameKo).toBeTruthy();
    delete kt.nameKo;
    await seedFile(database, edited, async (db) => {
      expect((await db.vendor.findUniqueOrThrow({ where: { slug: 'kt' } })).nameKo).toBeNull();
    });
  });
});
