/**
 * When two practices are one: the merge cosine, its threshold, the decision, and the conversion of the graph's
 * vector score to a cosine. graph/vector-score.ts passes the conversion on to queries/.
 */
import type { DocContext } from './context.js';
import type { PracticeLookup, PracticeRecord } from './document-store.js';
import { dot } from './link.js';
import { practiceId } from './practices.js';
import { PRACTICE_MERGE_CENTRES } from './merge-centres.js';
import { DEFAULT_MODEL_ID, MODEL_IDS, MODELS, modelIdOfEmbedder, modelThresholds, type ModelId } from './models.js';
import type { PracticeCandidate } from './records.js';

/**
 * The merge cosine of two practices: the cosine of their prescription vectors (ingest/prescription.ts, unit
 * vectors of the configured model) once the model's practice centre is subtracted from each (ingest/merge-centres.ts:
 * the mean prescription vector of the dev split of test/fixtures/practices/merge-pairs.yaml). Small bi-encoders put
 * every sentence of one domain in a narrow cone (e5-small-v2 scores unrelated practices 0.75–0.86), so the raw
 * cosine is mostly what all insider-threat practices share; without that common part, paraphrases stand out more
 * from related practices (AUC paraphrase vs the rest, held-out: MiniLM 0.85 → 0.87, bge 0.84 → 0.90, e5 0.91 →
 * 0.93; bench/merge-calibration.md). Pure; 1.2 µs CPU per decision at 384 dimensions (the raw cosine 0.6 µs).
 */
export function mergeCosine(a: ArrayLike<number>, b: ArrayLike<number>, model: ModelId = DEFAULT_MODEL_ID): number {
  const c = PRACTICE_MERGE_CENTRES[model];
  if (a.length !== c.length || b.length !== c.length)
    throw new Error(`merge cosine: ${model} vectors have ${c.length} dimensions, got ${a.length} and ${b.length}`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < c.length; i++) {
    const x = a[i] - c[i];
    const y = b[i] - c[i];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * Merge cosine (`mergeCosine`) at or above which two practices are taken as the same practice, per model
 * (ingest/models.ts `thresholds.practiceMerge`): each is the lowest threshold keeping precision ≥ 0.90 on the dev
 * split of test/fixtures/practices/merge-pairs.yaml (bench/merge-calibration.ts `precisionFirstThreshold`, grid
 * 0–0.95 by 0.025), and bench/merge-calibration.md has the held-out precision and recall of each. None reaches the
 * 0.90/0.90 target: paraphrases that share few words (the generator's needles) score as high as related practices
 * under all three bi-encoders. Precision first: a false merge files a different practice under another's name, a
 * missed one lists the paraphrase as the first related practice (bench/relatedness.md measured the difference).
 */
export const PRACTICE_MERGE_THRESHOLDS: Readonly<Record<ModelId, number>> = Object.freeze(
  Object.fromEntries(MODEL_IDS.map((m) => [m, MODELS[m].thresholds.practiceMerge.cosine])) as Record<ModelId, number>,
);

/** The default model's merge threshold. */
export const PRACTICE_MERGE_THRESHOLD = PRACTICE_MERGE_THRESHOLDS[DEFAULT_MODEL_ID];

/** Whether a merge cosine (`mergeCosine`) under `model` makes two practices one. */
export function isSamePractice(cosine: number, model: ModelId = DEFAULT_MODEL_ID): boolean {
  return cosine >= PRACTICE_MERGE_THRESHOLDS[model];
}

/**
 * The merge decision: whether two practices with these prescription vectors under `model` are one practice
 * (bench/merge-calibration.md has its precision and recall).
 */
export function samePractice(a: ArrayLike<number>, b: ArrayLike<number>, model: ModelId = DEFAULT_MODEL_ID): boolean {
  return isSamePractice(mergeCosine(a, b, model), model);
}

/** How many semantic topics (besides those it names) a practice is tagged with at most. */
const SEMANTIC_TOPICS_PER_PRACTICE = 2;

// Neo4j's vector indexes with similarity function 'cosine' score a pair (1 + cos) / 2, so that scores lie in
// [0, 1] (Neo4j Cypher manual, "Vector indexes"); every threshold here is calibrated on the cosine itself.
/** The cosine behind a score of a Neo4j cosine vector index. */
export function cosineFromVectorScore(score: number): number {
  return 2 * score - 1;
}

/** The score a Neo4j cosine vector index gives a pair with this cosine. */
export function vectorScoreFromCosine(cosine: number): number {
  return (1 + cosine) / 2;
}

/**
 * Turns candidates into practices: a candidate whose prescription is close enough (`samePractice` under the
 * embedder's model) to the nearest practice of another document, or to an earlier candidate of this one, becomes
 * another source of it instead of a new practice. `vectors` are the candidates' prescription vectors, as stored on
 * practices; the graph's nearest practice is found by raw cosine and decided by the merge cosine.
 * `lookup` reads the graph's practices inside the transaction that writes this document.
 */
export async function mergePractices(
  candidates: PracticeCandidate[],
  vectors: Float32Array[],
  sentenceIds: (string | null)[],
  documentId: string,
  ctx: DocContext,
  lookup: PracticeLookup,
): Promise<PracticeRecord[]> {
  const model = modelIdOfEmbedder(ctx.embedderId);
  const out: (PracticeRecord & { vector: Float32Array })[] = [];
  // One look-up for all candidates: the graph's nearest practice does not depend on this document's own merges.
  const nearest = await lookup.nearestPractices(
    vectors.map((v) => Array.from(v)),
    documentId,
  );
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const v = vectors[i];
    const source = {
      passageId: c.passageId,
      sentenceId: sentenceIds[i],
      quote: c.text,
      start: c.start,
      end: c.end,
      cue: c.cue,
    };
    const topics = [
      ...c.topics.map((id) => ({ id, method: 'alias', score: 1 })),
      ...semanticTopics(v, ctx).filter((t) => !c.topics.includes(t.id)),
    ];
    const attributes = c.attributes.map((id) => ({ id, method: 'alias', score: 1 }));
    const local = out.find((p) => samePractice(p.vector, v, model));
    if (local) {
      local.sources.push(source);
      local.topics.push(...topics.filter((t) => !local.topics.some((x) => x.id === t.id)));
      local.attributes.push(...attributes.filter((t) => !local.attributes.some((x) => x.id === t.id)));
      continue;
    }
    const existing = nearest[i];
    const id = existing && samePractice(existing.embedding, v, model) ? existing.id : practiceId(c.text);
    out.push({ id, text: c.text, embedding: Array.from(v), vector: v, sources: [source], topics, attributes });
  }
  return out.map(({ vector: _vector, ...p }) => p);
}

/**
 * The topics a practice's text is closest to by meaning (at most SEMANTIC_TOPICS_PER_PRACTICE), above the
 * embedder's model's semantic-linking threshold.
 */
function semanticTopics(v: Float32Array, ctx: DocContext): { id: string; method: string; score: number }[] {
  const threshold = modelThresholds(modelIdOfEmbedder(ctx.embedderId)).semanticLink.cosine;
  return ctx.topicEntities
    .map((e) => ({ id: e.id, method: 'semantic', score: dot(v, ctx.semanticVectors[ctx.semanticEntities.indexOf(e)]) }))
    .filter((t) => t.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, SEMANTIC_TOPICS_PER_PRACTICE);
}
