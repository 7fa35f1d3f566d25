// A company's metrics (`include=metrics`): each answers its own stance, and its passage carries the passage's. The
// query reads a metric's columns and its passage's side by side; both have a `stance`, and a figure a curator
// records as planned may cite a passage the article states as fact.
import { afterAll, describe, expect, it } from 'vitest';
import { metricStore } from '../../src/metrics/store.js';
import { MetricInputSchema } from '../../src/metrics/schemas.js';
import { SEED_ACTOR } from '../../src/records/store.js';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
afterAll(() => app.close());

type Metric = { slug: string; stance: string; source: { slug: string; stance: string } };
const metricsOf = async (vendor: string) => ((await app.inject({ url: `/v1/vendors/${vendor}?include=metrics` })).json() as { metrics: Metric[] }).metrics;

describe("a company's metrics", () => {
  it("answer each metric's own stance beside its passage's, where the two differ", async () => {
    const [cited] = await metricsOf('d-matrix');
    const sourceStance = cited!.source.stance;
    const other = sourceStance === 'plan' ? 'fact' : 'plan';
    const input = {
      slug: 'fictional-metric-with-its-own-stance',
      vendor: 'd-matrix',
      key: 'revenue' as const,
      amountMin: '1',
      amountMax: '1',
      currency: 'USD' as const,
      stance: other,
      source: cited!.source.slug,
    };
    expect(await app.writes.run((w) => metricStore.upsert(w, MetricInputSchema.parse(input), SEED_ACTOR))).toBe('created');
    const written = (await metricsOf('d-matrix')).find((metric) => metric.slug === input.slug)!;
    expect(written.stance).toBe(other);
    expect(written.source).toMatchObject({ slug: cited!.source.slug, stance: sourceStance });
  });
});
