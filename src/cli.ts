/** The `iwg` command line: manage the local Neo4j, ingest documents, serve. */
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { createLogger, logFn } from './logger.js';
import { managedNeo4jStatus, startManagedNeo4j, stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { openGraph } from './runtime.js';

const program = new Command('iwg').description('iwg-graph: knowledge graph over IWG insider-threat documents');

const neo4j = program.command('neo4j').description('manage the local Neo4j Community server');
neo4j
  .command('start')
  .description('provision (Maven) and start the managed Neo4j; apply the schema')
  .action(async () => {
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    if (config.neo4j.uri) {
      log.warn({ uri: config.neo4j.uri }, 'NEO4J_URI is set: nothing to start, the service uses that server');
      return;
    }
    const m = await startManagedNeo4j(config.neo4j.managed, logFn(log));
    const { graph } = await openGraph({ ...config, neo4j: { ...config.neo4j, uri: m.uri } }, log);
    await graph.close();
    process.stdout.write(`Neo4j ${m.version} running at ${m.uri} (pid ${m.pid}, data ${config.neo4j.managed.dataDir})\n`);
  });
neo4j
  .command('stop')
  .description('stop the managed Neo4j')
  .action(async () => {
    const config = loadConfig();
    const stopped = await stopManagedNeo4j(config.neo4j.managed, logFn(createLogger(config.logLevel)));
    process.stdout.write(stopped ? 'managed Neo4j stopped\n' : 'managed Neo4j was not running\n');
  });
neo4j
  .command('status')
  .description('is the managed Neo4j running?')
  .action(async () => {
    const config = loadConfig();
    const s = await managedNeo4jStatus(config.neo4j.managed);
    process.stdout.write(
      s ? `running: Neo4j ${s.version}, pid ${s.pid}, bolt://127.0.0.1:${s.boltPort}\n` : 'not running\n',
    );
    process.exitCode = s ? 0 : 3;
  });

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`iwg: ${err.message}\n`);
  process.exit(1);
});
