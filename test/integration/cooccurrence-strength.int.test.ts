/**
 * Co-occurrence strength on a hand-made graph that holds the case the bundled corpus lacks: an entity named only in
 * the sentence two overlapping passages share, next to a topic both passages link by meaning. Each of its links'
 * units must also be one of its own units, or the strength reaches 1 and ties with a stated fact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeWriteLock } from '../../graph/write-lock.js';
import { refreshCooccurrence } from '../../graph/writes.js';
import { readableStrength, readableUnits, readableWeight } from '../../queries/access.js';
import type { Runtime } from '../../src/runtime.js';
import { openTestRuntime } from '../support/runtime.js';

let rt: Runtime;

beforeAll(async () => {
  rt = await openTestRuntime();
  await rt.graph.write([
    {
      cypher: `CREATE (d:Document {id: 'd', access: 'public'})
               CREATE (a:Entity {id: 'country:AA', kind: 'country'}), (b:Entity {id: 'topic:bb', kind: 'topic'})
               CREATE (d)-[:HAS_PASSAGE]->(p1:Passage {id: 'd#0', documentId: 'd'}),
                      (d)-[:HAS_PASSAGE]->(p2:Passage {id: 'd#1', documentId: 'd'})
               CREATE (s:Sentence {id: 'd#s3', documentId: 'd'})-[:MENTIONS {method: 'alias'}]->(a)
               CREATE (p1)-[:MENTIONS {method: 'alias'}]->(a), (p2)-[:MENTIONS {method: 'alias'}]->(a)
               CREATE (p1)-[:MENTIONS {method: 'semantic'}]->(b), (p2)-[:MENTIONS {method: 'semantic'}]->(b)`,
      params: {},
    },
    takeWriteLock(true),
  ]);
  expect(await refreshCooccurrence(rt.graph)).toBe(true);
});
afterAll(() => rt?.close());

describe('when an entity is named only in the sentence two passages linked by meaning share', () => {
  it('then the pair weighs no more than either entity and its strength stays below 1', async () => {
    const [link] = await rt.graph.read<{ w: number; na: number; nb: number; strength: number }>({
      cypher: `MATCH (a:Entity {id: 'country:AA'})-[r:RELATED_TO]->(b:Entity {id: 'topic:bb'})
               RETURN ${readableWeight('r')} AS w, ${readableUnits('a')} AS na, ${readableUnits('b')} AS nb,
                      ${readableStrength('r')} AS strength`,
      params: { readable: ['public'] },
    });
    expect(link.w).toBe(2); // the two passages
    expect(link.w).toBeLessThanOrEqual(Math.min(link.na, link.nb));
    expect(link.strength).toBeLessThan(1);
  });
});
