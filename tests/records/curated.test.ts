// What of a record is the curator's and not the article's: classifications curators declare, and every name the
// cited passages do not write, marked by the service whatever was declared. Checked against the article's dataset
// and through writes.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp } from '../support/test-app.js';
import { writeClient } from '../support/write-client.js';
import { metricStore } from '../../src/metrics/store.js';
import { MetricInputSchema } from '../../src/metrics/schemas.js';
import { SEED_ACTOR } from '../../src/records/store.js';

const KEY = 'curated-key-0123456789abcdef';
const { API_KEYS } = loadConfig({ API_KEYS: `curator:${KEY}` });
const { app } = await createTestApp({ API_KEYS });
const { send, get } = writeClient(app, { authorization: `Bearer ${KEY}` });
const curated = async (url: string) => ((await get(url)).json() as { curated: string[] }).curated;

describe("the article's records", () => {
  it("mark a company's kind as the curator's where the article does not say it, and not where it does", async () => {
    // Nothing in the article calls Nvidia a semiconductor company; it calls Rebellions a startup ('한국 스타트업').
    expect(await curated('/v1/vendors/nvidia')).toContain('kind');
    expect(await curated('/v1/vendors/samsung')).toContain('kind');
    expect(await curated('/v1/vendors/rebellions')).not.toContain('kind');
    expect(await curated('/v1/vendors/annapurna-labs')).not.toContain('kind');
  });

  it('mark English spellings the article does not write, and keep the Korean it does', async () => {
    const nvidia = await curated('/v1/vendors/nvidia');
    // The article writes 쟈슨 황, never 'Jensen Huang', and 엔비디아, never 'Nvidia'.
    expect(nvidia).toEqual(expect.arrayContaining(['name', 'founders.0.name']));
    expect(nvidia).not.toContain('founders.0.nameKo');
    expect(nvidia).not.toContain('nameKo');
    expect(await curated('/v1/vendors/rebellions')).toEqual(['founders.0.name']);
    expect(await curated('/v1/chips/aws-inferentia')).toContain('name');
    // 'Rebellions' and 'Atom' stand in the article, in parentheses after the Korean.
    expect(await curated('/v1/vendors/rebellions')).not.toContain('name');
    expect(await curated('/v1/chips/rebellions-atom')).not.toContain('name');
  });

  it('show the same list in lists as on the detail', async () => {
    const listed = (await get('/v1/vendors?limit=100')).json().data.find((vendor: { slug: string }) => vendor.slug === 'nvidia');
    expect(listed.curated).toEqual(await curated('/v1/vendors/nvidia'));
  });
});

describe('writes', () => {
  const newVendor = { slug: 'curated-probe', name: 'Curated Probe Labs', kind: 'startup', sources: ['rebellions-korean-startup-joins-competition'] };

  it('keep what the curator declares, and add every name no cited passage writes', async () => {
    const created = await send('POST', '/v1/vendors', { ...newVendor, curated: ['kind'] });
    expect(created.statusCode).toBe(201);
    // 'Curated Probe Labs' stands in no passage: the service marks it, though only `kind` was declared.
    expect(created.json().curated).toEqual(['kind', 'name']);
    const renamed = await send('PATCH', '/v1/vendors/curated-probe', { name: 'Rebellions Labs', nameKo: '리벨리온', curated: [] });
    expect(renamed.statusCode).toBe(200);
    // '리벨리온' stands in the cited passage; 'Rebellions Labs' does not.
    expect(renamed.json().curated).toEqual(['name']);
  });

  it('refuse a field that cannot be declared, and a field declared twice, naming them', async () => {
    const unknown = await send('POST', '/v1/vendors', { ...newVendor, slug: 'curated-probe-2', curated: ['name'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ name: 'curated.0' });
    const twice = await send('POST', '/v1/vendors', { ...newVendor, slug: 'curated-probe-2', curated: ['kind', 'kind'] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0]).toMatchObject({ name: 'curated.1' });
  });

  it('record a change of what is declared in the revision', async () => {
    expect((await send('PATCH', '/v1/chips/rebellions-atom', { curated: ['purpose', 'kind'] })).statusCode).toBe(200);
    const [revision] = (await get('/v1/chips/rebellions-atom/revisions')).json().data;
    // 'Rebellions Atom', its second alias, stands in no passage: marked before and after.
    expect(revision.changes).toEqual({ curated: { from: ['purpose', 'aliases.1'], to: ['purpose', 'kind', 'aliases.1'] } });
  });
});

describe('metrics', () => {
  type Metric = { slug: string; curated: string[] };
  const metricsOf = async (vendor: string) => ((await get(`/v1/vendors/${vendor}?include=metrics`)).json() as { metrics: Metric[] }).metrics;

  it("mark nothing as the curator's in the article's figures but their periods, whose year is the article's (\"올해\", \"2년 후\")", async () => {
    const metrics = await metricsOf('d-matrix');
    expect(metrics.length).toBeGreaterThan(0);
    for (const metric of metrics) expect(metric.curated, metric.slug).toEqual(['period']);
  });

  it("keep what a curator declares theirs, and answer it on the company's metrics", async () => {
    const [metric] = await metricsOf('d-matrix');
    const input = {
      slug: 'd-matrix-test-curated-metric',
      vendor: 'd-matrix',
      key: 'revenue' as const,
      amountMin: '10000000',
      amountMax: '10000000',
      currency: 'USD' as const,
      stance: 'estimate' as const,
      source: (metric as unknown as { source: { slug: string } }).source.slug,
      curated: ['key' as const],
    };
    expect(await app.writes.run((w) => metricStore.upsert(w, MetricInputSchema.parse(input), SEED_ACTOR))).toBe('created');
    const written = (await metricsOf('d-matrix')).find((candidate) => candidate.slug === input.slug);
    expect(written?.curated).toEqual(['key']);
    // Only what may be declared: a metric's key.
    expect(MetricInputSchema.safeParse({ ...input, curated: ['stance'] }).success).toBe(false);
  });
});
