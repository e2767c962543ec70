/**
 * Communities and connectors of an entity graph, as a pure computation over plain nodes and weighted edges:
 * Louvain (graphology-communities-louvain) with a seeded random stream, so one graph and one seed always give one
 * partition; PageRank and betweenness (graphology-metrics) to rank each community's central connectors. Also the
 * partition comparisons the quality check reports (adjusted Rand index, purity). graph/communities.ts reads the
 * entity graph, calls this and stores the result.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';

// CommonJS packages typed with `export default`: under Node's ESM the default import is `module.exports` itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const pagerank = pagerankModule as unknown as typeof pagerankModule.default;
const betweenness = betweennessModule as unknown as typeof betweennessModule.default;

/** An undirected weighted link between two entities (parallel links of one pair are summed). */
export interface WeightedEdge {
  readonly source: string;
  readonly target: string;
  /** > 0; a link of weight ≤ 0 is left out. */
  readonly weight: number;
}

export interface DetectOptions {
  /** Seed of Louvain's random traversal order. */
  readonly seed: number;
  /** Louvain's resolution (1 = classic modularity; higher = smaller communities). */
  readonly resolution?: number;
  /** Smallest community kept (a lone entity is no community). */
  readonly minSize?: number;
}

export interface MemberScore {
  readonly id: string;
  readonly pagerank: number;
  /** Normalised betweenness over the whole graph, edge length = 1 / weight (a strong link is a short one). */
  readonly betweenness: number;
  /** The member's strongest link inside its community: the pair whose evidence shows why it belongs there. */
  readonly anchor: string | null;
}

export interface DetectedCommunity {
  /** 1-based, in the order below: larger communities first, then by their smallest member id. */
  readonly ordinal: number;
  /** Members, highest PageRank first (ties by id). */
  readonly members: readonly MemberScore[];
}

export interface Detection {
  readonly communities: readonly DetectedCommunity[];
  /** Modularity of Louvain's partition (over every linked node, communities below minSize included). */
  readonly modularity: number;
  /** Nodes with at least one link: the ones Louvain placed. */
  readonly linked: number;
  readonly edges: number;
}

/** A co-occurrence (RELATED_TO) with its weight per access label and both entities' units per access label. */
export interface CooccurrenceLink {
  readonly a: string;
  readonly b: string;
  readonly labels: readonly string[];
  readonly weights: readonly number[];
  readonly aUnits: { readonly labels: readonly string[]; readonly counts: readonly number[] };
  readonly bUnits: { readonly labels: readonly string[]; readonly counts: readonly number[] };
}

/** A stated fact between two entities, with its document's access label. */
export interface FactLink {
  readonly a: string;
  readonly b: string;
  readonly access: string;
}

/**
 * How a pair's links become one edge weight: `strength` (kept, measured in bench/communities.md) — the
 * co-occurrence strength, the smoothed Jaccard of the two entities' units that paths use (a stated fact counts
 * through its sentence, which names both); `strength+facts` — that plus 1 when a document states a fact about the
 * pair (a single fact then outweighs any co-occurrence: on the generated corpus it pulled trends into every group);
 * `weight` — the raw co-occurrence count plus 1 per fact pair.
 */
