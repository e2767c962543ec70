/** The weight sweep of bench/relatedness.ts and its Markdown report (bench/relatedness.md). */
import { DEFAULT_MODEL_ID } from '../ingest/models.js';
import { PRACTICE_MERGE_THRESHOLD } from '../ingest/practice-merge.js';
import type { Environment } from './env.js';
import type { IngestRun } from './measure.js';
import { chooseWeights, meanScores, type FamilyNodes, type FamilyScore, type Weights } from './relatedness-score.js';

type Mean = ReturnType<typeof meanScores>;

export interface SweepRow {
  weights: Weights;
  dev: Mean;
  heldOut: Mean;
  all: Mean;
  perFamily: (FamilyScore & { split: string })[];
}

/** Scores every weight triple on every family, split by dev and held-out. */
export function sweep<F>(
  families: F[],
  grid: Weights[],
  score: (families: F[], weights: Weights) => (FamilyScore & { split: string })[],
): SweepRow[] {
  return grid.map((weights) => {
    const perFamily = score(families, weights);
    return {
      weights,
      perFamily,
      dev: meanScores(perFamily.filter((s) => s.split === 'dev')),
      heldOut: meanScores(perFamily.filter((s) => s.split === 'held-out')),
      all: meanScores(perFamily),
    };
  });
}

/** The hand-set blend before it was measured. */
export const HAND_SET_WEIGHTS: Weights = { similarity: 0.6, sharedTags: 0.25, coCited: 0.15 };
export const SIMILARITY_ONLY: Weights = { similarity: 1, sharedTags: 0, coCited: 0 };

/** The triples the report always shows beside the chosen one. */
const REFERENCE_WEIGHTS: [string, Weights][] = [
  ['hand-set before this study', HAND_SET_WEIGHTS],
  ['similarity only', SIMILARITY_ONLY],
  ['shared topics/attributes only', { similarity: 0, sharedTags: 1, coCited: 0 }],
  ['co-citation only', { similarity: 0, sharedTags: 0, coCited: 1 }],
];

