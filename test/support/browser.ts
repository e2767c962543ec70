/**
 * What the browser tests share: the app over a test runtime served on a free port, Debian's Chromium driven by
 * playwright-core, and pages that collect page errors and leave a screenshot (test-artifacts/screenshots/) when
 * their test fails.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Runtime } from '../../src/runtime.js';
import { startServer, stopServer, type RunningServer } from '../../src/server.js';
import { openTestRuntime } from './runtime.js';

const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

export interface Site {
  rt: Runtime;
  running: RunningServer;
  browser: Browser;
}

/**
 * A fresh test runtime configured by `env` (a generous rate limit added), filled by `seed`, served over HTTP, and
 * Chromium launched offline. What was started is stopped again when a later step fails.
 */
export async function startSite(env: Record<string, string>, seed?: (rt: Runtime) => Promise<void>): Promise<Site> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  mkdirSync(SHOTS, { recursive: true });
  const site: Partial<Site> = {};
  try {
    site.rt = await openTestRuntime({ IWG_RATE_LIMIT_PER_MINUTE: '10000', ...env });
    await seed?.(site.rt);
    const { rt } = site;
    site.running = await startServer({
      config: rt.config,
      runtime: rt,
      log: rt.log,
      state: { ingested: true, schemaApplied: true },
    });
    site.browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Nothing that would call out of localhost (the web test checks every request).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    return site as Site;
  } catch (err) {
    await stopSite(site);
    throw err;
  }
}

/** Stops what `startSite` started (any part of it). */
export async function stopSite(site: Partial<Site> | undefined): Promise<void> {
  await site?.browser?.close();
  if (site?.running) await stopServer(site.running);
  await site?.rt?.close();
}

export interface PageOptions {
  width?: number;
  timeoutMs?: number;
  context?: BrowserContextOptions;
  /** Called with the new page before it is used: listeners for requests, dialogs … */
  prepare?: (page: Page) => void;
}

/**
 * A fresh page (1280 px wide unless told) that collects page errors and, when the test fails, leaves a screenshot
 * and prints them. Call it inside a test.
 */
export async function openPage(browser: Browser, o: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const width = o.width ?? 1280;
  const page = await browser.newPage({ viewport: { width, height: 900 }, ...o.context });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  o.prepare?.(page);
  page.setDefaultTimeout(o.timeoutMs ?? 60_000);
  onTestFailed(async ({ task }) => {
    if (page.isClosed()) return;
    const name = task.name.replace(/\W+/g, '-').slice(0, 60);
    await page.screenshot({ path: join(SHOTS, `failed-${name}-${width}.png`), fullPage: true }).catch(() => {});
    process.stderr.write(`page ${page.url()} errors: ${errors.join(' | ')}\n`);
  });
  return { page, errors };
}

/** A full-page screenshot named `name` in test-artifacts/screenshots/. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
