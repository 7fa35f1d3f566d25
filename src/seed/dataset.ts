// Reads the curated dataset from seed/ and checks it against the article before anything is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_FILES, DatasetSchema, type Dataset } from './dataset-schema.js';
import { parsePartialDate } from '../shared/partial-date.js';
import { DEAL_ROLES_BY_KIND } from '../shared/vocabulary.js';

export const ARTICLE_FILE = 'ai-chip-market-article.ko.txt';

export interface LoadedDataset {
  article: string;
  dataset: Dataset;
}

export async function readDataset(seedDir: string): Promise<LoadedDataset> {
  const article = await readFile(path.join(seedDir, ARTICLE_FILE), 'utf8');
  const raw: Record<string, unknown> = {};
  for (const [collection, file] of Object.entries(DATASET_FILES)) {
    raw[collection] = JSON.parse(await readFile(path.join(seedDir, 'data', file), 'utf8'));
  }
  const parsed = DatasetSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`seed dataset does not match its schema:\n${parsed.error.message}`);
  }
  const problems = findDatasetProblems(parsed.data, article);
  if (problems.length > 0) {
    throw new Error(`seed dataset is inconsistent:\n- ${problems.join('\n- ')}`);
  }
  return { article, dataset: parsed.data };
}

/**
 * Everything that would make the dataset lie about its source or fail to load: quotes not in the article,
 * figures not in their quote, references to slugs that do not exist, duplicate slugs, impossible dates.
 */
