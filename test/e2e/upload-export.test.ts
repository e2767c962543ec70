/**
 * Upload and export from the analysts' page in a real browser (Debian's Chromium, playwright-core): a document
 * uploaded with its metadata through the Upload view (the API key asked once) is then found by search, a refused
 * upload shows the service's reason, and the CSV and JSON exports of search results and related practices parse
 * and hold citations whose quotes are the documents' text at the cited spans.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from '../../queries/documents.js';
import { ingestCorpusOnStart } from '../../src/ingest-service.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';
import { readCsv } from '../support/csv.js';

const KEY = 'page-upload-key';
const QUESTION = 'Should an operator allow remote access to safety systems?';
const NO_REMOTE_ACCESS = 'The operator should not permit remote access to critical systems';
const UPLOAD_TITLE = 'Marmoset depot badge audit';
const UPLOAD_TEXT = [
  'Marmoset depot badge audit',
  '',
  'The marmoset depot reviewed how badges are issued to contractors. Operators should revoke the badge of a',
  'contractor on the day the contract ends, and the security officer should audit badge records every month.',
].join('\n');
const COLUMNS = ['rank', 'kind', 'id', 'text', 'documentId', 'documentTitle', 'documentDate', 'documentType'];

let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_API_KEYS: KEY, IWG_QUERY_TIMEOUT_MS: '120000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
  });
});
afterAll(() => stopSite(site));

/** A fresh page that answers the API key prompt with KEY and counts the prompts. */
async function openPage(width = 1280): Promise<{ page: Page; errors: string[]; prompts: string[] }> {
  const prompts: string[] = [];
  const { page, errors } = await openBrowserPage(site.browser, {
    width,
    timeoutMs: 120_000,
    context: { acceptDownloads: true },
    prepare: (p) =>
      p.on('dialog', (dialog) => {
        prompts.push(dialog.message());
        void dialog.accept(KEY);
      }),
  });
  return { page, errors, prompts };
}

