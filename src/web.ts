/** Serves the analysts' web page (web/) and the vendored browser libraries it uses: no CDN. */
import express, { type Express } from 'express';
import { join } from 'node:path';
import { PROJECT_ROOT } from './config.js';

export function mountWeb(app: Express): void {
  app.use('/', express.static(join(PROJECT_ROOT, 'web'), { index: 'index.html' }));
}
