/**
 * An unknown page path in a real browser (Debian's Chromium via playwright-core): the server answers 404 with the
 * page, which shows its own "not found" view with a link home; the API's unknown paths stay JSON problems.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Runtime } from '../../src/runtime.js';
import { startServer, stopServer, type RunningServer } from '../../src/server.js';
import { openTestRuntime } from '../support/runtime.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

let rt: Runtime;
let running: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  rt = await openTestRuntime({ IWG_RATE_LIMIT_PER_MINUTE: '10000' });
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

describe('when an analyst opens an address that is not a page', () => {
  it('then the page shows its not-found view, served with 404, and its link leads home', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    for (const path of ['/no-such-page', '/practice/a/b']) {
      const response = await page.goto(running.url + path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      expect(await page.title()).toBe('Page not found · iwg-graph');
    }
    await page.screenshot({ path: join(SHOTS, 'not-found-1280.png'), fullPage: true });
    await page.getByRole('link', { name: 'Go to search' }).click();
    await page.getByLabel('Search the IWG documents').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('then an unknown API path opened in the browser is still a JSON problem 404', async () => {
    const page = await browser.newPage();
    const response = await page.goto(running.url + '/api/no-such-thing');
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(await response!.text())).toMatchObject({ status: 404, title: 'Not found' });
    await page.close();
  });
});
