// Reads the curated dataset from seed/: the article, and the records in the shape the write API takes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_FILES, DatasetSchema, type Dataset } from './dataset-schema.js';

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
  const problems = findDatasetProblems(parsed.data);
  if (problems.length > 0) {
    throw new Error(`seed dataset is inconsistent:\n- ${problems.join('\n- ')}`);
  }
  return { article, dataset: parsed.data };
}

/**
 * What only a file of records can get wrong: two records under one slug (the second would silently overwrite the
 * first). Everything else a record must satisfy is a write rule, checked by the stores as the seed writes it.
 */
export function findDatasetProblems(dataset: Dataset): string[] {
  const problems: string[] = [];
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
  return problems;
}
