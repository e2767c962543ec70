/** Translate-only: Cypher text and parameters of the communities builders, and the choice of connectors. */
import { describe, expect, it } from 'vitest';
import { buildWriteCommunities } from '../../graph/communities.js';
import { buildCommunities, buildEntityCommunity, pickConnectors } from '../../queries/communities.js';

describe('communities', () => {
  it('builds the list and entity queries over one access view, values as parameters', () => {
    const list = buildCommunities('public', 20);
    expect(list.cypher).toMatchInlineSnapshot(`
      "MATCH (c:Community {view: $view})
      WITH c ORDER BY c.ordinal
      WITH collect(c) AS ordered
      UNWIND ordered[0..toInteger($limit)] AS c
      RETURN c.id AS id, c.ordinal AS ordinal, c.size AS size, c.computedAt AS computedAt, c.seed AS seed,
        size(ordered) AS total,
        COLLECT { MATCH (e:Entity)-[m:IN_COMMUNITY]->(c)
          RETURN {ref: e {type: e.kind, id: e.id, name: e.name}, pagerank: m.pagerank, betweenness: m.betweenness, anchor: m.anchor}
          ORDER BY m.rank } AS members
      ORDER BY c.ordinal"
    `);
    expect(list.params).toEqual({ view: 'public', limit: 20 });
    const one = buildEntityCommunity('country:BE', 'public|restricted');
    expect(one.cypher).toMatchInlineSnapshot(`
      "MATCH (e:Entity {id: $id})-[m:IN_COMMUNITY]->(c:Community {view: $view})
      RETURN c.id AS id, c.ordinal AS ordinal, c.size AS size, m.pagerank AS pagerank, m.betweenness AS betweenness,
        COLLECT { MATCH (o:Entity)-[om:IN_COMMUNITY]->(c) RETURN o.name ORDER BY om.rank LIMIT 2 } AS top,
        COLLECT { MATCH (o:Entity)-[om:IN_COMMUNITY]->(c) WHERE o <> e
          RETURN o {type: o.kind, id: o.id, name: o.name} ORDER BY om.rank LIMIT toInteger($members) } AS members"
    `);
    expect(one.params).toEqual({ id: 'country:BE', view: 'public|restricted', members: 8 });
  });

  it('writes each view’s communities with ranked members, ids naming the view', () => {
    const member = (id: string, pagerank: number) => ({ id, pagerank, betweenness: 0, anchor: null });
    const sut = buildWriteCommunities(
      [
        {
          view: 'public',
          labels: ['public'],
          detection: {
            communities: [{ ordinal: 1, members: [member('a', 0.6), member('b', 0.4)] }],
            modularity: 0.5,
            linked: 2,
            edges: 1,
          },
        },
      ],
      '2026-01-01T00:00:00.000Z',
      908,
    );
    expect(sut.cypher).toMatchInlineSnapshot(`
      "UNWIND $communities AS c
           CREATE (n:Community {id: c.id, view: c.view, labels: c.labels, ordinal: c.ordinal, size: c.size,
             modularity: c.modularity, seed: $seed, resolution: $resolution, computedAt: $computedAt})
           WITH n, c
           UNWIND c.members AS m
           MATCH (e:Entity {id: m.id})
           CREATE (e)-[:IN_COMMUNITY {rank: m.rank, pagerank: m.pagerank, betweenness: m.betweenness,
             anchor: m.anchor}]->(n)"
    `);
    expect(sut.params.communities).toEqual([
      {
        id: 'community:public:1',
        view: 'public',
        labels: ['public'],
        ordinal: 1,
        size: 2,
        modularity: 0.5,
        members: [
          { ...member('a', 0.6), rank: 1 },
          { ...member('b', 0.4), rank: 2 },
        ],
      },
    ]);
  });

  it('picks the top members by PageRank, then by betweenness among those that bridge, each once', () => {
    const ref = (id: string) => ({ type: 'country', id, name: id });
    const members = [
      { ref: ref('a'), pagerank: 0.5, betweenness: 0, anchor: 'b' },
      { ref: ref('b'), pagerank: 0.3, betweenness: 0.4, anchor: 'a' },
      { ref: ref('c'), pagerank: 0.2, betweenness: 0.9, anchor: 'a' },
    ];
    const sut = pickConnectors(members, 2);
    expect(sut.map((m) => [m.ref.id, m.by])).toEqual([
      ['a', ['pagerank']],
      ['b', ['pagerank', 'betweenness']],
      ['c', ['betweenness']],
    ]);
    expect(
      pickConnectors(
        members.map((m) => ({ ...m, betweenness: 0 })),
        1,
      ).map((m) => m.ref.id),
    ).toEqual(['a']);
  });
});
