import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestDecision,
  loadMergePairs,
  measureMerges,
  MERGE_GRID,
  practiceCentre,
  precisionFirstThreshold,
  auc,
  scoreMergePairs,
  type MergePair,
  type ScoredPair,
} from '../../bench/merge-calibration.js';
import { PRACTICE_MERGE_CENTRES } from '../../ingest/merge-centres.js';
import { MODEL_IDS, type ModelId } from '../../ingest/models.js';
import { PRACTICE_MERGE_THRESHOLDS } from '../../ingest/practice-merge.js';
import { createLogger } from '../../src/logger.js';
import { openEmbedder } from '../../src/runtime.js';
import type { WorkerEmbedder } from '../../ingest/embed.js';
import { testConfig } from '../support/runtime.js';

// Issue 12 asks for merge precision and recall ≥ 0.90 each on the labelled pairs; neither model reaches it (open,
// bench/merge-calibration.md). What each model's merge decision (the merge cosine, ingest/practice-merge.ts)
// measured when this test was written, rounded down: a floor against regressions until the target is met. The
// thresholds keep dev precision ≥ 0.90 (precisionFirstThreshold): all-MiniLM-L6-v2 (default): dev P 0.905 R 0.576,
// held-out P 0.870 R 0.444; bge-small-en-v1.5: dev P 0.930 R 0.606, held-out P 0.917 R 0.489; e5-small-v2: dev
// P 0.923 R 0.545, held-out P 0.952 R 0.444. None merges an unrelated pair.
type Floor = Record<'dev' | 'held-out', { precision: number; recall: number }> & { unrelatedMerged: number };
const FLOOR: Readonly<Record<ModelId, Floor>> = {
  'all-minilm-l6-v2': {
    dev: { precision: 0.9, recall: 0.55 },
    'held-out': { precision: 0.85, recall: 0.4 },
    unrelatedMerged: 0,
  },
  'bge-small-en-v1.5': {
    dev: { precision: 0.9, recall: 0.6 },
    'held-out': { precision: 0.9, recall: 0.45 },
    unrelatedMerged: 0,
  },
  'e5-small-v2': {
    dev: { precision: 0.9, recall: 0.5 },
    'held-out': { precision: 0.9, recall: 0.4 },
    unrelatedMerged: 0,
  },
};

describe('practice merge decision on the labelled pairs (test/fixtures/practices/merge-pairs.yaml)', () => {
  let pairs: MergePair[];
  const scored = {} as Record<ModelId, ScoredPair[]>;
  const centres = {} as Record<ModelId, Float32Array>;
  let embedder: WorkerEmbedder | undefined;

  beforeAll(async () => {
    pairs = await loadMergePairs();
    // Every model the server can run (ingest/models.ts), one after the other; each is provisioned like the server's.
    for (const model of MODEL_IDS) {
      embedder = await openEmbedder(testConfig({ IWG_MODEL: model }), createLogger('warn', 'test'));
      scored[model] = await scoreMergePairs(pairs, (texts) => embedder!.embed(texts), model);
      centres[model] = await practiceCentre(pairs, (texts) => embedder!.embed(texts));
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

  it.each(MODEL_IDS)(
    'when %s is calibrated on the dev split, then its merge threshold is the lowest keeping precision ≥ 0.90',
    (model) => {
      const dev = scored[model].filter((p) => p.split === 'dev');
      expect(precisionFirstThreshold(dev, (p) => p.mergeCosine, MERGE_GRID)).toBe(PRACTICE_MERGE_THRESHOLDS[model]);
    },
  );

  it.each(MODEL_IDS)('when %s embeds the dev quotes again, then the shipped practice centre is their mean', (model) => {
    const shipped = PRACTICE_MERGE_CENTRES[model];
    const drift = Math.max(...centres[model].map((x, i) => Math.abs(x - shipped[i])));
    expect(drift).toBeLessThan(1e-4);
  });

  it.each(MODEL_IDS)(
    'when the raw and merge cosines of %s rank the held-out pairs, then the merge cosine separates paraphrases no worse',
    (model) => {
      const held = scored[model].filter((p) => p.split === 'held-out');
      expect(auc(held, (p) => p.mergeCosine)).toBeGreaterThanOrEqual(auc(held, (p) => p.prescriptionCosine));
    },
  );
});
