/**
 * Which neighbours and edges a neighbourhood keeps (pure, over the rows of queries/neighbourhood.ts): the strongest
 * neighbours and every stated-fact neighbour; every stated fact among them, and of co-occurrence only each node's
 * link towards the focus plus the strongest others — a complete graph of 26 nodes has 325 links, which no one reads.
 */

/** A neighbour found so far: its best normalised weight from the focus, and whether stated facts alone reach it. */
export interface Candidate {
  id: string;
  type: string;
  label: string;
  score: number;
  fact: boolean;
}

/** A link among kept nodes as EDGES_AMONG returns it. */
export interface EdgeRow {
  source: string;
  target: string;
  type: string;
  strength: number;
  weight: number | null;
}

/** Co-occurrence edges drawn per node at most (each node's link towards the focus counts). */
export const COOCCURRENCE_EDGES_PER_NODE = 2;

/** Stated-fact chains first, then by score, then by id: a stable order. */
const byRank = (a: Candidate, b: Candidate) =>
  Number(b.fact) - Number(a.fact) || b.score - a.score || a.id.localeCompare(b.id);

/**
 * The kept neighbours, ranked: every candidate reached by stated facts alone (at most `factCap`), then the
 * strongest others while fewer than `limit` are kept.
 */
export function selectNeighbours(pool: readonly Candidate[], limit: number, factCap: number): Candidate[] {
  const ranked = [...pool].sort(byRank);
  const facts = ranked.filter((c) => c.fact).slice(0, factCap);
  const others = ranked.filter((c) => !c.fact).slice(0, Math.max(0, limit - facts.length));
  return [...facts, ...others];
}

/**
 * Every stated-fact row; of co-occurrence, for each node in rank order (`rankedIds[0]` the focus) its link to the
 * focus, else its strongest link to a node ranked before it, so every node stays attached; then the strongest
 * remaining links while fewer than COOCCURRENCE_EDGES_PER_NODE per node are drawn.
 */
export function thinEdges<R extends EdgeRow>(rows: readonly R[], rankedIds: readonly string[]): R[] {
  const rank = new Map(rankedIds.map((id, i) => [id, i]));
  const facts = rows.filter((r) => r.type !== 'RELATED_TO');
  const cooccurrence = rows
    .filter((r) => r.type === 'RELATED_TO' && rank.has(r.source) && rank.has(r.target))
    .sort((a, b) => b.strength - a.strength || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  const kept = new Set<R>();
  const [focus] = rankedIds;
  for (const id of rankedIds.slice(1)) {
    const own = cooccurrence.filter((r) => r.source === id || r.target === id);
    const other = (r: R) => (r.source === id ? r.target : r.source);
    const attach = own.find((r) => other(r) === focus) ?? own.find((r) => rank.get(other(r))! < rank.get(id)!) ?? null;
    if (attach) kept.add(attach);
  }
  const budget = COOCCURRENCE_EDGES_PER_NODE * rankedIds.length;
  for (const r of cooccurrence) {
    if (kept.size >= budget) break;
    kept.add(r);
  }
  return [...facts, ...cooccurrence.filter((r) => kept.has(r))];
}
