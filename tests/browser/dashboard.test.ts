// The dashboard at / in a real browser, used as a person would, each step checked against what the API answers:
// it draws the chips, one bar per funded company, the timeline and the graph without a console error (so its CSP
// allows what it needs); the filters narrow the table; the toggle switches names to Korean and back; a chip, a bar
// and a relation each open their sentences; a view seen before is revalidated with If-None-Match and a 304. And at
// 100× the article's size it draws the same way, asking only for pages.
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildSyntheticDatabase } from '../../src/synthetic/build.js';
import { createTestApp } from '../support/test-app.js';
import { emptyTestDatabase } from '../support/test-database.js';
import { browserAvailable, screenshot, useBrowser, type TrackedPage } from './support/browser.js';
import { readableQuote } from '../../src/dashboard/quotes.js';

const available = browserAvailable();
// One Chromium for the file, shared by both suites.
const browser = available ? useBrowser() : () => expect.unreachable('no browser');

interface ChipPage {
  data: { slug: string; name: string; nameKo: string | null; kind: string; sources: { quote: string }[] }[];
  page: { totalCount?: number };
}
interface FundingPage {
  data: { company: { slug: string; name: string; nameKo: string | null }; byCurrency: { currency: string; amount: string }[] }[];
  page: { totalCount?: number; nextCursor: string | null };
}

/** The collections the page reads a page at a time: every request to them must ask for a bounded page. */
const PAGED = new Set(['/v1/chips', '/v1/events', '/v1/graph', '/v1/funding-rounds', '/v1/stats/funding-by-company', '/v1/stats/chips-by-designer']);

/** Records the page's API traffic: every request's URL, and each response with the If-None-Match it answered. */
function recordApi(page: Page, origin: string) {
  const requests: URL[] = [];
  const responses: { url: string; status: number; ifNoneMatch: string | undefined; etag: string | undefined }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.startsWith('/v1/')) requests.push(url);
  });
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || !url.pathname.startsWith('/v1/')) return;
    responses.push({ url: `${url.pathname}${url.search}`, status: response.status(), ifNoneMatch: response.request().headers()['if-none-match'], etag: response.headers().etag });
  });
  return { requests, responses };
}

/** The problems with how the page read the API: a paged collection asked for without a bounded page, or an export. */
function unboundedReads(requests: readonly URL[]): string[] {
  return requests.flatMap((url) => {
    if (url.searchParams.has('format')) return [`${url}: an export (everything at once)`];
    if (!PAGED.has(url.pathname)) return [];
    const limit = Number(url.searchParams.get('limit'));
    return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? [] : [`${url}: no page size`];
  });
}

const rowNames = (page: Page) => page.$$eval('#chips-body tr[data-slug] th', (cells) => cells.map((cell) => cell.textContent));
const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** A record view's name, without the mark that says the curator (not the article) gave it. */
const recordName = (text: string | null) => normalise(text).replace(/ ✎$/, '');

