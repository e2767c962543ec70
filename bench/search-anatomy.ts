/**
 * Where a search spends its Neo4j time, on the graph the last `npm run bench` size left behind: iwg-graph's hybrid
 * search statement (one round trip: candidates, fusion, page details) and its look-ups timed alone (sentence vector
 * index, passage full-text index), next to the peer's single hybrid statement (LangChain.js Neo4jVectorStore,
 * k = 10) and to a passage vector look-up of k = 10. Writes
 * bench/search-anatomy.md, which RESULTS.md includes. Usage: npx tsx bench/search-anatomy.ts [--docs 10000]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VECTOR_INDEXES, FULLTEXT_INDEXES } from '../graph/schema.js';
import { escapeLucene } from '../queries/lucene.js';
import { buildSearch, candidateCount, type SearchInput } from '../queries/search.js';
import { PROJECT_ROOT } from '../src/config.js';
import { openLeftBehind } from './left-behind.js';
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

const { docs, truth, graph, embedder, close } = await openLeftBehind(10_000);
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
const k = candidateCount(0, 10);
for (const q of truth.queries) {
  const vector = await time('query embedding (one text)', async () =>
    Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]),
  );
  const lucene = escapeLucene(q.text);
  const input: SearchInput = {
    query: q.text,
    limit: 10,
    offset: 0,
    mode: 'hybrid',
    types: ['passage'],
    filters: { readable: ['public', 'restricted'] },
  };
  await time('iwg-graph hybrid search statement (one round trip: both lists, fusion, 10 hits hydrated)', () =>
    graph.read(buildSearch(input, vector, lucene)),
  );
  await time('iwg-graph semantic search statement (sentences → passages, 10 hits hydrated)', () =>
    graph.read(buildSearch({ ...input, mode: 'semantic' }, vector, lucene)),
  );
  await time(`sentence vector look-up alone (k = ${k})`, () =>
    graph.read({
      cypher: `CALL db.index.vector.queryNodes('${VECTOR_INDEXES.sentence.name}', $k, $v) YIELD node, score RETURN node.id AS id, score`,
      params: { v: vector, k },
    }),
  );
  await time(`passage full-text look-up alone (k = ${k})`, () =>
    graph.read({
      cypher: `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEXES.passage.name}', $q, {limit: $k}) YIELD node, score RETURN node.id AS id, score`,
      params: { q: lucene, k },
    }),
  );
  await time('passage vector look-up alone (k = 10)', () =>
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
await close();

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
