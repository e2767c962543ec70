/**
 * The scale of the vector indexes' scores, for queries/: Neo4j reports (1 + cos) / 2, the model's thresholds are
 * cosines. The conversion has one home, the practice merge (ingest/practice-merge.ts); queries/ may import only
 * graph/, so it reaches the conversion and the linking threshold through here.
 */
export { vectorScoreFromCosine } from '../ingest/practice-merge.js';
export { SEMANTIC_LINK_THRESHOLD } from '../ingest/link.js';
