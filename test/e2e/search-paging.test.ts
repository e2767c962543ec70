/**
 * The search page's paging and scores in a real browser over the bundled corpus: a page past the end of the results
 * (the API serves offsets up to 1000 only) shows the last page with a plain note instead of the validator's text,
 * and each hit's score is labelled with its scale (fused 0–2, similarity, BM25), explained on hover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTestCorpus } from '../api/helpers.js';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, ingestTestCorpus);
});
afterAll(() => stopSite(site));

/** The API's answer to a hybrid search of `query` from `offset`. */
async function search(query: string, offset = 0): Promise<{ total: number; results: unknown[] }> {
  const res = await fetch(`${site.running.url}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, mode: 'hybrid', offset }),
  });
  return (await res.json()) as { total: number; results: unknown[] };
}

describe('when an analyst opens a search page past the end of the results', () => {
  it('then the last page is shown with a plain note and a link to page 1, not the validator text', async () => {
    // The page asks for an offset past the API's limit of 1000 as it did before (a 400 shown as validator text).
    expect((await search('insider', 500 * 10 - 10)).total).toBeUndefined();
    expect((await search('insider')).total).toBeGreaterThan(10);
    const { page, errors } = await openPage(site.browser);
    await page.goto(`${site.running.url}/search?q=insider&page=500`);
    const note = page.locator('.results .past-end');
    await note.waitFor();
    expect(await note.textContent()).toContain('page 500');
    expect(await note.textContent()).not.toMatch(/offset|body\./);
    expect(await page.locator('.results [role="alert"]').count()).toBe(0);
    // The page shown is the last one: its pager has no Next, and its hits are those the API gives for that page.
    const pager = /^Page (\d+) of (\d+)$/.exec((await page.locator('.pager span').textContent()) ?? '');
    expect(pager).not.toBeNull();
    const last = Number(pager![1]);
    expect(Number(pager![2])).toBe(last);
    expect(last).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: 'Next →' }).count()).toBe(0);
    // The address names the page shown, so a shared link opens it.
    expect(new URL(page.url()).searchParams.get('page')).toBe(String(last));
    const answer = await search('insider', (last - 1) * 10);
    expect(answer.results.length).toBeGreaterThan(0);
    const first = (last - 1) * 10 + 1;
    expect(await page.locator('.result-summary').textContent()).toMatch(
      new RegExp(`^${first}–${first + answer.results.length - 1} of ${answer.total} `),
    );
    expect(await page.locator('.hits article').count()).toBe(answer.results.length);
    await shot(page, 'search-past-end-1280');
    await note.getByRole('link', { name: 'Go to page 1' }).click();
    await page.locator('.pager span', { hasText: /^Page 1 of / }).waitFor();
    expect(new URL(page.url()).searchParams.has('page')).toBe(false);
    expect(await page.locator('.results .past-end').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('when an analyst reads the hits of a search', () => {
  it('then each score is labelled with its scale and explains it on hover, per mode', async () => {
    const { page, errors } = await openPage(site.browser);
    const cases = [
      {
        q: 'insider threat programme',
        mode: 'hybrid',
        label: 'fused',
        scale: /^fused (\d+(\.\d+)?) \/ 2$/,
        help: '0 to 2',
      },
      {
        q: 'insider threat programme',
        mode: 'semantic',
        label: 'similarity',
        scale: /^similarity (\d+(\.\d+)?)$/,
        help: 'cosine',
      },
      { q: 'insider threat programme', mode: 'keyword', label: 'BM25', scale: /^BM25 (\d+(\.\d+)?)$/, help: 'BM25' },
      // Stop words alone run no keyword list: hybrid then ranks by similarity, and says so.
      { q: 'and of the', mode: 'hybrid', label: 'similarity', scale: /^similarity (\d+(\.\d+)?)$/, help: 'cosine' },
    ];
    for (const { q, mode, scale, help } of cases) {
      await page.goto(`${site.running.url}/search?${new URLSearchParams({ q, mode })}`);
      await page.locator('.hits article').first().waitFor();
      const scores = await page
        .locator('.hits .score')
        .evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', title: el.getAttribute('title') ?? '' })));
      expect(scores.length, `${mode} ${q}`).toBeGreaterThan(0);
      for (const score of scores) {
        const m = scale.exec(score.text);
        expect(m, `${mode} ${q}: ${score.text}`).not.toBeNull();
        if (mode !== 'keyword') expect(Number(m![1])).toBeLessThanOrEqual(scale.source.includes('/ 2') ? 2 : 1);
        expect(score.title).toContain(help);
      }
      if (mode === 'hybrid' && q.startsWith('insider')) await shot(page, 'search-scores-1280');
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
