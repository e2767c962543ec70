import { describe, expect, it } from 'vitest';
import { gainsOf, meanScores, scoreQuery, type LabelledEntry, type RankedPassage } from '../../bench/quality.js';

const relevant: LabelledEntry[] = [
  { document: 'a.md', quote: 'Badges are re-issued after a fresh check.', grade: 2 },
  { document: 'b.md', quote: 'Returning staff are vetted again.', grade: 2 },
  { document: 'c.md', quote: 'Contractors sign in at the gate.', grade: 1 },
];
const passage = (id: string, documentId: string, text: string): RankedPassage => ({ id, documentId, text });

describe('retrieval quality', () => {
  it('when every entry is ranked first in ideal order, then all scores are 1', () => {
    const sut = scoreQuery(
      [
        passage('1', 'a.md', 'Intro. Badges are  re-issued after a fresh\ncheck. More.'),
        passage('2', 'b.md', 'Returning staff are vetted again.'),
        passage('3', 'c.md', 'Contractors sign in at the gate.'),
      ],
      relevant,
    );
    expect(sut).toEqual({ recallAt5: 1, ndcgAt10: 1, mrr: 1 });
  });

  it('when a quote sits in two overlapping passages, then it is credited once', () => {
    const ranked = [
      passage('1', 'a.md', 'Badges are re-issued after a fresh check.'),
      passage('2', 'a.md', 'Badges are re-issued after a fresh check. Next sentence.'),
    ];
    expect(gainsOf(ranked, relevant)).toEqual([2, 0]);
  });

  it('when the quote is in another document, then it does not count', () => {
    const ranked = [passage('1', 'z.md', 'Badges are re-issued after a fresh check.')];
    expect(scoreQuery(ranked, relevant)).toEqual({ recallAt5: 0, ndcgAt10: 0, mrr: 0 });
  });

  it('when relevant passages come late, then nDCG and MRR fall and recall@5 only counts the top 5', () => {
    const filler = (i: number) => passage(`f${i}`, 'x.md', 'Nothing relevant here.');
    const ranked = [
      filler(1),
      filler(2),
      passage('1', 'c.md', 'Contractors sign in at the gate.'),
      passage('2', 'b.md', 'Returning staff are vetted again.'),
      filler(3),
      passage('3', 'a.md', 'Badges are re-issued after a fresh check.'),
    ];
    const sut = scoreQuery(ranked, relevant);
    expect(sut.recallAt5).toBeCloseTo(2 / 3);
    expect(sut.mrr).toBeCloseTo(1 / 4);
    const dcg = 1 / Math.log2(4) + 3 / Math.log2(5) + 3 / Math.log2(7);
    const ideal = 3 / Math.log2(2) + 3 / Math.log2(3) + 1 / Math.log2(4);
    expect(sut.ndcgAt10).toBeCloseTo(dcg / ideal);
  });

  it('when scores are averaged, then each metric is the mean over queries', () => {
    const sut = meanScores([
      { recallAt5: 1, ndcgAt10: 0.5, mrr: 1 },
      { recallAt5: 0, ndcgAt10: 0.25, mrr: 0.5 },
    ]);
    expect(sut).toEqual({ recallAt5: 0.5, ndcgAt10: 0.375, mrr: 0.75 });
  });
});
