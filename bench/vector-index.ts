/**
 * Vector index configurations against Neo4j's CPU during ingest and retrieval quality (bench/vector-index.md).
 * For each configuration, in interleaved rounds: a fresh managed Neo4j (the bench's ports and data dir), the schema
 * with that configuration's vector indexes, the generated corpus ingested by the real pipeline, then the labelled
 * queries searched (semantic and default search, scored like the bench) and the sentence vector look-up profiled
 * (db hits, Neo4j CPU per call, recall of the approximate top k against the exact top k over every sentence).
 *
 * The model's work is taken out of the comparison: every text is embedded once with the real model and each
 * ingest reads the same vectors from that cache (saved beside the corpus), so each run writes identical vectors and
 * Neo4j's CPU is the only thing that varies. The warm-up embeds the units as bench/measure.ts `sampleUnits` cuts
 * them; texts the pipeline embeds otherwise are embedded during the first ingest and cached after it. Neo4j's CPU is read from /proc (whole process, and per thread, sampled every
 * 250 ms so threads that end, like Lucene's merge threads, are counted up to their last sample).
 *
 * Usage: npx tsx bench/vector-index.ts [--docs 100] [--rounds 2] [--configs default,ef-50,...]
 */
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGraph, type Graph } from '../graph/driver.js';
import { ensureSchema } from '../graph/ensure-schema.js';
import { startManagedNeo4j, stopManagedNeo4j } from '../graph/managed-neo4j.js';
import {
  expectedSchema,
  VECTOR_INDEXES,
  type IndexSpec,
  type SchemaSpec,
  type VectorHnswOptions,
} from '../graph/schema.js';
import type { Embedder, EmbedKind } from '../ingest/embed.js';
import { AccessLabel, EMBEDDING_DIMENSIONS } from '../ingest/records.js';
import { searchGraph, type HitType, type SearchMode } from '../queries/search.js';
import { PROJECT_ROOT } from '../src/config.js';
import { ingestPaths } from '../src/ingest-service.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openParser, type Runtime } from '../src/runtime.js';
import { benchConfig, benchCorpusRoot } from './env.js';
import { writeGeneratedCorpus, type GroundTruth } from './generate.js';
import { sampleUnits } from './measure.js';
import { labelsV2, meanScores, scoreQuery, type QueryScores } from './quality.js';

interface IndexConfig {
  /** HNSW/quantization options per vector index (absent: Neo4j's defaults). */
  readonly sentence?: VectorHnswOptions;
  readonly passage?: VectorHnswOptions;
  readonly others?: VectorHnswOptions;
  /** No vector index on Passage (iwg-graph searches passages through their sentences). */
  readonly noPassageIndex?: boolean;
}

const CONFIGS: Record<string, IndexConfig> = {
  default: {},
  'ef-50': { sentence: { efConstruction: 50 }, passage: { efConstruction: 50 } },
  'm-8': { sentence: { m: 8 }, passage: { m: 8 } },
  'm-8-ef-50': { sentence: { m: 8, efConstruction: 50 }, passage: { m: 8, efConstruction: 50 } },
  'no-quantization': { sentence: { quantization: false }, passage: { quantization: false } },
  'no-passage-index': { noPassageIndex: true },
};

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const docs = Number(arg('docs', '100'));
const rounds = Number(arg('rounds', '2'));
const configNames = arg('configs', Object.keys(CONFIGS).join(',')).split(',');
for (const c of configNames) if (!CONFIGS[c]) throw new Error(`unknown config ${c}`);
const K = 100;

function schemaFor(c: IndexConfig): SchemaSpec {
  const base = expectedSchema(EMBEDDING_DIMENSIONS);
  const indexes = base.indexes.flatMap((i): IndexSpec[] => {
    if (i.kind !== 'vector') return [i];
    if (i.name === VECTOR_INDEXES.passage.name && c.noPassageIndex) return [];
    const hnsw =
      i.name === VECTOR_INDEXES.sentence.name
        ? c.sentence
        : i.name === VECTOR_INDEXES.passage.name
          ? c.passage
          : c.others;
    return [hnsw ? { ...i, hnsw } : i];
  });
  return { ...base, indexes };
}

