/**
 * Related practices, measured: a SYNTHETIC corpus of the seeded generator is ingested into a fresh managed Neo4j
 * (the bench's own ports and data dir, bench/env.ts), and for each planted practice family the related practices
 * of its query practice are ranked as GET /api/practices/:id/related ranks them (queries/practices.ts) and scored
 * by nDCG@10 and MRR (bench/relatedness-score.ts). The candidate rows do not depend on the blend's weights, so each
 * family's rows are read once and every weight triple of a grid summing to 1 is scored on them; the triple is
 * chosen on the dev families and reported on the held-out ones. Writes bench/relatedness.md.
 *
 *   IWG_BENCH_BOLT_PORT=7731 IWG_BENCH_HTTP_PORT=7732 IWG_BENCH_DATA_DIR=/tmp/neo-h12r-bench \
 *     npx tsx bench/relatedness.ts --documents 300 [--reuse] [--out bench/relatedness.md]
 */
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import type { Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { stopManagedNeo4j } from '../graph/managed-neo4j.js';
import { readableParam, readablePracticeText } from '../queries/access.js';
import {
  buildRelatedPractices,
  rankRelated,
  relatedCandidates,
  relatedPractices,
  RELATED_WEIGHTS,
} from '../queries/practices.js';
import { PROJECT_ROOT } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder, openGraph, openParser } from '../src/runtime.js';
import { benchConfig, describeEnvironment } from './env.js';
import { writeGeneratedCorpus, type GroundTruth } from './generate.js';
import type { LabelledFamily } from './generate/families.js';
import { ingestCorpus } from './measure.js';
import { RELATED_JUDGMENTS } from './relatedness-judgments.js';
import {
  chooseWeights,
  mapFamilies,
  meanScores,
  pooledGrades,
  scoreFamily,
  verdictMap,
  weightGrid,
  type FamilyNodes,
  type NodeSource,
  type Weights,
} from './relatedness-score.js';
import { devTop, HAND_SET_WEIGHTS, renderSweep, SIMILARITY_ONLY, sweep } from './relatedness-report.js';

const READABLE = ['public'];
const LIMIT = 10;

/** A family's query node with its candidate rows, as the related-practices query returns them. */
export interface FamilyRows extends FamilyNodes {
  rows: Record<string, unknown>[];
}

/** The sources of every Practice node cited in the families' documents. */
async function practiceSources(graph: Graph, families: LabelledFamily[]): Promise<Map<string, NodeSource[]>> {
  const documents = [...new Set(families.flatMap((f) => [f.query, ...f.members].map((m) => m.document)))];
  const rows = await graph.read<{ id: string; document: string; quote: string }>(
    query(
      `MATCH (n:Practice)-[s:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document) WHERE d.id IN $documents
       RETURN n.id AS id, d.id AS document, s.quote AS quote`,
      { documents },
    ),
  );
  const nodes = new Map<string, NodeSource[]>();
  for (const r of rows) nodes.set(r.id, [...(nodes.get(r.id) ?? []), { document: r.document, quote: r.quote }]);
  return nodes;
}

/** Maps the families onto the ingested graph and reads each query node's candidate rows once. */
export async function readFamilies(graph: Graph, families: LabelledFamily[]): Promise<FamilyRows[]> {
  const mapped = mapFamilies(families, await practiceSources(graph, families));
  const out: FamilyRows[] = [];
  for (const family of mapped) {
    const rows = family.queryNode
      ? await graph.read<Record<string, unknown>>(
          buildRelatedPractices(family.queryNode, relatedCandidates(LIMIT), READABLE),
        )
      : [];
    out.push({ ...family, rows });
  }
  return out;
}

/** Every practice a public reader sees, with the text it is shown with: what the judgments are matched against. */
async function practiceTexts(graph: Graph): Promise<{ id: string; text: string }[]> {
  return graph.read<{ id: string; text: string }>(
    query(`MATCH (n:Practice) RETURN n.id AS id, ${readablePracticeText('n')} AS text`, readableParam(READABLE)),
  );
}

