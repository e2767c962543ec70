/**
 * The main job (`npm start`): provisions Neo4j and the model, ingests the bundled corpus, serves the API and
 * the web page, and shuts everything down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openRuntime, type Runtime } from './runtime.js';
import { startServer, stopServer, type AppState, type RunningServer } from './server.js';
import { ingestCorpusOnStart } from './ingest-service.js';
import { createMetrics } from './metrics.js';
import { installProcessGuards } from './process-guards.js';

/** What has been opened so far, closed in reverse on shutdown or on a failed start. */
const opened: { runtime?: Runtime; running?: RunningServer } = {};

async function closeAll(): Promise<void> {
  if (opened.running) await stopServer(opened.running).catch(() => undefined);
  if (opened.runtime) await opened.runtime.close().catch(() => undefined);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Installed first: a signal during provisioning or the start-up ingest still stops the managed Neo4j.
  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await closeAll();
    log.flush();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  installProcessGuards(process, log, (reason, code) => void shutdown(reason, code));

  const t0 = Date.now();
  const runtime = (opened.runtime = await openRuntime(config, log));
  const state: AppState = { ingested: false, schemaApplied: true };
  const metrics = createMetrics();
  const running = (opened.running = await startServer({ config, runtime, log, state, metrics }));
  log.info({ url: running.url, startupMs: Date.now() - t0 }, 'iwg-graph API listening');
  if (config.corpus.ingestOnStart) {
    const summary = await ingestCorpusOnStart(runtime, config.corpus.dir);
    for (const d of summary.documents) metrics.ingestDocuments.inc({ outcome: d.outcome });
  }
  state.ingested = true;
  await warmUp(running.url, log);
  process.stdout.write(`\niwg-graph is ready: ${running.url}/  (API ${running.url}/api, docs ${running.url}/docs)\n\n`);
}

/**
 * Asks the service once per query family so Neo4j plans those queries now rather than on an analyst's first
 * request (a cold plan costs up to a second). Failures here are logged, never fatal.
 */
async function warmUp(url: string, log: ReturnType<typeof createLogger>): Promise<void> {
  const t0 = Date.now();
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const requests = [
    ...(['hybrid', 'semantic', 'keyword'] as const).map((mode) =>
      post('/api/search', { query: 'insider threat', mode }),
    ),
    fetch(`${url}/api/facets`),
    fetch(`${url}/api/trends`),
    fetch(`${url}/api/entities?q=bel`),
    fetch(`${url}/api/entities/organisation/${encodeURIComponent('organisation:iwg')}`),
    fetch(`${url}/api/graph/neighborhood?type=organisation&id=organisation:iwg`),
  ];
  const statuses = await Promise.all(requests.map((r) => r.then((res) => res.status).catch(() => 0)));
  log.info({ ms: Date.now() - t0, statuses }, 'query plans warmed up');
}

main().catch(async (err: Error) => {
  process.stderr.write(`iwg-graph failed to start: ${err.message}\n`);
  await closeAll();
  process.exit(1);
});
