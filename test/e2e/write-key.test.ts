/**
 * A write refused for its key (403), in a real browser (Debian's Chromium, playwright-core): the page says the key
 * may not make the change and asks for another, sending the upload again with it; an analyst who gives none sees
 * why the upload failed instead of a silent failure.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/keys.js';
import { openPage as openBrowserPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

const WRITER = 'write-key-test-writer';
const READER = 'write-key-test-reader';
const TEXT = 'Kestrel store badge review\n\nOperators should revoke a contractor badge on the day the contract ends.';

let site: Site;
let keysDir: string;

beforeAll(async () => {
  keysDir = await mkdtemp(join(tmpdir(), 'iwg-write-key-'));
  const keysFile = join(keysDir, 'keys.yaml');
  // A valid key that reads every label but may not write.
  await writeFile(
    keysFile,
    `keys:\n  - name: reader\n    sha256: ${hashKey(READER)}\n    read: [public, restricted]\n    write: false\n`,
  );
  site = await startSite({ IWG_API_KEYS: WRITER, IWG_KEYS_FILE: keysFile, IWG_QUERY_TIMEOUT_MS: '120000' });
});
afterAll(async () => {
  await stopSite(site);
  await rm(keysDir, { recursive: true, force: true });
});

/** A fresh page whose prompts are answered in turn by `answers` (null dismisses one); the prompts are recorded. */
async function openPage(answers: (string | null)[]): Promise<{ page: Page; errors: string[]; prompts: string[] }> {
  const prompts: string[] = [];
  const { page, errors } = await openBrowserPage(site.browser, {
    timeoutMs: 120_000,
    prepare: (p) =>
      p.on('dialog', (dialog) => {
        prompts.push(dialog.message());
        const answer = answers.shift();
        void (answer ? dialog.accept(answer) : dialog.dismiss());
      }),
  });
  return { page, errors, prompts };
}

async function upload(page: Page, name: string): Promise<void> {
  await page.goto(`${site.running.url}/upload`);
  await page.getByLabel(/^File/).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(TEXT) });
  await page.getByRole('button', { name: 'Upload and ingest' }).click();
}

describe('when an upload is sent with a key that may not write', () => {
  it('then the page says the key was refused, asks for another and sends the upload again with it', async () => {
    const { page, errors, prompts } = await openPage([READER, WRITER]);
    await upload(page, 'kestrel-badges.txt');

    const summary = page.locator('.upload-summary');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe('Added to the graph');
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toBe('This iwg-graph service requires an API key:');
    expect(prompts[1]).toContain('refused this change with the API key given (403: This API key may not write)');
    expect(prompts[1]).toContain('Enter an API key with write access');
    // The key given second is the one the tab keeps.
    expect(await page.evaluate(() => sessionStorage.getItem('iwg-graph-api-key'))).toBe(WRITER);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('then an analyst who gives no other key is told why the upload failed', async () => {
    const { page, errors, prompts } = await openPage([READER, null]);
    await upload(page, 'kestrel-refused.txt');

    const failure = page.locator('.upload-failure');
    await failure.waitFor();
    const text = (await failure.textContent()) ?? '';
    expect(text).toContain('kestrel-refused.txt was not ingested: Forbidden (403)');
    expect(text).toContain('The API key given may not make this change (This API key may not write)');
    expect(prompts).toHaveLength(2);
    await shot(page, 'upload-forbidden-1280');
    const [stored] = await site.rt.graph.read<{ n: number }>({
      cypher: 'MATCH (d:Document {id: $id}) RETURN count(d) AS n',
      params: { id: 'upload:kestrel-refused.txt' },
    });
    expect(Number(stored.n)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
