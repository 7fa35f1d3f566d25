// The article's data as an independent check of it corrected it: what is the curator's reading is marked so, a
// company's estimate sits on the company, a chip carries only what the article says of that chip, a vague figure is
// not exact, a date is not given a meaning the article does not, and a hedged view is not a fact.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

const { app } = await createTestApp();
const get = async (url: string) => (await app.inject({ method: 'GET', url })).json();

describe('corrections to the article data', () => {
  it("marks the curator's inferences: AWS's parent, Granite Redux's designer and partner role, two chips' purposes", async () => {
    expect((await get('/v1/vendors/aws')).curated).toEqual(expect.arrayContaining(['parent']));
    // "구글은 마벨과 함께 … 출시할 계획이다": who designs it and who co-develops it is the curator's reading.
    expect((await get('/v1/chips/granite-redux')).curated).toEqual(expect.arrayContaining(['designer', 'partners']));
    // Rebellions designs inference chips (said of the company); TPU v5e's "훈련·추론 성능" is about performance.
    expect((await get('/v1/chips/rebellions-atom')).curated).toEqual(expect.arrayContaining(['purpose']));
    expect((await get('/v1/chips/google-tpu-v5e')).curated).toEqual(expect.arrayContaining(['purpose']));
  });

  it("keeps what the article says of d-Matrix on the company, not on its unnamed chip", async () => {
    const chip = await get('/v1/chips/d-matrix-gpt-deployment-chip');
    expect(chip.specs).toEqual([]);
    expect(chip.sources.map((source: { slug: string }) => source.slug)).toEqual(['d-matrix-developing-gpt-deployment-chip']);
    expect(chip.description).not.toMatch(/expects/);
    const company = await get('/v1/vendors/d-matrix?include=metrics');
    expect(company.sources.map((source: { slug: string }) => source.slug)).toEqual(expect.arrayContaining(['d-matrix-digital-in-memory-computing', 'd-matrix-revenue-2023-expected']));
  });

  it('says "수조" (trillions) is approximate, leaves PaLM\'s start undated, and calls a hedged view an estimate', async () => {
    const tpu = await get('/v1/chips/google-tpu');
    const trillions = tpu.specs.find((spec: { source: { slug: string } }) => spec.source.slug === 'tpu-trillions-of-operations-per-second');
    expect(trillions.bound).toBe('approximate');
    const [palm] = (await get('/v1/chips/google-tpu-v4')).deployments;
    expect(palm).toMatchObject({ name: 'PaLM AI supercomputer', start: null });
    // "…서버 용량을 최대화하는 길을 열었다고 볼 수 있다" ("it can be seen as"): a view, not a stated fact.
    expect((await get('/v1/sources/microsoft-maximise-server-capacity')).stance).toBe('estimate');
  });
});

describe('dates whose year is the document\'s', () => {
  const ARTICLE = 'ai-chip-market-big-tech-and-startups-2023';
  it('say so, naming the document, and are marked curated; dates the passages write in full do not', async () => {
    // "11월 15일", "9월", "5월", "지난해", "올해", "2년 후": the passage gives no year; the article's date does.
    const fromDocument: [string, string, string][] = [
      ['/v1/chips/azure-maia-100', 'announced', 'announced'],
      ['/v1/chips/azure-cobalt-100', 'announced', 'announced'],
      ['/v1/chips/google-tpu-v5e', 'announced', 'announced'],
      ['/v1/chips/meta-mtia', 'announced', 'announced'],
      ['/v1/chips/sambanova-sn40l', 'available', 'available'],
      ['/v1/funding-rounds/d-matrix-series-b-2023', 'date', 'date'],
      ['/v1/funding-rounds/rebellions-series-a-2022', 'date', 'date'],
    ];
    for (const [url, field, curated] of fromDocument) {
      const record = await get(url);
      expect(record[field].yearFrom, `${url} ${field}`).toEqual({ document: ARTICLE });
      expect(record.curated, url).toContain(curated);
    }
    const { metrics } = await get('/v1/vendors/d-matrix?include=metrics');
    for (const metric of metrics) {
      expect(metric.period.yearFrom, metric.slug).toEqual({ document: ARTICLE });
      expect(metric.curated, metric.slug).toContain('period');
    }
    // "2024년 초", "2015년": the year is the passage's own.
    const maia = await get('/v1/chips/azure-maia-100');
    expect(maia.available.yearFrom).toBeUndefined();
    expect(maia.curated).not.toContain('available');
    expect((await get('/v1/deals/amazon-acquires-annapurna-labs')).date.yearFrom).toBeUndefined();
  });
});
