/**
 * The API reference page (/docs) and the app's pages in a real browser: no request fails (the favicon included),
 * the "API key" badge follows what the service really asks — required for writes, optional for reads, which answer
 * without a key — and descriptions show `code` as code, not backticks.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, shot, startSite, stopSite, type Site } from '../support/browser.js';

let site: Site;

beforeAll(async () => {
  site = await startSite({ IWG_API_KEYS: 'k-docs' });
});
afterAll(() => stopSite(site));

/** Opens `path` and records every failed response and console error until the page has loaded. */
async function visit(path: string): Promise<{ page: Page; failures: string[] }> {
  const failures: string[] = [];
  const { page, errors } = await openPage(site.browser, {
    prepare: (p) => {
      p.on('response', (res) => {
        if (res.status() >= 400) failures.push(`${res.status()} ${res.url()}`);
      });
      p.on('console', (msg) => {
        if (msg.type() === 'error') failures.push(`console: ${msg.text()}`);
      });
    },
  });
  await page.goto(site.running.url + path, { waitUntil: 'networkidle' });
  failures.push(...errors);
  return { page, failures };
}

describe('when an analyst opens the API reference or a page of the app', () => {
  it.each(['/docs', '/', '/trends'])('then %s loads with no failed request, its favicon included', async (path) => {
    const { page, failures } = await visit(path);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const res = await fetch(new URL(icon!, site.running.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(failures).toEqual([]);
    await page.close();
  });

  it('then a browser asking for /favicon.ico by habit gets the icon, not a 404', async () => {
    const res = await fetch(site.running.url + '/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('then only operations that need a key say "API key required", as requests without a key confirm', async () => {
    const { page } = await visit('/docs');
    const ops = await page.locator('section.op').evaluateAll((els) =>
      els.map((el) => ({
        id: el.id,
        required: el.querySelector('.key-required') !== null,
        optional: el.querySelector('.key-optional') !== null,
      })),
    );
    const badge = (id: string) => ops.find((o) => o.id === id);
    expect(badge('post/api/documents')).toMatchObject({ required: true, optional: false });
    expect(badge('delete/api/documents/{id}')).toMatchObject({ required: true, optional: false });
    expect(badge('post/api/search')).toMatchObject({ required: false, optional: true });
    expect(badge('get/health')).toMatchObject({ required: false, optional: false });
    // What the service does without a key: reads answer, writes are refused.
    const read = await fetch(site.running.url + '/api/facets');
    expect(read.status).toBe(200);
    const write = await fetch(site.running.url + '/api/documents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'x', metadata: { title: 'x' } }),
    });
    expect(write.status).toBe(401);
    expect(ops.filter((o) => o.required).map((o) => o.id)).toEqual(
      ops.filter((o) => /^(post|delete)\/api\/documents/.test(o.id)).map((o) => o.id),
    );
    await shot(page, 'docs-1280');
    await page.close();
  });

  it('then descriptions show inline code as code, with no backtick left', async () => {
    const { page } = await visit('/docs');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('`');
    // The search description's `confidence` is set as code.
    expect(await page.locator('[id="post/api/search"] .d code', { hasText: 'confidence' }).count()).toBe(1);
    // A date's pattern reads as written, its backslashes single.
    expect(text).toContain('pattern ^\\d{4}-\\d{2}-\\d{2}$');
    expect(text).not.toContain('\\\\d');
    await page.close();
  });
});
