/**
 * Retrieval quality against the generator's labelled queries. A ranked passage is relevant to a labelled entry
 * when it belongs to the entry's document and contains its quote (whitespace-normalised): passages overlap by
 * one sentence, so one quote may sit in two passages — each entry is credited once, at its first passage.
 */

export interface RankedPassage {
  id: string;
  documentId: string;
  text: string;
}

export interface LabelledEntry {
  document: string;
  quote: string;
  grade: number;
}

export interface QueryScores {
  recallAt5: number;
  ndcgAt10: number;
  /** Reciprocal rank of the first passage holding a grade-2 (highly relevant) entry; 0 when none in the list. */
  mrr: number;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** For each ranked passage, the grade it earns: the best not-yet-credited entry it holds (0 for none). */
export function gainsOf(ranked: RankedPassage[], relevant: LabelledEntry[]): number[] {
  const credited = new Set<number>();
  const quotes = relevant.map((r) => normalise(r.quote));
  return ranked.map((p) => {
    const text = normalise(p.text);
    let best = -1;
    relevant.forEach((r, i) => {
      if (credited.has(i) || r.document !== p.documentId || !text.includes(quotes[i])) return;
      if (best < 0 || r.grade > relevant[best].grade) best = i;
    });
    if (best < 0) return 0;
    credited.add(best);
    return relevant[best].grade;
  });
}

/** recall@5 (share of labelled entries found in the top 5), nDCG@10 (gain 2^g − 1, log2 discount) and MRR. */
export function scoreQuery(ranked: RankedPassage[], relevant: LabelledEntry[]): QueryScores {
  if (relevant.length === 0) throw new Error('a labelled query needs at least one relevant entry');
  const gains = gainsOf(ranked.slice(0, 10), relevant);
  const found5 = gains.slice(0, 5).filter((g) => g > 0).length;
  const dcg = (gs: number[]) => gs.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(
    relevant
      .map((r) => r.grade)
      .sort((a, b) => b - a)
      .slice(0, 10),
  );
  const top = Math.max(...relevant.map((r) => r.grade));
  const first = gains.findIndex((g) => g === top);
  return { recallAt5: found5 / relevant.length, ndcgAt10: dcg(gains) / ideal, mrr: first < 0 ? 0 : 1 / (first + 1) };
}

/** Means of the per-query scores. */
export function meanScores(scores: QueryScores[]): QueryScores {
  const mean = (k: keyof QueryScores) => scores.reduce((s, x) => s + x[k], 0) / Math.max(1, scores.length);
  return { recallAt5: mean('recallAt5'), ndcgAt10: mean('ndcgAt10'), mrr: mean('mrr') };
}
