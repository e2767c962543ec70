/**
 * What the scripts that study the graph the last `npm run bench` size left behind share: the size asked for
 * (`--docs N`), that size's labelled queries, and the graph and embedder opened on the bench's own Neo4j.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph } from '../src/runtime.js';
import { benchConfig, benchCorpusRoot } from './env.js';
import type { GroundTruth } from './generate.js';

/** Opens the graph of the `--docs` size (default `defaultDocs`); `close` also stops the bench's Neo4j. */
export async function openLeftBehind(defaultDocs: number) {
  const docsArg = process.argv.indexOf('--docs');
  const docs = docsArg > 0 ? Number(process.argv[docsArg + 1]) : defaultDocs;
  const config = benchConfig();
  const quiet = createLogger('warn', 'bench');
  const truthFile = join(benchCorpusRoot(config), `corpus-908-${docs}`, 'ground-truth.json');
  const truth = upgradeLabels(JSON.parse(await readFile(truthFile, 'utf8')) as GroundTruth);
  const { graph } = await openGraph(config, quiet);
  const embedder = await openEmbedder(config, quiet);
  // The managed server's pid file (graph/managed-neo4j.ts), for scripts that read its CPU time.
  const pidFile = join(config.neo4j.managed.dataDir, 'iwg-neo4j.json');
  const neo4jPid = await readFile(pidFile, 'utf8')
    .then((text) => (JSON.parse(text) as { pid: number }).pid)
    .catch(() => null);
  return {
    docs,
    neo4jPid,
    truth,
    graph,
    embedder,
    async close() {
      await embedder.close();
      await graph.close();
      await stopManagedNeo4j(config.neo4j.managed);
    },
  };
}

/**
 * A ground truth written before labels v2 (same placements, bench/labels.md) graded the near sentences 1 inside
 * `relevant`; v2 moves them to `distractors` with grade 0. Graphs left behind by older runs are read as v2.
 */
export function upgradeLabels(truth: GroundTruth): GroundTruth {
  if (truth.labels === 2) return truth;
  return {
    ...truth,
    labels: 2,
    queries: truth.queries.map((q) => ({
      ...q,
      relevant: q.relevant.filter((r) => r.grade === 2),
      distractors: q.relevant.filter((r) => r.grade !== 2).map((r) => ({ ...r, grade: 0 as const })),
    })),
  };
}