/**
 * Labels v2 of a family: its planted grades plus the reader's judgments (bench/relatedness-judgments.ts), matched
 * against every practice — not only those a ranking returned, so the ideal ranking does not depend on the ranking.
 */
function gradesV2(family: FamilyNodes, practices: readonly { id: string; text: string }[]): Map<string, number> {
  return pooledGrades(family.grades, practices, verdictMap(RELATED_JUDGMENTS[family.id] ?? []));
}

/** The families under labels v2. */
export function withJudgments(
  families: FamilyRows[],
  practices: readonly { id: string; text: string }[],
): FamilyRows[] {
  return families.map((f) => ({ ...f, grades: gradesV2(f, practices) }));
}

/** Top-10 entries, over all families, that their grades leave ungraded under `weights`. */
function unjudgedAt10(families: FamilyRows[], weights: Weights): number {
  return families
    .filter((f) => f.queryNode !== null)
    .reduce((n, f) => n + rankRelated(f.rows, LIMIT, weights).filter((r) => !f.grades.has(r.id)).length, 0);
}

/** Each family's query, members and candidate rows with their grades (null: no family grades it), for judging. */
function dumpFamilies(families: FamilyRows[], planted: LabelledFamily[], pool: Weights[]) {
  return families.map((f) => {
    const pooled = new Set(pool.flatMap((w) => rankRelated(f.rows, LIMIT, w).map((r) => r.id)));
    const family = planted.find((p) => p.id === f.id);
    return {
      id: f.id,
      split: f.split,
      query: family?.query.quote,
      members: family?.members.map((m) => ({ role: m.role, quote: m.quote })),
      rows: f.rows.map((row) => ({
        ...row,
        grade: f.grades.get(String(row.id)) ?? null,
        pooled: pooled.has(String(row.id)),
      })),
    };
  });
}

/** Scores the families (those whose query practice was extracted) under one weight triple. */
export function scoreWeights(families: FamilyRows[], weights: Weights) {
  return families
    .filter((f) => f.queryNode !== null)
    .map((f) => ({
      split: f.split,
      ...scoreFamily(
        rankRelated(f.rows, LIMIT, weights).map((r) => r.id),
        f.grades,
      ),
    }));
}

export interface RelatednessResult {
  weights: Weights;
  ndcgAt10: number;
  mrr: number;
  families: number;
  planted: number;
  dev: { ndcgAt10: number; mrr: number; families: number };
  heldOut: { ndcgAt10: number; mrr: number; families: number };
  /** Scored with the reader's judgments beside the planted grades; unjudgedAt10 = top-10 entries neither graded. */
  labelsV2?: {
    ndcgAt10: number;
    mrr: number;
    families: number;
    dev: { ndcgAt10: number; mrr: number; families: number };
    heldOut: { ndcgAt10: number; mrr: number; families: number };
    unjudgedAt10: number;
  };
}

