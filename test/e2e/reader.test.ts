/**
 * The document reader in a real browser (Debian's Chromium driven by playwright-core): every kind of citation on
 * the page links to it, and it opens at the cited span with that span highlighted. Screenshots land in
 * test-artifacts/screenshots/.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestCorpusOnStart, ingestPaths } from '../../src/ingest-service.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const FIXTURES = join(PROJECT_ROOT, 'test', 'e2e', 'fixtures', 'dated');
const QUESTION = 'Should an operator allow remote access to safety systems?';
const BROCHURE = 'corpus/documents/infcirc-908-iwg-brochure.txt';
/** A reader link: the document's URL-encoded id and the cited offsets. */
const READER_HREF = /^\/document\/[^/?]+\?start=\d+&end=\d+$/;

let site: Site;

beforeAll(async () => {
  // A cold search on a busy machine can take longer than the default 10 s query timeout.
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
    await ingestPaths(rt, [FIXTURES]);
  });
});
afterAll(() => stopSite(site));

const openPage = (width = 1280) => openBrowserPage(site.browser, { width });

/** The text of the reader's highlight: one <mark> per block the cited span runs through. */
async function citedText(page: Page): Promise<string> {
  await page.locator('.reader mark.cited').first().waitFor();
  return (await page.locator('.reader mark.cited').allTextContents()).join(' ');
}

const squeeze = (text: string | null) => String(text).replace(/\s+/g, ' ').trim();

/** Follows a citation link and checks the reader highlights `quote` (whitespace aside) and shows it on screen. */
async function followCitation(page: Page, link: Locator, quote: string): Promise<void> {
  expect(await link.getAttribute('href')).toMatch(READER_HREF);
  await link.click();
  await page.waitForURL(/\/document\//);
  expect(squeeze(await citedText(page))).toBe(squeeze(quote));
  await expect.poll(() => page.locator('.reader mark.cited').first().isVisible()).toBe(true);
  const inView = await page
    .locator('.reader mark.cited')
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
  expect(inView).toBe(true);
}

describe('the document reader', () => {
  it("when a search hit's citation is clicked, then the reader opens at its best sentence, highlighted", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    const hit = page.locator('.hits article[data-type="passage"]').first();
    await hit.waitFor();
    const sentence = await hit.locator('mark.match').first().textContent();
    const link = hit.locator('.doc-line a.cite');
    const title = await link.textContent();
    await followCitation(page, link, String(sentence));
    expect(await citedText(page)).toBe(sentence);
    expect(await page.locator('h1').textContent()).toBe(title);
    // Metadata and the access label; the text carries sentence spans and passage markers.
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('Access');
    expect(await page.locator('.facts .access').textContent()).toBe('public');
    expect(facts).toMatch(/Languageen/);
    expect(await page.locator('.doc-text .sentence').count()).toBeGreaterThan(5);
    expect(await page.locator('.doc-text .passage-start').count()).toBeGreaterThan(1);
    await shot(page, 'reader-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when a practice source, trend evidence, relation evidence or path hop is followed, then the reader highlights it', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    await page.locator('.hits article[data-type="practice"] h2 a').first().click();
    const source = page.locator('.sources .source').first();
    await source.waitFor();
    await followCitation(page, source.locator('a.cite'), String(await source.locator('blockquote').textContent()));

    await page.goto(`${site.running.url}/trends`);
    const trendEvidence = page.locator('.trend-list .evidence li').first();
    await trendEvidence.waitFor();
    const trendQuote = await trendEvidence.locator('blockquote.evidence-text').textContent();
    await followCitation(page, trendEvidence.locator('a.cite'), String(trendQuote));

    await page.goto(`${site.running.url}/entity/country/${encodeURIComponent('country:BE')}`);
    const relationEvidence = page.locator('.relations .evidence li').first();
    await relationEvidence.waitFor();
    const relationQuote = await relationEvidence.locator('blockquote.evidence-text').textContent();
    await followCitation(page, relationEvidence.locator('a.cite'), String(relationQuote));

    await page.goto(
      `${site.running.url}/graph?mode=paths&from=${encodeURIComponent('country:US')}&to=${encodeURIComponent('country:BE')}`,
    );
    const hop = page
      .locator('.hops li')
      .filter({ has: page.locator('a.cite') })
      .first();
    await hop.waitFor();
    const hopQuote = await hop.locator('blockquote.evidence-text').first().textContent();
    await followCitation(page, hop.locator('a.cite').first(), String(hopQuote));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the citation is far into the document, then earlier text loads above it and the highlight stays', async () => {
    const { page, errors } = await openPage();
    const doc = await (await fetch(`${site.running.url}/api/documents/${encodeURIComponent(BROCHURE)}`)).json();
    const last = doc.sentences.at(-1);
    await page.goto(
      `${site.running.url}/document/${encodeURIComponent(BROCHURE)}?start=${last.span.start}&end=${last.span.end}`,
    );
    expect(await citedText(page)).toBe(last.text);
    expect(last.span.start).toBeGreaterThan(1500);
    const earlier = page.getByRole('button', { name: 'Show earlier text' });
    await earlier.click();
    await expect.poll(() => earlier.count()).toBe(0);
    // The button goes before the earlier text is in place (CI saw the old text once): wait for the text itself.
    await expect.poll(() => page.locator('.doc-text').textContent()).toBe(doc.page.text.replace(/\n\s*\n/g, ''));
    expect(await citedText(page)).toBe(last.text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the page is 420 px wide, then the reader fits without scrolling sideways', async () => {
    const { page, errors } = await openPage(420);
    const doc = await (await fetch(`${site.running.url}/api/documents/${encodeURIComponent(BROCHURE)}`)).json();
    const cited = doc.sentences[3];
    await page.goto(
      `${site.running.url}/document/${encodeURIComponent(BROCHURE)}?start=${cited.span.start}&end=${cited.span.end}`,
    );
    expect(await citedText(page)).toBe(cited.text);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'reader-420');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the document does not exist, then the reader says so', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/document/${encodeURIComponent('corpus/documents/gone.txt')}?start=0&end=10`);
    await page.locator('h1', { hasText: 'Document not found' }).waitFor();
    expect(await page.locator('.state').textContent()).toContain('corpus/documents/gone.txt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
