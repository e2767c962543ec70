import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  detectCommunities,
  purity,
  seededRandom,
  viewEdges,
  type WeightedEdge,
} from '../../graph/community-detection.js';
import { communityView, communityViews } from '../../graph/communities.js';

/** `groups` planted groups of `size` nodes: every pair inside a group linked (weight 1–2), sparse weak links across. */
function plantedGraph(
  groups: number,
  size: number,
  seed: number,
): { edges: WeightedEdge[]; truth: Map<string, number> } {
  const rnd = seededRandom(seed);
  const truth = new Map<string, number>();
  const id = (g: number, i: number) => `g${g}-n${i}`;
  const edges: WeightedEdge[] = [];
  for (let g = 0; g < groups; g++)
    for (let i = 0; i < size; i++) {
      truth.set(id(g, i), g);
      for (let j = i + 1; j < size; j++) edges.push({ source: id(g, i), target: id(g, j), weight: 1 + rnd() });
    }
  for (let k = 0; k < groups * 2; k++) {
    const [a, b] = [Math.floor(rnd() * groups), Math.floor(rnd() * groups)];
    if (a !== b)
      edges.push({ source: id(a, Math.floor(rnd() * size)), target: id(b, Math.floor(rnd() * size)), weight: 0.1 });
  }
  return { edges, truth };
}

const partitionOf = (d: ReturnType<typeof detectCommunities>) =>
  new Map(d.communities.flatMap((c) => c.members.map((m) => [m.id, c.ordinal] as const)));

describe('detectCommunities', () => {
  it('when run twice with one seed, or with the links in another order, then the partition and scores are identical', () => {
    const { edges } = plantedGraph(5, 7, 1);
    const a = detectCommunities(edges, { seed: 908 });
    const b = detectCommunities(edges, { seed: 908 });
    const shuffled = [...edges].reverse().map((e) => ({ source: e.target, target: e.source, weight: e.weight }));
    const c = detectCommunities(shuffled, { seed: 908 });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.communities.length).toBeGreaterThan(1);
  });

  it('when groups are planted with weak links across, then each group is recovered exactly (ARI 1, purity 1)', () => {
    for (const seed of [1, 2, 3]) {
      const { edges, truth } = plantedGraph(4, 6, seed);
      const sut = detectCommunities(edges, { seed: 908 });
      expect(sut.communities).toHaveLength(4);
      expect(adjustedRandIndex(truth, partitionOf(sut))).toBe(1);
      expect(purity(truth, partitionOf(sut))).toBe(1);
      expect(sut.modularity).toBeGreaterThan(0.5);
    }
  });

  it('when two planted groups are tied by strong links, then they come out as one community', () => {
    const { edges, truth } = plantedGraph(4, 6, 5);
    const tied = [...edges];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) tied.push({ source: `g0-n${i}`, target: `g1-n${j}`, weight: 2 });
    const sut = partitionOf(detectCommunities(tied, { seed: 908 }));
    expect(sut.get('g0-n0')).toBe(sut.get('g1-n0'));
    expect(sut.get('g2-n0')).not.toBe(sut.get('g0-n0'));
    expect(adjustedRandIndex(truth, sut)).toBeLessThan(1);
    expect(adjustedRandIndex(truth, sut)).toBeGreaterThan(0.5);
  });

  it('when a node bridges two groups, then it has the highest betweenness and its anchor is inside its community', () => {
    const edges: WeightedEdge[] = [];
    for (const g of ['a', 'b'])
      for (let i = 0; i < 4; i++)
        for (let j = i + 1; j < 4; j++) edges.push({ source: `${g}${i}`, target: `${g}${j}`, weight: 1 });
    edges.push({ source: 'a0', target: 'b0', weight: 0.5 });
    const sut = detectCommunities(edges, { seed: 1 });
    const members = sut.communities.flatMap((c) => c.members.map((m) => ({ ...m, ordinal: c.ordinal })));
    const top = [...members].sort((x, y) => y.betweenness - x.betweenness).slice(0, 2);
    expect(top.map((m) => m.id).sort()).toEqual(['a0', 'b0']);
    const a0 = members.find((m) => m.id === 'a0')!;
    expect(a0.anchor).toMatch(/^a[123]$/);
    expect(
      sut.communities.every((c) => c.members.every((m, i, all) => i === 0 || all[i - 1].pagerank >= m.pagerank)),
    ).toBe(true);
  });

  it('when the graph has no links, then there are no communities; lone nodes and self-links are left out', () => {
    expect(detectCommunities([], { seed: 1 }).communities).toEqual([]);
    const sut = detectCommunities(
      [
        { source: 'x', target: 'x', weight: 3 },
        { source: 'y', target: 'z', weight: 0 },
      ],
      { seed: 1 },
    );
    expect(sut.linked).toBe(0);
  });
});