export function findDatasetProblems(dataset: Dataset, article: string): string[] {
  const problems: string[] = [];
  const quoteOf = new Map(dataset.sources.map((source) => [source.slug, source.quote]));
  const vendorSlugs = new Set(dataset.vendors.map((vendor) => vendor.slug));
  const rateSlugs = new Set(dataset.currencyRates.map((rate) => rate.slug));

  const collections: [string, { slug: string }[]][] = [
    ['source', dataset.sources],
    ['vendor', dataset.vendors],
    ['chip', dataset.chips],
    ['currency rate', dataset.currencyRates],
    ['funding round', dataset.fundingRounds],
    ['deal', dataset.deals],
    ['metric', dataset.metrics],
  ];
  for (const [label, records] of collections) {
    const seen = new Set<string>();
    for (const { slug } of records) {
      if (seen.has(slug)) problems.push(`${label} slug '${slug}' is used twice`);
      seen.add(slug);
    }
  }

  // The rules the write API holds curators to hold for the seed too.
  const quoted = new Map<string, string>();
  for (const source of dataset.sources) {
    if (!article.includes(source.quote)) problems.push(`source '${source.slug}': quote is not verbatim in the article`);
    const other = quoted.get(source.quote);
    if (other !== undefined) problems.push(`source '${source.slug}': quotes the same passage as '${other}'`);
    quoted.set(source.quote, source.slug);
  }

  const where = (label: string) => ({
    source(slug: string) {
      if (!quoteOf.has(slug)) problems.push(`${label}: unknown source '${slug}'`);
    },
    vendor(slug: string | undefined) {
      if (slug !== undefined && !vendorSlugs.has(slug)) problems.push(`${label}: unknown vendor '${slug}'`);
    },
    rate(slug: string | undefined) {
      if (slug !== undefined && !rateSlugs.has(slug)) problems.push(`${label}: unknown currency rate '${slug}'`);
    },
    date(value: string | undefined) {
      if (value !== undefined && parsePartialDate(value) === null) problems.push(`${label}: impossible date '${value}'`);
    },
    /** A figure must stand in at least one of the record's quotes exactly as the article writes it. */
    notation(notation: string | undefined, sourceSlugs: string[]) {
      if (notation === undefined) return;
      if (!sourceSlugs.some((slug) => quoteOf.get(slug)?.includes(notation))) {
        problems.push(`${label}: figure '${notation}' is not in its quote`);
      }
    },
  });

  for (const vendor of dataset.vendors) {
    const check = where(`vendor '${vendor.slug}'`);
    vendor.sources.forEach(check.source);
    check.vendor(vendor.parent);
    if (vendor.foundedYear !== undefined) check.notation(String(vendor.foundedYear), vendor.sources);
  }
  for (const chip of dataset.chips) {
    const check = where(`chip '${chip.slug}'`);
    chip.sources.forEach(check.source);
    check.vendor(chip.designer);
    check.date(chip.announced?.value);
    check.date(chip.available?.value);
    for (const partner of chip.partners) {
      check.vendor(partner.vendor);
      check.source(partner.source);
    }
    for (const spec of chip.specs) {
      check.source(spec.source);
      check.notation(spec.notation, [spec.source]);
      if (spec.value === undefined && spec.text === undefined) problems.push(`chip '${chip.slug}': spec '${spec.key}' has neither value nor text`);
      if (spec.value !== undefined && spec.notation === undefined) problems.push(`chip '${chip.slug}': spec '${spec.key}' has a value but no notation`);
    }
    for (const deployment of chip.deployments) {
      check.vendor(deployment.vendor);
      check.source(deployment.source);
      check.date(deployment.start?.value);
      check.notation(deployment.unitCountNotation, [deployment.source]);
      if (deployment.unitCount !== undefined && deployment.unitCountNotation === undefined) {
        problems.push(`chip '${chip.slug}': deployment '${deployment.name}' has a unit count but no notation`);
      }
    }
  }
  for (const rate of dataset.currencyRates) where(`currency rate '${rate.slug}'`).date(rate.asOf);
  for (const round of dataset.fundingRounds) {
    const check = where(`funding round '${round.slug}'`);
    round.sources.forEach(check.source);
    check.vendor(round.company);
    round.investors.forEach(check.vendor);
    if (round.investors.includes(round.company)) problems.push(`funding round '${round.slug}': its company is also an investor`);
    if (new Set(round.investors).size !== round.investors.length) problems.push(`funding round '${round.slug}': an investor is named twice`);
    check.rate(round.usdRate);
    check.date(round.date?.value);
    check.notation(round.amountNotation, round.sources);
    check.notation(round.valuationNotation, round.sources);
    check.notation(round.cumulativeNotation, round.sources);
    if ((round.amount === undefined) !== (round.currency === undefined)) problems.push(`funding round '${round.slug}': amount and currency go together`);
    if (round.amount !== undefined && round.amountNotation === undefined) problems.push(`funding round '${round.slug}': amount without notation`);
    if (round.currency !== undefined && round.currency !== 'USD' && round.usdRate === undefined) problems.push(`funding round '${round.slug}': ${round.currency} amount needs a usdRate`);
  }
  for (const deal of dataset.deals) {
    const check = where(`deal '${deal.slug}'`);
    deal.sources.forEach(check.source);
    deal.parties.forEach((party) => check.vendor(party.vendor));
    const named = deal.parties.flatMap((party) => (party.vendor === undefined ? [] : [party.vendor]));
    if (new Set(named).size !== named.length) problems.push(`deal '${deal.slug}': a company takes two parts`);
    for (const party of deal.parties) {
      if (!DEAL_ROLES_BY_KIND[deal.kind].includes(party.role)) problems.push(`deal '${deal.slug}': '${party.role}' is no role in the deal's kind (${deal.kind})`);
    }
    check.date(deal.date?.value);
    check.notation(deal.amountNotation, deal.sources);
    check.rate(deal.usdRate);
  }
  for (const metric of dataset.metrics) {
    const check = where(`metric '${metric.slug}'`);
    check.source(metric.source);
    check.vendor(metric.vendor);
    check.rate(metric.usdRate);
    check.date(metric.period?.value);
    check.notation(metric.notation, [metric.source]);
  }
  return problems;
}
