/**
 * An unknown page path in a real browser (Debian's Chromium via playwright-core): the server answers 404 with the
 * page, which shows its own "not found" view with a link home; the API's unknown paths stay JSON problems. A page
 * whose document, practice or entity the API answers 404 for shows the same friendly state, without Retry; Retry is
 * kept for failures worth retrying.
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

  it('then a document, practice or entity the API does not know shows the same not-found state, without Retry', async () => {
    const { page, errors } = await openPage(site.browser);
    const cases = [
      { path: '/document/nope', heading: 'Document not found', id: 'nope' },
      { path: `/practice/${encodeURIComponent('practice:nope')}`, heading: 'Practice not found', id: 'practice:nope' },
      { path: `/entity/country/${encodeURIComponent('country:XX')}`, heading: 'Country not found', id: 'country:XX' },
      // An unknown kind of entity is a page that does not exist, not the validator's text.
      { path: `/entity/widget/${encodeURIComponent('widget:x')}`, heading: 'Page not found', id: 'widget' },
    ];
    for (const { path, heading, id } of cases) {
      await page.goto(site.running.url + path);
      await page.locator('h1', { hasText: heading }).waitFor();
      expect(await page.title(), path).toBe(`${heading} · iwg-graph`);
      const state = page.locator('#main .state.not-found');
      expect(await state.textContent(), path).toContain(`“${id}”`);
      expect(await state.getByRole('link', { name: 'Search the documents' }).getAttribute('href')).toBe('/');
      expect(await page.locator('#main [role="alert"]').count(), path).toBe(0);
      expect(await page.getByRole('button', { name: 'Retry' }).count(), path).toBe(0);
    }
    await shot(page, 'not-found-entity-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('then a failure worth retrying (503) still offers Retry, and a refused request (400) does not', async () => {
    const { page } = await openPage(site.browser);
    const path = `/practice/${encodeURIComponent('practice:any')}`;
    await page.route('**/api/practices/**', (route) =>
      route.fulfill({
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({ title: 'Graph database unavailable', status: 503, detail: 'Neo4j is not reachable' }),
      }),
    );
    await page.goto(site.running.url + path);
    const alert = page.locator('#main [role="alert"]');
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await page.unroute('**/api/practices/**');
    await page.route('**/api/practices/**', (route) =>
      route.fulfill({
        status: 400,
        headers: { 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({ title: 'Invalid parameters', status: 400, detail: 'Invalid parameters' }),
      }),
    );
    await page.goto(site.running.url + path + '?again');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('not accepted');
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
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
