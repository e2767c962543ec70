import { describe, expect, it } from 'vitest';
import { kmeans } from 'ml-kmeans';
import { kmeansClusters, kmeansPlusPlus } from '../../queries/kmeans.js';
import { clusterVectors } from '../../queries/theme-discovery.js';

/** Unit vectors from a fixed linear congruential sequence, in a few loose groups (like sentence embeddings). */
function vectors(n: number, d: number, groups: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const centres = Array.from({ length: groups }, () => Array.from({ length: d }, next));
  return Array.from({ length: n }, (_, i) => {
    const v = centres[i % groups].map((x) => x + 0.6 * next());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('kmeansPlusPlus', () => {
  it('when seeded like ml-kmeans, then it picks the same centres bit for bit', () => {
    for (const [n, K, seed] of [
      [300, 12, 908],
      [157, 30, 1],
      [40, 5, 77],
    ]) {
      const data = vectors(n, 24, 7, seed + 3);
      const sut = kmeansPlusPlus(data, K, seed);
      // ml-kmeans with maxIterations 1 returns the centroids of one step from its own k-means++ centres; the
      // same step from ours must give the very same numbers.
      const theirs = kmeans(data, K, { seed, initialization: 'kmeans++', maxIterations: 1 });
      const ours = kmeans(data, K, { initialization: sut, maxIterations: 1 });
      expect(ours.clusters).toEqual(theirs.clusters);
      expect(ours.centroids).toEqual(theirs.centroids);
    }
  });

  it('when iterating, then each number of iterations gives the clusters ml-kmeans gives', () => {
    const data = vectors(250, 16, 6, 5);
    for (const maxIterations of [1, 2, 5, 40])
      for (const tolerance of [1e-4, 1e-8]) {
        const theirs = kmeans(data, 15, { seed: 3, initialization: 'kmeans++', maxIterations, tolerance });
        expect(kmeansClusters(data, 15, { seed: 3, maxIterations, tolerance })).toEqual(theirs.clusters);
      }
  });

  it('when clustering, then the clusters equal ml-kmeans seeded with its own k-means++', () => {
    const data = vectors(400, 32, 9, 11);
    const theirs = kmeans(data, 20, { seed: 908, initialization: 'kmeans++', maxIterations: 40, tolerance: 1e-4 });
    expect(clusterVectors(data, 20, 908)).toEqual(theirs.clusters);
  });
});
