/**
 * k-means as ml-kmeans 7 computes it — its greedy k-means++ seeding (`kmeanspp`, after scikit-learn: each new
 * centre the best of 2 + ⌊ln K⌋ candidates drawn in proportion to D²) and Lloyd's iterations (`kmeans`: nearest
 * centre by squared Euclidean distance, first on ties; centres the mean of their members, an empty one kept;
 * stop when no centre moved more than `tolerance` (squared) or after `maxIterations`) — over flat rows instead of
 * ml-matrix objects and arrays of arrays. Same random draws (ml-random seeded as ml-kmeans seeds it), same
 * arithmetic in the same order, so the same clusters bit for bit (test/queries/kmeans.test.ts compares them with
 * ml-kmeans) at a fraction of the CPU: on the 3,512 candidate sentences of the 100-document bench corpus (384
 * dimensions, K = 84) ml-kmeans took 13.8 s for the seeding alone, ml-kmeans copying a row for each of its
 * n × trials × K distances (bench/themes-profile.md).
 */
import { Random } from 'ml-random';

/** Rows of `data` as one Float64Array (the same doubles: only the loops get cheaper). */
function flatten(data: readonly (readonly number[])[], dim: number): Float64Array {
  const flat = new Float64Array(data.length * dim);
  data.forEach((row, i) => flat.set(row, i * dim));
  return flat;
}

/** Squared distance of row a of `x` and row b of `y`, summed in index order as ml-distance-euclidean does. */
function squaredDistance(x: Float64Array, a: number, y: Float64Array, b: number, dim: number): number {
  let d = 0;
  const oa = a * dim;
  const ob = b * dim;
  for (let i = 0; i < dim; i++) d += (x[oa + i] - y[ob + i]) * (x[oa + i] - y[ob + i]);
  return d;
}

const sumOf = (values: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
};

function scaled(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] * factor;
  return out;
}

/** Indexes into `data` of K initial centres chosen by ml-kmeans' k-means++ with `seed`. */
function seedCentres(flat: Float64Array, n: number, dim: number, K: number, seed: number): number[] {
  const random = new Random(seed);
  const trials = 2 + Math.floor(Math.log(K));
  const first = random.randInt(n);
  const centres = [first];
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(flat, i, flat, first, dim);
  let probabilities = scaled(closest, 1 / sumOf(closest));
  for (let c = 1; c < K; c++) {
    const candidates = random.choice(n, { replace: true, size: trials, probabilities: [...probabilities] });
    let best = -1;
    let bestPot = Infinity;
    let bestClosest = closest;
    for (const candidate of candidates) {
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) next[i] = Math.min(closest[i], squaredDistance(flat, candidate, flat, i, dim));
      const pot = sumOf(next);
      if (pot < bestPot) {
        best = candidate;
        bestPot = pot;
        bestClosest = next;
      }
    }
    centres.push(best);
    closest = bestClosest;
    probabilities = scaled(closest, 1 / sumOf(closest));
  }
  return centres;
}

/** K initial centres chosen from `data` by ml-kmeans' k-means++ with `seed`: copies of the chosen rows. */
export function kmeansPlusPlus(data: readonly (readonly number[])[], K: number, seed: number): number[][] {
  const dim = data[0]?.length ?? 0;
  return seedCentres(flatten(data, dim), data.length, dim, K, seed).map((i) => [...data[i]]);
}

export interface KmeansOptions {
  seed: number;
  maxIterations: number;
  tolerance: number;
}

/** The cluster of each row of `data` (0..K-1): ml-kmeans' `kmeans(data, K, { initialization: 'kmeans++', … })`. */
export function kmeansClusters(data: readonly (readonly number[])[], K: number, opts: KmeansOptions): number[] {
  const n = data.length;
  const dim = data[0]?.length ?? 0;
  const flat = flatten(data, dim);
  let centres = new Float64Array(K * dim);
  seedCentres(flat, n, dim, K, opts.seed).forEach((row, c) =>
    centres.set(flat.subarray(row * dim, (row + 1) * dim), c * dim),
  );
  const clusters = new Array<number>(n).fill(0);
  for (let step = 0; step < opts.maxIterations; step++) {
    for (let i = 0; i < n; i++) {
      let min = Number.MAX_VALUE;
      let nearest = -1;
      for (let c = 0; c < K; c++) {
        const d = squaredDistance(flat, i, centres, c, dim);
        if (d < min) {
          min = d;
          nearest = c;
        }
      }
      clusters[i] = nearest;
    }
    const next = new Float64Array(K * dim);
    const sizes = new Array<number>(K).fill(0);
    for (let i = 0; i < n; i++) {
      const o = clusters[i] * dim;
      sizes[clusters[i]]++;
      for (let j = 0; j < dim; j++) next[o + j] += flat[i * dim + j];
    }
    for (let c = 0; c < K; c++)
      for (let j = 0; j < dim; j++) next[c * dim + j] = sizes[c] ? next[c * dim + j] / sizes[c] : centres[c * dim + j];
    let converged = true;
    for (let c = 0; c < K && converged; c++)
      if (squaredDistance(next, c, centres, c, dim) > opts.tolerance) converged = false;
    centres = next;
    if (converged) break;
  }
  return clusters;
}
