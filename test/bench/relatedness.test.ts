import { describe, expect, it } from 'vitest';
import type { LabelledFamily } from '../../bench/generate/families.js';
import {
  chooseWeights,
  mapFamilies,
  meanScores,
  pooledGrades,
  scoreFamily,
  verdictMap,
  weightGrid,
  type NodeSource,
} from '../../bench/relatedness-score.js';

const family: LabelledFamily = {
  id: 'f-test',
  split: 'dev',
  query: { document: 'docs/2020/a.md', year: 2020, quote: 'Query practice should be done.' },
  members: [
    { document: 'docs/2021/b.md', year: 2021, quote: 'Paraphrase one should be done.', role: 'paraphrase', grade: 2 },
    { document: 'docs/2022/c.md', year: 2022, quote: 'Paraphrase two should be done.', role: 'paraphrase', grade: 2 },
    { document: 'docs/2022/d.md', year: 2022, quote: 'Paraphrase three should be done.', role: 'paraphrase', grade: 2 },
    { document: 'docs/2022/c.md', year: 2022, quote: 'Related one should be done.', role: 'related', grade: 1 },
    { document: 'docs/2023/e.md', year: 2023, quote: 'Related two should be done.', role: 'related', grade: 1 },
    { document: 'docs/2024/f.md', year: 2024, quote: 'Unrelated should be done.', role: 'unrelated', grade: 0 },
  ],
};

describe('mapFamilies', () => {
  it('when ingest merged a paraphrase into the query and two members into one node, then grades go to nodes, best grade wins', () => {
    const nodes = new Map<string, NodeSource[]>([
      [
        'practice:q',
        [
          { document: 'docs/2020/a.md', quote: 'Query practice should be done.' },
          { document: 'docs/2021/b.md', quote: 'Paraphrase one  should be done.' },
        ],
      ],
      [
        'practice:p2',
        [
          { document: 'docs/2022/c.md', quote: 'Paraphrase two should be done.' },
          { document: 'docs/2023/e.md', quote: 'Related two should be done.' },
        ],
      ],
      ['practice:r1', [{ document: 'docs/2022/c.md', quote: 'Related one should be done.' }]],
      ['practice:u', [{ document: 'docs/2024/f.md', quote: 'Unrelated should be done.' }]],
      // The same words in another document are not the planted sentence.
      ['practice:elsewhere', [{ document: 'docs/2019/z.md', quote: 'Paraphrase three should be done.' }]],
    ]);
    const [sut] = mapFamilies([family], nodes);
    expect(sut.queryNode).toBe('practice:q');
    expect(Object.fromEntries(sut.grades)).toEqual({ 'practice:p2': 2, 'practice:r1': 1, 'practice:u': 0 });
    expect(sut.found).toBe(5);
    expect(sut.mergedWithQuery).toBe(1);
  });

  it('when the query sentence was not extracted, then the family has no query node', () => {
    const [sut] = mapFamilies([family], new Map([['practice:x', [{ document: 'docs/2021/b.md', quote: 'x' }]]]));
    expect(sut.queryNode).toBeNull();
    expect(sut.found).toBe(0);
  });
});

describe('scoreFamily', () => {
  const grades = new Map([
    ['p1', 2],
    ['p2', 2],
    ['r1', 1],
    ['u', 0],
  ]);

  it('when the ranking is ideal, then nDCG@10 and MRR are 1', () => {
    expect(scoreFamily(['p1', 'p2', 'r1', 'x', 'u'], grades)).toEqual({ ndcgAt10: 1, judgedNdcgAt10: 1, mrr: 1 });
  });

  it('when a related node outranks the paraphrases, then nDCG@10 drops by the discounted gains and MRR is 1/2', () => {
    const sut = scoreFamily(['r1', 'p1', 'p2'], grades);
    const ideal = 3 + 3 / Math.log2(3) + 1 / 2;
    expect(sut.ndcgAt10).toBeCloseTo((1 + 3 / Math.log2(3) + 3 / 2) / ideal, 10);
    expect(sut.mrr).toBe(0.5);
  });

  it('when unlabelled practices outrank the graded ones, then only the strict nDCG@10 counts them as misses', () => {
    const sut = scoreFamily(['x1', 'x2', 'p1', 'u', 'p2', 'r1'], grades);
    const ideal = 3 + 3 / Math.log2(3) + 1 / 2;
    expect(sut.ndcgAt10).toBeCloseTo((3 / 2 + 3 / Math.log2(6) + 1 / Math.log2(7)) / ideal, 10);
    // Condensed: p1, u, p2, r1 — the unrelated practice (judged 0) still costs its place.
    expect(sut.judgedNdcgAt10).toBeCloseTo((3 + 3 / 2 + 1 / Math.log2(5)) / ideal, 10);
    expect(sut.mrr).toBeCloseTo(1 / 3);
  });

  it('when nothing graded is in the top 10, then both are 0; with no paraphrase node, MRR is undefined (null)', () => {
    const ranked = Array.from({ length: 10 }, (_, i) => `x${i}`);
    expect(scoreFamily([...ranked, 'p1'], grades)).toMatchObject({ ndcgAt10: 0, mrr: 0 });
    expect(scoreFamily(['r1'], new Map([['r1', 1]]))).toEqual({ ndcgAt10: 1, judgedNdcgAt10: 1, mrr: null });
    const sut = meanScores([
      { ndcgAt10: 1, judgedNdcgAt10: 1, mrr: null },
      { ndcgAt10: 0.5, judgedNdcgAt10: 0.7, mrr: 0.5 },
    ]);
    expect(sut).toEqual({ ndcgAt10: 0.75, judgedNdcgAt10: 0.85, mrr: 0.5, families: 2 });
  });
});