async function downloaded(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: (download as Download).suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** The document's text at a span, read from the graph: what a citation must quote. */
async function textAt(documentId: string, start: number, end: number): Promise<string> {
  const doc = await getDocument(site.rt.graph, { id: documentId, offset: 0, limit: 100_000 }, ['public', 'restricted']);
  if (!doc) throw new Error(`no document ${documentId}`);
  return doc.page.text.slice(start - doc.page.offset, end - doc.page.offset);
}

/** Selects a file for the Upload view's file input. */
async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel(/^File/).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

describe('when an analyst uploads from the page', () => {
  it('then the key is asked once, the page shows the upload under way and its summary, and search finds it', async () => {
    const { page, errors, prompts } = await openPage();
    // Hold the upload briefly so the busy state is observable however fast the ingest is.
    await page.route('**/api/documents', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.goto(`${site.running.url}/`);
    await page.getByRole('link', { name: 'Upload' }).click();
    await page.waitForURL(/\/upload$/);
    const types = page.getByLabel('Document type');
    await expect
      .poll(() => types.locator('option').allTextContents())
      .toEqual(['Not set', 'Web page', 'Brochure', 'Newsletter', 'Meeting summary', 'Guide', 'Other']);
    await chooseFile(page, 'marmoset-badges.txt', UPLOAD_TEXT);
    await page.getByLabel('Title').fill(UPLOAD_TITLE);
    await types.selectOption('guide');
    await page.getByLabel('Date').fill('2024-05-02');
    await page.getByLabel('Access label').selectOption('public');
    await shot(page, 'upload-form-1280');
    await page.getByRole('button', { name: 'Upload and ingest' }).click();

    await page.locator('.upload-busy').waitFor();
    expect(await page.getByRole('button', { name: 'Upload and ingest' }).isDisabled()).toBe(true);
    const summary = page.locator('.upload-summary');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe('Added to the graph');
    expect(await summary.textContent()).toContain('upload:marmoset-badges.txt');
    expect(Number(await summary.locator('.count-passages').textContent())).toBeGreaterThan(0);
    expect(Number(await summary.locator('.count-practices').textContent())).toBeGreaterThan(0);
    await shot(page, 'upload-added-1280');

    // The same file again: unchanged, and no second prompt for the key.
    await page.getByRole('button', { name: 'Upload and ingest' }).click();
    await expect.poll(() => summary.locator('h2').textContent()).toMatch(/^Unchanged/);
    expect(prompts).toHaveLength(1);

    await page.goto(`${site.running.url}/search?q=${encodeURIComponent('marmoset depot contractor badges')}`);
    const hit = page.locator('.hits article', { hasText: UPLOAD_TITLE }).first();
    await hit.waitFor();
    expect(await hit.locator('.doc-line').textContent()).toContain('2024-05-02 · guide');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('then a file the service refuses shows the reason it gave', async () => {
    const { page, errors } = await openPage(420);
    await page.goto(`${site.running.url}/upload`);
    await chooseFile(page, 'minutes.docx', 'not a supported format');
    await page.getByRole('button', { name: 'Upload and ingest' }).click();
    const failure = page.locator('.upload-failure');
    await failure.waitFor();
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('minutes.docx was not ingested');
    expect(text).toContain('(415)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'upload-refused-420');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('when an analyst exports a list', () => {
  it('then the search results download as CSV and JSON whose citations quote the documents at their spans', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    await page.locator('.hits article').first().waitFor();
    const shown = await page.locator('.hits article').count();
    await shot(page, 'search-export-1280');

    const csv = await downloaded(page, page.locator('.results .export-csv'));
    expect(csv.name).toBe('iwg-search-should-an-operator-allow-remote-access-to-safety.csv');
    const records = readCsv(csv.text.replace(/^\uFEFF/, ''));
    const header = records[0];
    expect(header.slice(0, COLUMNS.length)).toEqual(COLUMNS);
    const rows = records.slice(1).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
    expect(rows).toHaveLength(shown);
    for (const row of rows) {
      expect(row.link).toBe(
        `${site.running.url}/document/${encodeURIComponent(row.documentId)}?start=${row.start}&end=${row.end}`,
      );
      expect(await textAt(row.documentId, Number(row.start), Number(row.end))).toBe(row.quote);
    }
    expect(rows.some((r) => r.kind === 'practice' && r.text.includes(NO_REMOTE_ACCESS))).toBe(true);

    const json = JSON.parse((await downloaded(page, page.locator('.results .export-json'))).text);
    expect(json.about).toBe(`search ${QUESTION}`);
    expect(json.items).toHaveLength(shown);
    expect(json.items[0].citations[0]).toMatchObject({ documentId: rows[0].documentId, quote: rows[0].quote });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("then a practice's related practices download with every source as a citation", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${site.running.url}/search?q=${encodeURIComponent(QUESTION)}`);
    await page
      .locator('.hits article[data-type="practice"]', { hasText: NO_REMOTE_ACCESS })
      .first()
      .locator('h2 a')
      .click();
    await page.waitForURL(/\/practice\//);
    const related = page.locator('.related');
    await related.locator('.related-list li').first().waitFor();
    const listed = await related.locator('.related-list li').count();
    await shot(page, 'practice-export-1280');

    const json = JSON.parse((await downloaded(page, related.locator('.export-json'))).text);
    expect(json.items).toHaveLength(listed);
    const citations = json.items.flatMap((item: { citations: unknown[] }) => item.citations);
    expect(citations.length).toBeGreaterThanOrEqual(listed);
    for (const c of citations) expect(await textAt(c.documentId, c.start, c.end)).toBe(c.quote);

    const records = readCsv((await downloaded(page, related.locator('.export-csv'))).text.replace(/^\uFEFF/, ''));
    expect(records).toHaveLength(citations.length + 1);
    expect(records.slice(1).map((r) => r[2])).toEqual(
      json.items.flatMap((item: { id: string; citations: unknown[] }) => item.citations.map(() => item.id)),
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
