/**
 * The trends page in a real browser over the dated trend newsletters (test/fixtures/trends) and the focus-group
 * fixtures (test/fixtures/attribution): date range controls sent to the API and checked before, at most
 * SERIES lines per chart with the rest as one "Other" line, and each trend's evidence a sentence with its names
 * marked and a link to the reader at that sentence. Screenshots land in test-artifacts/screenshots/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestPaths } from '../../src/ingest-service.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const SERIES = 5;
let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '120000' }, async (rt) => {
    await ingestPaths(
      rt,
      [join(PROJECT_ROOT, 'test/fixtures/trends'), join(PROJECT_ROOT, 'test/fixtures/attribution')],
      {
        root: PROJECT_ROOT,
      },
    );
  });
});
afterAll(() => stopSite(site));

const openPage = (width = 1280) => openBrowserPage(site.browser, { width });

describe('the trends page', () => {
  it('when a date range is chosen, then the API is asked for it and the charts keep to the top lines plus "Other"', async () => {
    const { page, errors } = await openPage();
    const asked: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/trends')) asked.push(req.url());
    });
    await page.goto(`${site.running.url}/trends`);
    await page.locator('#topic-chart').waitFor();
    await page.locator('#t-from').fill('2020-01-01');
    await page.locator('#t-to').fill('2043-12-31');
    await page.locator('form.controls button[type="submit"]').click();
    await page.waitForURL(/from=2020-01-01&to=2043-12-31/);
    await expect.poll(() => asked.some((u) => /from=2020-01-01&to=2043-12-31/.test(u))).toBe(true);
    await page.locator('#topic-chart').waitFor();
    // The periods follow the range: 2019 and 2044 are gone from the data table (the years between are gaps).
    const heads = await page.locator('.chart-card').first().locator('thead th').allTextContents();
    expect(heads[1]).toBe('2020');
    expect(heads.at(-1)).toBe('2043');
    expect(heads).toHaveLength(1 + 24);
    const lines = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('#topic-chart')!;
      const chart = (
        window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: { label: string }[] } } } }
      ).Chart.getChart(canvas);
      return chart.data.datasets.map((d) => d.label);
    });
    // The 2043 newsletter alone names six topics besides those of the trend newsletters: more than SERIES.
    expect(lines).toHaveLength(SERIES + 1);
    expect(lines.at(-1)).toMatch(/^Other \(\d+\)$/);
    // The table lists the documents of the selection and each line's documents per period.
    const rows = await page
      .locator('#topic-chart')
      .locator('xpath=ancestor::section')
      .locator('tbody th')
      .allTextContents();
    expect(rows[0]).toBe('All in the selection');
    expect(rows.at(-1)).toMatch(/^Other \(\d+\)$/);
    expect(await page.locator('#t-from').inputValue()).toBe('2020-01-01');
    await shot(page, 'trends-range-1280');
    await page.goto(`${site.running.url}/trends?from=2019-01-01&to=2024-12-31`);
    await page.locator('#topic-chart').waitFor();
    await page.locator('.trend-list').waitFor();
    // Each ranked trend says which way it moves, and agrees with its z.
    const ranked = await page.locator('.trend-list .trend-head').allTextContents();
    expect(ranked.length).toBeGreaterThan(0);
    for (const head of ranked) {
      const z = Number(/z (-?[\d.]+)/.exec(head)?.[1]);
      const direction = z >= 1.96 ? 'rising' : z <= -1.96 ? 'falling' : 'no clear change';
      expect(head, head).toContain(direction);
    }
    await shot(page, 'trends-2019-2024-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when "To" is before "From", then the page says so and does not ask the API', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/trends?from=2020-01-01`);
    await page.locator('.trend-list').waitFor();
    const before = page.url();
    await page.locator('#t-to').fill('2019-01-01');
    await page.locator('form.controls button[type="submit"]').click();
    await expect.poll(() => page.locator('#t-range-error').isVisible()).toBe(true);
    expect(await page.locator('#t-range-error').textContent()).toContain('before');
    expect(await page.locator('#t-to').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("when a trend's evidence is shown, then it is the sentence with the names marked, linked to the reader at it", async () => {
    const { page, errors } = await openPage();
    await page.goto(
      `${site.running.url}/trends?focusGroup=${encodeURIComponent('focus-group:cybersecurity')}&from=2041-01-01`,
    );
    const evidence = page.locator('.trend-list .evidence li').first();
    await evidence.waitFor();
    const marks = await page.locator('.trend-list .evidence li').nth(1).locator('mark.mention').allTextContents();
    expect(marks).toEqual(['Cybersecurity focus group', 'telework']);
    const quote = String(await evidence.locator('blockquote.evidence-text').textContent());
    expect(quote).toMatch(/^Remote work remained on the agenda/);
    await shot(page, 'trends-evidence-1280');
    const link = evidence.locator('a.cite');
    expect(await link.getAttribute('href')).toMatch(/^\/document\/[^/?]+\?start=\d+&end=\d+$/);
    await link.click();
    await page.waitForURL(/\/document\//);
    await page.locator('.reader mark.cited').first().waitFor();
    const cited = (await page.locator('.reader mark.cited').allTextContents()).join(' ');
    expect(cited.replace(/\s+/g, ' ').trim()).toBe(quote.replace(/\s+/g, ' ').trim());
    expect(errors).toEqual([]);
    await page.close();
  });
});
