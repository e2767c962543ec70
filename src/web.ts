/**
 * Serves the analysts' web page (web/) and the vendored browser libraries it uses: no CDN, so the page works on an
 * air-gapped network. The page routes with the History API, so its view paths all answer with index.html.
 */
import express, { type Express, type Request, type RequestHandler } from 'express';
import { join } from 'node:path';
import { isPagePath } from '../web/routes.js';
import { PROJECT_ROOT } from './config.js';

/** Only these files of node_modules are reachable, each under /vendor/<name>. */
const VENDOR_FILES: Record<string, { pkg: string; file: string }> = {
  'chart.umd.min.js': { pkg: 'chart.js', file: 'dist/chart.umd.min.js' },
  'cytoscape.esm.min.mjs': { pkg: 'cytoscape', file: 'dist/cytoscape.esm.min.mjs' },
};

/** Direct dependencies install at the top of node_modules (chart.js does not export its package.json). */
function packageDir(pkg: string): string {
  return join(PROJECT_ROOT, 'node_modules', pkg);
}

/**
 * Mounts web/ at / and the vendored libraries at /vendor. The page's own paths (web/routes.js, the table its
 * router uses) answer with index.html. Any other GET a browser makes for a page (it asks for HTML, and the path is
 * not under /api) gets the page with status 404, which shows its own "not found" view; everything else falls
 * through to the 404 problem.
 */
export function mountWeb(app: Express): void {
  const webDir = join(PROJECT_ROOT, 'web');
  for (const [name, { pkg, file }] of Object.entries(VENDOR_FILES)) {
    const path = join(packageDir(pkg), file);
    app.get(`/vendor/${name}`, (_req, res, next) => {
      res.type('text/javascript').sendFile(path, { maxAge: '1d' }, (err) => err && next(err));
    });
  }
  // The pages link web/favicon.svg; a browser showing a page without that link (the JSON API, /health) asks for
  // /favicon.ico by habit, and gets the same icon rather than a 404.
  app.get('/favicon.ico', (_req, res, next) => {
    res.type('image/svg+xml').sendFile(join(webDir, 'favicon.svg'), { maxAge: '1d' }, (err) => err && next(err));
  });
  app.use('/', express.static(webDir, { index: 'index.html' }));
  const sendIndex: RequestHandler = (req, res, next) => {
    if (!isPagePath(req.path)) return next();
    res.sendFile(join(webDir, 'index.html'), (err) => err && next(err));
  };
  app.get(/.*/, sendIndex);
  app.use((req, res, next) => {
    if (!isPageRequest(req)) return next();
    res.status(404).sendFile(join(webDir, 'index.html'), (err) => err && next(err));
  });
}

/** A browser's navigation to a path outside the API: it prefers HTML to JSON (curl and fetch accept any type). */
function isPageRequest(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path === '/api' || req.path.startsWith('/api/')) return false;
  return req.accepts(['json', 'html']) === 'html';
}
