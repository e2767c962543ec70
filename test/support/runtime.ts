/** Per-file access to the suite's real Neo4j and real model, with a fresh database state. */
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { assertWipeAllowed } from './wipe-guard.js';

export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!process.env.NEO4J_URI) throw new Error('NEO4J_URI is not set: the global setup did not start Neo4j');
  return loadConfig({ ...process.env, PORT: '0', IWG_INGEST_ON_START: 'false', ...overrides });
}

/** Opens graph + embedder against the suite's Neo4j; clears every node so the file starts fresh. */
export async function openTestRuntime(overrides: Record<string, string> = {}): Promise<Runtime> {
  const config = testConfig(overrides);
  const runtime = await openRuntime(config, createLogger(config.logLevel, 'test'));
  await clearGraph(runtime);
  return runtime;
}

/**
 * Deletes all data (not the schema) in batches; the one place tests empty a database, so it goes through the
 * wipe guard first.
 */
export async function clearGraph(
  { graph, config }: Pick<Runtime, 'graph' | 'config'>,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  assertWipeAllowed(config.neo4j.uri, env);
  await graph
    .write([
      {
        cypher: 'MATCH (n) WHERE NOT n:SchemaInfo CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
        params: {},
      },
    ])
    .catch(async () => {
      // CALL … IN TRANSACTIONS needs an implicit transaction; fall back to a plain delete.
      await graph.write([{ cypher: 'MATCH (n) WHERE NOT n:SchemaInfo DETACH DELETE n', params: {} }]);
    });
}
