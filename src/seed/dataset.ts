// Reads the curated dataset from seed/: the records in the shape the write API takes, and each document's text.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_FILES, DatasetSchema, type Dataset } from './dataset-schema.js';
import { DocumentInputSchema } from '../documents/schemas.js';

/** The article the atlas was first built from: the seed's first document's text. */
export const ARTICLE_FILE = 'ai-chip-market-article.ko.txt';

/** A seed document with its text read. */
export type SeedDocument = Omit<Dataset['documents'][number], 'textFile'> & { text: string };

export interface LoadedDataset {
  documents: SeedDocument[];
  dataset: Dataset;
}

export async function readDataset(seedDir: string): Promise<LoadedDataset> {
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
  // The text goes through the write API's own schema as the rest does (its form checked, kept NFC with LF breaks).
  const documents: SeedDocument[] = [];
  for (const { textFile, ...document } of parsed.data.documents) {
    const text = DocumentInputSchema.shape.text.safeParse(await readFile(path.join(seedDir, textFile), 'utf8'));
    if (!text.success) throw new Error(`seed document '${document.slug}': ${textFile} ${text.error.issues[0]?.message ?? 'is not a valid text'}`);
    documents.push({ ...document, text: text.data });
  }
  return { documents, dataset: parsed.data };
}

/**
 * What only a file of records can get wrong: two records under one slug (the second would silently overwrite the
 * first). Everything else a record must satisfy is a write rule, checked by the stores as the seed writes it.
 */
export function findDatasetProblems(dataset: Dataset): string[] {
  const problems: string[] = [];
  const collections: [string, { slug: string }[]][] = [
    ['document', dataset.documents],
    ['source', dataset.sources],
    ['vendor', dataset.vendors],
    ['chip', dataset.chips],
    ['currency rate', dataset.currencyRates],
    ['funding round', dataset.fundingRounds],
    ['deal', dataset.deals],
    ['metric', dataset.metrics],
    ['statement', dataset.statements],
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
