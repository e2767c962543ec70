/**
 * Planted-trend recovery of the trend statistic (queries/trend-statistics.ts) on SYNTHETIC corpora from
 * bench/generate.ts: each size is ingested into a fresh managed Neo4j (the bench's ports and data dir, see
 * bench/env.ts), then the year view is asked for all documents and for each focus group. Prints a Markdown table
 * per size and saves bench/results/trends/trends-<size>.json.
 *
 *   IWG_BENCH_BOLT_PORT=7743 IWG_BENCH_HTTP_PORT=7744 IWG_BENCH_DATA_DIR=/tmp/neo-x npx tsx bench/trends.ts --sizes 100
 *
 * A rising planted trend is recovered when it ranks among the top (number of rising planted trends), a falling one
 * when it ranks among the bottom as many, both with growth of the planted sign.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { emergingTrends } from '../queries/trends.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph, openParser } from '../src/runtime.js';
import { benchConfig, describeEnvironment } from './env.js';
import { writeGeneratedCorpus, type GroundTruth } from './generate.js';
import { ingestCorpus } from './measure.js';

const FOCUS_GROUPS = [
  'focus-group:national-policy-regulatory',
  'focus-group:trustworthiness-reliability',
  'focus-group:cybersecurity',
  'focus-group:physical-protection-technical',
  'focus-group:security-culture',
];

async function main() {
  const o = new Command('bench/trends.ts')
    .option('--sizes <docs>', 'corpus sizes, comma-separated', '100')
    .option('--seed <n>', 'generator seed', '908')
    .option(
      '--reuse',
      'keep the corpus and graph an earlier run of the same size left (documents skipped as unchanged)',
    )
    .parse(process.argv)
    .opts<{ sizes: string; seed: string; reuse?: boolean }>();
  const sizes = o.sizes.split(',').map(Number);
  const seed = Number(o.seed);
  const log = createLogger('info', 'bench-trends');
  const quiet = createLogger('warn', 'bench-trends');
  const config = benchConfig();
  const embedder = await openEmbedder(config, quiet);
  const parser = openParser(config, quiet);
  const cacheDir = process.env.IWG_BENCH_CORPUS_DIR ?? join(config.neo4j.managed.cacheDir, '..', 'bench-trends');
  for (const docs of sizes) {
    const dir = join(cacheDir, `corpus-${seed}-${docs}`);
    if (!o.reuse) await rm(dir, { recursive: true, force: true });
    const { groundTruth } = o.reuse
      ? { groundTruth: JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth }
      : await writeGeneratedCorpus(dir, { documents: docs, seed });
    await stopManagedNeo4j(config.neo4j.managed);
    if (!o.reuse) await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
    const { graph, managed } = await openGraph(config, quiet);
    const runtime = { config, graph, embedder, parser, managed, log: quiet, close: async () => {} };
    const ingest = await ingestCorpus(runtime, dir, (msg, fields) => log.info(fields ?? {}, msg));
    const t0 = performance.now();
    const all = await emergingTrends(graph, { interval: 'year', readable: ['public'] }, 50);
    const ms = performance.now() - t0;
    const rising = groundTruth.plantedTrends.filter((t) => t.direction === 'rising').length;
    const falling = groundTruth.plantedTrends.length - rising;
    const planted = groundTruth.plantedTrends.map((p) => {
      const t = all.trends.find((x) => x.entity.id === p.id);
      const rank = t?.rank ?? null;
      const ok =
        t !== undefined &&
        rank !== null &&
        (p.direction === 'rising'
          ? rank <= rising && t.growth > 0
          : rank > all.trends.length - falling && t.growth < 0);
      return { id: p.id, direction: p.direction, rank, growth: t?.growth ?? null, zScore: t?.zScore ?? null, ok };
    });
    const byGroup = [];
    for (const fg of FOCUS_GROUPS) {
      const g0 = performance.now();
      const a = await emergingTrends(graph, { interval: 'year', focusGroup: fg, readable: ['public'] }, 50);
      byGroup.push({
        focusGroup: fg,
        ms: Math.round(performance.now() - g0),
        documents: a.exposure.reduce((s, n) => s + n, 0),
        top: a.trends.slice(0, 3).map((t) => `${t.entity.id} (z ${t.zScore})`),
      });
    }
    const result = {
      seed,
      documents: docs,
      environment: describeEnvironment(managed?.version ?? 'unknown', config.neo4j.managed.heap),
      ingestS: Math.round(ingest.totalMs / 1000),
      trendsMs: Math.round(ms),
      periods: all.periods,
      exposure: all.exposure,
      ranked: all.trends.map((t) => ({
        id: t.entity.id,
        rank: t.rank,
        counts: t.counts,
        growth: t.growth,
        z: t.zScore,
      })),
      planted,
      byGroup,
    };
    await mkdir(join(PROJECT_ROOT, 'bench', 'results', 'trends'), { recursive: true });
    await writeFile(
      join(PROJECT_ROOT, 'bench', 'results', 'trends', `trends-${docs}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(`\n${docs} documents (ingest ${result.ingestS} s, /api/trends ${result.trendsMs} ms):`);
    console.log('| rank | trend | documents per year | growth / year | z |\n| --- | --- | --- | --- | --- |');
    for (const t of result.ranked)
      console.log(`| ${t.rank} | ${t.id} | ${t.counts.join(' ')} | ${t.growth} | ${t.z} |`);
    console.log(`planted recovered: ${planted.filter((p) => p.ok).length} of ${planted.length}`);
    for (const g of byGroup)
      console.log(`  ${g.focusGroup}: ${g.documents} documents, ${g.ms} ms; top ${g.top.join(', ')}`);
    await graph.close();
  }
  await stopManagedNeo4j(config.neo4j.managed);
  await embedder.close();
  await parser.close();
}

main().catch(async (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
  await stopManagedNeo4j(benchConfig().neo4j.managed).catch(() => {});
  process.exit(1);
});
