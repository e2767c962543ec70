/** The ranking figures of bench/cooccurrence.ts. */
import { describe, expect, it } from 'vitest';
import { auc, precisionAtK } from '../../bench/cooccurrence.js';

describe('co-occurrence ranking figures', () => {
  it('scores AUC with ties counted half', () => {
    expect(auc([3, 2], [1, 0])).toBe(1);
    expect(auc([1], [1])).toBe(0.5);
    expect(auc([0], [1, 2])).toBe(0);
    expect(auc([], [1])).toBeNaN();
  });
  it('breaks ties against the positives for precision at k', () => {
    const scored = [
      { score: 5, positive: true },
      { score: 2, positive: true },
      { score: 2, positive: false },
      { score: 1, positive: false },
    ];
    expect(precisionAtK(scored, 1)).toBe(1);
    expect(precisionAtK(scored, 2)).toBe(0.5);
  });
});