describe('viewEdges', () => {
  const units = (pub: number, res = 0) => ({ labels: ['public', 'restricted'], counts: [pub, res] });
  const cooccurrence = [
    { a: 'x', b: 'y', labels: ['public', 'restricted'], weights: [2, 3], aUnits: units(4, 3), bUnits: units(5, 3) },
    { a: 'x', b: 'z', labels: ['restricted'], weights: [1], aUnits: units(4, 3), bUnits: units(0, 1) },
  ];
  const facts = [
    { a: 'y', b: 'z', access: 'restricted' },
    { a: 'x', b: 'y', access: 'public' },
  ];

  it('when a reader reads public only, then links only restricted documents support are absent and counts are public', () => {
    const sut = viewEdges(cooccurrence, facts, ['public']);
    expect(sut).toEqual([{ source: 'x', target: 'y', weight: 2 / (1 + 4 + 5 - 2) }]);
    const withFacts = viewEdges(cooccurrence, facts, ['public'], 'strength+facts');
    expect(withFacts).toEqual([{ source: 'x', target: 'y', weight: 1 + 2 / (1 + 4 + 5 - 2) }]);
  });

  it('when a reader reads both labels, then every link counts with both labels', () => {
    const sut = viewEdges(cooccurrence, facts, ['public', 'restricted'], 'strength+facts');
    expect(sut).toEqual([
      { source: 'x', target: 'y', weight: 1 + 5 / (1 + 7 + 8 - 5) },
      { source: 'x', target: 'z', weight: 1 / (1 + 7 + 1 - 1) },
      { source: 'y', target: 'z', weight: 1 },
    ]);
    expect(viewEdges(cooccurrence, facts, ['public', 'restricted'])).toHaveLength(2);
    expect(viewEdges(cooccurrence, facts, ['public'], 'weight')).toEqual([{ source: 'x', target: 'y', weight: 3 }]);
  });
});

describe('partition scores and views', () => {
  it('when partitions agree up to labels, then ARI and purity are 1; one big group scores ARI 0', () => {
    const truth = new Map([
      ['a', 1],
      ['b', 1],
      ['c', 2],
      ['d', 2],
    ]);
    const renamed = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
      ['d', 'y'],
    ]);
    expect(adjustedRandIndex(truth, renamed)).toBe(1);
    expect(purity(truth, renamed)).toBe(1);
    const one = new Map([...truth.keys()].map((k) => [k, 0]));
    expect(adjustedRandIndex(truth, one)).toBeCloseTo(0, 10);
    expect(purity(truth, one)).toBe(0.5);
    expect(purity(truth, new Map([['a', 1]]))).toBe(0.25);
  });

  it('when views are listed, then every non-empty label set has one, and a reader maps to its known labels', () => {
    expect(communityViews(['public', 'restricted'])).toEqual([['public'], ['restricted'], ['public', 'restricted']]);
    expect(communityView(['restricted', 'public', 'public'])).toBe('public|restricted');
    expect(communityView(['public', 'secret'])).toBe('public');
  });
});
