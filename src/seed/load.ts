// Loads the curated dataset through the stores, as actor `seed`: every record obeys exactly the rules a curator's
// write does, gets the same derived rows, and a revision whenever the seed creates or changes it. Idempotent: a
// record already as the seed describes it is left untouched (no revision, no new `updatedAt`), so a second run
// writes nothing at all.
import { chipStore } from '../chips/store.js';
import { currencyRateStore } from '../currency-rates/store.js';
import { dealStore } from '../deals/store.js';
import { SEED_ACTOR, type UpsertOutcome } from '../records/store.js';
import type { WriteQueue, WriteSession } from '../db/write-queue.js';
import { holdsData, markDerivedCurrent } from '../records/derived.js';
import { fundingRoundStore } from '../funding-rounds/store.js';
import { metricStore } from '../metrics/store.js';
import { Refusal } from '../domain/refusal.js';
import { sourceStore } from '../sources/store.js';
import { documentStore } from '../documents/store.js';
import { vendorStore } from '../vendors/store.js';
import { statementStore } from '../statements/store.js';
import type { Dataset } from './dataset-schema.js';
import type { SeedDocument } from './dataset.js';

export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
}

/** Companies in an order where each one's parent comes before it (the store refuses a parent that does not exist). */
function parentsFirst(vendors: Dataset['vendors']): Dataset['vendors'] {
  const bySlug = new Map(vendors.map((vendor) => [vendor.slug, vendor]));
  const ordered: Dataset['vendors'] = [];
  const placed = new Set<string>();
  const place = (vendor: Dataset['vendors'][number], path: Set<string>) => {
    if (placed.has(vendor.slug) || path.has(vendor.slug)) return;
    path.add(vendor.slug);
    const parent = vendor.parent ? bySlug.get(vendor.parent) : undefined;
    if (parent) place(parent, path);
    placed.add(vendor.slug);
    ordered.push(vendor);
  };
  for (const vendor of vendors) place(vendor, new Set());
  return ordered;
}

/**
 * Writes `dataset` in one write of the queue, so a seed that fails part-way leaves nothing half-written. A record
 * the stores refuse fails the seed with the store's reason and the record's name.
 */
export async function seedDatabase(writes: WriteQueue, dataset: Dataset, documents: readonly SeedDocument[]): Promise<SeedReport> {
  // The seed's own texts are whatever size they are: the limit is for what curators send.
  const documentWrites = documentStore({ maxTextBytes: Number.MAX_SAFE_INTEGER });
  return writes.run(async (w: WriteSession) => {
    // Into an empty database every derived row is one the stores write now, by the current rules: no rebuild after.
    const intoEmpty = !(await holdsData(w.db));
    const report: SeedReport = { created: 0, updated: 0, unchanged: 0 };
    const write = async (label: string, slug: string, upsert: () => Promise<UpsertOutcome>) => {
      try {
        report[await upsert()] += 1;
      } catch (error) {
        if (error instanceof Refusal) throw new Error(`seed: ${label} '${slug}' is refused: ${error.message}`, { cause: error });
        throw error;
      }
    };
    for (const document of documents) await write('document', document.slug, () => documentWrites.upsert(w, document, SEED_ACTOR));
    for (const source of dataset.sources) await write('source', source.slug, () => sourceStore.upsert(w, source, SEED_ACTOR));
    for (const vendor of parentsFirst(dataset.vendors)) await write('vendor', vendor.slug, () => vendorStore.upsert(w, vendor, SEED_ACTOR));
    for (const rate of dataset.currencyRates) await write('currency rate', rate.slug, () => currencyRateStore.upsert(w, rate, SEED_ACTOR));
    for (const chip of dataset.chips) await write('chip', chip.slug, () => chipStore.upsert(w, chip, SEED_ACTOR));
    for (const round of dataset.fundingRounds) await write('funding round', round.slug, () => fundingRoundStore.upsert(w, round, SEED_ACTOR));
    for (const deal of dataset.deals) await write('deal', deal.slug, () => dealStore.upsert(w, deal, SEED_ACTOR));
    for (const metric of dataset.metrics) await write('metric', metric.slug, () => metricStore.upsert(w, metric, SEED_ACTOR));
    for (const statement of dataset.statements) await write('statement', statement.slug, () => statementStore.upsert(w, statement, SEED_ACTOR));
    if (intoEmpty) await markDerivedCurrent(w.db);
    return report;
  });
}
