/**
 * The communities page and the entity page's community line in a real browser (Debian's Chromium) against the real
 * server with the bundled corpus ingested. Screenshots land in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCorpusOnStart } from '../../src/ingest-service.js';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
  });
});
afterAll(() => stopSite(site));

describe('the communities page', () => {
  it('when an analyst opens Communities from the menu, then each community shows its members and evidenced connectors', async () => {
    const { page, errors } = await openPage(site.browser, { width: 1280 });
    await page.goto(site.running.url + '/');
    await page.locator('.site-nav a[data-view="communities"]').click();
    await page.locator('.communities .community').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/communities');
    const api = (await (await fetch(`${site.running.url}/api/communities`)).json()) as {
      communities: { name: string; size: number }[];
    };
    const cards = page.locator('.communities .community');
    expect(await cards.count()).toBe(api.communities.length);
    await expect.poll(() => cards.first().locator('h2').textContent()).toContain(api.communities[0].name);
    expect(await cards.first().locator('.chips .chip').count()).toBe(Math.min(api.communities[0].size, 50));
    const quotes = page.locator('.connectors blockquote.evidence-text');
    expect(await quotes.count()).toBeGreaterThan(0);
    expect(await page.locator('.connectors blockquote.evidence-text mark').count()).toBeGreaterThan(0);
    // Co-occurrence has no direction: no arrow after it; a stated fact keeps its arrow.
    for (const rel of await page.locator('.connectors .rel-type').allTextContents())
      expect(rel.startsWith('co-occurs with') ? rel : '').not.toContain('→');
    await shot(page, 'communities-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("when an analyst opens a member's page, then it says which community it is in and with whom", async () => {
    const { page, errors } = await openPage(site.browser, { width: 1280 });
    await page.goto(site.running.url + '/communities');
    const first = page.locator('.communities .community').first();
    await first.waitFor();
    const member = first.locator('.chips .chip').first();
    const name = (await member.textContent())!.trim();
    await member.click();
    await page.locator('.community-line').waitFor();
    expect(await page.locator('h1').textContent()).toBe(name);
    const line = (await page.locator('.community-line').textContent())!;
    expect(line).toMatch(/^In community 1 \(.+\) with /);
    expect(await page.locator('.community-line .chip').count()).toBeGreaterThan(0);
    await shot(page, 'entity-community-1280');
    expect(errors).toEqual([]);
    await page.close();

    const narrow = await openPage(site.browser, { width: 420 });
    await narrow.page.goto(site.running.url + '/communities');
    await narrow.page.locator('.communities .community').first().waitFor();
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(narrow.page, 'communities-420');
    await narrow.page.close();
  });
});
