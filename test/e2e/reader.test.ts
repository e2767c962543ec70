/**
 * The document reader in a real browser (Debian's Chromium driven by playwright-core): every kind of citation on
 * the page links to it, and it opens at the cited span with that span highlighted. Screenshots land in
 * test-artifacts/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestCorpusOnStart, ingestPaths } from '../../src/ingest-service.js';
import type { Runtime } from '../../src/runtime.js';
import { startServer, stopServer, type RunningServer } from '../../src/server.js';
import { openTestRuntime } from '../support/runtime.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');
const FIXTURES = join(PROJECT_ROOT, 'test', 'e2e', 'fixtures', 'dated');
const QUESTION = 'Should an operator allow remote access to safety systems?';
const BROCHURE = 'corpus/documents/infcirc-908-iwg-brochure.txt';
/** A reader link: the document's URL-encoded id and the cited offsets. */
const READER_HREF = /^\/document\/[^/?]+\?start=\d+&end=\d+$/;

let rt: Runtime;
let running: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  // A cold search on a busy machine can take longer than the default 10 s query timeout.
  rt = await openTestRuntime({ IWG_RATE_LIMIT_PER_MINUTE: '10000', IWG_QUERY_TIMEOUT_MS: '60000' });
  await ingestCorpusOnStart(rt, rt.config.corpus.dir);
  await ingestPaths(rt, [FIXTURES]);
  running = await startServer({
    config: rt.config,
    runtime: rt,
    log: rt.log,
    state: { ingested: true, schemaApplied: true },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (running) await stopServer(running);
  await rt?.close();
});

/** A fresh page at the given width that fails the test on a page error (and leaves a screenshot when it fails). */
async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(60_000);
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    const name = task.name.replace(/\W+/g, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `failed-${name}-${width}.png`), fullPage: true }).catch(() => {});
    process.stderr.write(`page ${page.url()} errors: ${errors.join(' | ')}\n`);
  });
  return { page, errors };
}

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
    await page.goto(`${running.url}/search?q=${encodeURIComponent(QUESTION)}`);
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
    await page.screenshot({ path: join(SHOTS, 'reader-1280.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when a practice source, trend evidence, relation evidence or path hop is followed, then the reader highlights it', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    await page.locator('.hits article[data-type="practice"] h2 a').first().click();
    const source = page.locator('.sources .source').first();
    await source.waitFor();
    await followCitation(page, source.locator('a.cite'), String(await source.locator('blockquote').textContent()));

    await page.goto(`${running.url}/trends`);
    const trendEvidence = page.locator('.trend-list .evidence li').first();
    await trendEvidence.waitFor();
    const trendQuote = await trendEvidence.locator('blockquote.evidence-text').textContent();
    await followCitation(page, trendEvidence.locator('a.cite'), String(trendQuote));

    await page.goto(`${running.url}/entity/country/${encodeURIComponent('country:BE')}`);
    const relationEvidence = page.locator('.relations .evidence li').first();
    await relationEvidence.waitFor();
    const relationQuote = await relationEvidence.locator('blockquote.evidence-text').textContent();
    await followCitation(page, relationEvidence.locator('a.cite'), String(relationQuote));

    await page.goto(
      `${running.url}/graph?mode=paths&from=${encodeURIComponent('country:US')}&to=${encodeURIComponent('country:BE')}`,
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
    const doc = await (await fetch(`${running.url}/api/documents/${encodeURIComponent(BROCHURE)}`)).json();
    const last = doc.sentences.at(-1);
    await page.goto(
      `${running.url}/document/${encodeURIComponent(BROCHURE)}?start=${last.span.start}&end=${last.span.end}`,
    );
    expect(await citedText(page)).toBe(last.text);
    expect(last.span.start).toBeGreaterThan(1500);
    const earlier = page.getByRole('button', { name: 'Show earlier text' });
    await earlier.click();
    await expect.poll(() => earlier.count()).toBe(0);
    expect(await page.locator('.doc-text').textContent()).toBe(doc.page.text.replace(/\n\s*\n/g, ''));
    expect(await citedText(page)).toBe(last.text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the page is 420 px wide, then the reader fits without scrolling sideways', async () => {
    const { page, errors } = await openPage(420);
    const doc = await (await fetch(`${running.url}/api/documents/${encodeURIComponent(BROCHURE)}`)).json();
    const cited = doc.sentences[3];
    await page.goto(
      `${running.url}/document/${encodeURIComponent(BROCHURE)}?start=${cited.span.start}&end=${cited.span.end}`,
    );
    expect(await citedText(page)).toBe(cited.text);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, 'reader-420.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when the document does not exist, then the reader says so', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${running.url}/document/${encodeURIComponent('corpus/documents/gone.txt')}?start=0&end=10`);
    await page.locator('h1', { hasText: 'Document not found' }).waitFor();
    expect(await page.locator('.state').textContent()).toContain('corpus/documents/gone.txt');
    expect(errors).toEqual([]);
    await page.close();
  });
});
