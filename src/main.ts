/**
 * The main job (`npm start`): provisions Neo4j and the model, ingests the bundled corpus, serves the API and
 * the web page, and shuts everything down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openRuntime, type Runtime } from './runtime.js';
import { startServer, stopServer, type AppState, type RunningServer } from './server.js';
import { ingestCorpusOnStart, refreshDerivedData } from './ingest-service.js';
import { createMetrics } from './metrics.js';
import { createWarmUpToken, keepWarm, warmUp } from './warm-up.js';
import { installProcessGuards } from './process-guards.js';
import { createShutdown, shutdownBudgetMs } from './shutdown.js';

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
  const shutdown = createShutdown({
    log,
    closeAll,
    budgetMs: () => shutdownBudgetMs(opened.runtime?.managed?.started ?? false),
    exit: (code) => process.exit(code),
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  installProcessGuards(process, log, (reason, code) => void shutdown(reason, code));

  const t0 = Date.now();
  const runtime = (opened.runtime = await openRuntime(config, log));
  const state: AppState = { ingested: false, schemaApplied: true, warmUpToken: createWarmUpToken() };
  const metrics = createMetrics();
  const running = (opened.running = await startServer({ config, runtime, log, state, metrics }));
  log.info({ url: running.url, startupMs: Date.now() - t0 }, 'iwg-graph API listening');
  if (config.corpus.ingestOnStart) {
    const summary = await ingestCorpusOnStart(runtime, config.corpus.dir);
    for (const d of summary.documents) metrics.ingestDocuments.inc({ outcome: d.outcome });
  } else if (await refreshDerivedData(runtime)) {
    log.info('derived data was stale: recomputed');
  }
  state.ingested = true;
  await warmUp(running.url, log, state.warmUpToken!, 'start');
  keepWarm(runtime, state, running.url, log);
  process.stdout.write(`\niwg-graph is ready: ${running.url}/  (API ${running.url}/api, docs ${running.url}/docs)\n\n`);
}

main().catch(async (err: Error) => {
  process.stderr.write(`iwg-graph failed to start: ${err.message}\n`);
  await closeAll();
  process.exit(1);
});
