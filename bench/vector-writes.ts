/**
 * The vector index's own write cost, without the rest of an ingest: one managed Neo4j (the bench's ports), and per
 * phase a label of its own with one vector index of the configuration under test (or none), into which the
 * sentence vectors of the bench/vector-index.ts cache are written as ingest writes them (one transaction per ~94
 * vectors, the mean sentences per document; `db.create.setNodeVectorProperty`). Phases run interleaved in rounds
 * after a warm-up phase (JIT), and each phase's Neo4j CPU is read from /proc, per thread, until Lucene's merge
 * threads are idle. A phase with no index is the floor: the difference is what the index costs.
 *
 * Usage: npx tsx bench/vector-writes.ts [--docs 100] [--rounds 2]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createGraph } from '../graph/driver.js';
import { startManagedNeo4j, stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { createStatement, type VectorHnswOptions } from '../graph/schema.js';
import { EMBEDDING_DIMENSIONS } from '../ingest/records.js';
import { benchConfig } from './env.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const docs = Number(arg('docs', '100'));
const rounds = Number(arg('rounds', '2'));

const CONFIGS: Record<string, VectorHnswOptions | null> = {
  'no index': null,
  default: {},
  'm-8-ef-50': { m: 8, efConstruction: 50 },
  'no-quantization': { quantization: false },
  'ef-50': { efConstruction: 50 },
};

function threadCpu(pid: number): Map<string, { comm: string; ms: number }> {
  const out = new Map<string, { comm: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { comm, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      // ended
    }
  }
  return out;
}
const processCpu = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

const config = benchConfig();
const cacheDir = process.env.IWG_BENCH_CORPUS_DIR ?? '/tmp';
const keys = JSON.parse(await readFile(join(cacheDir, `vectors-${docs}.keys.json`), 'utf8')) as string[];
const buf = await readFile(join(cacheDir, `vectors-${docs}.bin`));
const dims = EMBEDDING_DIMENSIONS;
// Sentence vectors: the cache holds passages first, then sentences, then queries; sentences are the short ones.
const vectors: number[][] = [];
keys.forEach((k, i) => {
  const [kind, text] = k.split('\u0000');
  if (kind !== 'passage' || text.length > 400) return;
  const v: number[] = [];
  for (let d = 0; d < dims; d++) v.push(buf.readFloatLE((i * dims + d) * 4));
  vectors.push(v);
});
const batch = Math.round(vectors.length / docs);

await stopManagedNeo4j(config.neo4j.managed);
await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
const managed = await startManagedNeo4j(config.neo4j.managed);
const graph = createGraph({ ...config.neo4j, uri: managed.uri });
await graph.waitUntilReady();
const pid = managed.pid;

async function phase(name: string, label: string, hnsw: VectorHnswOptions | null) {
  if (hnsw) {
    await graph.write([
      createStatement({
        kind: 'vector',
        name: `${label.toLowerCase()}_embedding`,
        label,
        property: 'embedding',
        dimensions: dims,
        similarity: 'COSINE',
        hnsw,
      }),
    ]);
    await graph.write([{ cypher: 'CALL db.awaitIndexes(300)', params: {} }]);
  }
  const base = threadCpu(pid);
  const cpu0 = processCpu(pid);
  const last = new Map(base);
  const timer = setInterval(() => threadCpu(pid).forEach((t, tid) => last.set(tid, t)), 250);
  for (let i = 0; i < vectors.length; i += batch) {
    await graph.write([
      {
        cypher: `UNWIND $vs AS v CREATE (x:${label}) WITH x, v CALL db.create.setNodeVectorProperty(x, 'embedding', v)`,
        params: { vs: vectors.slice(i, i + batch) },
      },
    ]);
  }
  // Wait until no merge thread has run for 3 s.
  let quiet = 0;
  let mergeMs = -1;
  while (quiet < 12) {
    await new Promise((r) => setTimeout(r, 250));
    const now = [...threadCpu(pid).values()].filter((t) => /Lucene Merge/.test(t.comm)).reduce((a, t) => a + t.ms, 0);
    quiet = now === mergeMs ? quiet + 1 : 0;
    mergeMs = now;
  }
  clearInterval(timer);
  threadCpu(pid).forEach((t, tid) => last.set(tid, t));
  const by: Record<string, number> = {};
  for (const [tid, t] of last) {
    const d = t.ms - (base.get(tid)?.ms ?? 0);
    if (d <= 0) continue;
    const cat = /Compiler/.test(t.comm)
      ? 'jit'
      : /Lucene Merge/.test(t.comm)
        ? 'merge'
        : /BoltWorke/.test(t.comm)
          ? 'bolt'
          : 'other';
    by[cat] = (by[cat] ?? 0) + d;
  }
  const total = processCpu(pid) - cpu0;
  console.log(JSON.stringify({ name, label, vectors: vectors.length, batch, totalMs: total, ...by }));
}

await phase('warm-up (default index)', 'VecWarm', {});
let n = 0;
for (let round = 1; round <= rounds; round++)
  for (const [name, hnsw] of Object.entries(CONFIGS)) await phase(`${name} #${round}`, `VecProbe${n++}`, hnsw);
await graph.close();
await stopManagedNeo4j(config.neo4j.managed);
