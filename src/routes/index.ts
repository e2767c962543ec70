/** Mounts the /api routes. */
import type { Express } from 'express';
import type { AppDeps } from '../server.js';
import type { Metrics } from '../metrics.js';

export function mountApi(_app: Express, _deps: AppDeps & { metrics: Metrics }): void {}