describe('the weight grid and the choice', () => {
  it('when the grid is built, then it holds every 0.05 triple summing to 1, once', () => {
    const sut = weightGrid(0.05);
    expect(sut).toHaveLength(231);
    for (const w of sut) expect(w.similarity + w.sharedTags + w.coCited).toBeCloseTo(1, 9);
    expect(new Set(sut.map((w) => JSON.stringify(w))).size).toBe(231);
    expect(sut).toContainEqual({ similarity: 0.6, sharedTags: 0.25, coCited: 0.15 });
  });

  it('when dev scores tie, then MRR and then the larger similarity weight decide; held-out figures play no part', () => {
    const row = (similarity: number, ndcgAt10: number, mrr: number, heldOut: number) => ({
      weights: { similarity, sharedTags: 1 - similarity, coCited: 0 },
      dev: { ndcgAt10, mrr },
      heldOut: { ndcgAt10: heldOut, mrr: heldOut },
    });
    const rows = [row(0.5, 0.9, 0.8, 1), row(0.7, 0.9, 0.8, 0), row(0.9, 0.9, 0.7, 1), row(1, 0.8, 1, 1)];
    expect(chooseWeights(rows).weights.similarity).toBe(0.7);
  });
});

describe('labels v2: the planted grades and a reader’s judgments', () => {
  const planted = new Map([
    ['p1', 2],
    ['u', 0],
  ]);
  const rows = [
    { id: 'p1', text: 'Paraphrase one should be done.' },
    { id: 'u', text: 'Unrelated should be done.' },
    { id: 'x', text: 'Badges  should be checked at the gate.' },
    { id: 'y', text: 'Drills should be run yearly.' },
    { id: 'z', text: 'Nobody judged this one.' },
  ];
  const verdicts = verdictMap([
    ['Badges should be checked at the gate.', 'related', 'the query’s access, another prescription'],
    ['drills should be run yearly.', 'no', 'another subject'],
    // A verdict never overrides a planted grade.
    ['Unrelated should be done.', 'same', 'a reader disagreeing with the plan'],
  ]);

  it('when a judged practice reaches the top 10, then it takes its verdict’s grade, matched by text; planted grades stand', () => {
    const sut = pooledGrades(planted, rows, verdicts);
    expect(Object.fromEntries(sut)).toEqual({ p1: 2, u: 0, x: 1, y: 0 });
    expect(sut.has('z')).toBe(false);
  });

  it('when a judged related practice ranks below an unjudged one, then v2 charges what the strict labels cannot see', () => {
    const ranked = ['p1', 'z', 'x'];
    const v2 = pooledGrades(planted, rows, verdicts);
    expect(scoreFamily(ranked, planted).ndcgAt10).toBe(1);
    expect(scoreFamily(ranked, v2).ndcgAt10).toBeCloseTo((3 + 1 / 2) / (3 + 1 / Math.log2(3)), 10);
    expect(scoreFamily(ranked, v2).judgedNdcgAt10).toBeCloseTo(1, 10);
    expect(scoreFamily(['p1', 'x', 'z'], v2).ndcgAt10).toBeCloseTo(1, 10);
  });
});
