/**
 * An unknown page path in a real browser (Debian's Chromium via playwright-core): the server answers 404 with the
 * page, which shows its own "not found" view with a link home; the API's unknown paths stay JSON problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

let site: Site;

beforeAll(async () => {
  site = await startSite({});
});
afterAll(() => stopSite(site));

describe('when an analyst opens an address that is not a page', () => {
  it('then the page shows its not-found view, served with 404, and its link leads home', async () => {
    const { page, errors } = await openPage(site.browser);
    for (const path of ['/no-such-page', '/practice/a/b']) {
      const response = await page.goto(site.running.url + path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      expect(await page.title()).toBe('Page not found · iwg-graph');
    }
    await shot(page, 'not-found-1280');
    await page.getByRole('link', { name: 'Go to search' }).click();
    await page.getByLabel('Search the IWG documents').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('then an unknown API path opened in the browser is still a JSON problem 404', async () => {
    const { page } = await openPage(site.browser);
    const response = await page.goto(site.running.url + '/api/no-such-thing');
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(await response!.text())).toMatchObject({ status: 404, title: 'Not found' });
    await page.close();
  });
});
