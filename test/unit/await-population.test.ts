import { describe, expect, it } from 'vitest';
import { awaitPopulation, type PopulatingIndex } from '../../graph/ensure-schema.js';
import type { CypherQuery } from '../../graph/driver.js';

/** A graph whose SHOW INDEXES answers the given rounds in turn, then the last one forever. */
function showing(rounds: PopulatingIndex[][]) {
  const asked: CypherQuery[] = [];
  return {
    asked,
    read: async <T>(q: CypherQuery): Promise<T[]> => {
      asked.push(q);
      return (rounds[Math.min(asked.length - 1, rounds.length - 1)] ?? []) as T[];
    },
  };
}

describe('awaitPopulation', () => {
  it('when indexes are populating, then it tells how far each is and returns once none is', async () => {
    const sut = showing([
      [{ name: 'sentence_embedding', percent: 12.5 }],
      [{ name: 'sentence_embedding', percent: 80 }],
      [],
    ]);
    const told: PopulatingIndex[][] = [];
    await awaitPopulation(sut, { waitMs: 10_000, everyMs: 0, onPopulating: (p) => told.push([...p]) });
    expect(told).toEqual([
      [{ name: 'sentence_embedding', percent: 12.5 }],
      [{ name: 'sentence_embedding', percent: 80 }],
    ]);
    expect(sut.asked).toHaveLength(3);
    expect(sut.asked[0].cypher).toContain("state = 'POPULATING'");
  });

  it('when an index never finishes, then it gives up at the deadline and tells at most once per interval', async () => {
    const sut = showing([[{ name: 'slow', percent: 1 }]]);
    const told: PopulatingIndex[][] = [];
    const t0 = Date.now();
    await awaitPopulation(sut, { waitMs: 300, everyMs: 60_000, onPopulating: (p) => told.push([...p]) });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(told).toHaveLength(1);
    expect(sut.asked.length).toBeGreaterThan(2);
  });

  it('when nothing is populating, then it returns after one look without telling', async () => {
    const sut = showing([[]]);
    const told: PopulatingIndex[][] = [];
    await awaitPopulation(sut, { waitMs: 10_000, everyMs: 0, onPopulating: (p) => told.push([...p]) });
    expect([sut.asked.length, told.length]).toEqual([1, 0]);
  });
});