export const WEIGHTINGS = ['strength', 'strength+facts', 'weight'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

const sumOver = (labels: readonly string[], values: readonly number[], readable: ReadonlySet<string>) =>
  labels.reduce((s, l, i) => s + (readable.has(l) ? Number(values[i] ?? 0) : 0), 0);

/**
 * The weighted entity graph one reader sees: only what documents of the `readable` labels support (a link no
 * readable sentence, passage or fact supports is absent, and counts are over readable documents only).
 */
export function viewEdges(
  cooccurrence: readonly CooccurrenceLink[],
  facts: readonly FactLink[],
  readable: readonly string[],
  weighting: Weighting = 'strength',
): WeightedEdge[] {
  const allowed = new Set(readable);
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const stated = new Set(facts.filter((f) => allowed.has(f.access)).map((f) => key(f.a, f.b)));
  const edges = new Map<string, WeightedEdge>();
  for (const c of cooccurrence) {
    const w = sumOver(c.labels, c.weights, allowed);
    if (w <= 0) continue;
    const na = sumOver(c.aUnits.labels, c.aUnits.counts, allowed);
    const nb = sumOver(c.bUnits.labels, c.bUnits.counts, allowed);
    const strength = w / (1 + na + nb - w);
    const fact = stated.has(key(c.a, c.b)) ? 1 : 0;
    const weight = weighting === 'weight' ? w + fact : weighting === 'strength' ? strength : strength + fact;
    edges.set(key(c.a, c.b), { source: c.a, target: c.b, weight });
  }
  if (weighting !== 'strength') {
    for (const f of facts) {
      if (!allowed.has(f.access) || edges.has(key(f.a, f.b))) continue;
      edges.set(key(f.a, f.b), { source: f.a, target: f.b, weight: 1 });
    }
  }
  return [...edges.values()];
}

/** mulberry32: a small, well-known seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The graph with nodes and edges inserted in id order, parallel links summed and self-links dropped: Louvain's
 * traversal depends on insertion order, so sorting makes the result a function of the graph and the seed alone.
 */
function buildGraph(edges: readonly WeightedEdge[]): UndirectedGraph {
  const weights = new Map<string, { a: string; b: string; weight: number }>();
  for (const e of edges) {
    if (!(e.weight > 0) || e.source === e.target) continue;
    const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    const key = `${a}\u0000${b}`;
    const seen = weights.get(key);
    if (seen) seen.weight += e.weight;
    else weights.set(key, { a, b, weight: e.weight });
  }
  const graph = new UndirectedGraph();
  const links = [...weights.values()].sort((x, y) => cmp(x.a, y.a) || cmp(x.b, y.b));
  for (const id of [...new Set(links.flatMap((l) => [l.a, l.b]))].sort(cmp)) graph.addNode(id);
  for (const l of links) graph.addEdge(l.a, l.b, { weight: l.weight, length: 1 / l.weight });
  return graph;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Detects communities and scores their members; deterministic for one input and seed. */
export function detectCommunities(edges: readonly WeightedEdge[], options: DetectOptions): Detection {
  const graph = buildGraph(edges);
  if (graph.size === 0) return { communities: [], modularity: 0, linked: 0, edges: 0 };
  const found = louvain.detailed(graph, {
    getEdgeWeight: 'weight',
    resolution: options.resolution ?? 1,
    rng: seededRandom(options.seed),
  });
  const rank = pagerank(graph, { getEdgeWeight: 'weight' });
  const between = betweenness(graph, { getEdgeWeight: 'length', normalized: true });
  const groups = new Map<number, string[]>();
  graph.forEachNode((id) => {
    const c = found.communities[id];
    groups.set(c, [...(groups.get(c) ?? []), id]);
  });
  const anchorOf = (id: string, members: Set<string>): string | null => {
    let best: { id: string; weight: number } | null = null;
    graph.forEachNeighbor(id, (other) => {
      if (!members.has(other)) return;
      const weight = graph.getEdgeAttribute(graph.edge(id, other)!, 'weight') as number;
      if (!best || weight > best.weight || (weight === best.weight && other < best.id)) best = { id: other, weight };
    });
    return (best as { id: string } | null)?.id ?? null;
  };
  const minSize = options.minSize ?? 2;
  const communities = [...groups.values()]
    .filter((ids) => ids.length >= minSize)
    .map((ids) => ids.sort(cmp))
    .sort((a, b) => b.length - a.length || cmp(a[0], b[0]))
    .map((ids, i): DetectedCommunity => {
      const members = new Set(ids);
      return {
        ordinal: i + 1,
        members: ids
          .map((id) => ({ id, pagerank: rank[id], betweenness: between[id], anchor: anchorOf(id, members) }))
          .sort((a, b) => b.pagerank - a.pagerank || cmp(a.id, b.id)),
      };
    });
  return { communities, modularity: found.modularity, linked: graph.order, edges: graph.size };
}

/** A partition as item → group label. */
export type Partition = ReadonlyMap<string, string | number>;

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985) of `found` against `truth`, over the items `truth` labels; an item
 * `found` does not place counts as a group of its own. 1 = the same partition, ~0 = chance, may be negative.
 */
export function adjustedRandIndex(truth: Partition, found: Partition): number {
  const items = [...truth.keys()];
  const foundOf = (id: string) => (found.has(id) ? `f:${String(found.get(id))}` : `alone:${id}`);
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  for (const id of items) {
    const t = String(truth.get(id));
    const f = foundOf(id);
    table.set(`${t}\u0000${f}`, (table.get(`${t}\u0000${f}`) ?? 0) + 1);
    rows.set(t, (rows.get(t) ?? 0) + 1);
    cols.set(f, (cols.get(f) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((s, n) => s + pairs(n), 0);
  const a = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const b = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (a * b) / Math.max(pairs(items.length), 1);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/**
 * Purity of `found` against `truth` over the items `truth` labels: each found group counts its most common true
 * group; unplaced items count as wrong. 1 = every found group holds one true group only.
 */
export function purity(truth: Partition, found: Partition): number {
  const byGroup = new Map<string, Map<string, number>>();
  for (const [id, t] of truth) {
    if (!found.has(id)) continue;
    const f = String(found.get(id));
    const counts = byGroup.get(f) ?? new Map<string, number>();
    counts.set(String(t), (counts.get(String(t)) ?? 0) + 1);
    byGroup.set(f, counts);
  }
  const majority = [...byGroup.values()].reduce((s, counts) => s + Math.max(...counts.values()), 0);
  return truth.size === 0 ? 1 : majority / truth.size;
}
