/**
 * Pure: a linkage path's kind says what it is among the paths found (hop count, strength), not which search found
 * it — a longer path weaker than a shortest one is never called strongest.
 */
import { describe, expect, it } from 'vitest';
import { labelPathKinds } from '../../queries/paths.js';

const path = (length: number, strength: number) => ({ length, strength });
const kinds = (paths: { length: number; strength: number }[]) => labelPathKinds(paths).map((p) => p.kind);

describe('labelPathKinds', () => {
  it('when longer paths are weaker than a shortest one, then they are longer, not strongest', () => {
    // The walkthrough's Belgium → United States answer: two-hop paths 1 … 0.25, three-hop 0.0113 … 0.0037.
    const sut = kinds([path(2, 1), path(2, 0.3), path(2, 0.25), path(3, 0.0113), path(3, 0.0062), path(3, 0.0037)]);
    expect(sut).toEqual(['shortest', 'shortest', 'shortest', 'longer', 'longer', 'longer']);
  });

  it('when a longer path is stronger than every shortest path and no path is stronger, then it is strongest', () => {
    const sut = kinds([path(1, 0.25), path(2, 1), path(3, 0.5), path(3, 0.1)]);
    expect(sut).toEqual(['shortest', 'strongest', 'longer', 'longer']);
  });

  it('when a longer path only ties the strongest shortest path, then it is longer', () => {
    expect(kinds([path(2, 1), path(3, 1)])).toEqual(['shortest', 'longer']);
  });

  it('when longer paths tie as the strongest, above every shortest path, then each is strongest', () => {
    expect(kinds([path(3, 1), path(1, 0.2), path(3, 1)])).toEqual(['strongest', 'shortest', 'strongest']);
  });

  it('keeps every other field of a path', () => {
    const [sut] = labelPathKinds([{ length: 1, strength: 0.5, nodes: ['a', 'b'] }]);
    expect(sut).toEqual({ length: 1, strength: 0.5, nodes: ['a', 'b'], kind: 'shortest' });
  });
});
