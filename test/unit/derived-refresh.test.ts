import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/driver.js';
import { communityViews } from '../../graph/communities.js';
import { refreshDerived } from '../../graph/neo4j-document-store.js';
import { refreshThemesInBackground, settleThemeRefresh } from '../../graph/themes-store.js';

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

/** A graph where no theme set is current and every store succeeds; `writes` is the document-writes counter. */
function themesGraph(stored: number[]): Graph {
  return {
    read: async (q: { cypher: string }) =>
      q.cypher.includes('AS writes') && !q.cypher.includes('ThemeSet') ? [{ writes: 7 }] : [],
    transaction: async (work: (tx: { run: (q: { cypher: string }) => Promise<unknown[]> }) => Promise<unknown>) =>
      work({
        run: async (q) => {
          if (q.cypher.includes('CREATE (:ThemeSet')) stored.push(7);
          return q.cypher.includes('AS writes') ? [{ writes: 7 }] : [];
        },
      }),
  } as unknown as Graph;
}

describe('refreshThemesInBackground', () => {
  it('when asked three times while one refresh runs, then it runs once more after it, and settle waits for both', async () => {
    const stored: number[] = [];
    const graph = themesGraph(stored);
    const outcomes: unknown[] = [];
    let computing = 0;
    const compute = async () => {
      computing++;
      await new Promise((r) => setTimeout(r, 20));
      return { themes: [] };
    };
    for (let i = 0; i < 3; i++) refreshThemesInBackground(graph, compute, (o) => outcomes.push(o));
    expect(outcomes).toEqual([]);
    await settleThemeRefresh(graph);
    expect(outcomes).toHaveLength(2);
    expect(stored).toEqual([7, 7]);
    expect(computing).toBe(2 * communityViews().length);
  });

  it('when the computation fails, then the error is reported and the next request runs again', async () => {
    const graph = themesGraph([]);
    const outcomes: unknown[] = [];
    refreshThemesInBackground(
      graph,
      () => Promise.reject(new Error('clustering failed')),
      (o) => outcomes.push(o),
    );
    await settleThemeRefresh(graph);
    expect(outcomes).toHaveLength(1);
    expect((outcomes[0] as Error).message).toBe('clustering failed');
    refreshThemesInBackground(
      graph,
      async () => ({ themes: [] }),
      (o) => outcomes.push(o),
    );
    await settleThemeRefresh(graph);
    expect(outcomes[1]).toMatchObject({ writes: 7, superseded: false });
  });
});
