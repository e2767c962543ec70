/**
 * Full-text analyzers for the keyword list, on the graph the last `npm run bench` size left behind: creates a
 * copy of the passage and practice full-text indexes under each analyzer asked for (`ANALYZERS`, default
 * "english,standard"; a copy covers a second, absent label because Neo4j refuses two full-text indexes on one
 * schema), runs the keyword, hybrid and default searches with the copies in place of the shipped indexes
 * (standard-no-stop-words), scores them like the bench (labels v2) and times them (two passes; the second is the
 * figure), then drops the copies. Usage: npx tsx bench/analyzer-study.ts [--docs 10000]
 */
import { performance } from 'node:perf_hooks';
import type { SearchInput, HitType, SearchMode } from '../queries/search.js';
import { AccessLabel } from '../ingest/records.js';
import { openLeftBehind } from './left-behind.js';
import { cpuMsOf } from './env.js';
import { median } from './measure.js';
import { meanScores, type QueryScores } from './quality.js';
import { timedSearch } from './timed-search.js';
import type { Graph } from '../graph/driver.js';

const { truth, graph, embedder, neo4jPid, close } = await openLeftBehind(1000);
const analyzers = (process.env.ANALYZERS ?? 'english,standard').split(',').filter(Boolean);
const suffix = (a: string) => `_${a.replace(/[^a-z]/g, '')}`;
for (const a of analyzers)
  for (const [name, label] of [
    ['passage_text', 'Passage'],
    ['practice_text', 'Practice'],
  ]) {
    await graph.write([
      {
        cypher: `CREATE FULLTEXT INDEX ${name}${suffix(a)} IF NOT EXISTS FOR (n:${label}|AnalyzerStudy${suffix(a)}) ON EACH [n.text] OPTIONS { indexConfig: { \`fulltext.analyzer\`: $a } }`,
        params: { a },
      } as never,
    ]);
  }
const t0 = performance.now();
await graph.read({ cypher: 'CALL db.awaitIndexes(3600)', params: {} } as never, { timeoutMs: 3_600_000 });
console.log(JSON.stringify({ built: ((performance.now() - t0) / 1000).toFixed(1) }));
const vectors = new Map<string, number[]>();
for (const q of truth.queries) vectors.set(q.id, Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]));
const SYSTEMS: { name: string; mode: SearchMode; types: HitType[] }[] = [
  { name: 'keyword', mode: 'keyword', types: ['passage'] },
  { name: 'hybrid', mode: 'hybrid', types: ['passage'] },
  { name: 'default', mode: 'hybrid', types: ['passage', 'practice'] },
];
const variant = (a: string | null): Graph =>
  new Proxy(graph, {
    get(target, prop, receiver) {
      if (prop !== 'read' || a === null) return Reflect.get(target, prop, receiver);
      return (q: { cypher: string; params: object }) =>
        target.read({ ...q, cypher: q.cypher.replace(/'(passage_text|practice_text)'/g, `'$1${suffix(a)}'`) } as never);
    },
  });
for (let pass = 0; pass < 2; pass++)
  for (const a of [null, ...analyzers]) {
    const g = variant(a);
    for (const s of SYSTEMS) {
      const scores: QueryScores[] = [];
      const times: number[] = [];
      const cpu0 = cpuMsOf(neo4jPid!)!;
      for (const q of truth.queries) {
        const input: SearchInput = {
          query: q.text,
          limit: 10,
          offset: 0,
          mode: s.mode,
          types: s.types,
          filters: { readable: AccessLabel.options },
        };
        const run = await timedSearch(g, input, vectors.get(q.id)!, q);
        times.push(run.ms);
        scores.push(run.scores);
      }
      const cpu = (cpuMsOf(neo4jPid!)! - cpu0) / (3 * truth.queries.length);
      const m = meanScores(scores);
      console.log(
        JSON.stringify({
          pass,
          analyzer: a ?? 'standard-no-stop-words',
          system: s.name,
          ndcg: m.ndcgAt10.toFixed(3),
          r5: m.recallAt5.toFixed(3),
          mrr: m.mrr.toFixed(3),
          p50: median(times).toFixed(1),
          cpuMs: cpu.toFixed(1),
        }),
      );
    }
  }
for (const a of analyzers)
  for (const name of ['passage_text', 'practice_text'])
    await graph.write([{ cypher: `DROP INDEX ${name}${suffix(a)} IF EXISTS`, params: {} } as never]);
await close();
