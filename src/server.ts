/**
 * The HTTP service: Express 5 with security headers, CORS, body limits, rate limiting, request ids, metrics,
 * the API routes and the analysts' web page. `startServer`/`stopServer` let tests run it in-process on port 0.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import cors from 'cors';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { answerClientError, requireUtf8Json } from './client-errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { notFound, problemHandler, sendProblem } from './problems.js';
import { createKeyStore } from './keys.js';
import { createAuth } from './routes/auth.js';
import { mountApi } from './routes/index.js';
import type { Runtime } from './runtime.js';
import { mountWeb } from './web.js';
import { WARM_UP_HEADER } from './warm-up.js';

export interface AppState {
  /** Set once the corpus ingest at start finished (or was skipped). */
  ingested: boolean;
  schemaApplied: boolean;
  /**
   * Set while query plans are warmed up after Neo4j came back (src/warm-up.ts): API requests get a fast 503
   * meanwhile, except the warm-up's own, which carry `warmUpToken`.
   */
  warmingUp?: boolean;
  warmUpToken?: string;
}

export interface AppDeps {
  config: Config;
  runtime: Runtime;
  log: Logger;
  state: AppState;
  metrics?: Metrics;
}

/** Builds the Express app. */
export function createApp(deps: AppDeps): Express {
  const { config, log } = deps;
  const metrics = deps.metrics ?? createMetrics();
  const keys = createKeyStore({ apiKeys: config.http.apiKeys, keysFile: config.http.keysFile, log });
  const auth = createAuth(config, keys);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    req.log = log.child({ requestId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = (req.route?.path as string | undefined) ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpLatency.observe({ method: req.method, route }, seconds);
      req.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: seconds * 1000 }, 'request');
    });
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          // helmet's default would make browsers fetch the page's own assets over https: on an air-gapped LAN
          // served over plain http the page would stay blank.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(
    cors({
      origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
    }),
  );
  // The API only: one load of the web page fetches ~27 static files, which would spend the budget of a few API
  // calls each; the probes (/health, /ready, /metrics) stay outside it too.
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: config.http.rateLimitPerMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => sendProblem(res, 429, 'Too many requests', 'Rate limit exceeded; retry later'),
    }),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/ready', async (_req, res) => {
    // Fast while Neo4j is known to be down (no round trip) and bounded otherwise (graph/driver.ts).
    const neo4j = !deps.state.warmingUp && (await deps.runtime.graph.ping());
    const checks = {
      neo4j,
      schema: deps.state.schemaApplied,
      model: deps.runtime.embedder.stats.loadMs > 0,
      corpus: deps.state.ingested,
    };
    const ready = Object.values(checks).every(Boolean);
    if (!ready) res.setHeader('Retry-After', '5');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  // Metrics say what analysts ask about: as closed as the reads when reads need a key.
  app.get('/metrics', auth('read'), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/api', (req, res, next) => {
    const { warmingUp, warmUpToken } = deps.state;
    if (!warmingUp || (warmUpToken && req.get(WARM_UP_HEADER) === warmUpToken)) return next();
    res.setHeader('Retry-After', '2');
    sendProblem(res, 503, 'Graph database warming up', 'The graph database is back and warming up; retry shortly');
  });
  app.use(requireUtf8Json);
  // Not strict: `null` or `"x"` is valid JSON, answered "must be a JSON object" by the route (client-errors.ts),
  // not "malformed JSON".
  app.use(express.json({ limit: config.http.bodyLimit, strict: false }));
  mountApi(app, { ...deps, metrics }, auth);
  mountWeb(app);
  app.use(notFound);
  app.use(problemHandler);
  return app;
}

export interface RunningServer {
  server: Server;
  url: string;
  app: Express;
}

/** Listens on the configured host/port (0 for any free port). */
export async function startServer(deps: AppDeps): Promise<RunningServer> {
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(deps.config.http.port, deps.config.http.host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
  });
  // Requests Node refuses before Express (431, malformed Content-Length) get problem+json too.
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  return {
    server,
    app,
    url: `http://${deps.config.http.host === '0.0.0.0' ? '127.0.0.1' : deps.config.http.host}:${port}`,
  };
}

/** How long in-flight requests get to finish on shutdown. */
export const SERVER_GRACE_MS = 3_000;

/**
 * Stops accepting connections and waits for in-flight requests, at most `graceMs`: then the connections still
 * open (a slow upload, a client that never finishes its request) are closed.
 */
export async function stopServer(running: RunningServer, graceMs = SERVER_GRACE_MS): Promise<void> {
  running.server.closeIdleConnections();
  const timer = setTimeout(() => running.server.closeAllConnections(), graceMs);
  await new Promise<void>((resolve) => running.server.close(() => resolve()));
  clearTimeout(timer);
}
