/**
 * Is the planted theme beyond the taxonomy found? For each size, a SYNTHETIC corpus from bench/generate.ts (which
 * plants a rising theme the taxonomy does not hold: insiders altering the build files of additively manufactured
 * spare parts, bench/generate/themes.ts) is ingested into a fresh managed Neo4j, and the themes GET /api/themes
 * serves (queries/themes.ts, every access label readable) are searched for it: the first theme whose key phrases
 * hold a planted phrase, its rank, and how many of its sentences are planted ones. Saves
 * bench/results/themes-<size>.json and renders bench/themes.md from every saved size.
 *
 *   IWG_BENCH_BOLT_PORT=7763 IWG_BENCH_HTTP_PORT=7764 IWG_BENCH_DATA_DIR=/tmp/neo-h14t-bench \
 *   IWG_BENCH_CORPUS_DIR=/tmp/h14t-corpus npx tsx bench/themes.ts --sizes 100,1000
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { query } from '../graph/cypher.js';
import { computeDefaultThemes, emergingThemes } from '../queries/themes.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph, openParser } from '../src/runtime.js';
import { benchConfig, benchCorpusRoot, describeEnvironment, type Environment } from './env.js';
import { writeGeneratedCorpus, type GroundTruth } from './generate.js';
import { ingestCorpus } from './measure.js';

export interface ThemeRecovery {
  documents: number;
  seed: number;
  environment: Environment;
  ingestS: number;
  themesMs: number;
  /** CPU time of this process computing the answer (clustering, scoring); Neo4j's share is not in it. */
  themesCpuMs?: number;
  /** Wall time of GET /api/themes's default answer served from the stored set. */
  servedMs?: number;
  emergingCount?: number;
  candidates: number;
  sampled: number;
  periods: string[];
  plantedDocumentsByYear: Record<string, number>;
  plantedSentences: number;
  found: null | {
    rank: number;
    id: string;
    keyPhrases: string[];
    counts: number[];
    total: number;
    planted: number;
    zScore: number;
    qValue?: number;
    emerging?: boolean;
    growth: number;
    novelty: number;
    taxonomyDistance: number;
    earlierDistance: number;
  };
  top: {
    rank: number;
    label: string;
    total: number;
    zScore: number;
    qValue?: number;
    emerging?: boolean;
    novelty: number;
    score: number;
  }[];
}

const BENCH_DIR = join(PROJECT_ROOT, 'bench');
const PLANTED_MARK = /\bbuild files?\b/i;