/** Every text embedded once with the real model; later calls read the same vectors. Persisted between runs. */
class CachedEmbedder implements Embedder {
  readonly dimensions: number;
  readonly id: string;
  readonly cache = new Map<string, Float32Array>();
  misses = 0;
  constructor(private readonly real: Embedder & { id: string }) {
    this.dimensions = real.dimensions;
    this.id = real.id;
  }
  private key = (kind: EmbedKind, text: string) => `${kind}\u0000${text}`;
  async embed(texts: readonly string[], opts?: { kind?: EmbedKind }): Promise<Float32Array[]> {
    const kind = opts?.kind ?? 'passage';
    const missing = [...new Set(texts.filter((t) => !this.cache.has(this.key(kind, t))))];
    if (missing.length > 0) {
      this.misses += missing.length;
      const vs = await this.real.embed(missing, { kind });
      missing.forEach((t, i) => this.cache.set(this.key(kind, t), vs[i]));
    }
    return texts.map((t) => this.cache.get(this.key(kind, t))!);
  }
  async save(file: string) {
    const keys = [...this.cache.keys()];
    const buf = Buffer.alloc(keys.length * this.dimensions * 4);
    keys.forEach((k, i) => Buffer.from(this.cache.get(k)!.buffer).copy(buf, i * this.dimensions * 4));
    await writeFile(`${file}.keys.json`, JSON.stringify(keys));
    await writeFile(`${file}.bin`, buf);
  }
  async load(file: string) {
    if (!existsSync(`${file}.bin`)) return;
    const keys = JSON.parse(await readFile(`${file}.keys.json`, 'utf8')) as string[];
    const buf = await readFile(`${file}.bin`);
    keys.forEach((k, i) => {
      const v = new Float32Array(this.dimensions);
      for (let d = 0; d < this.dimensions; d++) v[d] = buf.readFloatLE((i * this.dimensions + d) * 4);
      this.cache.set(k, v);
    });
  }
  close = async () => {};
}

