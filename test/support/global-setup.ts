/**
 * Starts the real managed Neo4j once for the whole suite (on its own ports and data dir, so a developer's
 * running instance is untouched) and provisions the model; workers inherit NEO4J_URI.
 */
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openEmbedder, openGraph } from '../../src/runtime.js';
import { stopManagedNeo4j } from '../../graph/managed-neo4j.js';

export default async function setup() {
  const base = loadConfig({
    ...process.env,
    IWG_NEO4J_BOLT_PORT: process.env.IWG_TEST_BOLT_PORT ?? '7689',
    IWG_NEO4J_HTTP_PORT: process.env.IWG_TEST_HTTP_PORT ?? '7476',
    IWG_NEO4J_DATA_DIR:
      process.env.IWG_TEST_NEO4J_DATA_DIR ??
      join(loadConfig(process.env).neo4j.managed.cacheDir, '..', 'neo4j-test-data'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const log = createLogger(base.logLevel, 'test-setup');
  const { graph, managed } = await openGraph(base, log);
  await graph.close();
  const embedder = await openEmbedder(base, log);
  await embedder.close();
  if (managed) process.env.NEO4J_URI = managed.uri;
  process.env.LOG_LEVEL = base.logLevel;
  return async () => {
    if (managed?.started) await stopManagedNeo4j(base.neo4j.managed);
  };
}
