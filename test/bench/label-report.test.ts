import { describe, expect, it } from 'vitest';
import { NEAR_JUDGMENTS } from '../../bench/label-judgments.js';
import { capsV1, quantile, renderLabelsReport, type ConceptCosines } from '../../bench/label-report.js';
import { NEEDLE_CONCEPTS } from '../../bench/generate/needles.js';

const concept = (id: string, needles: number[], near: number[]): ConceptCosines => ({
  id,
  query: `query ${id}`,
  needles,
  near,
  nearText: [`near ${id} a`, `near ${id} b`],
  judgments: [
    ['no', 'another subject'],
    ['partly', 'half of it'],
  ],
});

describe('the labels audit', () => {
  it('when quantiles are taken, then they interpolate between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
  });

  it('when labels v1 score a perfect needle ranking with unranked near sentences, then the ceiling is 0.8866 and 0.6', () => {
    const sut = capsV1();
    expect(sut.ndcgAt10).toBeCloseTo(0.8866, 4);
    expect(sut.recallAt5).toBeCloseTo(0.6);
    expect(sut.mrr).toBe(1);
  });

  it('when every generated concept is looked up, then each near sentence has a verdict and a reason', () => {
    expect(Object.keys(NEAR_JUDGMENTS).sort()).toEqual(NEEDLE_CONCEPTS.map((c) => c.id).sort());
    for (const [a, b] of Object.values(NEAR_JUDGMENTS))
      for (const [verdict, why] of [a, b]) {
        expect(['no', 'touches', 'partly']).toContain(verdict);
        expect(why.length).toBeGreaterThan(5);
      }
  });

  it('when a run reaches some near sentences, then the report counts them per system and across systems', () => {
    const concepts = [concept('q1', [0.5, 0.6, 0.7], [0.2, 0.55]), concept('q2', [0.4, 0.5, 0.6], [0.1, 0.3])];
    const sut = renderLabelsReport(concepts, {
      source: 'a test run',
      ranks: {
        keyword: [
          [1, 2, null, 3, null],
          [null, null, null, null, null],
        ],
        hybrid: [
          [1, 2, 3, null, null],
          [2, null, null, null, 1],
        ],
      },
      quality: { hybrid: { recallAt5: 1, ndcgAt10: 0.9, mrr: 0.75, distractorFirst: 0.5, distractorsAt10: 0.5 } },
    });
    expect(sut).toContain('| needles (grade 2) | 6 | 0.4 | 0.5 | 0.55 | 0.6 | 0.7 |');
    expect(sut).toContain('3 of 4 near sentences are further from their query than its weakest needle');
    expect(sut).toContain('| keyword | 1 of 4 | 1 of 2 | – | – | – |');
    expect(sut).toContain('| hybrid | 1 of 4 | 1 of 2 | 0.5 | – | 0.9 / 1 |');
    expect(sut).toContain('**2 of 4 near sentences reach the top 10 of any system.**');
    expect(sut).toContain('Verdicts: 2 no, 0 touches, 2 partly.');
    expect(sut).toContain('| query q1 | near q1 a | 0.2 | 0.5–0.7 | no | another subject | 3 |');
  });
});