async function measure(
  size: number,
  seed: number,
  corpusRoot: string,
  reuse: boolean,
  corpus?: string,
): Promise<ThemeRecovery> {
  const log = createLogger('info', 'bench-themes');
  const quiet = createLogger('warn', 'bench');
  const step = (msg: string, fields: Record<string, unknown> = {}) => log.info(fields, msg);
  const config = benchConfig();
  // --corpus: a corpus another bench generated (e.g. bench/trends.ts, same generator) instead of writing one.
  const dir = corpus ?? join(corpusRoot, `themes-corpus-${seed}-${size}`);
  if (!corpus) await rm(dir, { recursive: true, force: true });
  const groundTruth = corpus
    ? (JSON.parse(await readFile(join(corpus, 'ground-truth.json'), 'utf8')) as GroundTruth)
    : (await writeGeneratedCorpus(dir, { documents: size, seed })).groundTruth;
  if (groundTruth.documents !== size) throw new Error(`${dir} holds ${groundTruth.documents} documents, not ${size}`);
  await stopManagedNeo4j(config.neo4j.managed);
  // --reuse: the graph a run of the same size left in the data dir (the documents are skipped as unchanged).
  if (!reuse) await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
  step('starting Neo4j', { size, reuse });
  const { graph, managed } = await openGraph(config, quiet);
  const embedder = await openEmbedder(config, quiet);
  const parser = openParser(config, quiet);
  const runtime = { config, graph, embedder, parser, managed, log: quiet, close: async () => {} };
  try {
    const ingest = await ingestCorpus(runtime, dir, step);
    step('ingested', { ...ingest });
    // Computed as the refresh after an ingest computes it (the stored set is then served from the graph).
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const answer = await computeDefaultThemes(graph, ['public', 'restricted']);
    const cpu = process.cpuUsage(cpu0);
    const themesMs = performance.now() - t0;
    const t1 = performance.now();
    await emergingThemes(graph, { interval: 'year', readable: ['public', 'restricted'], limit: 50 });
    const servedMs = performance.now() - t1;
    const [planted] = groundTruth.plantedThemes;
    const phrases = planted.phrases.map((p) => p.toLowerCase());
    // Found: a key phrase holds a whole planted phrase and most of its evidence is planted sentences.
    const index = answer.themes.findIndex(
      (t) =>
        t.keyPhrases.some((k) => phrases.some((p) => k.includes(p))) &&
        t.evidence.filter((e) => PLANTED_MARK.test(e.sentence)).length * 2 > t.evidence.length,
    );
    const [{ n: plantedSentences }] = await graph.read<{ n: number }>(
      query(`MATCH (s:Sentence) WHERE s.text =~ '(?i).*\\\\bbuild files?\\\\b.*' RETURN count(s) AS n`),
    );
    const t = index >= 0 ? answer.themes[index] : null;
    return {
      documents: size,
      seed,
      environment: describeEnvironment(managed?.version ?? 'unknown', config.neo4j.managed.heap),
      ingestS: Math.round(ingest.totalMs / 1000),
      themesMs: Math.round(themesMs),
      themesCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      servedMs: Math.round(servedMs),
      emergingCount: answer.themes.filter((x) => x.emerging).length,
      candidates: answer.sentences,
      sampled: answer.sampled,
      periods: answer.periods,
      plantedDocumentsByYear: planted.documentsByYear,
      plantedSentences,
      found: t && {
        rank: t.rank,
        id: t.id,
        keyPhrases: t.keyPhrases,
        counts: t.counts,
        total: t.total,
        planted: t.evidence.filter((e) => PLANTED_MARK.test(e.sentence)).length,
        zScore: t.zScore,
        qValue: t.qValue,
        emerging: t.emerging,
        growth: t.growth,
        novelty: t.novelty,
        taxonomyDistance: t.taxonomyDistance,
        earlierDistance: t.earlierDistance,
      },
      top: answer.themes.slice(0, 8).map((x) => ({
        rank: x.rank,
        label: x.keyPhrases.slice(0, 3).join(', '),
        total: x.total,
        zScore: x.zScore,
        qValue: x.qValue,
        emerging: x.emerging,
        novelty: x.novelty,
        score: x.score,
      })),
    };
  } finally {
    await graph.close();
    await parser.close();
    await embedder.close();
    await stopManagedNeo4j(config.neo4j.managed);
  }
}