/** The best `n` rows on dev (nDCG@10, then MRR): the report's "Dev top 15" and part of the pool to judge. */
export function devTop(rows: SweepRow[], n = 15): SweepRow[] {
  return [...rows].sort((a, b) => b.dev.ndcgAt10 - a.dev.ndcgAt10 || b.dev.mrr - a.dev.mrr).slice(0, n);
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const w = (x: Weights) => `${x.similarity} / ${x.sharedTags} / ${x.coCited}`;
const same = (a: Weights, b: Weights) =>
  a.similarity === b.similarity && a.sharedTags === b.sharedTags && a.coCited === b.coCited;

export interface SweepReport {
  rows: SweepRow[];
  /** The same sweep under labels v2 (planted grades + the reader's judgments, bench/relatedness-judgments.ts). */
  rowsV2?: SweepRow[];
  /** Verdict counts of the judgments, and top-10 entries under the chosen weights that nobody graded (labels v2). */
  judged?: { same: number; related: number; no: number; unjudgedAt10: number };
  families: FamilyNodes[];
  shipped: { weights: Weights; ndcgAt10: number; mrr: number };
  documents: number;
  seed: number;
  ingest: IngestRun | null;
  environment: Environment;
}

/** The report: the chosen triple (dev) and its held-out figures, reference triples, the dev top 15, per family. */
export function renderSweep(r: SweepReport): string {
  const chosen = chooseWeights(r.rows);
  const find = (x: Weights) => r.rows.find((row) => same(row.weights, x));
  const references: [string, Weights][] = [['chosen on dev', chosen.weights], ...REFERENCE_WEIGHTS];
  const line = (name: string, row: SweepRow | undefined) =>
    row
      ? `| ${name} | ${w(row.weights)} | ${f3(row.dev.ndcgAt10)} | ${f3(row.dev.mrr)} | ${f3(row.heldOut.ndcgAt10)} | ${f3(row.heldOut.mrr)} | ${f3(row.all.ndcgAt10)} | ${f3(row.all.mrr)} | ${f3(row.heldOut.judgedNdcgAt10)} |`
      : `| ${name} | – | – | – | – | – | – | – | – |`;
  const head =
    '| weights | similarity / shared tags / co-citation | dev nDCG@10 | dev MRR | held-out nDCG@10 | held-out MRR | all nDCG@10 | all MRR | held-out judged-only nDCG@10 |\n| --- | --- | --: | --: | --: | --: | --: | --: | --: |';
  const top = devTop(r.rows).map((row, i) => line(String(i + 1), row));
  const scored = r.families.filter((f) => f.queryNode !== null);
  const perFamily = scored.map((f, i) => {
    const s = chosen.perFamily[i];
    const graded = [...f.grades.values()];
    const n = (g: number) => graded.filter((x) => x === g).length;
    return `| ${f.id} | ${f.split} | ${f.found}/${f.members} | ${f.mergedWithQuery} | ${n(2)} | ${n(1)} | ${f3(s.ndcgAt10)} | ${s.mrr === null ? '–' : f3(s.mrr)} |`;
  });
  const e = r.environment;
  return [
    '# Related practices, measured',
    '',
    `Measured by \`npx tsx bench/relatedness.ts --documents ${r.documents}\` on ${e.date.slice(0, 10)}: a SYNTHETIC corpus of`,
    `bench/generate.ts (seed ${r.seed}, ${r.documents} documents) ingested into a fresh managed Neo4j, then, for each`,
    'planted practice family (bench/generate/families.ts), the related practices of its query practice ranked as',
    '`GET /api/practices/:id/related?limit=10` ranks them (queries/practices.ts), scored by nDCG@10 (gain',
    '2^grade − 1) and MRR of the first paraphrase. Grades are given to Practice nodes after merging',
    '(bench/relatedness-score.ts): a node sourced from a paraphrase is 2, from a related practice 1, anything else 0;',
    'a paraphrase merged into the query node is the query itself, neither asked for nor rewarded.',
    '',
    `Machine: ${e.cores} cores (${e.cpu}), ${e.memoryGiB} GiB, ${e.os}, shared with other agents' work while it ran;`,
    'the figures are rankings, not timings, and do not depend on load.',
    r.ingest
      ? `Ingest: ${r.ingest.documents} documents, ${r.ingest.practices} practices, ${Math.round(r.ingest.totalMs / 1000)} s.`
      : 'Ingest: reused from an earlier run of the same corpus.',
    `Merge decision: merge cosine ≥ ${PRACTICE_MERGE_THRESHOLD} (${DEFAULT_MODEL_ID}, ingest/models.ts; bench/merge-calibration.md).`,
    '',
    `Families: ${r.families.length} planted (${r.families.filter((f) => f.split === 'dev').length} dev,`,
    `${r.families.filter((f) => f.split === 'held-out').length} held-out); the query practice of ${scored.length} was`,
    'extracted and scored. Each family: 3 paraphrases (grade 2), 2 related practices sharing a topic or insider',
    'attribute (grade 1), 1 unrelated practice in the query’s framing (grade 0).',
    '',
    '## The weights: chosen on dev, reported on held-out',
    '',
    `The grid: every triple of multiples of 0.05 summing to 1 (${r.rows.length} triples). Chosen: the best dev`,
    'nDCG@10, then dev MRR, then the largest similarity weight, then the smallest co-citation weight.',
    '',
    head,
    ...references.map(([name, x]) => line(name, find(x))),
    '',
    `The shipped weights (RELATED_WEIGHTS, ${w(r.shipped.weights)}) through relatedPractices() itself: nDCG@10`,
    `${f3(r.shipped.ndcgAt10)}, MRR ${f3(r.shipped.mrr)} over all families.`,
    '',
    'nDCG@10 is strict: every practice no family grades counts 0, though the generator’s other pools (the query',
    'set’s needles and near sentences, the hard practices) hold practices of the same areas that a reader would call',
    'related. "Judged-only" leaves those unlabelled practices out of the ranking before scoring (the planted',
    'unrelated practice stays, at 0): an upper bound on what the missing labels cost. Weights are chosen on the',
    'strict figure.',
    '',
    ...(r.rowsV2 && r.judged ? labelsV2Section(r.rowsV2, r.judged, references, line, head) : []),
    '## Dev top 15',
    '',
    head,
    ...top,
    '',
    '## Per family, under the chosen weights',
    '',
    '| family | split | members extracted | paraphrases merged into the query | paraphrase nodes | related nodes | nDCG@10 | MRR |',
    '| --- | --- | --: | --: | --: | --: | --: | --: |',
    ...perFamily,
    '',
  ].join('\n');
}

/** Labels v2: the sweep with the reader's judgments, the triple it chooses on dev, and the pool's verdicts. */
function labelsV2Section(
  rows: SweepRow[],
  judged: NonNullable<SweepReport['judged']>,
  references: [string, Weights][],
  line: (name: string, row: SweepRow | undefined) => string,
  head: string,
): string[] {
  const chosen = chooseWeights(rows);
  const find = (x: Weights) => rows.find((row) => same(row.weights, x));
  return [
    '## Labels v2: the planted grades and a reader’s judgments',
    '',
    'The strict labels grade only the planted family members. Every other practice that reaches a family’s top 10',
    'under one of the triples above was read beside the family’s query practice and judged `same` (2), `related`',
    '(1: the query’s subject, another prescription — what the planted related practices are) or `no` (0), with the',
    `reason, in bench/relatedness-judgments.ts: ${judged.same} same, ${judged.related} related, ${judged.no} no.`,
    `Under the triple chosen here, ${judged.unjudgedAt10} top-10 entries of all families are neither planted nor judged`,
    '(they count 0). The judged-only column is now the upper bound of the remaining unjudged entries.',
    '',
    head,
    ...[['chosen on dev (labels v2)', chosen.weights] as [string, Weights], ...references].map(([name, x]) =>
      line(name, find(x)),
    ),
    '',
  ];
}
