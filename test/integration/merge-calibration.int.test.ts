import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bestThreshold,
  ingestDecision,
  loadMergePairs,
  measureMerges,
  scoreMergePairs,
  type MergePair,
  type ScoredPair,
} from '../../bench/merge-calibration.js';
import { MODEL_IDS, type ModelId } from '../../ingest/models.js';
import { PRACTICE_MERGE_THRESHOLDS } from '../../ingest/practice-merge.js';
import { createLogger } from '../../src/logger.js';
import { openEmbedder } from '../../src/runtime.js';
import type { WorkerEmbedder } from '../../ingest/embed.js';
import { testConfig } from '../support/runtime.js';

// Issue 12 asks for merge precision and recall ≥ 0.90 each on the labelled pairs; recall is not there yet (open,
// bench/merge-calibration.md). What each model's merge decision measured when this test was written, rounded down:
// a floor against regressions until the target is met. all-MiniLM-L6-v2 (default): dev P 0.89 R 0.61, held-out
// P 0.91 R 0.47; bge-small-en-v1.5: dev P 0.89 R 0.64, held-out P 0.96 R 0.51; e5-small-v2: dev P 0.67 R 0.92,
// held-out P 0.74 R 0.87, and it merges two of the 48 unrelated pairs (q11/q24 and q17/q30: e5 scores unrelated
// sentences 0.75-0.86).
type Floor = Record<'dev' | 'held-out', { precision: number; recall: number }> & { unrelatedMerged: number };
const FLOOR: Readonly<Record<ModelId, Floor>> = {
  'all-minilm-l6-v2': {
    dev: { precision: 0.85, recall: 0.55 },
    'held-out': { precision: 0.85, recall: 0.45 },
    unrelatedMerged: 0,
  },
  'bge-small-en-v1.5': {
    dev: { precision: 0.85, recall: 0.6 },
    'held-out': { precision: 0.9, recall: 0.45 },
    unrelatedMerged: 0,
  },
  'e5-small-v2': {
    dev: { precision: 0.65, recall: 0.85 },
    'held-out': { precision: 0.7, recall: 0.8 },
    unrelatedMerged: 2,
  },
};

describe('practice merge decision on the labelled pairs (test/fixtures/practices/merge-pairs.yaml)', () => {
  let pairs: MergePair[];
  const scored = {} as Record<ModelId, ScoredPair[]>;
  let embedder: WorkerEmbedder | undefined;

  beforeAll(async () => {
    pairs = await loadMergePairs();
    // Every model the server can run (ingest/models.ts), one after the other; each is provisioned like the server's.
    for (const model of MODEL_IDS) {
      embedder = await openEmbedder(testConfig({ IWG_MODEL: model }), createLogger('warn', 'test'));
      scored[model] = await scoreMergePairs(pairs, (texts) => embedder!.embed(texts));
      await embedder.close();
      embedder = undefined;
      for (const split of ['dev', 'held-out', 'all'] as const) {
        const m = measureMerges(
          scored[model].filter((p) => split === 'all' || p.split === split),
          ingestDecision(model),
        );
        console.log(
          `merge ${model} ${split}: ${m.pairs} pairs, precision ${m.precision.toFixed(2)}, recall ${m.recall.toFixed(2)}`,
        );
      }
    }
  }, 900_000);

  afterAll(async () => {
    await embedder?.close();
  });

  it('when the set is read, then it has at least 100 pairs, every kind in both splits', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(100);
    for (const split of ['dev', 'held-out'] as const)
      for (const kind of ['paraphrase', 'related', 'unrelated'] as const)
        expect(
          pairs.filter((p) => p.split === split && p.kind === kind).length,
          `${split} ${kind}`,
        ).toBeGreaterThanOrEqual(10);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
  });

  it.each(MODEL_IDS)(
    'when the pairs are decided with %s, then unrelated merges and the figures hold their floor',
    (model) => {
      const decide = ingestDecision(model);
      const unrelated = scored[model].filter((p) => p.kind === 'unrelated' && decide(p)).map((p) => p.id);
      expect(unrelated.length, unrelated.join(', ')).toBeLessThanOrEqual(FLOOR[model].unrelatedMerged);
      for (const split of ['dev', 'held-out'] as const) {
        const m = measureMerges(
          scored[model].filter((p) => p.split === split),
          decide,
        );
        expect(m.precision, `${split} precision`).toBeGreaterThanOrEqual(FLOOR[model][split].precision);
        expect(m.recall, `${split} recall`).toBeGreaterThanOrEqual(FLOOR[model][split].recall);
      }
    },
  );

  it.each(MODEL_IDS)('when %s is calibrated on the dev split, then its merge threshold is the best-F1 one', (model) => {
    const dev = scored[model].filter((p) => p.split === 'dev');
    expect(bestThreshold(dev, (p) => p.prescriptionCosine)).toBe(PRACTICE_MERGE_THRESHOLDS[model]);
  });
});