/** bench/themes.md from every saved size. */
export function renderThemes(results: readonly ThemeRecovery[]): string {
  const rows = [...results].sort((a, b) => a.documents - b.documents);
  const env = rows.at(-1)?.environment;
  const lines = [
    '# Themes beyond the taxonomy: is the planted theme found?',
    '',
    '`npx tsx bench/themes.ts --sizes 100,1000` (header of the script: ports, data dir). Each size: a SYNTHETIC ' +
      'corpus from `bench/generate.ts` (seed 908) that plants, besides the trends, one rising theme absent from ' +
      '`corpus/taxonomy.yaml` — insiders altering the build files of additively manufactured spare parts ' +
      '(`bench/generate/themes.ts`: no documents in 2019, then a share of each year rising to half in 2026, one or ' +
      'two sentences each, naming no topic or trend) — is ingested into a fresh managed Neo4j and ' +
      '`emergingThemes` (what `GET /api/themes` serves) runs over it with every access label readable. Found = the ' +
      'first theme with a key phrase holding a whole planted phrase (build files, additively manufactured, spare ' +
      'parts, 3d-printed, print job) and most of its evidence sentences planted ones.',
    '',
    '| documents | candidate sentences (clustered) | planted sentences | found | rank | key phrases | sentences per year | z | novelty (taxonomy / earlier) | evidence planted | themes time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const t = r.found;
      return `| ${r.documents.toLocaleString('en')} | ${r.candidates.toLocaleString('en')} (${r.sampled.toLocaleString('en')}) | ${r.plantedSentences} | ${t ? 'yes' : 'no'} | ${t?.rank ?? '–'} | ${t ? t.keyPhrases.join(', ') : '–'} | ${t ? t.counts.join(' / ') : '–'} | ${t ? `${t.zScore}${t.qValue !== undefined ? ` (q ${t.qValue}${t.emerging ? ', emerging' : ''})` : ''}` : '–'} | ${t ? `${t.novelty} (${t.taxonomyDistance} / ${t.earlierDistance})` : '–'} | ${t ? `${t.planted} of 3` : '–'} | ${(r.themesMs / 1000).toFixed(1)} s${r.themesCpuMs !== undefined ? ` (CPU ${(r.themesCpuMs / 1000).toFixed(1)} s; stored answer served in ${r.servedMs} ms)` : ''} |`;
    }),
    '',
    ...rows.flatMap((r) => [
      `Top themes at ${r.documents.toLocaleString('en')} documents (periods ${r.periods[0]}–${r.periods.at(-1)}):`,
      '',
      '| rank | key phrases | sentences | z | q (BH) | emerging | novelty | score |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...r.top.map(
        (x) =>
          `| ${x.rank} | ${x.label} | ${x.total} | ${x.zScore} | ${x.qValue ?? '–'} | ${x.emerging === undefined ? '–' : x.emerging ? 'yes' : 'no'} | ${x.novelty} | ${x.score} |`,
      ),
      '',
    ]),
    'Earlier setting, same graph: with k = √(n/2) (40 clusters at 3,477 sentences) the planted sentences merged ' +
      'into a 234-sentence cluster of unrelated filler (evidence 0 of 3 planted): not found. With k = √(2n) (83) ' +
      'they form a cluster of exactly the 36 planted sentences. It ranks 2nd, a hair behind a 13-sentence filler ' +
      'cluster (score 1.014 against 1.011): with ~80 clusters of flat random filler some reach z ≈ 1.7 by chance, so ' +
      'the top of the list is noisy at this size. A theme is now called emerging only when its Benjamini–Hochberg ' +
      'q-value over every cluster tested is ≤ 0.05 (docs/trends.md "Which themes are called emerging"); emerging ' +
      'themes are listed first. A 64- or 128-dimension random projection made clustering 4× or ' +
      '2.5× faster but split the planted sentences (15 or 20 of 36 in the theme found), so the full 384 dimensions ' +
      'are clustered.',
    '',
    'Reading the figures: the generator fills templates at random, so the background sentences are flat over the ' +
      'years by construction and the planted theme is the only designed riser among sentences that name no topic ' +
      'or trend; the figures say whether clustering isolates it and the score puts it first, not how the method ' +
      'fares on real IWG text, where rises are slower and themes less tidy. Beyond ' +
      `${'6,000'} candidate sentences a seeded sample (by text hash) is clustered, so counts are of the sample.`,
    '',
    env
      ? `Machine: ${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB, ${env.os}, Node ${env.versions.node}, ` +
        `Neo4j ${env.versions.neo4j}; measured ${env.date.slice(0, 10)} while other agents' builds and tests ran ` +
        'on the same 2 cores, so times are upper bounds.'
      : '',
    '',
  ];
  return lines.join('\n');
}

async function main() {
  const opts = new Command('bench-themes')
    .option('--sizes <docs>', 'corpus sizes, comma-separated', '100')
    .option('--seed <n>', 'generator seed', '908')
    .option('--render-only', 'render bench/themes.md from the saved results')
    .option('--reuse', 'keep the graph in the data dir (one size): documents already ingested are skipped')
    .option(
      '--corpus <dir>',
      'use this generated corpus (one size; e.g. the one bench/trends.ts wrote) instead of writing one',
    )
    .parse()
    .opts<{ sizes: string; seed: string; renderOnly?: boolean; reuse?: boolean; corpus?: string }>();
  const resultsDir = join(BENCH_DIR, 'results');
  await mkdir(resultsDir, { recursive: true });
  if (!opts.renderOnly) {
    const corpusRoot = benchCorpusRoot(benchConfig());
    for (const size of opts.sizes.split(',').map(Number)) {
      const result = await measure(size, Number(opts.seed), corpusRoot, Boolean(opts.reuse), opts.corpus);
      await writeFile(join(resultsDir, `themes-${size}.json`), `${JSON.stringify(result, null, 2)}\n`);
    }
  }
  const saved = (await readdir(resultsDir)).filter((f) => /^themes-\d+\.json$/.test(f));
  const results = await Promise.all(
    saved.map(async (f) => JSON.parse(await readFile(join(resultsDir, f), 'utf8')) as ThemeRecovery),
  );
  await writeFile(join(BENCH_DIR, 'themes.md'), renderThemes(results));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