describe.skipIf(!available)('the dashboard in Chromium', async () => {
  const { app } = await createTestApp();
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const api = async <T>(url: string): Promise<T> => (await app.inject({ method: 'GET', url })).json() as T;
  // One tab for the file, opened by the first test and used by the next ones in order, as a person would.
  let tab: TrackedPage;
  let traffic: ReturnType<typeof recordApi>;

  it('draws the chips, one bar per funded company, the timeline and the graph, with no console error', async () => {
    tab = await browser().newPage();
    traffic = recordApi(tab.page, origin);
    const { page } = tab;
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');

    const chips = await api<ChipPage>('/v1/chips?limit=10&count=true');
    expect(await rowNames(page)).toEqual(chips.data.map((chip) => chip.name));
    expect(normalise(await page.textContent('#chips-summary'))).toBe(`1–10 of ${chips.page.totalCount} chips`);

    const funded = await api<FundingPage>('/v1/stats/funding-by-company?limit=100&count=true');
    const bars = await page.$$eval('#funding-chart .bar', (elements) => elements.map((element) => element.getAttribute('data-company')));
    expect(bars.length).toBe(funded.page.totalCount);
    expect(bars).toEqual(funded.data.map((entry) => entry.company.slug));
    // A company that raised in won: its bar is in dollars, its tooltip in the original currency, exactly.
    const inWon = funded.data.find((entry) => entry.byCurrency.some((total) => total.currency === 'KRW'))!;
    const wonTotal = inWon.byCurrency.find((total) => total.currency === 'KRW')!;
    const tooltip = await page.textContent(`#funding-chart .bar[data-company="${inWon.company.slug}"] title`);
    expect(tooltip).toContain(`KRW ${BigInt(wonTotal.amount).toLocaleString('en-US')}`);

    const events = await api<{ data: { id: string }[] }>('/v1/events?limit=12');
    expect(await page.$$eval('#timeline-list [data-event]', (items) => items.map((item) => item.getAttribute('data-event')))).toEqual(
      events.data.map((event) => event.id),
    );

    // Every relation of the article fits the first page of each kind: the graph draws all of them.
    const graph = await api<{ edges: { id: string }[] }>('/v1/graph?limit=100');
    const drawn = await page.$$eval('#graph-canvas [data-edge]', (edges) => edges.map((edge) => edge.getAttribute('data-edge')));
    expect([...drawn].sort()).toEqual(graph.edges.map((edge) => edge.id).sort());

    await screenshot(page, 'dashboard');
    expect(tab.errors).toEqual([]);
    expect(unboundedReads(traffic.requests)).toEqual([]);
  });

  it('narrows the chips table by kind, designer and purpose', async () => {
    const { page } = tab;
    await page.selectOption('#filter-kind', 'tpu');
    const tpus = await api<ChipPage>('/v1/chips?limit=10&count=true&kind=tpu');
    expect(tpus.data.length).toBeGreaterThan(0);
    await expect.poll(() => rowNames(page)).toEqual(tpus.data.map((chip) => chip.name));
    expect(await page.$$eval('#chips-body tr[data-slug] td:nth-of-type(2)', (cells) => cells.map((cell) => cell.textContent))).toEqual(
      tpus.data.map(() => 'TPU'),
    );
    expect(normalise(await page.textContent('#chips-summary'))).toBe(`1–${tpus.data.length} of ${tpus.page.totalCount} chips`);

    await page.selectOption('#filter-kind', '');
    await page.selectOption('#filter-designer', 'microsoft');
    const microsoft = await api<ChipPage>('/v1/chips?limit=10&vendor=microsoft');
    await expect.poll(() => rowNames(page)).toEqual(microsoft.data.map((chip) => chip.name));

    await page.selectOption('#filter-designer', '');
    await page.selectOption('#filter-purpose', 'inference');
    const inference = await api<ChipPage>('/v1/chips?limit=10&purpose=inference');
    await expect.poll(() => rowNames(page)).toEqual(inference.data.map((chip) => chip.name));
    await screenshot(page, 'dashboard-filtered', { fullPage: false });
    await page.selectOption('#filter-purpose', '');
    expect(tab.errors).toEqual([]);
  });

  it('switches names to Korean and back', async () => {
    const { page } = tab;
    const chips = await api<ChipPage>('/v1/chips?limit=10');
    await page.click('#language button[data-lang="ko"]');
    expect(await rowNames(page)).toEqual(chips.data.map((chip) => chip.nameKo ?? chip.name));
    expect(chips.data.some((chip) => chip.nameKo && chip.nameKo !== chip.name)).toBe(true);
    const funded = await api<FundingPage>('/v1/stats/funding-by-company?limit=100');
    expect(await page.$$eval('#funding-chart .bar-label', (labels) => labels.map((label) => label.textContent))).toEqual(
      funded.data.map((entry) => entry.company.nameKo ?? entry.company.name),
    );
    expect(await page.textContent('#graph-canvas [data-node="vendor:samsung"] .node-label')).toBe('삼성');
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await screenshot(page, 'dashboard-korean');

    await page.click('#language button[data-lang="en"]');
    expect(await rowNames(page)).toEqual(chips.data.map((chip) => chip.name));
    expect(await page.textContent('#graph-canvas [data-node="vendor:samsung"] .node-label')).toBe('Samsung');
  });

  it('opens the source sentences of a chip, of a funding bar and of a relation', async () => {
    const { page } = tab;
    const quotes = () => page.$$eval('#source-dialog[open] blockquote', (blocks) => blocks.map((block) => block.textContent));
    const chips = await api<ChipPage>('/v1/chips?limit=10');
    const first = chips.data[0]!;
    await page.click(`#chips-body tr[data-slug="${first.slug}"] button.cite`);
    await expect.poll(quotes).toEqual(first.sources.map((source) => readableQuote(source.quote)));
    await screenshot(page, 'dashboard-source', { fullPage: false });
    await page.click('#source-close');
    expect(await page.$('#source-dialog[open]')).toBeNull();

    // A bar opens the company's rounds: each with its amount as stated and its sentences.
    const rounds = await api<{ data: { amount: { amount: string; currency: string } | null; sources: { quote: string }[] }[] }>(
      '/v1/funding-rounds?company=rebellions',
    );
    await page.click('#funding-chart .bar[data-company="rebellions"]');
    await expect.poll(quotes).toEqual(rounds.data.flatMap((round) => round.sources.map((source) => readableQuote(source.quote))));
    const heading = await page.textContent('#source-dialog .citation-heading');
    expect(heading).toContain(`KRW ${BigInt(rounds.data[0]!.amount!.amount).toLocaleString('en-US')}`);
    await page.keyboard.press('Escape');

    // A relation, reached by keyboard: Samsung's investment in d-Matrix opens the passages the edge names.
    const graph = await api<{ edges: { id: string; type: string; source: string; target: string; sourceSlugs: string[] }[] }>('/v1/graph?vendor=samsung&edgeType=invests_in');
    const edge = graph.edges.find((candidate) => candidate.source === 'vendor:samsung' && candidate.target === 'vendor:d-matrix')!;
    const passages = await Promise.all(edge.sourceSlugs.map((slug) => api<{ quote: string }>(`/v1/sources/${slug}`)));
    await page.focus(`#graph-canvas [data-edge="${edge.id}"]`);
    await page.keyboard.press('Enter');
    await expect.poll(quotes).toEqual(passages.map((passage) => readableQuote(passage.quote)));
    expect(normalise(await page.textContent('#source-fact'))).toMatch(/^Samsung invests in d-Matrix/);
    await page.keyboard.press('Escape');
    expect(tab.errors).toEqual([]);
  });

  it("shows the article's passages as a reader expects: a layout break inside a word joins it, verbatim otherwise", async () => {
    const { page } = tab;
    const chip = await api<{ sources: { slug: string; quote: string }[] }>('/v1/chips/azure-maia-100');
    const ignite = chip.sources.find((source) => source.quote.includes('이그\n\n나이트'))!;
    await page.click('#chips-body tr[data-slug="azure-maia-100"] button.cite');
    const shown = await page.textContent(`#source-dialog[open] [data-source="${ignite.slug}"] blockquote`);
    expect(shown).toContain('이그나이트(Ignite)');
    expect(shown).not.toContain('\n');
    // The words are the article's: only the breaks went.
    expect(shown!.replace(/\s/g, '')).toBe(ignite.quote.replace(/\s/g, ''));
    await page.keyboard.press('Escape');
  });

  it("names each passage's document, lists the documents, and shows a document's text with its cited passages marked and linked", async () => {
    const { page } = tab;
    const article = await api<{ slug: string; title: string; titleEn: string; counts: { passages: number } }>('/v1/documents/ai-chip-market-big-tech-and-startups-2023');
    const text = (await app.inject({ method: 'GET', url: `/v1/documents/${article.slug}/text` })).body;
    const passages = await api<{ data: { slug: string; quote: string; selector: { type: string; start?: number; end?: number }[] }[] }>(
      `/v1/sources?document=${article.slug}&limit=100`,
    );
    expect(passages.data).toHaveLength(article.counts.passages);

    // The documents panel lists the article by its English title, with how much rests on it.
    expect(normalise(await page.textContent(`#documents-list [data-document="${article.slug}"] .document-title`))).toBe(article.titleEn);
    expect(normalise(await page.textContent(`#documents-list [data-document="${article.slug}"]`))).toContain(`${article.counts.passages} sentences`);

    // A chip's passage names its document and date; its title opens the text at that passage, selected.
    const chip = await api<{ sources: { slug: string }[] }>('/v1/chips/azure-maia-100');
    const cited = chip.sources[0]!.slug;
    await page.click('#chips-body tr[data-slug="azure-maia-100"] button.cite');
    const line = `#source-dialog[open] [data-source="${cited}"] .source-document`;
    expect(normalise(await page.textContent(line))).toContain(article.title);
    expect(normalise(await page.textContent(line))).toContain('late 2023');
    await page.click(`${line} button[data-document="${article.slug}"]`);
    await page.waitForSelector('#document-dialog[open] .document-text mark');
    expect(await page.$eval('#document-dialog .document-text', (element) => element.textContent)).toBe(text);
    const marks = await page.$$eval('#document-dialog mark.passage', (elements) => elements.map((element) => [element.getAttribute('data-passage'), element.textContent]));
    // Every passage marked in text order, where its selector says; two that overlap (the article has such pairs)
    // share the words: the later one is marked from where the earlier one ends.
    const points = Array.from(text);
    let end = 0;
    const expected = [...passages.data]
      .map((passage) => {
        const position = passage.selector.find((selector) => selector.type === 'TextPositionSelector')!;
        return { slug: passage.slug, start: position.start!, end: position.end! };
      })
      .sort((a, b) => a.start - b.start)
      .map((passage) => {
        const start = Math.max(passage.start, end);
        end = passage.end;
        return [passage.slug, points.slice(start, passage.end).join('')];
      });
    expect(marks).toEqual(expected);
    for (const [slug, shown] of marks) expect(passages.data.find((passage) => passage.slug === slug)!.quote.endsWith(shown!)).toBe(true);
    expect(await page.getAttribute('#document-dialog mark.passage.selected', 'data-passage')).toBe(cited);
    expect(normalise(await page.textContent('#document-passage'))).toContain('azure-maia-100');

    // Another passage, by keyboard: what rests on it opens its record's view.
    await page.focus('#document-dialog mark[data-passage="microsoft-vertical-integration"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#document-passage [data-record="vendor:microsoft"]');
    expect(normalise(await page.textContent('#document-passage'))).toContain('statements/microsoft-vertical-integration');
    await page.click('#document-passage [data-record="vendor:microsoft"]');
    await page.waitForSelector('#record-dialog[open] .record-name');
    expect(recordName(await page.textContent('#record-dialog .record-name'))).toBe('Microsoft');
    await screenshot(page, 'dashboard-document', { fullPage: false });
    await page.click('#record-close');
    await page.click('#document-close');
    if (await page.$('#source-dialog[open]')) await page.click('#source-close');
    expect(tab.errors).toEqual([]);
  });

  it("opens a chip's and a company's own view from their names, in the URL, and Back closes it", async () => {
    const { page } = tab;
    const chip = await api<{ name: string; designer: { slug: string; name: string }; deployments: { name: string }[]; sources: unknown[] }>('/v1/chips/azure-maia-100');
    await page.click('#chips-body tr[data-slug="azure-maia-100"] th button.record-link');
    await page.waitForSelector('#record-dialog[open] .record-name');
    expect(recordName(await page.textContent('#record-dialog .record-name'))).toBe(chip.name);
    expect(new URL(page.url()).hash).toBe('#chip=azure-maia-100');
    // Where it runs, and its sentences, every one.
    const listed = await page.textContent('#record-dialog');
    for (const deployment of chip.deployments) expect(listed).toContain(deployment.name);
    expect(await page.$$eval('#record-dialog .record-sentences .source', (figures) => figures.length)).toBe(chip.sources.length);
    await screenshot(page, 'dashboard-chip', { fullPage: false });

    // The designer's name opens the company, with its rounds.
    const vendor = await api<{ name: string; fundingRounds: unknown[] }>(`/v1/vendors/${chip.designer.slug}`);
    await page.click(`#record-dialog button.record-link[data-record="vendor:${chip.designer.slug}"]`);
    await expect.poll(() => page.textContent('#record-dialog .record-name').then(recordName)).toBe(vendor.name);
    expect(new URL(page.url()).hash).toBe(`#vendor=${chip.designer.slug}`);
    expect(await page.textContent('#record-dialog')).toContain('Series');
    await screenshot(page, 'dashboard-company', { fullPage: false });

    // Back returns to the chip, then closes the view (same-document entries: the history moves, nothing loads).
    await page.evaluate('history.back()');
    await expect.poll(() => page.textContent('#record-dialog .record-name').then(recordName)).toBe(chip.name);
    await page.evaluate('history.back()');
    await expect.poll(() => page.$('#record-dialog[open]')).toBeNull();
    expect(new URL(page.url()).hash).toBe('');
    expect(tab.errors).toEqual([]);
  });

  it('keeps the view in the URL: a link with filters, a record and Korean opens as it was', async () => {
    const { page } = tab;
    await page.selectOption('#filter-kind', 'tpu');
    await expect.poll(() => new URL(page.url()).hash).toBe('#kind=tpu');
    await page.selectOption('#filter-kind', '');
    await expect.poll(() => new URL(page.url()).hash).toBe('');

    const linked = await browser().newPage();
    await linked.page.goto(`${origin}/#lang=ko&kind=tpu&vendor=samsung`);
    await linked.page.waitForSelector('body[data-ready="true"]');
    const tpus = await api<ChipPage>('/v1/chips?limit=10&kind=tpu');
    await expect.poll(() => rowNames(linked.page)).toEqual(tpus.data.map((chip) => chip.nameKo ?? chip.name));
    expect(await linked.page.inputValue('#filter-kind')).toBe('tpu');
    await linked.page.waitForSelector('#record-dialog[open] .record-name');
    expect(recordName(await linked.page.textContent('#record-dialog .record-name'))).toBe('삼성');
    // The page's own words are Korean too, not only the names.
    expect(await linked.page.textContent('#chips-heading')).toBe('칩');
    expect(await linked.page.textContent('#funding-heading')).toBe('기업별 투자 유치');
    expect(await linked.page.textContent('#record-title')).toBe('기업');
    expect(await linked.page.textContent('#chips-body tr[data-slug] td[data-label="종류"]')).toBe('TPU');
    await screenshot(linked.page, 'dashboard-linked-korean', { fullPage: false });
    expect(linked.errors).toEqual([]);
    await linked.page.close();
  });

  it('marks every investor in the graph as one, whatever kind of company it is', async () => {
    const { page } = tab;
    const graph = await api<{ edges: { type: string; source: string }[] }>('/v1/graph?edgeType=invests_in&limit=100');
    const investors = [...new Set(graph.edges.map((edge) => edge.source))];
    expect(investors.length).toBeGreaterThan(5);
    for (const investor of investors) {
      expect(await page.getAttribute(`#graph-canvas [data-node="${investor}"]`, 'class'), investor).toContain('role-investor');
    }
  });

  it('revalidates a view it has seen: its If-None-Match is answered 304 and the table shows it again', async () => {
    const { page } = tab;
    const firstPage = '/v1/chips?limit=10&count=true';
    const before = traffic.responses.filter((response) => response.url === firstPage);
    expect(before[0]).toMatchObject({ status: 200, ifNoneMatch: undefined });
    await page.selectOption('#filter-kind', 'gpu');
    await expect.poll(() => rowNames(page)).toHaveLength((await api<ChipPage>('/v1/chips?kind=gpu')).data.length);
    await page.selectOption('#filter-kind', '');
    await expect.poll(() => traffic.responses.filter((response) => response.url === firstPage).length).toBe(before.length + 1);
    const again = traffic.responses.filter((response) => response.url === firstPage).at(-1)!;
    expect(again.status).toBe(304);
    expect(again.ifNoneMatch).toBe(before[0]!.etag);
    expect(await rowNames(page)).toEqual((await api<ChipPage>(firstPage)).data.map((chip) => chip.name));
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });
});

