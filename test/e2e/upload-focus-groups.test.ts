/**
 * Focus groups on upload, in a real browser (Debian's Chromium, playwright-core): the Upload view offers the
 * taxonomy's focus groups (the ones the upload's validation accepts), and a document uploaded with some declares
 * them in the graph, where trends attribute its mentions to them, and the reader shows them with its metadata.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/ingest-service.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const WRITER = 'focus-groups-writer-key';
const DOC_ID = 'upload:heron-cyber-review.txt';
const TEXT = [
  'Heron plant cyber review',
  '',
  'The heron plant reviewed how contractors reach its control network. Operators should disable remote access',
  'to safety systems and the security officer should review the access logs every week.',
].join('\n');
const CYBER = 'focus-group:cybersecurity';
const CULTURE = 'focus-group:security-culture';

let site: Site;
let groupNames: Map<string, string>;

beforeAll(async () => {
  site = await startSite({ IWG_API_KEYS: WRITER, IWG_QUERY_TIMEOUT_MS: '120000' });
  const taxonomy = await loadTaxonomy(site.rt.config.corpus.dir);
  groupNames = new Map(taxonomy.entities.filter((e) => e.kind === 'focusGroup').map((e) => [e.id, e.name]));
});
afterAll(() => stopSite(site));

/** A fresh page that answers every API key prompt with `key` and records the prompts. */
async function openPage(key: string, width = 1280): Promise<{ page: Page; errors: string[]; prompts: string[] }> {
  const prompts: string[] = [];
  const { page, errors } = await openBrowserPage(site.browser, {
    width,
    timeoutMs: 120_000,
    prepare: (p) =>
      p.on('dialog', (dialog) => {
        prompts.push(dialog.message());
        void dialog.accept(key);
      }),
  });
  return { page, errors, prompts };
}

describe('when an analyst uploads a document with focus groups from the page', () => {
  it('then the form lists the taxonomy’s focus groups and the document declares the ones chosen', async () => {
    expect(groupNames.has(CYBER) && groupNames.has(CULTURE)).toBe(true);
    const { page, errors, prompts } = await openPage(WRITER);
    await page.goto(`${site.running.url}/upload`);
    const groups = page.getByLabel('Focus groups');
    await expect.poll(() => groups.locator('option').allTextContents()).toEqual([...groupNames.values()]);
    expect(await groups.getAttribute('multiple')).not.toBeNull();

    await page
      .getByLabel(/^File/)
      .setInputFiles({ name: 'heron-cyber-review.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) });
    await page.getByLabel('Date').fill('2025-03-04');
    await groups.selectOption([CYBER, CULTURE]);
    await shot(page, 'upload-focus-groups-1280');
    await page.getByRole('button', { name: 'Upload and ingest' }).click();
    const summary = page.locator('.upload-summary');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe('Added to the graph');
    expect(await summary.textContent()).toContain(DOC_ID);

    const [stored] = await site.rt.graph.read<{ focusGroups: string[] }>({
      cypher: 'MATCH (d:Document {id: $id}) RETURN d.focusGroups AS focusGroups',
      params: { id: DOC_ID },
    });
    expect(stored.focusGroups).toEqual([CYBER, CULTURE]);

    // The reader lists them with the document's metadata, each a link to the focus group.
    await summary.getByRole('link', { name: 'Read the document' }).click();
    const declared = page.getByRole('list', { name: 'Focus groups the document declares' });
    await declared.waitFor();
    expect(await declared.locator('a').allTextContents()).toEqual([groupNames.get(CYBER), groupNames.get(CULTURE)]);
    expect(await declared.locator('a').first().getAttribute('href')).toContain(encodeURIComponent(CYBER));
    await shot(page, 'reader-focus-groups-1280');
    expect(prompts).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
