/**
 * Mounts the /api routes, the OpenAPI document (/api/openapi.json) and its rendered reference (/docs).
 * Each route gets the shared context: config, runtime, a timed graph, metrics and the cached query embedder.
 */
import type { Express, RequestHandler } from 'express';
import type { Metrics } from '../metrics.js';
import { buildOpenApi } from '../openapi.js';
import { renderDocsHtml } from '../openapi-html.js';
import type { AppDeps } from '../server.js';
import { communityRoutes } from './communities.js';
import { documentTypeRoutes } from './document-types.js';
import { documentRoutes } from './documents.js';
import { createQueryEmbedder } from './embedding.js';
import { entityRoutes } from './entities.js';
import { graphRoutes } from './neighbourhood.js';
import { practiceRoutes } from './practices.js';
import { mountRoute, refuseOtherMethods, refuseOtherMethodsOnFixedPaths, timedGraph, type RouteSpec } from './route.js';
import { searchRoutes } from './search.js';
import { themeRoutes } from './themes.js';
import { trendRoutes } from './trends.js';

/** Every API route, in mount order. */
export function apiRoutes(config: AppDeps['config']): RouteSpec[] {
  return [
    ...searchRoutes,
    ...practiceRoutes,
    ...trendRoutes,
    ...themeRoutes,
    ...entityRoutes,
    ...graphRoutes,
    ...communityRoutes,
    ...documentTypeRoutes,
    ...documentRoutes(config),
  ];
}

/** Mounts every route behind `auth`, which resolves each caller's scope. */
export function mountApi(
  app: Express,
  deps: AppDeps & { metrics: Metrics },
  auth: (access: 'read' | 'write') => RequestHandler,
): void {
  const { config, runtime, metrics } = deps;
  const embedQuery = createQueryEmbedder(runtime.embedder, metrics, config.model.queryCacheSize);
  const routes = apiRoutes(config);
  refuseOtherMethodsOnFixedPaths(app, routes);
  for (const spec of routes) {
    mountRoute(
      app,
      spec,
      { config, runtime, metrics, embedQuery, graph: timedGraph(runtime.graph, metrics, spec.family) },
      auth,
    );
  }
  const openapi = buildOpenApi(routes, { readRequiresKey: config.http.readRequiresKey });
  const html = renderDocsHtml(openapi);
  app.get('/api/openapi.json', auth('read'), (_req, res) => {
    res.json(openapi);
  });
  refuseOtherMethods(app, [...routes, { method: 'get', path: '/api/openapi.json' }]);
  app.get('/docs', (_req, res) => {
    res.type('html').send(html);
  });
}
