// The currency rate store. A rate is reference data, not a record of the article: it gets revisions of its own
// (resource `currencyRate`), and a changed rate recomputes the dollar figures and statistics' totals that convert on it.
import { first, sql } from '../db/sql.js';
import { recordRevision, type Actor, type UpsertOutcome } from '../records/store.js';
import type { WriteSession } from '../db/write-queue.js';
import { parsePartialDate } from '../domain/partial-date.js';
import { invalidField } from '../records/write-columns.js';
import { allStatsGroups, recomputeTotals } from '../stats/derive.js';
import { deriveUsdAmountsOnRate } from './usd-amounts.js';
import type { CurrencyRateInput } from './schemas.js';

interface StoredRate {
  currency: string;
  unitsPerUsd: string;
  asOfStart: string;
  asOfPrecision: string;
  source: string;
}

export const currencyRateStore = {
  /** Writes a whole rate: created when its slug is new, otherwise made exactly this; no trace when it already is. */
  async upsert(w: WriteSession, input: CurrencyRateInput, actor: Actor): Promise<UpsertOutcome> {
    const asOf = parsePartialDate(input.asOf);
    if (!asOf) throw invalidField('asOf', `'${input.asOf}' is not a date in the calendar, or is before the year 1000`);
    const data: StoredRate = { currency: input.currency, unitsPerUsd: input.unitsPerUsd, asOfStart: asOf.start, asOfPrecision: asOf.precision, source: input.source };
    const existing = await first<StoredRate>(
      w.db,
      sql`SELECT "currency", "unitsPerUsd", "asOfStart", "asOfPrecision", "source" FROM "CurrencyRate" WHERE "slug" = ${input.slug}`,
    );
    if (existing && (Object.keys(data) as (keyof StoredRate)[]).every((key) => existing[key] === data[key])) {
      w.wroteNothing();
      return 'unchanged';
    }
    const { id } = await w.tx.currencyRate.upsert({ where: { slug: input.slug }, create: { slug: input.slug, ...data }, update: data, select: { id: true } });
    if (existing) {
      await deriveUsdAmountsOnRate(w.db, id);
      await recomputeTotals(w.db, await allStatsGroups(w.db));
    }
    await recordRevision(w, actor, { resource: 'currencyRate', slug: input.slug }, existing ? 'update' : 'create', existing ? { slug: input.slug, ...existing } : null, { slug: input.slug, ...data });
    w.wrote();
    return existing ? 'updated' : 'created';
  },
};
