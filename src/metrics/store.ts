// The metric store: a figure about a company other than its funding. A metric shows on its company
// (`include=metrics`), so writing one is a change to that company: the company gets the revision.
import { first, sql } from '../db/sql.js';
import { watchedWrite, type Actor, type UpsertOutcome, type WatchedRecord } from '../records/store.js';
import type { WriteSession } from '../db/write-queue.js';
import { resolveSlugs } from '../records/references.js';
import { dateColumns, invalidField, refuseNotationsOutsideQuotes, usdRateId } from '../records/write-columns.js';
import { vendorRecord } from '../vendors/repository.js';
import type { MetricInput } from './schemas.js';

/** The rate that converts the metric's currency, checked as a round's is: required for any currency but USD. */
async function rateId(w: WriteSession, input: MetricInput): Promise<number | null> {
  if (input.usdRate === undefined) {
    if (input.currency !== undefined && input.currency !== 'USD') {
      throw invalidField('usdRate', `is required for an amount in ${input.currency}: the slug of a ${input.currency} currency rate`);
    }
    return null;
  }
  if (input.currency === undefined || input.currency === 'USD') throw invalidField('usdRate', 'converts an amount in another currency than USD, and there is none');
  return usdRateId(w.db, input.usdRate, input.currency);
}

const company = (slug: string): WatchedRecord => ({ definition: vendorRecord, slug });

export const metricStore = {
  /** Writes a whole metric: created when its slug is new, otherwise made exactly this; no trace when it already is. */
  async upsert(w: WriteSession, input: MetricInput, actor: Actor): Promise<UpsertOutcome> {
    const [vendorId] = await resolveSlugs(w.db, 'vendor', [input.vendor], 'vendor');
    const source = await first<{ id: number; quote: string }>(w.db, sql`SELECT "id", "quote" FROM "Source" WHERE "slug" = ${input.source}`);
    if (!source) throw invalidField('source', `refers to no source '${input.source}'`);
    refuseNotationsOutsideQuotes([{ field: 'notation', text: input.notation ?? null }], [source.quote], 'its source');
    const data = {
      vendorId: vendorId!,
      key: input.key,
      amountMin: input.amountMin === undefined ? null : BigInt(input.amountMin),
      amountMax: input.amountMax === undefined ? null : BigInt(input.amountMax),
      currency: input.currency ?? null,
      notation: input.notation ?? null,
      rateId: await rateId(w, input),
      ...dateColumns('period', input.period ?? null, 'period'),
      stance: input.stance,
      description: input.description ?? null,
      curated: input.curated ?? [],
      sourceId: source.id,
    };
    const existing = await first<{ owner: string }>(
      w.db,
      sql`SELECT v."slug" AS "owner" FROM "Metric" m JOIN "Vendor" v ON v."id" = m."vendorId" WHERE m."slug" = ${input.slug}`,
    );
    // Moved to another company, it changes both.
    const watched = [company(input.vendor), ...(existing && existing.owner !== input.vendor ? [company(existing.owner)] : [])];
    const { changed } = await watchedWrite(w, actor, watched, async () => {
      await w.tx.metric.upsert({ where: { slug: input.slug }, create: { slug: input.slug, ...data }, update: data, select: { id: true } });
    });
    return !existing ? 'created' : changed ? 'updated' : 'unchanged';
  },
};
