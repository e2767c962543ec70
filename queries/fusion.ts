/**
 * Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): score(d) = Σ 1 / (k + rank_i(d)) with
 * k = 60. Rank-based, so the incomparable scales of cosine similarity and Lucene BM25 never need calibrating.
 */

export const RRF_K = 60;

export interface RankedItem {
  key: string;
  type: string;
  id: string;
  score: number;
  rank: number;
}

export interface FusedItem {
  key: string;
  type: string;
  id: string;
  score: number;
  lists: Partial<Record<string, { rank: number; score: number }>>;
}

/**
 * Fuses the given lists (null = not run). With one list the order and scores are that list's own; with
 * several, items are ordered by RRF score, ties by best single rank then key.
 */
export function fuseReciprocalRank(lists: Record<string, RankedItem[] | null>, k = RRF_K): FusedItem[] {
  const present = Object.entries(lists).filter((e): e is [string, RankedItem[]] => e[1] !== null);
  const fused = new Map<string, FusedItem & { best: number }>();
  for (const [name, items] of present) {
    for (const item of items) {
      const entry = fused.get(item.key) ?? {
        key: item.key,
        type: item.type,
        id: item.id,
        score: 0,
        lists: {},
        best: Infinity,
      };
      entry.lists[name] = { rank: item.rank, score: item.score };
      entry.score += present.length === 1 ? item.score : 1 / (k + item.rank);
      entry.best = Math.min(entry.best, item.rank);
      fused.set(item.key, entry);
    }
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || a.key.localeCompare(b.key))
    .map(({ best: _best, ...rest }) => rest);
}
