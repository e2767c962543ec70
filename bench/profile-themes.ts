/**
 * Where the time of the emerging themes goes, on the graph `bench/themes.ts --reuse` left in the bench data dir: the
 * database hits of each Cypher statement (PROFILE) and the CPU time of each in-process step (k-means over all
 * candidates, k-means per period, c-TF-IDF, scoring), with every access label readable. CPU time, not wall time:
 * the machine is shared. Prints a table.
 *   IWG_BENCH_BOLT_PORT=… IWG_BENCH_DATA_DIR=… npx tsx bench/profile-themes.ts
 */
import neo4j from 'neo4j-driver';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import type { CypherQuery } from '../graph/driver.js';
import {
  buildTaxonomyEmbeddings,
  buildThemeExposure,
  buildThemeSentences,
  type ThemeInput,
} from '../queries/themes.js';
import { classTfIdf } from '../queries/key-phrases.js';
import {
  clusterVectors,
  defaultK,
  discoverThemes,
  periodCentroids,
  type ReferenceEntry,
  type ThemeSentence,
} from '../queries/theme-discovery.js';
import { periodRange } from '../queries/trends.js';
import { createLogger } from '../src/logger.js';
import { openGraph } from '../src/runtime.js';
import { benchConfig } from './env.js';

interface Op {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: Op[];
}

const sumHits = (op: Op): number => op.dbHits + op.children.reduce((s, c) => s + sumHits(c), 0);
const topOps = (op: Op, out: { op: string; hits: number }[] = []) => {
  out.push({ op: `${op.operatorType} ${String(op.arguments.Details ?? '').slice(0, 80)}`, hits: op.dbHits });
  for (const c of op.children) topOps(c, out);
  return out;
};

/** CPU ms (user + system) of `work` in this process. */
async function cpu<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = process.cpuUsage();
  const value = await work();
  const d = process.cpuUsage(t0);
  return { value, ms: Math.round((d.user + d.system) / 1000) };
}

const config = benchConfig();
const { graph } = await openGraph(config, createLogger('warn', 'bench'));
const driver = neo4j.driver(
  `bolt://127.0.0.1:${config.neo4j.managed.boltPort}`,
  neo4j.auth.basic(config.neo4j.user, config.neo4j.password),
);
const session = driver.session({ defaultAccessMode: neo4j.session.READ });
const input: ThemeInput = { interval: 'year', readable: ['public', 'restricted'] };
try {
  const statements: [string, CypherQuery][] = [
    ['THEME_EXPOSURE', buildThemeExposure(input)],
    ['THEME_SENTENCES', buildThemeSentences(input)],
    ['TAXONOMY_EMBEDDINGS', buildTaxonomyEmbeddings()],
  ];
  for (const [name, q] of statements) {
    const result = await session.run(`PROFILE ${q.cypher}`, q.params);
    const plan = result.summary.profile as unknown as Op;
    const ops = topOps(plan)
      .sort((a, b) => b.hits - a.hits)
      .slice(0, 4);
    console.log(`${name}: ${sumHits(plan).toLocaleString('en')} db hits, ${result.records.length} rows`);
    for (const o of ops) console.log(`    ${o.hits.toLocaleString('en').padStart(12)}  ${o.op}`);
  }
  const perPeriod = await graph.read<{ period: string; n: number }>(buildThemeExposure(input));
  const periods = periodRange(perPeriod[0].period, perPeriod[perPeriod.length - 1].period, 'year');
  const exposure = periods.map((p) => perPeriod.find((e) => e.period === p)?.n ?? 0);
  const rows = await graph.read<ThemeSentence & { period: string }>(buildThemeSentences(input));
  const sentences = rows
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => ({ ...s, period: periods.indexOf(s.period) }));
  const references = await graph.read<ReferenceEntry>(buildTaxonomyEmbeddings());
  const vectors = sentences.map((s) => s.embedding);
  const k = defaultK(sentences.length);
  const all = await cpu(() => clusterVectors(vectors, k));
  const perP = await cpu(() => periodCentroids(sentences, periods.length, 908));
  const groups: string[][] = [];
  all.value.forEach((c, i) => (groups[c] ??= []).push(sentences[i].text));
  const tfidf = await cpu(() => classTfIdf(groups.filter(Boolean)));
  const whole = await cpu(() => discoverThemes(sentences, references, { periods: periods.length, exposure }));
  console.log(`${sentences.length} sentences, k = ${k}, ${periods.length} periods`);
  console.log(`k-means over all: ${all.ms} ms CPU`);
  console.log(`k-means per period (earlier clusters): ${perP.ms} ms CPU`);
  console.log(`c-TF-IDF: ${tfidf.ms} ms CPU`);
  console.log(`discoverThemes whole: ${whole.ms} ms CPU, ${whole.value.length} themes`);
} finally {
  await session.close();
  await driver.close();
  await graph.close();
  await stopManagedNeo4j(config.neo4j.managed);
}
