/**
 * The scale of the vector indexes' scores, for queries/: Neo4j reports (1 + cos) / 2, the model's thresholds are
 * cosines. The conversion has one home, the practice merge (ingest/practice-merge.ts), and the thresholds theirs,
 * the model table (ingest/models.ts); queries/ may import only graph/, so it reaches them through here.
 */
export { cosineFromVectorScore, vectorScoreFromCosine } from '../ingest/practice-merge.js';
export { DEFAULT_MODEL_ID, modelThresholds } from '../ingest/models.js';

/**
 * Cosine similarity of two vectors of any length (0 when either is all zeros), for vectors that need not be unit
 * length, such as cluster centroids (queries/theme-discovery.ts). The one cosine of graph/ and queries/; ingest/
 * compares unit vectors by their dot product (ingest/link.ts `dot`).
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
