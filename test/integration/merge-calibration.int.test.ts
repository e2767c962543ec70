import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestDecision,
  loadMergePairs,
  measureMerges,
  scoreMergePairs,
  type MergePair,
  type ScoredPair,
} from '../../bench/merge-calibration.js';
import { createLogger } from '../../src/logger.js';
import { openEmbedder } from '../../src/runtime.js';
import type { WorkerEmbedder } from '../../ingest/embed.js';
import { testConfig } from '../support/runtime.js';

// Issue 12 asks for merge precision and recall ≥ 0.90 each on the labelled pairs; recall is not there yet (open).
// What the merge decision measured when this test was written (bench/merge-calibration.md: dev P 0.89 R 0.61,
// held-out P 0.91 R 0.47; the quotes' cosine, before prescriptions: held-out P 0.76 R 0.42): a floor against
// regressions until the target is met.
const FLOOR = { precision: 0.85, recall: 0.45 };

describe('practice merge decision on the labelled pairs (test/fixtures/practices/merge-pairs.yaml)', () => {
  let pairs: MergePair[];
  let scored: ScoredPair[];
  let embedder: WorkerEmbedder;

  beforeAll(async () => {
    pairs = await loadMergePairs();
    embedder = await openEmbedder(testConfig(), createLogger('warn', 'test'));
    scored = await scoreMergePairs(pairs, (texts) => embedder.embed(texts));
    for (const split of ['dev', 'held-out', 'all'] as const) {
      const m = measureMerges(
        scored.filter((p) => split === 'all' || p.split === split),
        ingestDecision,
      );
      console.log(
        `merge ${split}: ${m.pairs} pairs, precision ${m.precision.toFixed(2)}, recall ${m.recall.toFixed(2)}`,
      );
    }
  }, 300_000);

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

  it('when the pairs are decided, then no unrelated pair merges and the figures hold their measured floor', () => {
    expect(scored.filter((p) => p.kind === 'unrelated' && ingestDecision(p)).map((p) => p.id)).toEqual([]);
    for (const split of ['dev', 'held-out'] as const) {
      const m = measureMerges(
        scored.filter((p) => p.split === split),
        ingestDecision,
      );
      expect(m.precision, `${split} precision`).toBeGreaterThanOrEqual(FLOOR.precision);
      expect(m.recall, `${split} recall`).toBeGreaterThanOrEqual(FLOOR.recall);
    }
  });
});
