/**
 * The main job (`npm start`): provisions Neo4j and the model, ingests the bundled corpus, serves the API and
 * the web page, and shuts everything down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openRuntime } from './runtime.js';
import { startServer, stopServer, type AppState } from './server.js';
import { ingestCorpusOnStart } from './ingest-service.js';
import { createMetrics } from './metrics.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const t0 = Date.now();
  const runtime = await openRuntime(config, log);
  const state: AppState = { ingested: false, schemaApplied: true };
  const metrics = createMetrics();
  const running = await startServer({ config, runtime, log, state, metrics });
  log.info({ url: running.url, startupMs: Date.now() - t0 }, 'iwg-graph API listening');
  if (config.corpus.ingestOnStart) {
    const summary = await ingestCorpusOnStart(runtime, config.corpus.dir);
    for (const d of summary.documents) metrics.ingestDocuments.inc({ outcome: d.outcome });
  }
  state.ingested = true;
  process.stdout.write(`\niwg-graph is ready: ${running.url}/  (API ${running.url}/api, docs ${running.url}/docs)\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await stopServer(running);
    await runtime.close();
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`iwg-graph failed to start: ${err.message}\n`);
  process.exit(1);
});
