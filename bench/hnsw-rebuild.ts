/**
 * Rebuilds the sentence vector index of a bench graph with given HNSW build settings and reports what the
 * population cost: wall time, the Neo4j process's CPU seconds and the Lucene segments it left. Then
 * `bench/candidate-curve.ts --lookups …` on the same graph measures what the settings buy (bench/hnsw-10000.md).
 *
 * Neo4j searches each Lucene segment's HNSW graph with ef = k, so the segment layout changes what a look-up finds
 * as much as the settings do: ingest and its merges leave a few large segments (4 at 10,000 documents), a plain
 * population ~95. To compare settings in the layout ingest leaves, the server of a COPY of the bench data dir is
 * started with `internal.dbms.index.vector.population_merge_factor=5` appended to its conf/neo4j.conf (an internal
 * Neo4j 5.26 setting, used here as a measuring device only), by the command line of graph/managed-neo4j.ts, and
 * its pid written to the copy's iwg-neo4j.json so that the bench scripts use it. Never on a graph you care about.
 *
 *   npx tsx bench/hnsw-rebuild.ts --uri bolt://127.0.0.1:7751 --pid <neo4j pid> --data-dir /tmp/copy/neo --m 32 --ef 200
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import neo4j from 'neo4j-driver';
import { EMBEDDING_DIMENSIONS } from '../ingest/records.js';
import { VECTOR_INDEXES } from '../graph/schema.js';
import { cpuMsOf } from './env.js';

/** The Neo4j process's CPU seconds (bench/env.ts reads /proc). */
const cpuSeconds = (pid: number) => (cpuMsOf(pid) ?? NaN) / 1000;

async function main(argv: string[]): Promise<void> {
  const opts = new Command('hnsw-rebuild')
    .requiredOption('--uri <uri>', 'Bolt URI of the copy’s server')
    .requiredOption('--pid <n>', 'its process id (for CPU time)', Number)
    .requiredOption('--data-dir <dir>', 'its home dir (to count segments)')
    .option('--m <n>', 'vector.hnsw.m (Neo4j default 16)', Number)
    .option('--ef <n>', 'vector.hnsw.ef_construction (Neo4j default 100)', Number)
    .parse(argv)
    .opts<{ uri: string; pid: number; dataDir: string; m?: number; ef?: number }>();
  const { name, label, property } = VECTOR_INDEXES.sentence;
  const driver = neo4j.driver(opts.uri);
  const session = driver.session();
  const show = async () =>
    (
      await session.run(
        'SHOW INDEXES YIELD id, name, state, populationPercent, options WHERE name = $name RETURN id, state, populationPercent, options',
        { name },
      )
    ).records[0]?.toObject();
  try {
    console.log(JSON.stringify({ before: (await show())?.options }));
    await session.run(`DROP INDEX ${name} IF EXISTS`);
    const config = [
      `\`vector.dimensions\`: ${EMBEDDING_DIMENSIONS}`,
      "`vector.similarity_function`: 'COSINE'",
      ...(opts.m ? [`\`vector.hnsw.m\`: ${opts.m}`] : []),
      ...(opts.ef ? [`\`vector.hnsw.ef_construction\`: ${opts.ef}`] : []),
    ].join(', ');
    const cpu0 = cpuSeconds(opts.pid);
    const t0 = Date.now();
    await session.run(
      `CREATE VECTOR INDEX ${name} FOR (n:${label}) ON (n.${property}) OPTIONS { indexConfig: { ${config} } }`,
    );
    for (;;) {
      const index = await show();
      const cpu = cpuSeconds(opts.pid) - cpu0;
      console.log(JSON.stringify({ state: index?.state, percent: index?.populationPercent, cpuSeconds: cpu }));
      if (index?.state !== 'POPULATING') break;
      await sleep(30_000);
    }
    const wall = (Date.now() - t0) / 1000;
    const cpu = cpuSeconds(opts.pid) - cpu0;
    const index = await show();
    const dir = join(opts.dataDir, 'data/databases/neo4j/schema/index/vector-2.0', String(index?.id));
    const segments: number[] = [];
    for (const sub of await readdir(dir, { withFileTypes: true }))
      if (sub.isDirectory())
        segments.push((await readdir(join(dir, sub.name))).filter((f) => f.endsWith('.si')).length);
    console.log(
      JSON.stringify({
        m: opts.m ?? 16,
        efConstruction: opts.ef ?? 100,
        wallSeconds: wall,
        cpuSeconds: cpu,
        segments,
        options: index?.options,
      }),
    );
  } finally {
    await session.close();
    await driver.close();
  }
}

main(process.argv).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
