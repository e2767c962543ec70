/**
 * Every page the web app routes to loads directly (a bookmark, a reload, a pasted link): the server answers each
 * path of web/routes.js — the router's own table — with index.html, and the table covers every link of the
 * page's navigation and every view web/app.js mounts.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ROUTES } from '../../web/routes.js';
import { mountWeb } from '../../src/web.js';

/** A concrete path of each route, its parameters filled in. */
const EXAMPLES: Record<string, string> = {
  search: '/search',
  practice: '/practice/practice%3Aaccess-control',
  entity: '/entity/country/country%3ABE',
  trends: '/trends',
  graph: '/graph',
  communities: '/communities',
  document: '/document/corpus%2Fdocuments%2Finfcirc-908-iwg-brochure.txt',
  upload: '/upload',
};
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const webFile = (name: string) => readFile(new URL(`../../web/${name}`, import.meta.url), 'utf8');

let server: Server;
let base: string;
beforeAll(async () => {
  const app = express();
  mountWeb(app);
  app.use((_req, res) => void res.status(404).type('text/plain').send('fell through'));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('when a page path is loaded directly', () => {
  it('then every route of the router answers 200 with the page, for a browser and for curl alike', async () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(PAGE_ROUTES.map((r) => r.name).sort());
    for (const route of PAGE_ROUTES) {
      const path = EXAMPLES[route.name];
      expect(route.pattern.test(path), `${route.name}: ${path}`).toBe(true);
      for (const accept of [BROWSER, '*/*']) {
        const res = await fetch(base + path, { headers: { accept } });
        expect(res.status, `${path} (${accept})`).toBe(200);
        expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
        expect(await res.text()).toContain('<script type="module" src="/app.js">');
      }
    }
  });

  it('then every link of the navigation is a route of the router', async () => {
    const html = await webFile('index.html');
    const nav = html.slice(html.indexOf('class="site-nav"'), html.indexOf('</nav>'));
    const links = [...nav.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]);
    expect(links).toContain('/communities');
    for (const href of links) {
      expect(
        PAGE_ROUTES.some((r) => r.pattern.test(href)),
        href,
      ).toBe(true);
      expect((await fetch(base + href, { headers: { accept: BROWSER } })).status, href).toBe(200);
    }
  });

  it('then web/app.js has a view for every route', async () => {
    const app = await webFile('app.js');
    const views = app.slice(app.indexOf('const VIEWS = {'), app.indexOf('};', app.indexOf('const VIEWS = {')));
    const names = [...views.matchAll(/^\s+(\w+): \w+View,$/gm)].map((m) => m[1]);
    expect(names.sort()).toEqual(PAGE_ROUTES.map((r) => r.name).sort());
  });
});

describe('when a path is not a page', () => {
  it('then curl gets no page: the request falls through', async () => {
    for (const path of ['/communities/extra', '/nowhere', '/practice']) {
      const res = await fetch(base + path, { headers: { accept: '*/*' } });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('fell through');
    }
  });
});
