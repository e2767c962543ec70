/**
 * The scale of the vector indexes' scores, for queries/: Neo4j reports (1 + cos) / 2, the model's thresholds are
 * cosines. The conversion has one home, the practice merge (ingest/practice-merge.ts), and the thresholds theirs,
 * the model table (ingest/models.ts); queries/ may import only graph/, so it reaches them through here.
 */
export { vectorScoreFromCosine } from '../ingest/practice-merge.js';
export { DEFAULT_MODEL_ID, modelThresholds } from '../ingest/models.js';
