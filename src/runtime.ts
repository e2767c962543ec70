/**
 * Wires the real parts together: the Neo4j server (managed or configured), the schema, the embedding model and
 * its worker pool. Used by the service, the CLI and the test setup.
 */
import { join } from 'node:path';
import { createGraph, type Graph } from '../graph/driver.js';
import { copyDependencies, readPomProperty } from '../graph/maven.js';
import { startManagedNeo4j, stopManagedNeo4j, type ManagedNeo4j } from '../graph/managed-neo4j.js';
import { ensureSchema } from '../graph/ensure-schema.js';
import { backfillAccessLabels } from '../graph/access-backfill.js';
import { backfillDistinctSentences } from '../graph/sentence-backfill.js';
import { settleThemeRefresh } from '../graph/themes-store.js';
import { EMBEDDING_DIMENSIONS } from '../ingest/records.js';
import { createWorkerEmbedder, type WorkerEmbedder } from '../ingest/embed.js';
import { ensureModelFiles } from '../ingest/model-files.js';
import { createParsePool, type DocumentParser } from '../ingest/parse-pool.js';
import { embedderId } from '../ingest/models.js';
import type { Config } from './config.js';
import { logFn, type Logger } from './logger.js';

export interface Runtime {
  config: Config;
  graph: Graph;
  embedder: WorkerEmbedder;
  /** Parses documents in a worker thread with the configured time and memory limits. */
  parser: DocumentParser;
  managed: ManagedNeo4j | null;
  log: Logger;
  close(): Promise<void>;
}

/** Starts (or connects to) Neo4j, applies the schema; returns the graph and the managed server handle. */
export async function openGraph(config: Config, log: Logger): Promise<{ graph: Graph; managed: ManagedNeo4j | null }> {
  let managed: ManagedNeo4j | null = null;
  let uri = config.neo4j.uri;
  if (!uri) {
    managed = await startManagedNeo4j(config.neo4j.managed, logFn(log.child({ component: 'neo4j' })));
    uri = managed.uri;
  }
  const neo4jLog = log.child({ component: 'neo4j' });
  const graph = createGraph({ ...config.neo4j, uri, log: (msg, fields) => neo4jLog.warn(fields ?? {}, msg) });
  await graph.waitUntilReady();
  const t0 = Date.now();
  const { migrated } = await ensureSchema(graph, {
    embeddingDimensions: EMBEDDING_DIMENSIONS,
    onPopulating: (populating) => log.info({ populating }, 'building indexes'),
  });
  if (migrated.length > 0) log.warn({ migrated }, 'schema drift migrated: indexes dropped and recreated');
  log.info({ uri, ms: Date.now() - t0 }, 'schema applied');
  const backfilled = await backfillAccessLabels(graph);
  if (backfilled.facts > 0 || backfilled.cooccurrence) log.warn(backfilled, 'access labels filled in on older data');
  const texts = await backfillDistinctSentences(graph, (p) => log.info(p, 'indexing distinct sentence texts'));
  if (texts > 0) log.warn({ texts }, 'sentence index filled in on older data: one entry per distinct text');
  return { graph, managed };
}

/**
 * Provisions the chosen model's files (from Maven Central, once per release) and starts the embedding worker pool;
 * the embedder's `id` names model, weights release, quantization and runtime (for the content hash).
 */
export async function openEmbedder(config: Config, log: Logger): Promise<WorkerEmbedder> {
  const m = config.model;
  const version = await readPomProperty(m.pom, 'model.version');
  if (m.provision) {
    const extracted = await ensureModelFiles(
      m.dir,
      async () => {
        const jarDir = join(m.dir, '..', 'maven', `model-${m.spec.id}-${version}`);
        await copyDependencies(m.pom, jarDir, (line) => log.info({ component: 'model' }, line));
        return jarDir;
      },
      m.spec,
      version,
    );
    if (extracted) log.info({ jar: extracted, dir: m.dir }, 'model files provisioned from Maven Central');
  }
  log.info({ model: m.spec.id, dir: m.dir, workers: m.workers }, 'loading embedding model');
  const embedder = await createWorkerEmbedder({
    modelDir: m.dir,
    model: m.spec,
    id: embedderId(m.spec, version),
    workers: m.workers,
    batchSize: m.batchSize,
    allowRemote: m.allowRemote,
    onBatch: ({ size, ms }) =>
      log.debug({ component: 'embed', size, ms, perSecond: Math.round((size / Math.max(ms, 1)) * 1000) }, 'batch'),
  });
  log.info({ ms: embedder.stats.loadMs, id: embedder.id }, 'embedding model loaded');
  return embedder;
}

/** The parse worker pool, with the configured limits; a parser's contained stray error is logged. */
export function openParser(config: Config, log: Logger): DocumentParser {
  const parseLog = log.child({ component: 'parse' });
  return createParsePool({
    timeoutMs: config.parse.timeoutMs,
    maxMemoryMb: config.parse.maxMemoryMb,
    onStrayError: (message) => parseLog.warn({ message }, 'a parser error was contained in its worker'),
  });
}

/** Opens graph and embedder together; `close` releases both and stops a managed server this process started. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const [graphResult, embedderResult] = await Promise.allSettled([openGraph(config, log), openEmbedder(config, log)]);
  if (graphResult.status === 'rejected' || embedderResult.status === 'rejected') {
    // Release whichever half did open (and a managed Neo4j this process started) before failing.
    if (embedderResult.status === 'fulfilled') await embedderResult.value.close();
    if (graphResult.status === 'fulfilled') {
      await graphResult.value.graph.close();
      if (graphResult.value.managed?.started) await stopManagedNeo4j(config.neo4j.managed, logFn(log));
    }
    throw graphResult.status === 'rejected' ? graphResult.reason : (embedderResult as PromiseRejectedResult).reason;
  }
  const { graph, managed } = graphResult.value;
  const embedder = embedderResult.value;
  const parser = openParser(config, log);
  return {
    config,
    graph,
    embedder,
    parser,
    managed,
    log,
    async close() {
      await parser.close();
      await embedder.close();
      await settleThemeRefresh(graph);
      await graph.close();
      if (managed?.started) await stopManagedNeo4j(config.neo4j.managed, logFn(log));
    },
  };
}
