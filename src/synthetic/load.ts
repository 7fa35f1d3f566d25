// Writes a synthetic dataset through the service's own write API, so every record passes the rules, gets its
// derived columns and its revision exactly as a curator's write would.
import { RESOURCES } from '../domain/resources.js';
import type { App } from '../app.js';
import type { SyntheticDataset } from './dataset.js';

export interface LoadReport {
  created: Record<keyof SyntheticDataset, number>;
  seconds: number;
}

/** The collections in the order their references need: companies, then what points at them. */
const ORDER: [keyof SyntheticDataset, string][] = [
  ['documents', `/v1/${RESOURCES.document.path}`],
  ['sources', `/v1/${RESOURCES.source.path}`],
  ['vendors', `/v1/${RESOURCES.vendor.path}`],
  ['chips', `/v1/${RESOURCES.chip.path}`],
  ['fundingRounds', `/v1/${RESOURCES.fundingRound.path}`],
  ['deals', `/v1/${RESOURCES.deal.path}`],
];

/**
 * POSTs every record with `apiKey`, `concurrency` at a time (writes queue in the service; several in flight keep
 * the queue busy). Vendors are written in order, so a parent exists before its subsidiaries. Throws on the first
 * refusal, naming the record: a generator that writes what the API refuses is broken.
 */
export async function loadThroughApi(app: App, dataset: SyntheticDataset, apiKey: string, concurrency = 16): Promise<LoadReport> {
  const started = performance.now();
  const created = { documents: 0, sources: 0, vendors: 0, chips: 0, fundingRounds: 0, deals: 0 };
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  for (const [collection, url] of ORDER) {
    const records = dataset[collection] as { slug: string; parent?: string }[];
    // A parent must be committed before a record that names it is sent: wait for the batch that holds it.
    const pending = new Set<string>();
    let inFlight: Promise<void>[] = [];
    for (const record of records) {
      if (inFlight.length >= concurrency || (record.parent !== undefined && pending.has(record.parent))) {
        await Promise.all(inFlight);
        inFlight = [];
        pending.clear();
      }
      pending.add(record.slug);
      inFlight.push(
        app.inject({ method: 'POST', url, headers, payload: JSON.stringify(record) }).then((response) => {
          if (response.statusCode !== 201) {
            throw new Error(`POST ${url} '${record.slug}' answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
          }
          created[collection] += 1;
        }),
      );
    }
    await Promise.all(inFlight);
  }
  return { created, seconds: (performance.now() - started) / 1000 };
}
