/**
 * The graph's circuit breaker (graph/availability.ts) and the driver's fail-fast (graph/driver.ts) with no server
 * to reach: a refused connection is one fast GRAPH_UNAVAILABLE, later queries fail without trying, and the
 * background probe brings the graph back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAvailability } from '../../graph/availability.js';
import { createGraph, GraphError, type Graph } from '../../graph/driver.js';
import { freePort } from '../support/killable-neo4j.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let graph: Graph | undefined;
afterEach(async () => graph?.close());

async function timedRejection(work: () => Promise<unknown>) {
  const t0 = performance.now();
  const err = await work().then(
    () => null,
    (e: unknown) => e,
  );
  return { ms: performance.now() - t0, err: err as GraphError };
}

describe('createGraph when nothing listens on the Bolt port', () => {
  it('then the first query fails as GRAPH_UNAVAILABLE within a second and later ones at once, without trying', async () => {
    const port = await freePort(); // free: nothing listens there
    graph = createGraph({
      uri: `bolt://127.0.0.1:${port}`,
      user: 'neo4j',
      password: '',
      database: 'neo4j',
      queryTimeoutMs: 1000,
    });
    const q = { cypher: 'RETURN 1 AS ok', params: {} };

    const first = await timedRejection(() => graph!.read(q));
    expect(first.err).toBeInstanceOf(GraphError);
    expect(first.err.code).toBe('GRAPH_UNAVAILABLE');
    expect(first.err.unavailable).toBe(true);
    expect(first.ms).toBeLessThan(1_000);
    expect(graph.isAvailable()).toBe(false);

    const later = await timedRejection(() => graph!.write([q]));
    expect(later.err.code).toBe('GRAPH_UNAVAILABLE');
    expect(later.err.message).toMatch(/unreachable since .*reconnecting in the background/);
    expect(later.ms).toBeLessThan(50);

    const t0 = performance.now();
    expect(await graph.ping()).toBe(false);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('createAvailability', () => {
  it('when marked down, then it probes in the background until the server answers, and then says so once', async () => {
    let answers = false;
    let probes = 0;
    const recovered: number[] = [];
    const sut = createAvailability({
      probeIntervalMs: 10,
      probe: async () => {
        probes++;
        if (!answers) throw new Error('ECONNREFUSED');
      },
    });
    sut.onRecovered(() => recovered.push(Date.now()));
    try {
      sut.markDown(new Error('connection lost'));
      sut.markDown(new Error('connection lost again')); // one outage, one probe loop
      expect(sut.isUp()).toBe(false);
      expect(sut.downSince()).not.toBeNull();
      await sleep(100);
      expect(probes).toBeGreaterThanOrEqual(3);
      expect(probes).toBeLessThanOrEqual(11);
      expect(recovered).toEqual([]);
      answers = true;
      await sleep(50);
      expect(sut.isUp()).toBe(true);
      expect(recovered).toHaveLength(1);
      const after = probes;
      await sleep(50);
      expect(probes).toBe(after); // no probing while up
    } finally {
      sut.close();
    }
  });
});
