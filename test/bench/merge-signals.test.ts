import { describe, expect, it } from 'vitest';
import {
  actionOf,
  bestThreshold,
  precisionFirstThreshold,
  lexicalOverlap,
  measureMerges,
  withoutRationale,
  type MergePair,
} from '../../bench/merge-calibration.js';

const pair = (kind: MergePair['kind'], score: number): MergePair & { score: number } => ({
  id: `${kind}-${score}`,
  kind,
  origin: 'test',
  synthetic: true,
  split: 'dev',
  a: 'a',
  b: 'b',
  score,
});

describe('merge signals measured by bench/merge-calibration.ts', () => {
  it.each([
    [
      'revoke badges and accounts at the moment a worker is told of termination, since resentment peaks then.',
      'revoke badges and accounts at the moment a worker is told of termination.',
    ],
    ['close a material balance often, so that a slow diversion is noticed early.', 'close a material balance often.'],
    ['check references by telephone, because forged letters are common.', 'check references by telephone.'],
  ])('when a prescription ends with its reason, then withoutRationale drops it: %s', (text, expected) => {
    expect(withoutRationale(text)).toBe(expected);
  });

  it('when too little would remain, then withoutRationale keeps the prescription', () => {
    expect(withoutRationale('comply, because it is the law.')).toBe('comply, because it is the law.');
  });

  it('when two quotes share content words after their framing, then lexicalOverlap is their Jaccard overlap', () => {
    expect(
      lexicalOverlap(
        'Operators should record the issue of security equipment.',
        'It is good practice to record the issue of security equipment.',
      ),
    ).toBe(1);
    // record, issue, return, security, equipment vs inspect, security, equipment, tamper: 2 shared of 7.
    expect(
      lexicalOverlap(
        'Operators should record the issue and return of security equipment.',
        'Operators should inspect security equipment for tampering.',
      ),
    ).toBeCloseTo(2 / 7, 5);
    expect(lexicalOverlap('Operators should comply.', 'Guards must patrol fences.')).toBe(0);
  });

  it.each([
    ['Operators should record the issue and return of security equipment.', 'record'],
    ['Access rights should be revoked immediately when an employee leaves.', 'revok'],
    ['It is good practice to revoke access at once.', 'revok'],
    ['Background checks should be repeated periodically.', 'repeat'],
    ['Staff must never hold a secure door for a colleague.', 'not hold'],
    ['Drivers and escorts should be vetted to the same level as staff.', 'vet'],
    ['Supervisors need training to identify concerning behaviour.', null],
  ])('when a quote prescribes an action, then actionOf finds its verb: %s', (quote, expected) => {
    expect(actionOf(quote)).toBe(expected);
  });

  it('when a threshold is chosen on dev, then it is the best-F1 one and the figures follow from it', () => {
    const dev = [pair('paraphrase', 0.9), pair('paraphrase', 0.7), pair('related', 0.75), pair('unrelated', 0.2)];
    // ≥ 0.7: P 2/3 R 1 (F1 0.8); ≥ 0.8: P 1 R 1/2 (F1 0.67); ≥ 0.5: the same merges as 0.7.
    expect(bestThreshold(dev, (p) => p.score, [0.5, 0.7, 0.8])).toBe(0.5);
    expect(bestThreshold(dev, (p) => p.score, [0.8, 0.7])).toBe(0.7);
    expect(measureMerges(dev, (p) => p.score >= 0.8)).toEqual({ pairs: 4, precision: 1, recall: 0.5 });
    expect(measureMerges(dev, () => false)).toEqual({ pairs: 4, precision: 1, recall: 0 });
  });

  it('when the merge threshold is chosen precision first, then it is the lowest reaching the precision, else best F1', () => {
    const dev = [
      pair('paraphrase', 0.9),
      pair('paraphrase', 0.8),
      pair('related', 0.75),
      pair('paraphrase', 0.7),
      pair('unrelated', 0.2),
    ];
    // ≥ 0.7: P 3/4; ≥ 0.75: P 2/3; ≥ 0.8: P 1 (R 2/3); ≥ 0.9: P 1 (R 1/3).
    expect(precisionFirstThreshold(dev, (p) => p.score, [0.9, 0.7, 0.8, 0.75], 0.9)).toBe(0.8);
    expect(precisionFirstThreshold(dev, (p) => p.score, [0.7, 0.75, 0.8], 0.7)).toBe(0.7);
    // No threshold reaches P 1 with a related pair above every paraphrase: best F1 instead.
    const hard = [pair('related', 0.95), pair('paraphrase', 0.9), pair('paraphrase', 0.5)];
    expect(precisionFirstThreshold(hard, (p) => p.score, [0.5, 0.9, 0.95], 1)).toBe(0.5);
  });
});
