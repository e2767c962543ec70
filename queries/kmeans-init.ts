/**
 * The k-means++ seeding of ml-kmeans 7 (its `kmeanspp`, "greedy" k-means++ after scikit-learn: each new centre the
 * best of 2 + ⌊ln K⌋ candidates drawn in proportion to D²), computed over flat rows instead of ml-matrix objects.
 * Same random draws (ml-random seeded as ml-kmeans seeds it), same arithmetic in the same order, so the same
 * centres bit for bit — test/queries/kmeans-init.test.ts compares them — at a fraction of the cost: ml-kmeans
 * copies a row for each of the n × trials distances of every centre, which took 13.8 s of CPU for 3,500 vectors
 * of 384 dimensions and K = 84 (bench/themes-profile.md; 1.3 s here); Lloyd's iterations stay with
 * ml-kmeans (`initialization: centres`).
 */
import { Random } from 'ml-random';

/** Squared Euclidean distance of rows a and b of `flat` (`dim` wide), summed in index order as ml-distance-euclidean. */
function squaredDistance(flat: Float64Array, dim: number, a: number, b: number): number {
  let d = 0;
  const oa = a * dim;
  const ob = b * dim;
  for (let i = 0; i < dim; i++) {
    const x = flat[oa + i] - flat[ob + i];
    d += x * x;
  }
  return d;
}

const sumOf = (values: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
};

/** K initial centres chosen from `data` by ml-kmeans' k-means++ with `seed`: copies of the chosen rows. */
export function kmeansPlusPlus(data: readonly (readonly number[])[], K: number, seed: number): number[][] {
  const n = data.length;
  const dim = data[0]?.length ?? 0;
  // Float64Array holds the same doubles as the number arrays: flat rows only make the loops cheaper.
  const flat = new Float64Array(n * dim);
  data.forEach((row, i) => flat.set(row, i * dim));
  const random = new Random(seed);
  const trials = 2 + Math.floor(Math.log(K));
  const first = random.randInt(n);
  const centres: number[][] = [[...data[first]]];
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(flat, dim, i, first);
  let probabilities = scaled(closest, 1 / sumOf(closest));
  for (let c = 1; c < K; c++) {
    const candidates = random.choice(n, { replace: true, size: trials, probabilities: [...probabilities] });
    let best = -1;
    let bestPot = Infinity;
    let bestClosest = closest;
    for (const candidate of candidates) {
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) next[i] = Math.min(closest[i], squaredDistance(flat, dim, candidate, i));
      const pot = sumOf(next);
      if (pot < bestPot) {
        best = candidate;
        bestPot = pot;
        bestClosest = next;
      }
    }
    centres.push([...data[best]]);
    closest = bestClosest;
    probabilities = scaled(closest, 1 / sumOf(closest));
  }
  return centres;
}

function scaled(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return out;
}
