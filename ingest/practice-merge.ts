/**
 * When two practices are one: the merge threshold, the decision, and the conversion of the graph's vector score
 * to the cosine the threshold is calibrated on. graph/vector-score.ts passes the conversion on to queries/.
 */
import type { DocContext } from './context.js';
import type { PracticeLookup, PracticeRecord } from './document-store.js';
import { dot, SEMANTIC_LINK_THRESHOLD } from './link.js';
import { practiceId } from './practices.js';
import type { PracticeCandidate } from './records.js';

/**
 * Cosine (all-MiniLM-L6-v2, unit vectors) of two practices' prescriptions (ingest/prescription.ts) at or above
 * which they are taken as the same practice. First calibrated on the quotes by bench/calibrate-thresholds.ts (40
 * pairs); re-measured by bench/merge-calibration.ts on the 291 labelled pairs of
 * test/fixtures/practices/merge-pairs.yaml, where it is also the dev split's best F1 for prescriptions (dev P 0.89
 * R 0.59, held-out P 0.91 R 0.47; quotes at 0.65: held-out P 0.76 R 0.42). Recall stays short of the 0.90 target:
 * paraphrases that share few words (the generator's needles) score 0.2-0.6, as low as related practices.
 */
export const PRACTICE_MERGE_THRESHOLD = 0.65;

/**
 * The merge decision: whether two practices whose prescriptions have this cosine are one practice
 * (bench/merge-calibration.md has its precision and recall).
 */
export function isSamePractice(cosine: number): boolean {
  return cosine >= PRACTICE_MERGE_THRESHOLD;
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
 * Turns candidates into practices: a candidate whose prescription is close enough (`isSamePractice`) to a practice
 * of another document, or to an earlier candidate of this one, becomes another source of it instead of a new
 * practice. `vectors` are the candidates' prescription vectors, as stored on practices.
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
    const local = out.find((p) => isSamePractice(dot(p.vector, v)));
    if (local) {
      local.sources.push(source);
      local.topics.push(...topics.filter((t) => !local.topics.some((x) => x.id === t.id)));
      local.attributes.push(...attributes.filter((t) => !local.attributes.some((x) => x.id === t.id)));
      continue;
    }
    const existing = nearest[i];
    const id = existing && isSamePractice(cosineFromVectorScore(existing.score)) ? existing.id : practiceId(c.text);
    out.push({ id, text: c.text, embedding: Array.from(v), vector: v, sources: [source], topics, attributes });
  }
  return out.map(({ vector: _vector, ...p }) => p);
}

/** The topics a practice's text is closest to by meaning (at most SEMANTIC_TOPICS_PER_PRACTICE). */
function semanticTopics(v: Float32Array, ctx: DocContext): { id: string; method: string; score: number }[] {
  return ctx.topicEntities
    .map((e) => ({ id: e.id, method: 'semantic', score: dot(v, ctx.semanticVectors[ctx.semanticEntities.indexOf(e)]) }))
    .filter((t) => t.score >= SEMANTIC_LINK_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, SEMANTIC_TOPICS_PER_PRACTICE);
}
