/** The one cosine of graph/ and queries/ (graph/vector-score.ts), which theme discovery uses for its centroids. */
import { describe, expect, it } from 'vitest';
import { cosine } from '../../graph/vector-score.js';
import { dot } from '../../ingest/link.js';

describe('cosine', () => {
  it('when vectors are not unit length (centroids), then their lengths do not count', () => {
    expect(cosine([3, 0], [0.5, 0])).toBeCloseTo(1, 12);
    expect(cosine([1, 1], [2, 0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([1, 2, 3], [-2, -4, -6])).toBeCloseTo(-1, 12);
  });

  it('when either vector is all zeros, then it is 0 rather than NaN', () => {
    expect(cosine([0, 0], [1, 2])).toBe(0);
    expect(cosine([1, 2], [0, 0])).toBe(0);
  });

  it('when vectors are unit length, then it equals the dot product ingest compares them by', () => {
    const a = Float32Array.from([0.6, 0.8, 0]);
    const b = Float32Array.from([0, 0.6, 0.8]);
    expect(cosine(a, b)).toBeCloseTo(dot(a, b), 6);
    expect(cosine(a, Array.from(b))).toBeCloseTo(0.48, 6);
  });
});
