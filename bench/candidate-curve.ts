/**
 * The candidate-count curve: how many candidates the search asks of each index (k) against quality and Neo4j time,
 * on the graph the last `npm run bench` size left behind. For each k, every labelled query runs through the search
 * statement itself (`searchGraph`, one round trip) in three systems — hybrid and semantic over passages, and the
 * default (passages + practices) — scored like the bench (labels v2: nDCG@10, recall@5, MRR, distractors@10), timed three times (median per
 * query, then median and p95 over queries). Query vectors are embedded once beforehand, so the times are the
 * graph's. Writes bench/candidates.md (1,000 documents) or bench/candidates-<docs>.md, which RESULTS.md includes.
 * `--lookups` also varies the entries asked of the sentence vector index for each k (default: `sentenceLookups(k)`),
 * writing bench/lookups-<docs>.md instead.
 * Usage: npx tsx bench/candidate-curve.ts [--docs 1000] [--k 10,20,50,100] [--lookups 30,100,300] [--systems semantic]
 */
import { readdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  candidateCount,
  searchGraph,
  sentenceLookups,
  type HitType,
  type SearchInput,
  type SearchMode,
} from '../queries/search.js';
import { AccessLabel } from '../ingest/records.js';
import { PROJECT_ROOT } from '../src/config.js';
import { VECTOR_INDEXES } from '../graph/schema.js';
import { query } from '../graph/cypher.js';
import { openLeftBehind } from './left-behind.js';
import { benchConfig, cpuMsOf } from './env.js';
import { median, percentile } from './measure.js';
import { meanScores, type QueryScores } from './quality.js';
import { timedSearch } from './timed-search.js';

const kArg = process.argv.indexOf('--k');
const ks = (kArg > 0 ? process.argv[kArg + 1] : '10,20,30,50,75,100,150,200').split(',').map(Number);
const lookupsArg = process.argv.indexOf('--lookups');
const lookupsList = lookupsArg > 0 ? process.argv[lookupsArg + 1].split(',').map(Number) : null;
const systemsArg = process.argv.indexOf('--systems');
const SYSTEMS: { name: string; mode: SearchMode; types: HitType[] }[] = [
  { name: 'hybrid', mode: 'hybrid' as const, types: ['passage' as const] },
  { name: 'semantic', mode: 'semantic' as const, types: ['passage' as const] },
  { name: 'default', mode: 'hybrid' as const, types: ['passage' as const, 'practice' as const] },
].filter((s) => systemsArg < 0 || process.argv[systemsArg + 1].split(',').includes(s.name));

const { docs, truth, graph, embedder, neo4jPid, close } = await openLeftBehind(1000);
const vectors = new Map<string, number[]>();
for (const q of truth.queries) vectors.set(q.id, Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]));

interface Cell {
  k: number;
  lookups: number;
  system: string;
  scores: QueryScores;
  p50: number;
  p95: number;
  /** The Neo4j process's CPU ms per search (every thread), which holds on a shared machine. */
  cpuMs: number | null;
}
const cells: Cell[] = [];
// Warm the plan cache, the page cache and the JIT for every system (5 passes), so the first k measured is not
// penalised (a cold server may time out on its first look-ups: those are retried).
for (let pass = 0; pass < 5; pass++)
  for (const s of SYSTEMS)
    for (const q of truth.queries)
      for (let attempt = 1; ; attempt++) {
        try {
          await searchGraph(
            graph,
            { query: q.text, limit: 10, offset: 0, ...s, filters: { readable: AccessLabel.options } },
            vectors.get(q.id)!,
          );
          break;
        } catch (err) {
          if (attempt >= 5) throw err;
        }
      }

for (const k of ks) {
  for (const lookups of lookupsList ?? [sentenceLookups(k)]) {
    for (const s of SYSTEMS) {
      const scores: QueryScores[] = [];
      const times: number[] = [];
      const cpu0 = neo4jPid === null ? null : cpuMsOf(neo4jPid);
      for (const q of truth.queries) {
        const input: SearchInput = {
          query: q.text,
          limit: 10,
          offset: 0,
          ...s,
          filters: { readable: AccessLabel.options },
          candidates: k,
          lookups,
        };
        const run = await timedSearch(graph, input, vectors.get(q.id)!, q);
        times.push(run.ms);
        scores.push(run.scores);
      }
      const cpu1 = neo4jPid === null ? null : cpuMsOf(neo4jPid);
      const cpuMs = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / (3 * truth.queries.length);
      const scored = meanScores(scores);
      const cell = {
        k,
        lookups,
        system: s.name,
        scores: scored,
        p50: median(times),
        p95: percentile(times, 95),
        cpuMs,
      };
      cells.push(cell);
      console.log(JSON.stringify(cell));
    }
  }
}
// The sentence index's Lucene segments decide how much an ef = k search explores (Neo4j searches each segment's
// HNSW graph), so the curve names the layout it was measured on: one `.si` file per segment in the index's folder.
const [sentenceIndex] = await graph.read<{ id: number }>(
  query('SHOW INDEXES YIELD id, name WHERE name = $name RETURN id', { name: VECTOR_INDEXES.sentence.name }),
);
const indexDir = join(
  benchConfig().neo4j.managed.dataDir,
  'data/databases/neo4j/schema/index/vector-2.0',
  String(sentenceIndex?.id),
);
const segments = await readdir(indexDir, { recursive: true })
  .then((files) => files.filter((f) => f.endsWith('.si')).length)
  .catch(() => null);
const [{ passages, sentences }] = await graph.read<{ passages: number; sentences: number }>({
  cypher: 'MATCH (p:Passage) WITH count(p) AS passages MATCH (s:Sentence) RETURN passages, count(s) AS sentences',
  params: {},
});
await close();

const r3 = (x: number) => x.toFixed(3);
const r1 = (x: number) => x.toFixed(1);
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/candidate-curve.ts\` on the graph of the ` +
    `${docs.toLocaleString('en')}-document run (${passages.toLocaleString('en')} passages, ` +
    `${sentences.toLocaleString('en')} sentences): the search statement alone (query vectors embedded beforehand), ` +
    `one client, median of 3 runs per query, then median and p95 over the ${truth.queries.length} labelled queries; ` +
    `Neo4j CPU = the server process's CPU time per search (load average ${loadavg()[0].toFixed(1)} at the end). ` +
    `The sentence vector index had ${segments ?? 'an unknown number of'} Lucene segments. ` +
    `k = candidates each list keeps; look-ups = entries asked of the sentence vector index; the default is ` +
    `k = ${candidateCount(0, 10)} and ${sentenceLookups(candidateCount(0, 10))} look-ups for a first page of 10.`,
  '',
  '| k | look-ups | system | nDCG@10 | recall@5 | MRR | distractors@10 | graph p50 ms | graph p95 ms | Neo4j CPU ms |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...cells.map(
    (c) =>
      `| ${c.k} | ${c.lookups} | ${c.system} | ${r3(c.scores.ndcgAt10)} | ${r3(c.scores.recallAt5)} | ${r3(c.scores.mrr)} | ` +
      `${(c.scores.distractorsAt10 ?? NaN).toFixed(2)} | ` +
      `${r1(c.p50)} | ${r1(c.p95)} | ${c.cpuMs === null ? 'n/a' : r1(c.cpuMs)} |`,
  ),
  '',
];
await writeFile(
  join(
    PROJECT_ROOT,
    'bench',
    lookupsList !== null ? `lookups-${docs}.md` : docs === 1000 ? 'candidates.md' : `candidates-${docs}.md`,
  ),
  lines.join('\n'),
);
console.log(lines.join('\n'));