describe.skipIf(!available)('the dashboard on a phone (390×844) and a laptop (1280×800)', async () => {
  const { app } = await createTestApp();
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });

  /** What sticks out sideways: the page itself, or an element past the screen's right edge outside a scroller. */
  async function overflow(page: Page) {
    return page.$eval('html', (root) => {
      const width = root.clientWidth;
      const outside = [...root.querySelectorAll('main *, header *')].filter((element) => {
        if (element.closest('.graph-scroll')) return false;
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 1 || box.left < -1);
      });
      return { page: root.scrollWidth - width, outside: outside.slice(0, 5).map((element) => element.outerHTML.slice(0, 120)) };
    });
  }

  it.each([
    ['phone', { width: 390, height: 844 }],
    ['laptop', { width: 1280, height: 800 }],
  ] as const)('on a %s nothing runs off the screen; the chips, their sources and the funding axis read', async (name, viewport) => {
    const tracked = await browser().newPage();
    const { page } = tracked;
    await page.setViewportSize(viewport);
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await overflow(page)).toEqual({ page: 0, outside: [] });
    // Every chip's sources can be opened without scrolling sideways.
    const cites = await page.$$eval('#chips-body button.cite', (buttons) => buttons.map((button) => button.getBoundingClientRect().right));
    expect(cites.length).toBe(10);
    for (const right of cites) expect(right).toBeLessThanOrEqual(viewport.width);
    // The funding axis labels stand apart.
    const ticks = await page.$$eval('#funding-chart .axis text', (labels) => labels.map((label) => label.getBoundingClientRect()).map((box) => [box.left, box.right]));
    for (let index = 1; index < ticks.length; index += 1) expect(ticks[index]![0]!, `tick ${index}`).toBeGreaterThan(ticks[index - 1]![1]!);
    // A graph too wide for the screen says it scrolls, and keeps its labels readable.
    expect(await page.isVisible('#graph-scroll-hint')).toBe(name === 'phone');
    expect(await page.$eval('#graph-canvas svg', (svg) => svg.getBoundingClientRect().width)).toBeGreaterThanOrEqual(640);
    if (name === 'phone') {
      // The note says to tap, not only to hover.
      expect(await page.textContent('#funding .note')).toContain('Tap');
      expect(await page.isVisible('#chips-table thead')).toBe(false);
    }
    await screenshot(page, `dashboard-${name}`);
    // A chip's view fits the screen too.
    await page.click('#chips-body tr[data-slug="azure-maia-100"] th button.record-link');
    await page.waitForSelector('#record-dialog[open] .record-name');
    const dialog = await page.$eval('#record-dialog', (element) => element.getBoundingClientRect().right);
    expect(dialog).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `dashboard-${name}-chip`, { fullPage: false });
    await page.click('#record-close');
    // And a document's text, its passages marked, wraps within it.
    await page.click('#documents-list .document-title');
    await page.waitForSelector('#document-dialog[open] .document-text mark');
    const documentBox = await page.$eval('#document-dialog', (element) => {
      const text = element.querySelector('.document-text')!;
      return { right: element.getBoundingClientRect().right, sideways: text.scrollWidth - text.clientWidth };
    });
    expect(documentBox.right).toBeLessThanOrEqual(viewport.width);
    expect(documentBox.sideways).toBe(0);
    await screenshot(page, `dashboard-${name}-document`, { fullPage: false });
    expect(tracked.errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe.skipIf(!available)('the dashboard at 100× the article', async () => {
  const database = await emptyTestDatabase();
  await buildSyntheticDatabase({ databaseUrl: database.url, scale: 100 });
  const { app } = await createTestApp({}, undefined, { database });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const api = async <T>(url: string): Promise<T> => (await app.inject({ method: 'GET', url })).json() as T;

  it('draws the first page of each view, says how many there are, and never asks for a whole collection', async () => {
    const { page, errors } = await browser().newPage();
    const traffic = recordApi(page, origin);
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const chips = await api<ChipPage>('/v1/chips?limit=10&count=true');
    expect(chips.page.totalCount).toBeGreaterThan(1000);
    expect(await rowNames(page)).toEqual(chips.data.map((chip) => chip.name));
    expect(normalise(await page.textContent('#chips-summary'))).toBe(`1–10 of ${chips.page.totalCount!.toLocaleString('en-US')} chips`);
    const funded = await api<FundingPage>('/v1/stats/funding-by-company?limit=12&count=true');
    expect(await page.$$eval('#funding-chart .bar', (bars) => bars.map((bar) => bar.getAttribute('data-company')))).toEqual(
      funded.data.map((entry) => entry.company.slug),
    );
    expect(funded.page.nextCursor).not.toBeNull();
    expect(await page.isVisible('#funding-more')).toBe(true);
    // The next page of bars comes on request, after the first.
    await page.click('#funding-more');
    await expect.poll(() => page.$$eval('#funding-chart .bar', (bars) => bars.length)).toBe(24);
    await page.click('#chips-next');
    await expect.poll(() => page.textContent('#chips-summary')).toMatch(/^11–20 of /);
    await screenshot(page, 'dashboard-100x');
    expect(errors).toEqual([]);
    expect(unboundedReads(traffic.requests)).toEqual([]);
    await page.close();
  }, 60_000);
});
