/**
 * The trends page's "Emerging themes not in the taxonomy" in a real browser: over the bundled corpus, the dated
 * fixtures and four dated documents carrying a theme the taxonomy lacks, the theme is listed with its key phrases,
 * its evidence sentence has them marked, and its link opens the reader with the sentence highlighted.
 * Screenshots: test-artifacts/screenshots/trends-themes*.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ingestCorpusOnStart, ingestPaths } from '../../src/ingest-service.js';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const PRINTED = [
  'Build files for additively manufactured spare parts were copied by a technician before the printer job ran.',
  'A 3D printer in the workshop produced spare parts from build files that no engineer had reviewed.',
  'Additively manufactured valve parts can hide a flaw placed in the build file by a technician with a grudge.',
  'The plant now signs every build file for additively manufactured spare parts before it reaches the printer.',
];
const dir = mkdtempSync(join(tmpdir(), 'iwg-themes-e2e-'));
let site: Site;

beforeAll(async () => {
  const docs = [
    ['printed-2022.md', '2022-05-01', PRINTED.slice(0, 2)],
    ['printed-2023.md', '2023-05-01', PRINTED.slice(1, 4)],
    ['printed-2024a.md', '2024-03-01', PRINTED],
    ['printed-2024b.md', '2024-09-01', [...PRINTED].reverse()],
  ] as const;
  const manifest = ['# SYNTHETIC documents for the themes browser test.', 'documents:'];
  for (const [file, date, sentences] of docs) {
    writeFileSync(join(dir, file), [`# Workshop note ${date} (synthetic)`, '', ...sentences].join('\n\n') + '\n');
    manifest.push(
      `  - path: ${file}`,
      `    title: Workshop note ${date} (synthetic)`,
      '    type: newsletter',
      `    date: '${date}'`,
      '    language: en',
      '    access: public',
    );
  }
  writeFileSync(join(dir, 'manifest.yaml'), manifest.join('\n') + '\n');
  site = await startSite({ IWG_QUERY_TIMEOUT_MS: '60000' }, async (rt) => {
    await ingestCorpusOnStart(rt, rt.config.corpus.dir);
    await ingestPaths(rt, [join(PROJECT_ROOT, 'test', 'e2e', 'fixtures', 'dated'), dir]);
  });
});
afterAll(async () => {
  await stopSite(site);
  rmSync(dir, { recursive: true, force: true });
});

describe('the trends page', () => {
  it('when an analyst opens it, then emerging themes not in the taxonomy are listed with marked evidence that opens the reader', async () => {
    const { page, errors } = await openPage(site.browser, { width: 1280 });
    await page.goto(`${site.running.url}/trends`);
    await page.getByRole('heading', { name: 'Emerging themes not in the taxonomy' }).waitFor();
    const theme = page.locator('.theme-list li.theme', { hasText: /build file|additively manufactured/ }).first();
    await theme.waitFor();
    const phrases = await theme.locator('.chip.phrase').allTextContents();
    expect(phrases.join(' ')).toMatch(/build file|additively manufactured|spare parts|printer/);
    // Growth is stated in the unit the trends above it use (the page's default interval, a year).
    expect(await theme.locator('.trend-head').textContent()).toMatch(/growth [^·]+ per year ·/);
    await theme.locator('details').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const marked = await theme.locator('.evidence mark.mention').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const m of marked) expect(phrases).toContain(m.toLowerCase());
    await shot(page, 'trends-themes');
    const quote = (await theme.locator('.evidence blockquote').first().textContent())!.trim();
    await theme.locator('.evidence a.cite').first().click();
    await page.locator('.reader mark.cited').first().waitFor();
    const cited = (await page.locator('.reader mark.cited').allTextContents()).join(' ');
    expect(cited.replace(/\s+/g, ' ').trim()).toBe(quote.replace(/\s+/g, ' '));
    await shot(page, 'trends-themes-reader');
    expect(errors).toEqual([]);
    await page.close();
  });
});
