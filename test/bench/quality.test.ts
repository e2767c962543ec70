import { describe, expect, it } from 'vitest';
import {
  gainsOf,
  labelsV1,
  labelsV2,
  meanScores,
  rankEntries,
  scoreQuery,
  scoreRanks,
  type LabelledEntry,
  type RankedPassage,
} from '../../bench/quality.js';

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

  it('when ranks are scored directly, then they give the scores of the ranked list they came from', () => {
    const ranked = [
      passage('f', 'x.md', 'Nothing.'),
      passage('1', 'b.md', 'Returning staff are vetted again.'),
      passage('2', 'c.md', 'Contractors sign in at the gate.'),
    ];
    const ranks = rankEntries(ranked, relevant);
    expect(ranks).toEqual([null, 2, 3]);
    expect(scoreRanks(ranks, relevant)).toEqual(scoreQuery(ranked, relevant));
  });
});

// A v2 query: two needles and two distractors (a v1 "near" sentence is a distractor in v2).
const query = {
  relevant: [
    { document: 'a.md', quote: 'Badges are re-issued after a fresh check.', grade: 2 },
    { document: 'b.md', quote: 'Returning staff are vetted again.', grade: 2 },
  ],
  distractors: [
    { document: 'c.md', quote: 'Contractors sign in at the gate.', grade: 0 },
    { document: 'd.md', quote: 'Leave records are kept by personnel.', grade: 0 },
  ],
};
const needleA = passage('a', 'a.md', 'Badges are re-issued after a fresh check.');
const needleB = passage('b', 'b.md', 'Returning staff are vetted again.');
const distractorC = passage('c', 'c.md', 'Contractors sign in at the gate.');
const distractorD = passage('d', 'd.md', 'Leave records are kept by personnel.');
const filler = passage('f', 'x.md', 'Nothing relevant here.');

describe('labels v2: distractors', () => {
  it('when the needles lead and the distractors follow, then every score is perfect and no distractor is first', () => {
    const sut = scoreQuery([needleA, needleB, distractorC, distractorD], labelsV2(query));
    expect(sut).toEqual({ recallAt5: 1, ndcgAt10: 1, mrr: 1, distractorFirst: 0, distractorsAt10: 2 });
  });

  it('when a distractor outranks the first needle, then distractorFirst is 1 and nDCG counts only the needles', () => {
    const sut = scoreQuery([filler, distractorC, needleB, filler, filler, filler, needleA], labelsV2(query));
    expect(sut.distractorFirst).toBe(1);
    expect(sut.distractorsAt10).toBe(1);
    expect(sut.recallAt5).toBe(0.5);
    expect(sut.mrr).toBeCloseTo(1 / 3);
    expect(sut.ndcgAt10).toBeCloseTo((3 / 2 + 3 / 3) / (3 + 3 / Math.log2(3)));
  });

  it('when no needle is found but a distractor is, then the distractor counts as first', () => {
    const sut = scoreQuery([filler, distractorD], labelsV2(query));
    expect(sut).toEqual({ recallAt5: 0, ndcgAt10: 0, mrr: 0, distractorFirst: 1, distractorsAt10: 1 });
  });

  it('when a distractor is below rank 10, then it is not counted', () => {
    const ranked = [needleA, ...Array.from({ length: 9 }, () => filler), distractorC];
    expect(scoreQuery(ranked, labelsV2(query))).toMatchObject({ distractorFirst: 0, distractorsAt10: 0 });
  });

  it('when a perfect needle ranking is scored under labels v1, then the near sentences cap nDCG@10 and recall@5', () => {
    // The generator's shape: 3 needles, 2 near sentences that never rank.
    const entries = [2, 2, 2, 0, 0].map((grade, i) => ({ document: `${i}.md`, quote: `q${i}`, grade }));
    const v1 = labelsV1({ relevant: entries.slice(0, 3), distractors: entries.slice(3) });
    expect(v1.map((e) => e.grade)).toEqual([2, 2, 2, 1, 1]);
    const ranks = [1, 2, 3, null, null];
    const needles = 3 + 3 / Math.log2(3) + 3 / 2;
    expect(scoreRanks(ranks, v1).ndcgAt10).toBeCloseTo(needles / (needles + 1 / Math.log2(5) + 1 / Math.log2(6)), 6);
    expect(scoreRanks(ranks, v1).ndcgAt10).toBeCloseTo(0.8866, 4);
    expect(scoreRanks(ranks, v1).recallAt5).toBeCloseTo(0.6);
    // v1 rewards ranking them: a perfect score needs the non-answers at 4 and 5.
    expect(scoreRanks([1, 2, 3, 4, 5], v1).ndcgAt10).toBeCloseTo(1);
    expect(scoreRanks(ranks, entries)).toEqual({
      recallAt5: 1,
      ndcgAt10: 1,
      mrr: 1,
      distractorFirst: 0,
      distractorsAt10: 0,
    });
  });

  it('when queries with and without distractors are averaged, then the distractor metrics are left out', () => {
    const withD = { recallAt5: 1, ndcgAt10: 1, mrr: 1, distractorFirst: 1, distractorsAt10: 2 };
    expect(meanScores([withD, { ...withD, distractorFirst: 0, distractorsAt10: 0 }])).toMatchObject({
      distractorFirst: 0.5,
      distractorsAt10: 1,
    });
    expect(meanScores([withD, { recallAt5: 0, ndcgAt10: 0, mrr: 0 }])).toEqual({
      recallAt5: 0.5,
      ndcgAt10: 0.5,
      mrr: 0.5,
    });
  });

  it('when every entry is a distractor, then the query cannot be scored', () => {
    expect(() => scoreQuery([distractorC], query.distractors)).toThrow(/grade 1 or 2/);
  });
});