/** CPU ms of every thread of a process, by tid, with its name (comm). */
function threadCpu(pid: number): Map<string, { comm: string; ms: number }> {
  const out = new Map<string, { comm: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8') as string;
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { comm, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}

const category = (comm: string): string =>
  /^C2 Compiler/.test(comm)
    ? 'jit'
    : /^C1 Compiler/.test(comm)
      ? 'jit'
      : /Lucene Merge/i.test(comm)
        ? 'lucene-merge'
        : /bolt/i.test(comm)
          ? 'bolt'
          : /^(GC Thread|G1 )/.test(comm)
            ? 'gc'
            : 'other';

/** Samples per-thread CPU every 250 ms; `stop` returns CPU ms per category and per thread name since `start`. */
function startSampler(pid: number) {
  const base = threadCpu(pid);
  const last = new Map(base);
  const tick = () => {
    for (const [tid, t] of threadCpu(pid)) last.set(tid, t);
  };
  const timer = setInterval(tick, 250);
  return () => {
    clearInterval(timer);
    tick();
    const byCategory: Record<string, number> = {};
    const byComm: Record<string, number> = {};
    for (const [tid, t] of last) {
      const d = t.ms - (base.get(tid)?.ms ?? 0);
      if (d <= 0) continue;
      byCategory[category(t.comm)] = (byCategory[category(t.comm)] ?? 0) + d;
      const name = t.comm.replace(/[-#]?\d+$/, '');
      byComm[name] = (byComm[name] ?? 0) + d;
    }
    return { byCategory, byComm };
  };
}

function processCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

const SYSTEMS: { name: string; mode: SearchMode; types: HitType[] }[] = [
  { name: 'semantic', mode: 'semantic', types: ['passage'] },
  { name: 'default', mode: 'hybrid', types: ['passage', 'practice'] },
];

interface Profile {
  dbHits: number;
}

async function measureSearch(graph: Graph, pid: number, truth: GroundTruth, vectors: Map<string, number[]>) {
  const quality: Record<string, QueryScores> = {};
  for (const s of SYSTEMS) {
    const scores: QueryScores[] = [];
    for (const q of truth.queries) {
      const input = { query: q.text, limit: 10, offset: 0, ...s, filters: { readable: AccessLabel.options } };
      const answer = await retry(() => searchGraph(graph, input, vectors.get(q.id)!));
      const ranked = answer.results.map((h) => ({ id: h.id, documentId: h.document?.id ?? '', text: h.text }));
      scores.push(scoreQuery(ranked, labelsV2(q)));
    }
    quality[s.name] = meanScores(scores);
  }
  // Exact top K over every sentence vector (all unit length: cosine = dot product), against the index's top K.
  const rows = await retry(() =>
    graph.read<{ id: string; v: number[] }>({
      cypher: 'MATCH (s:Sentence) RETURN s.id AS id, s.embedding AS v',
      params: {},
    }),
  );
  const lookup = (v: number[], k: number) =>
    graph.read<{ id: string }>({
      cypher: `CALL db.index.vector.queryNodes('${VECTOR_INDEXES.sentence.name}', $k, $v) YIELD node RETURN node.id AS id`,
      params: { v, k },
    });
  const recallAt = (k: number, approx: string[], exact: string[]) => {
    const want = new Set(exact.slice(0, k));
    return approx.slice(0, k).filter((id) => want.has(id)).length / want.size;
  };
  const recall10: number[] = [];
  const recall100: number[] = [];
  for (const q of truth.queries) {
    const v = vectors.get(q.id)!;
    const exact = rows
      .map((r) => ({ id: r.id, s: r.v.reduce((a, x, i) => a + x * v[i], 0) }))
      .sort((a, b) => b.s - a.s)
      .map((r) => r.id);
    const approx = (await retry(() => lookup(v, K))).map((r) => r.id);
    recall10.push(recallAt(10, approx, exact));
    recall100.push(recallAt(K, approx, exact));
  }
  // Db hits of the look-up (PROFILE) and Neo4j CPU per look-up over 5 passes.
  const hits = await profileHits(truth, vectors);
  const cpu0 = processCpu(pid);
  const t0 = performance.now();
  const passes = 5;
  for (let p = 0; p < passes; p++) for (const q of truth.queries) await lookup(vectors.get(q.id)!, K);
  const lookupCpuMs = (processCpu(pid) - cpu0) / (passes * truth.queries.length);
  const lookupWallMs = (performance.now() - t0) / (passes * truth.queries.length);
  return {
    quality,
    annRecallAt10: mean(recall10),
    annRecallAt100: mean(recall100),
    lookupDbHits: hits,
    lookupCpuMs,
    lookupWallMs,
    sentences: rows.length,
  };
}

/** A cold server under load may time out on its first statements: those are retried. */
async function retry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Db hits of the sentence look-up (k = K) per query, from PROFILE through the driver's summary. */
async function profileHits(truth: GroundTruth, vectors: Map<string, number[]>): Promise<number> {
  const neo4j = (await import('neo4j-driver')).default;
  const config = benchConfig();
  const driver = neo4j.driver(`bolt://127.0.0.1:${config.neo4j.managed.boltPort}`);
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  let all = 0;
  const walk = (op: Profile & { children: unknown[] }) => {
    all += op.dbHits;
    for (const c of op.children) walk(c as Profile & { children: unknown[] });
  };
  for (const q of truth.queries) {
    const r = await session.run(
      `PROFILE CALL db.index.vector.queryNodes('${VECTOR_INDEXES.sentence.name}', $k, $v) YIELD node, score RETURN node.id AS id, score`,
      { v: vectors.get(q.id)!, k: neo4j.int(K) },
    );
    walk(r.summary.profile as unknown as Profile & { children: unknown[] });
  }
  await session.close();
  await driver.close();
  return all / truth.queries.length;
}

async function du(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) {
      total += statSync(join(e.parentPath, e.name)).size;
    }
  }
  return total;
}

async function main() {
  const log = createLogger('info', 'vector-index');
  const quiet = createLogger('warn', 'vector-index');
  const config = benchConfig();
  const cacheDir = benchCorpusRoot(config);
  const corpusDir = join(cacheDir, `corpus-908-${docs}`);
  if (!existsSync(join(corpusDir, 'ground-truth.json'))) {
    log.info({ docs, corpusDir }, 'generating the corpus');
    await writeGeneratedCorpus(corpusDir, { documents: docs, seed: 908 });
  }
  const truth = JSON.parse(await readFile(join(corpusDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const real = await openEmbedder(config, quiet);
  const embedder = new CachedEmbedder(real);
  const cacheFile = join(cacheDir, `vectors-${docs}`);
  await embedder.load(cacheFile);
  if (embedder.cache.size === 0) {
    const files = (await readdir(corpusDir, { recursive: true })).filter((f) => /\.(md|txt|html|pdf)$/.test(f));
    const units = await sampleUnits(corpusDir, files.sort());
    log.info({ passages: units.passages.length, sentences: units.sentences.length }, 'embedding every unit once');
    await embedder.embed(units.passages);
    await embedder.embed(units.sentences);
    await embedder.embed(
      truth.queries.map((q) => q.text),
      { kind: 'query' },
    );
    await embedder.save(cacheFile);
  }
  const queryVectors = new Map<string, number[]>();
  for (const q of truth.queries)
    queryVectors.set(q.id, Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]));
  const parser = openParser(config, quiet);
  const outFile = join(PROJECT_ROOT, 'bench', 'results', `vector-index-${docs}.json`);
  const results: unknown[] = existsSync(outFile) ? (JSON.parse(await readFile(outFile, 'utf8')) as unknown[]) : [];

  for (let round = 1; round <= rounds; round++) {
    for (const name of configNames) {
      await stopManagedNeo4j(config.neo4j.managed);
      await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
      const managed = await startManagedNeo4j(config.neo4j.managed);
      const graph = createGraph({ ...config.neo4j, uri: managed.uri });
      await graph.waitUntilReady();
      const schema = schemaFor(CONFIGS[name]);
      await ensureSchema(graph, { schema });
      const shown = await graph.read<{ name: string; options: { indexConfig: Record<string, unknown> } }>({
        cypher: "SHOW INDEXES YIELD name, type, options WHERE type = 'VECTOR' RETURN name, options",
        params: {},
      });
      const sentenceIndex = shown.find((s) => s.name === VECTOR_INDEXES.sentence.name)?.options.indexConfig;
      const load0 = loadavg()[0];
      const cpu0 = processCpu(managed.pid);
      const stopSampler = startSampler(managed.pid);
      const t0 = performance.now();
      const runtime = {
        config,
        graph,
        embedder,
        parser,
        managed,
        log: quiet,
        close: async () => {},
      } as unknown as Runtime;
      log.info({ round, config: name, load: load0 }, 'ingesting');
      const summary = await ingestPaths(runtime, [corpusDir], { root: corpusDir });
      const ingestWallMs = performance.now() - t0;
      const cpuIngest = processCpu(managed.pid) - cpu0;
      // Merges started by the last commits finish in the background: wait for them and count them.
      await new Promise((r) => setTimeout(r, 5000));
      const threads = stopSampler();
      const cpuWithSettle = processCpu(managed.pid) - cpu0;
      log.info({ config: name, round, cpuMs: cpuWithSettle, threads }, 'ingested');
      const search = await measureSearch(graph, managed.pid, truth, queryVectors);
      const indexBytes = await du(join(config.neo4j.managed.dataDir, 'data', 'databases', 'neo4j', 'schema', 'index'));
      const result = {
        round,
        config: name,
        options: CONFIGS[name],
        sentenceIndexConfig: sentenceIndex,
        docs,
        documents: summary.totals.added + summary.totals.updated,
        failed: summary.totals.failed,
        ingestWallMs,
        neo4jCpuIngestMs: cpuIngest,
        neo4jCpuWithSettleMs: cpuWithSettle,
        threads,
        loadStart: load0,
        loadEnd: loadavg()[0],
        embedderMisses: embedder.misses,
        indexBytes,
        ...search,
        at: new Date().toISOString(),
      };
      log.info(
        {
          config: name,
          round,
          cpuS: Math.round(cpuWithSettle / 100) / 10,
          threads: threads.byCategory,
          semantic: search.quality.semantic.ndcgAt10,
          default: search.quality.default.ndcgAt10,
          ann10: search.annRecallAt10,
          ann100: search.annRecallAt100,
          hits: search.lookupDbHits,
          lookupCpuMs: search.lookupCpuMs,
        },
        'measured',
      );
      results.push(result);
      await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
      await writeFile(outFile, JSON.stringify(results, null, 2) + '\n');
      if (round === 1 && name === configNames[0]) await embedder.save(cacheFile);
      await graph.close();
    }
  }
  await stopManagedNeo4j(config.neo4j.managed);
  await parser.close();
  await real.close();
}

interface SavedRun {
  round: number;
  config: string;
  neo4jCpuWithSettleMs: number;
  threads: { byCategory: Record<string, number> };
  loadStart: number;
  loadEnd: number;
  indexBytes: number;
  quality: Record<string, QueryScores>;
  annRecallAt10: number;
  annRecallAt100: number;
  lookupDbHits: number;
  lookupCpuMs: number;
}

/** `--report`: the saved runs as one markdown table row per run (for bench/vector-index.md). */
async function report() {
  const file = join(PROJECT_ROOT, 'bench', 'results', `vector-index-${docs}.json`);
  const runs = JSON.parse(await readFile(file, 'utf8')) as SavedRun[];
  const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1);
  console.log(
    '| config | round | load | Neo4j CPU s | JIT s | Bolt s | Lucene merge s | GC s | other s | semantic nDCG@10 / R@5 | ' +
      'default nDCG@10 / R@5 | ANN recall@10 / @100 | look-up db hits | look-up CPU ms | index MB |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of runs) {
    const c = r.threads.byCategory;
    const q = (x: QueryScores) => `${x.ndcgAt10.toFixed(3)} / ${x.recallAt5.toFixed(3)}`;
    console.log(
      `| ${r.config} | ${r.round} | ${r.loadStart.toFixed(0)}→${r.loadEnd.toFixed(0)} | ${s(r.neo4jCpuWithSettleMs)} | ` +
        `${s(c.jit)} | ${s(c.bolt)} | ${s(c['lucene-merge'])} | ${s(c.gc)} | ${s(c.other)} | ${q(r.quality.semantic)} | ` +
        `${q(r.quality.default)} | ${r.annRecallAt10.toFixed(3)} / ${r.annRecallAt100.toFixed(3)} | ` +
        `${r.lookupDbHits.toFixed(0)} | ${r.lookupCpuMs.toFixed(2)} | ${(r.indexBytes / 2 ** 20).toFixed(1)} |`,
    );
  }
}

if (process.argv.includes('--report')) await report();
else
  main().catch(async (err) => {
    console.error(err);
    await stopManagedNeo4j(benchConfig().neo4j.managed).catch(() => undefined);
    process.exit(1);
  });
