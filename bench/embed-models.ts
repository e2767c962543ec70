/**
 * `npx tsx bench/embed-models.ts (--corpus DIR | --dev) [--models a,b] [--workers N]`: semantic-only retrieval
 * quality and CPU cost of each embedding model of ingest/models.ts at the sentence level. Every sentence of every
 * passage (as ingest cuts them, each distinct text once) is embedded as a passage, each labelled query as a query; a
 * passage scores its best sentence's cosine (max-sim, brute force) and recall@5, nDCG@10 and MRR are scored as
 * bench/quality.ts scores the search API. `--dev` scores test/fixtures/dev-queries.yaml over corpus/ and the trend
 * newsletters (each snippet grade 1, in any document). CPU is process.cpuUsage over the embedding of the
 * sentences: every worker thread of this process.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import YAML from 'yaml';
import { chunkText } from '../ingest/chunk.js';
import type { EmbedKind } from '../ingest/embed.js';
import { MODEL_IDS, MODELS } from '../ingest/models.js';
import { detectFormat, parseFile } from '../ingest/parse.js';
import { splitSentences } from '../ingest/sentences.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder } from '../src/runtime.js';
import type { GroundTruth } from './generate.js';
import { labelsV2, meanScores, scoreQuery, type LabelledEntry, type RankedPassage } from './quality.js';

interface Corpus {
  passages: RankedPassage[];
  /** Distinct sentence texts. */
  sentences: string[];
  /** For each passage, the indexes of its sentences. */
  sentencesOf: number[][];
  queries: { text: string; relevant: LabelledEntry[] }[];
}

/** Parses and chunks `files` (paths relative to `root`) and splits each passage into sentences, each text once. */
async function readCorpus(root: string, files: string[]): Promise<Omit<Corpus, 'queries'>> {
  const passages: RankedPassage[] = [];
  const sentences: string[] = [];
  const sentencesOf: number[][] = [];
  // Each distinct text is embedded once (one text per model call gives it one vector wherever it stands), as the
  // sentence vector index holds it once (graph/schema.ts).
  const index = new Map<string, number>();
  for (const id of files) {
    const path = join(root, id);
    const doc = await parseFile(await readFile(path), { id, path, format: detectFormat(path) });
    for (const p of chunkText(doc)) {
      passages.push({ id: `${id}#${p.ordinal}`, documentId: id, text: p.text });
      sentencesOf.push(
        splitSentences(doc.text, p.start, p.end).map((s) => {
          if (!index.has(s.text)) index.set(s.text, sentences.push(s.text) - 1);
          return index.get(s.text)!;
        }),
      );
    }
  }
  return { passages, sentences, sentencesOf };
}

const listFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true })).filter((f) => /\.(md|txt|html|pdf)$/.test(f) && !/README/.test(f));

async function generatedCorpus(dir: string): Promise<Corpus> {
  const truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  const files = (await listFiles(join(dir, 'docs'))).map((f) => join('docs', f)).sort();
  // Labels v2: needles graded 2, distractors 0 (bench/labels.md); embedding.md's figures were scored under v1.
  const queries = truth.queries.map((q) => ({ text: q.text, relevant: labelsV2(q) }));
  return { ...(await readCorpus(dir, files)), queries };
}

async function devCorpus(): Promise<Corpus> {
  const roots = [join(PROJECT_ROOT, 'corpus', 'documents'), join(PROJECT_ROOT, 'test', 'fixtures', 'trends')];
  const files = (
    await Promise.all(roots.map(async (r) => (await listFiles(r)).map((f) => relative(PROJECT_ROOT, join(r, f)))))
  ).flat();
  const corpus = await readCorpus(PROJECT_ROOT, files.sort());
  const dev = YAML.parse(await readFile(join(PROJECT_ROOT, 'test', 'fixtures', 'dev-queries.yaml'), 'utf8')) as {
    queries: { query: string; relevant: string[] }[];
  };
  // Dev snippets name no document: any passage holding one is relevant, so every passage is put in document '*'.
  corpus.passages = corpus.passages.map((p) => ({ ...p, documentId: '*' }));
  const queries = dev.queries.map((q) => ({
    text: q.query,
    relevant: q.relevant.map((quote) => ({ document: '*', quote, grade: 1 })),
  }));
  return { ...corpus, queries };
}

