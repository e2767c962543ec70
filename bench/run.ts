/**
 * `npm run bench [-- --quick] [-- --sizes 1000,10000]`: for each corpus size, a SYNTHETIC corpus from
 * bench/generate.ts is ingested into a fresh managed Neo4j (own ports and data dir), then searched under load,
 * next to LangChain.js's Neo4jVectorStore hybrid search over the same server, passages and model, and its related
 * practices are scored on the generator's practice families (bench/relatedness.ts). Each size's
 * results are saved to bench/results/<label>-<size>.json, and bench/RESULTS.md and bench/plots/*.svg are
 * rendered from every saved result, so sizes can be measured in separate runs.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph, openParser, type Runtime } from '../src/runtime.js';
import { startServer, stopServer } from '../src/server.js';
import { benchConfig, benchCorpusRoot, describeEnvironment, resetPeakRss, takePeakRssMb } from './env.js';
import { writeGeneratedCorpus } from './generate.js';
import {
  ingestCorpus,
  measureLoad,
  measureQuality,
  measureRawEmbedding,
  measureTrends,
  median,
  sampleUnits,
  type IngestRun,
} from './measure.js';
import { startPeer } from './peer.js';
import { measureRelatedness } from './relatedness.js';
import { renderResults, type SizeResult } from './report.js';

const Options = z.object({
  quick: z.boolean(),
  sizes: z.array(z.number().int().min(10).max(1_000_000)).min(1),
  seed: z.number().int().min(0),
  ingestRuns: z.number().int().min(1).max(10).optional(),
  loadRuns: z.number().int().min(1).max(10),
  duration: z.number().min(1).max(120),
  connections: z.array(z.number().int().min(1).max(256)).min(1),
});
type Options = z.infer<typeof Options>;

const list = (v: string) => v.split(',').map((x) => Number(x.trim()));

function parseOptions(argv: string[]): Options {
  const cmd = new Command('bench')
    .option('--quick', 'one small size, one run each, short load phases (CI; under 5 minutes)', false)
    .addOption(new Option('--sizes <docs>', 'corpus sizes in documents, comma-separated').argParser(list))
    .option('--seed <n>', 'generator seed', Number, 908)
    .option('--ingest-runs <n>', 'ingests per size (default: 3 up to 100 documents, 2 up to 1000, else 1)', Number)
    .option('--load-runs <n>', 'repetitions of each load phase (medians reported)', Number)
    .option('--duration <s>', 'seconds per load phase', Number)
    .addOption(new Option('--connections <list>', 'concurrent clients').argParser(list).default([1, 4, 16]))
    .parse(argv);
  const o = cmd.opts();
  const parsed = Options.safeParse({
    quick: o.quick,
    sizes: o.sizes ?? (o.quick ? [100] : [100, 1000, 10_000]),
    seed: o.seed,
    ingestRuns: o.ingestRuns,
    loadRuns: o.loadRuns ?? (o.quick ? 1 : 3),
    duration: o.duration ?? (o.quick ? 3 : 5),
    connections: o.connections,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    console.error(`bench: invalid options:\n${lines.join('\n')}`);
    process.exit(2);
  }
  return parsed.data;
}

const ingestRunsFor = (o: Options, docs: number) =>
  o.ingestRuns ?? (o.quick ? 1 : docs <= 100 ? 3 : docs <= 1000 ? 2 : 1);

async function main() {
  const opts = parseOptions(process.argv);
  const label = opts.quick ? 'quick' : 'full';
  const log = createLogger('info', 'bench');
  const step = (msg: string, fields: Record<string, unknown> = {}) => log.info(fields, msg);
  const quiet = createLogger('warn', 'bench');
  const config = benchConfig();
  // Regenerated on every run.
  const cacheDir = benchCorpusRoot(config);

  step('loading the model');
  const embedder = await openEmbedder(config, quiet);
  const parser = openParser(config, quiet);

  for (const docs of opts.sizes) {
    const corpusDir = join(cacheDir, `corpus-${opts.seed}-${docs}`);
    step('generating the synthetic corpus', { docs, seed: opts.seed, dir: corpusDir });
    await rm(corpusDir, { recursive: true, force: true });
    const { groundTruth: truth } = await writeGeneratedCorpus(
      corpusDir,
      { documents: docs, seed: opts.seed },
      (d, t) => {
        if (d % Math.max(1, Math.round(t / 10)) === 0) step('generate progress', { done: d, total: t });
      },
    );

    // The raw-throughput sample: the passages and sentences of the first 30 documents, as the pipeline cuts them.
    const files = (await readdir(corpusDir, { recursive: true })).filter((f) => /\.(md|txt|html|pdf)$/.test(f));
    const sample = await sampleUnits(corpusDir, files.sort().slice(0, 30));
    step('raw embedding throughput', { passages: sample.passages.length, sentences: sample.sentences.length });
    const raw = await measureRawEmbedding(embedder, sample, opts.quick ? 1 : 3);
    step('raw embedding measured', { passagesPerS: Math.round(raw.passagesPerS) });

    const runs: (IngestRun & { nodePeakMb: number | null; neo4jPeakMb: number | null })[] = [];
    let runtime: Runtime | null = null;
    let neo4jVersion = 'unknown';
    for (let i = 0; i < ingestRunsFor(opts, docs); i++) {
      if (runtime) await runtime.graph.close();
      await stopManagedNeo4j(config.neo4j.managed);
      await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
      step('starting a fresh Neo4j', { run: i + 1 });
      const { graph, managed } = await openGraph(config, quiet);
      neo4jVersion = managed?.version ?? neo4jVersion;
      runtime = { config, graph, embedder, parser, managed, log: quiet, close: async () => {} };
      resetPeakRss('self');
      if (managed) resetPeakRss(managed.pid);
      step('ingesting', { docs, run: i + 1 });
      const run = await ingestCorpus(runtime, corpusDir, step);
      runs.push({
        ...run,
        nodePeakMb: takePeakRssMb('self'),
        neo4jPeakMb: managed ? takePeakRssMb(managed.pid) : null,
      });
      step('ingested', { ...run });
    }
    if (!runtime) throw new Error('no ingest ran');

    step('serving iwg-graph and the peer');
    const server = await startServer({ config, runtime, log: quiet, state: { ingested: true, schemaApplied: true } });
    const peer = await startPeer(
      { url: runtime.managed!.uri, username: config.neo4j.user, password: config.neo4j.password },
      embedder,
    );
    step('retrieval quality', { queries: truth.queries.length });
    const quality = await measureQuality(server.url, peer, truth);
    step('quality measured', { ...quality.quality });
    const trends = await measureTrends(server.url, truth);
    step('related practices', { families: truth.families.length });
    const relatedness = await measureRelatedness(runtime.graph, truth);
    step('related practices measured', { ndcgAt10: relatedness.ndcgAt10, mrr: relatedness.mrr });
    const load = await measureLoad(
      server.url,
      peer.url,
      truth,
      { connections: opts.connections, durationS: opts.duration, repeats: opts.loadRuns },
      step,
    );
    await peer.close();
    await stopServer(server);

    const result: SizeResult = {
      label,
      seed: opts.seed,
      documents: docs,
      environment: describeEnvironment(neo4jVersion, config.neo4j.managed.heap),
      raw,
      ingest: {
        runs,
        medianTotalMs: median(runs.map((r) => r.totalMs)),
        medianParseMs: median(runs.map((r) => r.parseMs)),
        medianEmbedMs: median(runs.map((r) => r.embedMs)),
        medianMergeMs: median(runs.map((r) => r.mergeMs)),
        medianWriteMs: median(runs.map((r) => r.writeMs)),
      },
      labels: truth.labels,
      quality: quality.quality,
      qualityV1: quality.qualityV1,
      ranks: quality.ranks,
      split: quality.split,
      load,
      loadOptions: { durationS: opts.duration, repeats: opts.loadRuns, connections: opts.connections },
      trends,
      queries: truth.queries.length,
      relatedness,
    };
    await mkdir(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(
      join(PROJECT_ROOT, 'bench', 'results', `${label}-${docs}.json`),
      JSON.stringify(result, null, 2) + '\n',
    );
    step('size done', { docs });
    await runtime.graph.close();
  }
  await stopManagedNeo4j(config.neo4j.managed);
  await embedder.close();
  await parser.close();
  await renderResults(join(PROJECT_ROOT, 'bench'));
  step('RESULTS.md written');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