/** Related-practices nDCG@10 and MRR under the shipped weights, through relatedPractices() itself (for run.ts). */
export async function measureRelatedness(graph: Graph, truth: GroundTruth): Promise<RelatednessResult> {
  const families = truth.families ?? [];
  const mapped = mapFamilies(families, await practiceSources(graph, families));
  const practices = await practiceTexts(graph);
  const scores = [];
  const scoresV2 = [];
  let unjudged = 0;
  for (const f of mapped.filter((x) => x.queryNode !== null)) {
    const results = (await relatedPractices(graph, { id: f.queryNode! }, LIMIT, READABLE))?.results ?? [];
    const ids = results.map((r) => r.id);
    const v2 = gradesV2(f, practices);
    scores.push({ split: f.split, ...scoreFamily(ids, f.grades) });
    scoresV2.push({ split: f.split, ...scoreFamily(ids, v2) });
    unjudged += ids.filter((id) => !v2.has(id)).length;
  }
  return {
    weights: { ...RELATED_WEIGHTS },
    ...meanScores(scores),
    planted: families.length,
    dev: meanScores(scores.filter((s) => s.split === 'dev')),
    heldOut: meanScores(scores.filter((s) => s.split === 'held-out')),
    labelsV2: {
      ...meanScores(scoresV2),
      dev: meanScores(scoresV2.filter((s) => s.split === 'dev')),
      heldOut: meanScores(scoresV2.filter((s) => s.split === 'held-out')),
      unjudgedAt10: unjudged,
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const opts = new Command('relatedness')
    .option('--documents <n>', 'corpus size', Number, 300)
    .option('--seed <n>', 'generator seed', Number, 908)
    .option('--reuse', 'keep the data dir as ingested by an earlier run of the same corpus', false)
    .option('--out <file>', 'the report', join(PROJECT_ROOT, 'bench', 'relatedness.md'))
    .option('--dump <file>', "also write each family's candidate rows (texts, signals, grades) as JSON, for judging")
    .parse(argv)
    .opts<{ documents: number; seed: number; reuse: boolean; out: string; dump?: string }>();
  const log = createLogger('info', 'relatedness');
  const quiet = createLogger('warn', 'relatedness');
  const config = benchConfig();
  const corpusDir = `${config.neo4j.managed.dataDir}-corpus-${opts.seed}-${opts.documents}`;
  const truth = (await (async () => {
    if (opts.reuse) return (await import(join(corpusDir, 'ground-truth.json'), { with: { type: 'json' } })).default;
    await rm(corpusDir, { recursive: true, force: true });
    return (await writeGeneratedCorpus(corpusDir, { documents: opts.documents, seed: opts.seed })).groundTruth;
  })()) as GroundTruth;
  if (truth.documents !== opts.documents) throw new Error(`${corpusDir} holds ${truth.documents} documents`);
  if (!opts.reuse) {
    await stopManagedNeo4j(config.neo4j.managed);
    await rm(config.neo4j.managed.dataDir, { recursive: true, force: true });
  }
  const { graph, managed } = await openGraph(config, quiet);
  let ingest = null;
  if (!opts.reuse) {
    const embedder = await openEmbedder(config, quiet);
    const parser = openParser(config, quiet);
    const runtime = { config, graph, embedder, parser, managed, log: quiet, close: async () => {} };
    ingest = await ingestCorpus(runtime, corpusDir, (msg, fields) => log.info(fields ?? {}, msg));
    await embedder.close();
    await parser.close();
    log.info(ingest, 'ingested');
  }
  const families = await readFamilies(graph, truth.families);
  const rows = sweep(families, weightGrid(0.05), scoreWeights);
  if (opts.dump) {
    // The pool to judge: the top 10 under the dev top 15 triples, the hand-set one and similarity alone.
    const pool = [...devTop(rows).map((r) => r.weights), HAND_SET_WEIGHTS, SIMILARITY_ONLY];
    await writeFile(resolve(opts.dump), JSON.stringify(dumpFamilies(families, truth.families, pool), null, 1));
  }
  const familiesV2 = withJudgments(families, await practiceTexts(graph));
  const rowsV2 = sweep(familiesV2, weightGrid(0.05), scoreWeights);
  const verdicts = Object.values(RELATED_JUDGMENTS).flat();
  const count = (v: string) => verdicts.filter(([, verdict]) => verdict === v).length;
  const judged = {
    same: count('same'),
    related: count('related'),
    no: count('no'),
    unjudgedAt10: unjudgedAt10(familiesV2, chooseWeights(rowsV2).weights),
  };
  const shipped = await measureRelatedness(graph, truth);
  const offline = rows.find((r) => JSON.stringify(r.weights) === JSON.stringify({ ...RELATED_WEIGHTS }));
  if (offline && Math.abs(offline.all.ndcgAt10 - shipped.ndcgAt10) > 1e-9)
    log.warn({ offline: offline.all, shipped }, 'the sweep and relatedPractices() disagree on the shipped weights');
  const environment = describeEnvironment(managed?.version ?? 'unknown', config.neo4j.managed.heap);
  await writeFile(
    resolve(opts.out),
    renderSweep({
      rows,
      rowsV2,
      judged,
      families,
      shipped,
      documents: truth.documents,
      seed: truth.seed,
      ingest,
      environment,
    }),
  );
  log.info({ out: opts.out, shipped }, 'written');
  await graph.close();
  await stopManagedNeo4j(config.neo4j.managed);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
