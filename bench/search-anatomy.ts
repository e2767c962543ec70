/**
 * Where a search spends its Neo4j time, on the graph the last `npm run bench` size left behind: iwg-graph's hybrid
 * search statement (one round trip: candidates, fusion, page details) and its look-ups timed alone (sentence vector
 * index, passage full-text index), next to the peer's single hybrid statement (LangChain.js Neo4jVectorStore,
 * k = 10) and to a passage vector look-up of k = 10. Writes
 * bench/search-anatomy.md, which RESULTS.md includes. Usage: npx tsx bench/search-anatomy.ts [--docs 10000]
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VECTOR_INDEXES, FULLTEXT_INDEXES } from '../graph/schema.js';
import { keywordQuery } from '../queries/lucene.js';
import { buildSearch, candidateCount, type SearchInput } from '../queries/search.js';
import { AccessLabel } from '../ingest/records.js';
import { PROJECT_ROOT } from '../src/config.js';
import { openLeftBehind } from './left-behind.js';
import { cpuMsOf } from './env.js';
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

const { docs, truth, graph, embedder, neo4jPid, close } = await openLeftBehind(10_000);
const [{ passages }] = await graph.read<{ passages: number }>({
  cypher: 'MATCH (p:Passage) RETURN count(p) AS passages',
  params: {},
});

const parts: { name: string; wallMs: number; cpuMs: number | null }[] = [];
/**
 * Times one part over every labelled query: a warm-up pass, then 3 passes. Wall time is the median over queries of
 * each query's median; CPU is the Neo4j process's CPU time (every thread: user + system, from /proc) over the 3
 * passes divided by the calls. CPU per call is the figure that holds on a shared machine: it does not count time
 * spent waiting for a core.
 */
async function time(name: string, work: (q: (typeof truth.queries)[number], vector: number[]) => Promise<unknown>) {
  for (const q of truth.queries) await work(q, vectors.get(q.id)!);
  const perQuery = new Map<string, number[]>();
  const cpu0 = neo4jPid === null ? null : cpuMsOf(neo4jPid);
  for (let pass = 0; pass < 3; pass++)
    for (const q of truth.queries) {
      const t0 = performance.now();
      await work(q, vectors.get(q.id)!);
      (perQuery.get(q.id) ?? perQuery.set(q.id, []).get(q.id)!).push(performance.now() - t0);
    }
  const cpuMs = cpu0 === null || neo4jPid === null ? null : (cpuMsOf(neo4jPid)! - cpu0!) / (3 * truth.queries.length);
  parts.push({ name, wallMs: median([...perQuery.values()].map(median)), cpuMs });
}
const k = candidateCount(0, 10);
const embedTimes: number[] = [];
const vectors = new Map<string, number[]>();
for (const q of truth.queries) {
  const t0 = performance.now();
  vectors.set(q.id, Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]));
  embedTimes.push(performance.now() - t0);
}
const inputOf = (q: { text: string }, mode: SearchInput['mode']): SearchInput => ({
  query: q.text,
  limit: 10,
  offset: 0,
  mode,
  types: ['passage'],
  filters: { readable: AccessLabel.options },
});
await time('iwg-graph hybrid search statement (one round trip: both lists, fusion, 10 hits hydrated)', (q, v) =>
  graph.read(buildSearch(inputOf(q, 'hybrid'), v, keywordQuery(q.text))),
);
await time('iwg-graph semantic search statement (sentences → passages, 10 hits hydrated)', (q, v) =>
  graph.read(buildSearch(inputOf(q, 'semantic'), v, keywordQuery(q.text))),
);
await time('iwg-graph keyword search statement (passage BM25, 10 hits hydrated)', (q, v) =>
  graph.read(buildSearch(inputOf(q, 'keyword'), v, keywordQuery(q.text))),
);
for (const kk of [k, 10])
  await time(`sentence vector look-up alone (k = ${kk})`, (_q, v) =>
    graph.read({
      cypher: `CALL db.index.vector.queryNodes('${VECTOR_INDEXES.sentence.name}', $k, $v) YIELD node, score RETURN node.id AS id, score`,
      params: { v, k: kk },
    }),
  );
await time(`passage full-text look-up alone (k = ${k})`, (q) =>
  graph.read({
    cypher: `CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEXES.passage.name}', $q, {limit: $k}) YIELD node, score RETURN node.id AS id, score`,
    params: { q: keywordQuery(q.text), k },
  }),
);
await time('passage vector look-up alone (k = 10)', (_q, v) =>
  graph.read({
    cypher: `CALL db.index.vector.queryNodes('${VECTOR_INDEXES.passage.name}', 10, $v) YIELD node, score RETURN node.id AS id, score`,
    params: { v },
  }),
);
await time('LangChain.js hybrid statement (k = 10, one round trip)', (q, v) =>
  graph.read({
    cypher: PEER_HYBRID,
    params: {
      index: VECTOR_INDEXES.passage.name,
      keyword_index: FULLTEXT_INDEXES.passage.name,
      k: 10,
      embedding: v,
      query: q.text.replace(/[-[\]{}():+*?^~"|\\/!]/g, ' '),
    },
  }),
);
await close();

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/search-anatomy.ts\` on the graph of the ` +
    `${docs.toLocaleString('en')}-document run (${passages.toLocaleString('en')} passages), one client, each part ` +
    `timed alone over the ${truth.queries.length} labelled queries (a warm-up pass, then 3 passes; wall = median ` +
    `over queries of each query's median; CPU = the Neo4j process's CPU time over the passes ÷ calls, the figure ` +
    `that holds on a shared machine; load average ${loadavg()[0].toFixed(1)} at the end):`,
  '',
  '| part | wall ms (median) | Neo4j CPU ms per call |',
  '| --- | --- | --- |',
  `| query embedding (one text) | ${(Math.round(median(embedTimes) * 10) / 10).toFixed(1)} | |`,
  ...parts.map((p) => `| ${p.name} | ${p.wallMs.toFixed(1)} | ${p.cpuMs === null ? 'n/a' : p.cpuMs.toFixed(1)} |`),
  '',
];
await writeFile(join(PROJECT_ROOT, 'bench', 'search-anatomy.md'), lines.join('\n'));
console.log(lines.join('\n'));