/** Sentences per progress line while embedding. */
const PROGRESS_EVERY = 20_000;

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Embeds the corpus with one model and scores every query; returns quality and CPU per sentence. */
async function evaluate(corpus: Corpus, model: string, workers: number | undefined, queryKind: EmbedKind) {
  const config = loadConfig({
    ...process.env,
    IWG_MODEL: model,
    LOG_LEVEL: 'warn',
    ...(workers ? { IWG_EMBED_WORKERS: String(workers) } : {}),
  });
  const embedder = await openEmbedder(config, createLogger('warn', 'bench'));
  try {
    await embedder.embed(corpus.sentences.slice(0, 16));
    const load1 = loadavg()[0];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const vectors: Float32Array[] = [];
    for (let i = 0; i < corpus.sentences.length; i += PROGRESS_EVERY) {
      vectors.push(...(await embedder.embed(corpus.sentences.slice(i, i + PROGRESS_EVERY))));
      const elapsedS = (performance.now() - t0) / 1000;
      console.error(JSON.stringify({ model, embedded: vectors.length, of: corpus.sentences.length, elapsedS }));
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const queryVectors = await embedder.embed(
      corpus.queries.map((q) => q.text),
      { kind: queryKind },
    );
    const scores = corpus.queries.map((q, qi) => {
      const sims = vectors.map((v) => dot(v, queryVectors[qi]));
      const ranked = corpus.passages
        .map((p, i) => ({ p, score: Math.max(...corpus.sentencesOf[i].map((s) => sims[s])) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
        .map((x) => x.p);
      return scoreQuery(ranked, q.relevant);
    });
    return {
      model,
      queryKind,
      embedder: embedder.id,
      workers: embedder.workers,
      sentences: corpus.sentences.length,
      passages: corpus.passages.length,
      queries: corpus.queries.length,
      ...meanScores(scores),
      cpuMsPerSentence: (cpu.user + cpu.system) / 1000 / corpus.sentences.length,
      sentencesPerS: corpus.sentences.length / (wallMs / 1000),
      load1,
    };
  } finally {
    await embedder.close();
  }
}

const opts = new Command()
  .option('--corpus <dir>', 'a corpus written by bench/generate.ts')
  .option('--dev', 'the labelled dev queries over the bundled corpus')
  .option('--models <list>', 'comma-separated model ids', MODEL_IDS.join(','))
  .option('--workers <n>', 'embedding workers (default: one per core)')
  .option('--queries-as-passages', 'ablation: embed queries without their query prefix (as passages)')
  .option('--out <file>', 'JSON results')
  .parse()
  .opts<{
    corpus?: string;
    dev?: boolean;
    models: string;
    workers?: string;
    queriesAsPassages?: boolean;
    out?: string;
  }>();
if (!opts.corpus && !opts.dev) throw new Error('give --corpus DIR or --dev');
const corpus = opts.dev ? await devCorpus() : await generatedCorpus(opts.corpus!);
console.error(
  `${corpus.passages.length} passages, ${corpus.sentences.length} sentences, ${corpus.queries.length} queries`,
);
const results = [];
for (const model of opts.models.split(',')) {
  if (!(model in MODELS)) throw new Error(`unknown model ${model}`);
  const queryKind = opts.queriesAsPassages ? 'passage' : 'query';
  const r = await evaluate(corpus, model, opts.workers ? Number(opts.workers) : undefined, queryKind);
  console.error(JSON.stringify(r));
  results.push(r);
}
const set = opts.dev ? 'dev' : opts.corpus;
if (opts.out) await writeFile(opts.out, JSON.stringify({ date: new Date().toISOString(), set, results }, null, 2));
