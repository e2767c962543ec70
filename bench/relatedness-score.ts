/**
 * Scoring related practices against the generator's practice families (bench/generate/families.ts), pure.
 *
 * Ground truth on Practice nodes: ingest merges near-paraphrases into one Practice, so grades are given to nodes,
 * not sentences. A family's query node is the Practice sourced from its query sentence; every other Practice sourced
 * from a planted member takes the best grade among its members (paraphrase 2, related 1, unrelated 0); every other
 * Practice is 0. A paraphrase merged into the query node is neither asked for nor rewarded (it is the query). A
 * member ingest did not extract is left out of the ideal ranking: extraction is measured elsewhere.
 */
import type { LabelledFamily } from './generate/families.js';

/** One source of a Practice node: its document and quote. */
export interface NodeSource {
  document: string;
  quote: string;
}

/** A family mapped onto Practice nodes: its query node and the grade of every graded node (query node excluded). */
export interface FamilyNodes {
  id: string;
  split: LabelledFamily['split'];
  queryNode: string | null;
  grades: Map<string, number>;
  /** Planted members found among the sources of some node (of the query node too), out of `members`. */
  found: number;
  members: number;
  /** Paraphrases merged into the query node by ingest. */
  mergedWithQuery: number;
}

export interface FamilyScore {
  ndcgAt10: number;
  /**
   * nDCG@10 of the condensed ranking: practices no family labels (grade unknown, not judged 0) left out, as
   * for incomplete judgments (Sakai 2007). Other pools of the generator hold practices of the same areas that no
   * family grades, so the strict figure counts some related practices as misses; this one bounds that effect.
   */
  judgedNdcgAt10: number;
  /** Reciprocal rank of the first paraphrase node in the top 10 (0 if none); null when no paraphrase node exists. */
  mrr: number | null;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function holds(source: NodeSource, member: { document: string; quote: string }): boolean {
  if (source.document !== member.document) return false;
  const [a, b] = [normalise(source.quote), normalise(member.quote)];
  return a.includes(b) || b.includes(a);
}

/** Maps each family onto Practice nodes by their sources. */
export function mapFamilies(families: LabelledFamily[], nodes: Map<string, NodeSource[]>): FamilyNodes[] {
  const entries = [...nodes.entries()];
  const nodesOf = (member: { document: string; quote: string }) =>
    entries.filter(([, sources]) => sources.some((s) => holds(s, member))).map(([id]) => id);
  return families.map((family) => {
    const queryNode = nodesOf(family.query)[0] ?? null;
    const grades = new Map<string, number>();
    let found = 0;
    let mergedWithQuery = 0;
    for (const member of family.members) {
      const ids = nodesOf(member);
      if (ids.length > 0) found++;
      if (member.role === 'paraphrase' && queryNode !== null && ids.includes(queryNode)) mergedWithQuery++;
      for (const id of ids) if (id !== queryNode) grades.set(id, Math.max(grades.get(id) ?? 0, member.grade));
    }
    const members = family.members.length;
    return { id: family.id, split: family.split, queryNode, grades, found, members, mergedWithQuery };
  });
}

/**
 * A reader's verdict on a practice no family member sourced, as an answer to a family's query practice
 * (bench/relatedness-judgments.ts): `same` prescribes what the query prescribes (grade 2), `related` names the
 * query's subject but prescribes something else (grade 1, as the planted related practices), `no` is another
 * subject (0).
 */
export type RelatedVerdict = 'same' | 'related' | 'no';
const VERDICT_GRADES: Record<RelatedVerdict, number> = { same: 2, related: 1, no: 0 };

/**
 * Labels v2 of one family: its planted grades plus the reader's verdicts on the practices no member sourced,
 * matched by the practice's text; a planted grade always stands. Practices neither planted nor judged stay
 * ungraded (0 in the strict nDCG, left out of the judged-only one).
 */
export function pooledGrades(
  grades: ReadonlyMap<string, number>,
  rows: readonly { id: string; text: string }[],
  verdicts: ReadonlyMap<string, RelatedVerdict>,
): Map<string, number> {
  const out = new Map(grades);
  for (const row of rows) {
    const verdict = verdicts.get(normalise(row.text));
    if (verdict !== undefined && !out.has(row.id)) out.set(row.id, VERDICT_GRADES[verdict]);
  }
  return out;
}

/** Texts → verdicts of one family's judgments, keyed as pooledGrades matches them. */
export function verdictMap(
  judgments: readonly (readonly [string, RelatedVerdict, string])[],
): Map<string, RelatedVerdict> {
  return new Map(judgments.map(([text, verdict]) => [normalise(text), verdict]));
}

const dcg = (gains: number[]) => gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

/** nDCG@10 (gain 2^grade − 1, log2 discount, ideal = the graded nodes in grade order) and MRR of one ranking. */
export function scoreFamily(ranked: readonly string[], grades: ReadonlyMap<string, number>): FamilyScore {
  const ideal = dcg(
    [...grades.values()]
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, 10),
  );
  const ndcg = (ids: readonly string[]) =>
    ideal > 0 ? dcg(ids.slice(0, 10).map((id) => grades.get(id) ?? 0)) / ideal : 0;
  const top = ranked.slice(0, 10);
  const ndcgAt10 = ndcg(ranked);
  const judgedNdcgAt10 = ndcg(ranked.filter((id) => grades.has(id)));
  const hasParaphrase = [...grades.values()].some((g) => g === 2);
  const first = top.findIndex((id) => grades.get(id) === 2);
  return { ndcgAt10, judgedNdcgAt10, mrr: hasParaphrase ? (first < 0 ? 0 : 1 / (first + 1)) : null };
}

/** Mean nDCG@10 and MRR over families (MRR over those with a paraphrase node). */
export function meanScores(scores: FamilyScore[]): {
  ndcgAt10: number;
  judgedNdcgAt10: number;
  mrr: number;
  families: number;
} {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    ndcgAt10: mean(scores.map((s) => s.ndcgAt10)),
    judgedNdcgAt10: mean(scores.map((s) => s.judgedNdcgAt10)),
    mrr: mean(scores.flatMap((s) => (s.mrr === null ? [] : [s.mrr]))),
    families: scores.length,
  };
}

export interface Weights {
  similarity: number;
  sharedTags: number;
  coCited: number;
}

/** Every weight triple on a grid of `step` that sums to 1 (step 0.05: 231 triples). */
export function weightGrid(step = 0.05): Weights[] {
  const n = Math.round(1 / step);
  const grid: Weights[] = [];
  for (let i = 0; i <= n; i++)
    for (let j = 0; i + j <= n; j++) {
      const round = (x: number) => Math.round(x * step * 1000) / 1000;
      grid.push({ similarity: round(i), sharedTags: round(j), coCited: round(n - i - j) });
    }
  return grid;
}

/**
 * The best triple on the dev scores: highest mean nDCG@10, then MRR, then the largest similarity weight (the
 * signal that needs no tags or shared documents), then the smallest co-citation weight.
 */
export function chooseWeights<T extends { weights: Weights; dev: { ndcgAt10: number; mrr: number } }>(rows: T[]): T {
  const better = (a: T, b: T) =>
    b.dev.ndcgAt10 - a.dev.ndcgAt10 ||
    b.dev.mrr - a.dev.mrr ||
    b.weights.similarity - a.weights.similarity ||
    a.weights.coCited - b.weights.coCited;
  return [...rows].sort(better)[0];
}
