import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/driver.js';
import { refreshDerived } from '../../graph/neo4j-document-store.js';

/** A graph whose every write statement answers "not stale" and whose reads fail (as on a timeout). */
function fakeGraph(calls: string[]): Graph {
  return {
    transaction: async (work: (tx: { run: (q: { cypher: string }) => Promise<unknown[]> }) => Promise<unknown>) =>
      work({
        run: async (q) => {
          calls.push(q.cypher.trim().split(/\s+/).slice(0, 2).join(' '));
          return [{ stale: false }];
        },
      }),
    read: async () => {
      calls.push('read');
      throw new Error('The transaction has not completed within the timeout');
    },
  } as unknown as Graph;
}

describe('refreshDerived', () => {
  it('when the themes cannot be computed, then the refresh reports it and does not fail the write', async () => {
    const calls: string[] = [];
    const computed: string[][] = [];
    const sut = await refreshDerived(fakeGraph(calls), {
      computeThemes: async (labels) => {
        computed.push(labels);
        return { themes: [] };
      },
    });
    expect(sut.cooccurrence).toBe(false);
    expect(sut.communities).toBeNull();
    expect(sut.themes?.error).toMatch(/timeout/);
    expect(computed).toEqual([]);
    expect(calls).toContain('read');
  });

  it('when no theme computation is wired, then only co-occurrence and communities are refreshed', async () => {
    const calls: string[] = [];
    const sut = await refreshDerived(fakeGraph(calls), {});
    expect(sut.themes).toBeNull();
    expect(calls).not.toContain('read');
  });
});
