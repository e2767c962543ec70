/**
 * The analysts' page in a real browser (Debian's Chromium driven by playwright-core) against the real server with
 * the bundled corpus ingested, plus three dated fixture documents so the trends view has years to chart.
 * Screenshots of every view land in test-artifacts/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestCorpusOnStart, ingestPaths } from '../../src/ingest-service.js';
import { startServer, stopServer } from '../../src/server.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';
import { testConfig } from '../support/runtime.js';

const FIXTURES = join(PROJECT_ROOT, 'test', 'e2e', 'fixtures', 'dated');
const NO_REMOTE_ACCESS = 'The operator should not permit remote access to critical systems';
const QUESTION = 'Should an operator allow remote access to safety systems?';

let site: Site;
/** Every URL any page requested, checked at the end: nothing may leave localhost. */
const requested: string[] = [];

beforeAll(async () => {
  // A cold query on a busy machine can take longer than the default 10 s query timeout.
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
    await ingestPaths(rt, [FIXTURES]);
  });
});
afterAll(() => stopSite(site));

/** A fresh page at the given width that records its requests and fails the test on a page error. */
const openPage = (width = 1280) =>
  openBrowserPage(site.browser, { width, prepare: (page) => page.on('request', (req) => requested.push(req.url())) });

/** The same view at the narrow width, for the record and to check nothing overflows horizontally. */
async function narrowShot(path: string, name: string, ready: string): Promise<void> {
  const { page } = await openPage(420);
  await page.goto(site.running.url + path);
  await page.locator(ready).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, `${name}-420`);
  await page.close();
}

async function hitIds(page: Page): Promise<string[]> {
  return page.locator('.hits article').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id ?? ''));
}

