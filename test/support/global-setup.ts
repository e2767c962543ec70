/**
 * The db tier's global setup: starts the real managed Neo4j once for the whole suite (its own data dir, so a
 * developer's instance is untouched) and provisions the model; test files inherit NEO4J_URI and the wipe guard's
 * approval of that one database. Reuses the suite's server when it is already running; otherwise takes ports
 * 7689/7476, or free ones when those are taken by something else. Refuses to run against a server named by the
 * configuration unless IWG_TEST_DISPOSABLE_DB=1 (test/support/wipe-guard.ts).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openEmbedder, openGraph } from '../../src/runtime.js';
import { managedNeo4jStatus, stopManagedNeo4j } from '../../graph/managed-neo4j.js';
import { checkTestDatabase, WIPE_URI } from './wipe-guard.js';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function choosePort(wanted: string | undefined, fallback: number): Promise<string> {
  if (wanted) return wanted;
  return String((await portFree(fallback)) ? fallback : await anyFreePort());
}

/**
 * Prepares the database and model for the db tier from `env` (which it updates with NEO4J_URI and the wipe
 * approval); returns the teardown.
 */
export async function prepareTestDatabase(env: Record<string, string | undefined>): Promise<() => Promise<void>> {
  const configured = loadConfig(env);
  checkTestDatabase(configured.neo4j.uri, env);
  const dataDir = env.IWG_TEST_NEO4J_DATA_DIR ?? join(configured.neo4j.managed.cacheDir, '..', 'neo4j-test-data');
  const running = await managedNeo4jStatus({ dataDir });
  const base = loadConfig({
    ...env,
    IWG_NEO4J_BOLT_PORT: running ? String(running.boltPort) : await choosePort(env.IWG_TEST_BOLT_PORT, 7689),
    IWG_NEO4J_HTTP_PORT: await choosePort(env.IWG_TEST_HTTP_PORT, 7476),
    IWG_NEO4J_DATA_DIR: dataDir,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  const log = createLogger(base.logLevel, 'test-setup');
  const { graph, managed } = await openGraph(base, log);
  await graph.close();
  const embedder = await openEmbedder(base, log);
  await embedder.close();
  if (managed) env.NEO4J_URI = managed.uri;
  env[WIPE_URI] = managed?.uri ?? base.neo4j.uri;
  env.LOG_LEVEL = base.logLevel;
  return async () => {
    if (managed?.started) await stopManagedNeo4j(base.neo4j.managed);
  };
}

export default function setup(): Promise<() => Promise<void>> {
  return prepareTestDatabase(process.env);
}
