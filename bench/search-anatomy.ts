/**
 * Where a search spends its Neo4j time, on the graph the last `npm run bench` size left behind: each part of
 * iwg-graph's hybrid search timed alone (vector look-up, full-text look-up, hit details), next to the peer's single
 * hybrid statement (LangChain.js Neo4jVectorStore, k = 10) and to a vector look-up of k = 10. Writes
 * bench/search-anatomy.md, which RESULTS.md includes. Usage: npx tsx bench/search-anatomy.ts [--docs 10000]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { VECTOR_INDEXES, FULLTEXT_INDEXES } from '../graph/schema.js';
import { fuseReciprocalRank, type RankedItem } from '../queries/fusion.js';
import { escapeLucene } from '../queries/lucene.js';
import { buildKeywordSearch, buildSemanticSearch, candidateCount } from '../queries/search.js';
import { buildHitDetails } from '../queries/search-hits.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph } from '../src/runtime.js';
import { benchConfig } from './env.js';
import type { GroundTruth } from './generate.js';
import { median } from './measure.js';

// The peer's hybrid statement, as @langchain/community 1.x builds it for a node index (neo4j_vector.js).
const PEER_HYBRID = `CALL {
  CALL db.index.vector.queryNodes($index, $k, $embedding) YIELD node, score
  WITH collect({node:node, score:score}) AS nodes, max(score) AS max
  UNWIND nodes AS n
  RETURN n.node AS node, (n.score / max) AS score UNION
  CALL db.index.fulltext.queryNodes($keyword_index, $query, {limit: $k}) YIELD node, score
  WITH collect({node: node, score: score}) AS nodes, max(score) AS max
  UNWIND nodes AS n
  RETURN n.node AS node, (n.score / max) AS score
}
WITH node, max(score) AS score ORDER BY score DESC LIMIT toInteger($k)
RETURN node.text AS text, score, {id: node.id, documentId: node.documentId} AS metadata`;

const docsArg = process.argv.indexOf('--docs');
const docs = docsArg > 0 ? Number(process.argv[docsArg + 1]) : 10_000;
const config = benchConfig();
const quiet = createLogger('warn', 'bench');
const truthFile = join(config.neo4j.managed.cacheDir, '..', 'bench', `corpus-908-${docs}`, 'ground-truth.json');
const truth = JSON.parse(await readFile(truthFile, 'utf8')) as GroundTruth;
const { graph } = await openGraph(config, quiet);
const embedder = await openEmbedder(config, quiet);
const [{ passages }] = await graph.read<{ passages: number }>({
  cypher: 'MATCH (p:Passage) RETURN count(p) AS passages',
  params: {},
});

const parts: Record<string, number[]> = {};
/** Times `work` three times, keeps the median under `name`, returns the last result. */
const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const runs: number[] = [];
  let result!: T;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = await work();
    runs.push(performance.now() - t0);
  }
  (parts[name] ??= []).push(median(runs));
  return result;
};
type CandidateRow = { type: string; id: string; score: number };
const filters = {};
const k = candidateCount(0, 10);
for (const q of truth.queries) {
  const vector = await time('query embedding (one text)', async () =>
    Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]),
  );
  const semantic = await time(`iwg-graph vector look-up (k = ${k})`, () =>
    graph.read<CandidateRow>(buildSemanticSearch(['passage'], vector, k, filters)),
  );
  const lucene = escapeLucene(q.text)!;
  const keyword = await time(`iwg-graph full-text look-up (k = ${k})`, () =>
    graph.read<CandidateRow>(buildKeywordSearch(['passage'], lucene, k, filters)),
  );
  const rank = (rows: CandidateRow[]): RankedItem[] =>
    rows.map((r, i) => ({ key: `${r.type}|${r.id}`, type: r.type, id: r.id, score: r.score, rank: i + 1 }));
  const fused = fuseReciprocalRank({ semantic: rank(semantic), keyword: rank(keyword) }).slice(0, 10);
  await time('iwg-graph hit details (10 hits: document, span, entities)', () => graph.read(buildHitDetails(fused)));
  await time('vector look-up alone (k = 10)', () =>
    graph.read({
      cypher: `CALL db.index.vector.queryNodes('${VECTOR_INDEXES.passage.name}', 10, $v) YIELD node, score RETURN node.id AS id, score`,
      params: { v: vector },
    }),
  );
  await time('LangChain.js hybrid statement (k = 10, one round trip)', () =>
    graph.read({
      cypher: PEER_HYBRID,
      params: {
        index: VECTOR_INDEXES.passage.name,
        keyword_index: FULLTEXT_INDEXES.passage.name,
        k: 10,
        embedding: vector,
        query: q.text.replace(/[-[\]{}():+*?^~"|\\/!]/g, ' '),
      },
    }),
  );
}
await embedder.close();
await graph.close();
await stopManagedNeo4j(config.neo4j.managed);

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/search-anatomy.ts\` on the graph of the ` +
    `${docs.toLocaleString('en')}-document run (${passages.toLocaleString('en')} passages), one client, each part ` +
    `timed alone (median of 3 per query, then median over the ${truth.queries.length} labelled queries):`,
  '',
  '| part | median ms |',
  '| --- | --- |',
  ...Object.entries(parts).map(([name, xs]) => `| ${name} | ${Math.round(median(xs) * 10) / 10} |`),
  '',
];
await writeFile(join(PROJECT_ROOT, 'bench', 'search-anatomy.md'), lines.join('\n'));
console.log(lines.join('\n'));
