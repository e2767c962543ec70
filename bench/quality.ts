/**
 * Retrieval quality against the generator's labelled queries. A ranked passage holds a labelled entry when it
 * belongs to the entry's document and contains its quote (whitespace-normalised): passages overlap by one
 * sentence, so one quote may sit in two passages — each entry is credited once, at its first passage.
 *
 * Two label sets (bench/labels.md has the evidence): labels v1 graded the two planted "near" sentences of each
 * query 1 ("related"); labels v2 grade them 0 — distractors, hard negatives of the same practice area with another
 * prescription — so they earn nothing, leave the ideal ranking, and are counted by the distractor metrics instead.
 */

export interface RankedPassage {
  id: string;
  documentId: string;
  text: string;
}

export interface LabelledEntry {
  document: string;
  quote: string;
  /** 2 answers the query, 1 answers part of it, 0 a distractor: judged not to answer it. */
  grade: number;
}

/** A query's labels as the generator writes them (labels v2). */
export interface LabelledQueryEntries {
  relevant: LabelledEntry[];
  distractors?: LabelledEntry[];
}

export interface QueryScores {
  recallAt5: number;
  ndcgAt10: number;
  /** Reciprocal rank of the first passage holding a top-grade entry; 0 when none in the list. */
  mrr: number;
  /** 1 when a distractor is in the top 10 above the first top-grade entry (or with none found), else 0. */
  distractorFirst?: number;
  /** Distractors in the top 10. */
  distractorsAt10?: number;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * For each entry, the 1-based rank of the passage it is credited at, or null when no passage holds it. A passage
 * credits the best-graded entry it holds that is not credited yet.
 */
export function rankEntries(ranked: RankedPassage[], entries: LabelledEntry[]): (number | null)[] {
  const ranks: (number | null)[] = entries.map(() => null);
  const quotes = entries.map((r) => normalise(r.quote));
  ranked.forEach((p, at) => {
    const text = normalise(p.text);
    let best = -1;
    entries.forEach((r, i) => {
      if (ranks[i] !== null || r.document !== p.documentId || !text.includes(quotes[i])) return;
      if (best < 0 || r.grade > entries[best].grade) best = i;
    });
    if (best >= 0) ranks[best] = at + 1;
  });
  return ranks;
}

/** For each ranked passage, the grade it earns: the grade of the entry credited there (0 for none). */
export function gainsOf(ranked: RankedPassage[], entries: LabelledEntry[]): number[] {
  const gains = ranked.map(() => 0);
  rankEntries(ranked, entries).forEach((rank, i) => {
    if (rank !== null) gains[rank - 1] = entries[i].grade;
  });
  return gains;
}

const dcg = (gains: number[]) => gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

/**
 * The scores of one query from the ranks its entries were credited at (`rankEntries` over the top 10):
 * recall@5 = share of the entries of grade > 0 in the top 5; nDCG@10 with gain 2^grade − 1 and log2 discount,
 * the ideal being the entries of grade > 0 in grade order; MRR of the first top-grade entry; and, when the entries
 * hold grade-0 distractors, `distractorFirst` and `distractorsAt10`.
 */
export function scoreRanks(ranks: (number | null)[], entries: LabelledEntry[]): QueryScores {
  const graded = entries.filter((r) => r.grade > 0);
  if (graded.length === 0) throw new Error('a labelled query needs at least one entry of grade 1 or 2');
  const within = (i: number, limit: number) => ranks[i] !== null && ranks[i] <= limit;
  const gains = Array.from({ length: 10 }, () => 0);
  entries.forEach((r, i) => {
    const rank = ranks[i];
    if (rank !== null && rank <= 10) gains[rank - 1] = r.grade;
  });
  const ideal = dcg(
    graded
      .map((r) => r.grade)
      .sort((a, b) => b - a)
      .slice(0, 10),
  );
  const top = Math.max(...graded.map((r) => r.grade));
  const first = Math.min(...entries.map((r, i) => (r.grade === top ? (ranks[i] ?? Infinity) : Infinity)));
  const scores: QueryScores = {
    recallAt5: entries.filter((r, i) => r.grade > 0 && within(i, 5)).length / graded.length,
    ndcgAt10: dcg(gains) / ideal,
    mrr: first <= 10 ? 1 / first : 0,
  };
  const distractorRanks = entries.flatMap((r, i) => (r.grade === 0 && within(i, 10) ? [ranks[i]!] : []));
  if (entries.some((r) => r.grade === 0)) {
    scores.distractorFirst = distractorRanks.some((rank) => rank < first) ? 1 : 0;
    scores.distractorsAt10 = distractorRanks.length;
  }
  return scores;
}

/** Scores the top 10 of a ranked list against the entries (any grades; grade-0 entries are distractors). */
export function scoreQuery(ranked: RankedPassage[], entries: LabelledEntry[]): QueryScores {
  return scoreRanks(rankEntries(ranked.slice(0, 10), entries), entries);
}

/** Labels v2: the needles (and any partly relevant entries) with the distractors, as one entry list. */
export function labelsV2(query: LabelledQueryEntries): LabelledEntry[] {
  return [...query.relevant, ...(query.distractors ?? [])];
}

/**
 * Labels v1, the scoring of every result saved before labels v2 (their rankings were not saved): the distractors
 * graded 1 ("related"), so they earn gain 1 and sit in the ideal ranking.
 */
export function labelsV1(query: LabelledQueryEntries): LabelledEntry[] {
  return [...query.relevant, ...(query.distractors ?? []).map((d) => ({ ...d, grade: 1 }))];
}

/** Means of the per-query scores; the distractor metrics only when every query has them. */
export function meanScores(scores: QueryScores[]): QueryScores {
  const mean = (k: keyof QueryScores) => scores.reduce((s, x) => s + (x[k] ?? 0), 0) / Math.max(1, scores.length);
  const out: QueryScores = { recallAt5: mean('recallAt5'), ndcgAt10: mean('ndcgAt10'), mrr: mean('mrr') };
  if (scores.length > 0 && scores.every((x) => x.distractorFirst !== undefined)) {
    out.distractorFirst = mean('distractorFirst');
    out.distractorsAt10 = mean('distractorsAt10');
  }
  return out;
}