describe('the analysts page', () => {
  it('when an analyst asks about remote access to safety systems, then the no-remote-access practice is among the first results', async () => {
    const { page, errors } = await openPage();
    await page.goto(site.running.url + '/');
    await page.getByLabel('Search the IWG documents').fill(QUESTION);
    await page.keyboard.press('Enter');
    await page.locator('.hits article').first().waitFor();
    expect(page.url()).toContain('q=Should+an+operator');
    const firstFive = await page
      .locator('.hits article')
      .evaluateAll((els) =>
        els.slice(0, 5).map((el) => ({ type: (el as HTMLElement).dataset.type, text: el.textContent ?? '' })),
      );
    expect(firstFive.some((h) => h.type === 'practice' && h.text.includes(NO_REMOTE_ACCESS))).toBe(true);
    // Matched terms are highlighted, and each hit says why it was found.
    expect(await page.locator('.hits mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits .why').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits .chip').count()).toBeGreaterThan(0);
    // The best-matching sentence of each passage or practice is marked inside its text.
    expect(await page.locator('.hits mark.match').count()).toBeGreaterThan(0);
    expect(await page.locator('.no-good-match').count()).toBe(0);
    await shot(page, 'search-1280');
    expect(errors).toEqual([]);
    await page.close();
    await narrowShot(`/search?q=${encodeURIComponent(QUESTION)}`, 'search', '.hits article');
  });

  it('when the question is nonsense, then the page says there is no good match before the nearest hits', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=xyzzyqwertyplugh&mode=semantic`);
    await page.locator('.no-good-match').waitFor();
    expect(await page.locator('.no-good-match').textContent()).toContain('No good match');
    await shot(page, 'search-no-good-match-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when a country filter is applied, then the results change, and the back button restores them', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}&mode=hybrid`);
    await page.locator('.hits article').first().waitFor();
    const before = await hitIds(page);
    const belgium = page.getByRole('checkbox', { name: 'Belgium' });
    await belgium.check();
    await page.waitForURL(/country=country%3ABE/);
    // While the new search runs the list is replaced by a loading state: wait for the filtered hits.
    const changed = async () => {
      const ids = await hitIds(page);
      return ids.length > 0 && JSON.stringify(ids) !== JSON.stringify(before);
    };
    await expect.poll(changed, { timeout: 30_000 }).toBe(true);
    // Each option shows its documents in these results: every one of them mentions Belgium.
    const count = (id: string) => page.locator(`label[for="${id}"] .facet-count`).textContent();
    await expect.poll(() => count('f-country-country_BE'), { timeout: 30_000 }).toMatch(/^ [1-9]\d*$/);
    const documents = Number(await count('f-country-country_BE'));
    const types = await page.locator('[data-facet="docType"] .facet-count').allTextContents();
    expect(types.reduce((n, t) => n + Number(t), 0)).toBe(documents);
    await shot(page, 'search-filtered-1280');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('country='));
    await expect.poll(() => hitIds(page), { timeout: 30_000 }).toEqual(before);
    expect(await belgium.isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the practice is opened from the results, then its page lists its source document with offsets', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    const practice = page.locator('.hits article[data-type="practice"]', { hasText: NO_REMOTE_ACCESS }).first();
    await practice.locator('h2 a').click();
    await page.waitForURL(/\/practice\//);
    await page.locator('.sources .source').first().waitFor();
    const source = await page.locator('.sources').textContent();
    expect(source).toContain('How the International Working Group was Formed');
    expect(source).toMatch(/chars \d+–\d+/);
    expect(await page.locator('h1').textContent()).toContain(NO_REMOTE_ACCESS);
    await page.locator('.related').waitFor();
    await shot(page, 'practice-1280');
    const path = new URL(page.url()).pathname;
    expect(errors).toEqual([]);
    await page.close();
    await narrowShot(path, 'practice', '.sources .source');
  });

  it('when an entity page is opened, then it shows the entity with its relations and passages', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/entity/country/${encodeURIComponent('country:BE')}`);
    await page.locator('h1', { hasText: 'Belgium' }).waitFor();
    await page.locator('#pass-h').waitFor();
    // Evidence is a sentence with the entity's name marked: in a relation's evidence and in the mentions.
    expect(await page.locator('.relations mark.mention').allTextContents()).toContain('Belgium');
    expect(await page.locator('.passages mark.mention').first().textContent()).toMatch(/Belgi/);
    await shot(page, 'entity-1280');
    expect(errors).toEqual([]);
    await page.close();
    await narrowShot(`/entity/organisation/${encodeURIComponent('organisation:iwg')}`, 'entity-iwg', '#rel-h');
  });

  it('when the IWG is chosen in the graph explorer, then nodes for its co-chairs, the United States and Belgium, are drawn', async () => {
    const { page, errors } = await openPage();
    await page.goto(site.running.url + '/graph');
    // Keyboard only: type, take the first suggestion with Enter, submit with Enter.
    const picker = page.getByRole('combobox', { name: 'Entity' });
    await picker.fill('International Working');
    await page.locator('[role="option"]').first().waitFor();
    await picker.press('Enter');
    await picker.press('Enter');
    await page.waitForURL(/id=organisation%3Aiwg/);
    await page.locator('#cy[data-nodes] canvas').first().waitFor();
    const nodes = await page.locator('.node-list').textContent();
    expect(nodes).toContain('United States');
    expect(nodes).toContain('Belgium');
    expect(Number(await page.locator('#cy').getAttribute('data-nodes'))).toBeGreaterThanOrEqual(3);
    // An edge's evidence opens in the side panel.
    await page.locator('.graph-panel details', { hasText: 'Edges' }).locator('summary').click();
    await page.locator('.edge-list button').first().click();
    await page.locator('.edge-detail h3').waitFor();
    await shot(page, 'graph-1280');
    await page.goto(
      `${site.running.url}/graph?mode=paths&from=${encodeURIComponent('country:US')}&to=${encodeURIComponent('country:BE')}`,
    );
    await page.locator('#cy[data-nodes] canvas, .graph-status .state').first().waitFor();
    await page.locator('.hops').first().waitFor();
    expect(await page.locator('.hops mark.mention').allTextContents()).toEqual(
      expect.arrayContaining(['United States', 'Belgium']),
    );
    await shot(page, 'graph-paths-1280');
    // The stated co-chair path comes first; "Stated facts only" keeps paths of stated facts alone.
    const first = String(await page.locator('.paths > li').first().textContent());
    expect(first).toContain('co chairs');
    expect(first).toContain('stated facts');
    await page.locator('#g-facts-only').check();
    await page.getByRole('button', { name: 'Find paths' }).click();
    await page.waitForURL(/factsOnly=true/);
    await expect
      .poll(
        async () => [
          await page.locator('.graph-status').textContent(),
          ...(await page.locator('.paths > li > p.muted').allTextContents()),
        ],
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining([expect.stringContaining('stated facts')]));
    const kinds = await page.locator('.paths > li > p.muted').allTextContents();
    expect(
      kinds.every((t) => t.includes('stated facts')),
      kinds.join(' | '),
    ).toBe(true);
    expect(await page.locator('#g-facts-only').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    await narrowShot(
      `/graph?type=organisation&id=${encodeURIComponent('organisation:iwg')}`,
      'graph',
      '#cy[data-nodes]',
    );
  });

  it('when the trends page opens, then Chart.js draws the mentions over time', async () => {
    const { page, errors } = await openPage();
    await page.goto(site.running.url + '/trends');
    await page.locator('#trend-chart').waitFor();
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('#trend-chart')!;
      const chart = (window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): unknown } }).Chart?.getChart(
        canvas,
      );
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return { chart: Boolean(chart), painted };
    });
    expect(drawn.chart).toBe(true);
    expect(drawn.painted).toBeGreaterThan(500);
    expect(await page.locator('.trend-list li').count()).toBeGreaterThan(0);
    // The trend's evidence is a sentence with the trend's name marked.
    expect(await page.locator('.trend-list .evidence mark.mention').count()).toBeGreaterThan(0);
    await shot(page, 'trends-1280');
    expect(errors).toEqual([]);
    await page.close();
    await narrowShot('/trends', 'trends', '#trend-chart');
  });

  it('when the API cannot be reached, then the page says so instead of staying blank', async () => {
    const { page } = await openPage();
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    const alert = page.locator('.results [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot be reached');
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await shot(page, 'api-down-1280');
    await page.unroute('**/api/**');
    await page.route('**/api/**', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '10' },
        body: JSON.stringify({ title: 'Graph database unavailable', status: 503, detail: 'Neo4j is not reachable' }),
      }),
    );
    await page.goto(site.running.url + '/trends');
    // The trends and the emerging themes each say so.
    await page.locator('[role="alert"]', { hasText: 'unavailable' }).first().waitFor();
    await page.close();
  });

  it('when the page is served, then its CSP keeps scripts and connections to self and does not force https', async () => {
    const res = await fetch(site.running.url + '/search');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    // Otherwise a browser on an air-gapped LAN (plain http, not localhost) fetches app.js over https and fails.
    expect(csp).not.toContain('upgrade-insecure-requests');
    const vendor = await fetch(site.running.url + '/vendor/chart.umd.min.js');
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('content-type')).toContain('javascript');
    expect((await fetch(site.running.url + '/vendor/../package.json')).status).toBe(404);
  });

  it('when the service requires a key for reads, then the page asks for one and then shows results', async () => {
    const keyed = await startServer({
      config: testConfig({ IWG_READ_REQUIRES_KEY: 'true', IWG_API_KEYS: 'k-e2e', IWG_RATE_LIMIT_PER_MINUTE: '10000' }),
      runtime: site.rt,
      log: site.rt.log,
      state: { ingested: true, schemaApplied: true },
    });
    try {
      expect((await fetch(`${keyed.url}/metrics`)).status).toBe(401);
      const { page } = await openPage();
      const prompts: string[] = [];
      page.on('dialog', (d) => {
        prompts.push(d.message());
        void d.accept('k-e2e');
      });
      await page.goto(`${keyed.url}/search?q=${encodeURIComponent(QUESTION)}`);
      await page.locator('.hits article').first().waitFor();
      expect(prompts.length).toBeGreaterThanOrEqual(1);
      expect(prompts[0]).toMatch(/requires an API key/);
      await page.close();
    } finally {
      await stopServer(keyed);
    }
  });

  it('when the page was used, then no request left localhost', () => {
    expect(requested.length).toBeGreaterThan(20);
    // Only this test's own servers (the main one and the key-protected one), both on 127.0.0.1.
    const local = /^http:\/\/127\.0\.0\.1:\d+\//;
    const foreign = requested.filter((url) => !local.test(url) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});
