/** Translate-only: Cypher text and parameters of the practices, trends, entities, graph, facets and document builders. */
import { describe, expect, it } from 'vitest';
import { buildGetDocument } from '../../queries/documents.js';
import { buildEntityDetail, buildListEntities } from '../../queries/entities.js';
import { buildFacets } from '../../queries/facets.js';
import { buildEdgesAmong, buildNeighbours } from '../../queries/neighbourhood.js';
import { buildHopEvidence, buildShortestPaths, buildStrongestPaths } from '../../queries/paths.js';
import {
  blendRelated,
  buildGetPractice,
  buildPracticesLikeText,
  buildRelatedPractices,
} from '../../queries/practices.js';
import { buildTrendCounts, buildTrendEvidence, periodRange, trendSignal } from '../../queries/trends.js';

describe('practices', () => {
  it('builds the practice, related-practice and text-neighbour queries', () => {
    expect(buildGetPractice('practice:abc').cypher).toMatchInlineSnapshot(`
      "  MATCH (n:Practice {id: $id})
        RETURN n.id AS id, n.text AS text,
          COLLECT {
        MATCH (n)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
        RETURN {quote: s.quote, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
        ORDER BY d.id, s.start
      } AS sources,
          COLLECT { MATCH (n)-[:ADDRESSES]->(e:Topic) RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS topics,
          COLLECT { MATCH (n)-[:MITIGATES]->(e:InsiderAttribute) RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS attributes"
    `);
    const related = buildRelatedPractices('practice:abc', 50);
    expect(related.cypher).toMatchInlineSnapshot(`
      "  MATCH (src:Practice {id: $id})
        CALL (src) {
          CALL db.index.vector.queryNodes('practice_embedding', toInteger($k), src.embedding) YIELD node
          RETURN node AS o
          UNION
          MATCH (src)-[:ADDRESSES|MITIGATES]->(:Entity)<-[:ADDRESSES|MITIGATES]-(o:Practice)
          RETURN o
          UNION
          MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(:Document)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o:Practice)
          RETURN o
        }
        WITH src, o WHERE o <> src
        RETURN src.text AS sourceText, o.id AS id, o.text AS text,
          vector.similarity.cosine(src.embedding, o.embedding) AS similarity,
          COLLECT { MATCH (src)-[:ADDRESSES]->(e:Topic)<-[:ADDRESSES]-(o) RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS sharedTopics,
          COLLECT { MATCH (src)-[:MITIGATES]->(e:InsiderAttribute)<-[:MITIGATES]-(o) RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS sharedAttributes,
          size(COLLECT { MATCH (x:Practice)-[:ADDRESSES|MITIGATES]->(e:Entity) WHERE x IN [src, o] RETURN DISTINCT e.id }) AS tagUnion,
          COUNT { MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
            WHERE EXISTS { (d)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o) } RETURN DISTINCT d } AS coCited,
          COLLECT {
        MATCH (o)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
        RETURN {quote: s.quote, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
        ORDER BY d.id, s.start
      } AS sources"
    `);
    expect(related.params).toEqual({ id: 'practice:abc', k: 50 });
    expect(buildPracticesLikeText([0.5], 20).params).toEqual({ k: 20, embedding: [0.5], topicMin: 0.675 });
  });
  it('blends similarity, Jaccard and co-citation and says why', () => {
    const topic = { type: 'topic', id: 'topic:remote-access', name: 'Remote access' };
    const sut = blendRelated({
      id: 'p2',
      text: 't',
      similarity: 0.8,
      sharedTopics: [topic],
      sharedAttributes: [],
      tagUnion: 2,
      coCited: 1,
      sources: [],
    });
    expect(sut.score).toBeCloseTo(0.6 * 0.8 + 0.25 * 0.5 + 0.05);
    expect(sut.reason).toBe(
      'similar wording (similarity 0.80); shares topics Remote access; cited together in 1 document',
    );
  });
});

describe('trends', () => {
  it('builds the count and evidence queries', () => {
    const input = { interval: 'quarter' as const, focusGroup: 'focus-group:cybersecurity', from: '2020-01-01' };
    const counts = buildTrendCounts(input);
    expect(counts.cypher).toMatchInlineSnapshot(`
      "MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)
      WHERE d.date IS NOT NULL
        AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
        AND ($focusGroup IS NULL OR EXISTS { (p)-[:MENTIONS]->(:Entity {id: $focusGroup}) })
        AND ($topic IS NULL OR EXISTS { (p)-[:MENTIONS]->(:Entity {id: $topic}) })
      WITH p, CASE $interval
        WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
        ELSE substring(d.date, 0, 4) END AS period
      WITH period, collect(p) AS ps
      RETURN period, size(ps) AS passages,
        COLLECT { UNWIND ps AS x MATCH (x)-[:MENTIONS]->(e:Entity) WHERE e:Trend OR e:Topic
          WITH e, count(DISTINCT x) AS n RETURN {entity: e {type: e.kind, id: e.id, name: e.name}, n: n} } AS mentions
      ORDER BY period"
    `);
    expect(counts.params).toMatchInlineSnapshot(`
      {
        "focusGroup": "focus-group:cybersecurity",
        "from": "2020-01-01",
        "interval": "quarter",
        "to": null,
        "topic": null,
      }
    `);
    expect(buildTrendEvidence(input, ['trend:remote-work'], 3).params).toMatchObject({
      trendIds: ['trend:remote-work'],
      perTrend: 3,
    });
  });
  it('fills period gaps', () => {
    expect(periodRange('2019', '2021', 'year')).toEqual(['2019', '2020', '2021']);
    expect(periodRange('2021-Q3', '2022-Q2', 'quarter')).toEqual(['2021-Q3', '2021-Q4', '2022-Q1', '2022-Q2']);
  });
  it('does not reward tiny counts', () => {
    const exposure = [10, 10, 10, 10, 10, 10];
    const tiny = trendSignal([0, 0, 0, 0, 0, 1], exposure);
    const strong = trendSignal([0, 1, 1, 2, 3, 5], exposure);
    const steady = trendSignal([2, 2, 2, 2, 2, 2], exposure);
    expect(tiny.zScore).toBeLessThan(1);
    expect(strong.zScore).toBeGreaterThan(2);
    expect(steady.zScore).toBeLessThanOrEqual(0);
    expect(strong.zScore).toBeGreaterThan(tiny.zScore);
  });
});

describe('entities, graph, facets, documents', () => {
  it('builds the entity list and detail queries', () => {
    expect(buildListEntities({ type: 'country', q: 'Bel', limit: 5 }).params).toEqual({
      kind: 'country',
      q: 'bel',
      limit: 5,
    });
    expect(buildEntityDetail('country', 'country:BE').cypher).toMatchInlineSnapshot(`
      "MATCH (e:Entity {id: $id}) WHERE e.kind = $kind
      RETURN e {type: e.kind, id: e.id, name: e.name} AS ref, coalesce(e.aliases, []) AS aliases, coalesce(e.description, '') AS description,
        e.establishedIn AS establishedIn,
        COLLECT {
          MATCH (e)-[r]-(o:Entity) WHERE type(r) IN $factTypes
          MATCH (d:Document {id: r.documentId})
          RETURN {type: type(r), direction: CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END, other: o {type: o.kind, id: o.id, name: o.name},
            evidence: {sentence: r.sentence, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: r.start, end: r.end}, passageId: r.passageId,
            spans: COLLECT { MATCH (:Passage {id: r.passageId})-[:HAS_SENTENCE]->(fs:Sentence)-[fm:MENTIONS]->(fe:Entity)
              WHERE fs.start <= r.start AND r.end <= fs.end AND fe IN [e, o] RETURN fm.spans }, basis: 'mention'}}
          ORDER BY type(r), o.id, d.id, r.start
        } AS facts,
        COLLECT {
          MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e)
          WITH d, p ORDER BY m.score DESC, coalesce(m.count, 1) DESC, p.id LIMIT toInteger($passageLimit)
          RETURN {id: p.id, text: p.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: p.start, end: p.end, page: p.page},
            evidence: coalesce(
            COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)-[em:MENTIONS]->(e)
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [em.spans], basis: 'mention'} ORDER BY es.start LIMIT 1 }[0],
            COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [], basis: 'meaning'}
              ORDER BY vector.similarity.cosine(es.embedding, e.embedding) DESC, es.start LIMIT 1 }[0])}
        } AS passages,
        COLLECT {
          MATCH (pr:Practice)-[:ADDRESSES|MITIGATES]->(e) RETURN pr {.id, .text} AS practice
          UNION
          MATCH (pr:Practice)-[:SOURCED_FROM]->(:Passage)-[:MENTIONS]->(e) RETURN pr {.id, .text} AS practice
        }[0..toInteger($practiceLimit)] AS practices,
        COLLECT {
          MATCH (e)-[r:RELATED_TO]-(o:Entity)
          RETURN {type: o.kind, id: o.id, name: o.name, weight: r.weight} ORDER BY r.weight DESC, o.id LIMIT toInteger($relatedLimit)
        } AS related"
    `);
  });
  it('builds neighbourhood and path queries with whitelisted types and validated hop literals', () => {
    expect(buildNeighbours(['country:BE'], ['country:BE'], 10).cypher).toMatchInlineSnapshot(`
      "UNWIND $frontier AS fid
      MATCH (a:Entity {id: fid})-[r:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO]-(b:Entity)
      WHERE NOT b.id IN $seen
      WITH b, sum(CASE type(r) WHEN 'RELATED_TO' THEN coalesce(r.weight, 1) ELSE 2 END) AS strength
      RETURN b.id AS id, b.kind AS type, b.name AS label
      ORDER BY strength DESC, id LIMIT toInteger($room)"
    `);
    expect(buildEdgesAmong(['a', 'b']).params).toEqual({ ids: ['a', 'b'] });
    expect(buildShortestPaths('country:BE', 'instrument:infcirc-908', 4, 50).cypher).toMatchInlineSnapshot(`
      "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = allShortestPaths((a)-[:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO*..4]-(b))
      WITH DISTINCT [n IN nodes(p) | n.id] AS ids
      RETURN ids LIMIT toInteger($cap)"
    `);
    expect(buildStrongestPaths('country:BE', 'instrument:infcirc-908', 3, 10).cypher).toMatchInlineSnapshot(`
      "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = (a)-[:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO*1..3]-(b)
      WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
      WITH p LIMIT 5000
      WITH [n IN nodes(p) | n.id] AS ids,
        reduce(c = 0.0, r IN relationships(p) | c + CASE type(r) WHEN 'RELATED_TO' THEN 1.0 / (1 + coalesce(r.weight, 1)) ELSE 0.25 END) AS cost
      WITH ids, min(cost) AS cost
      RETURN ids, cost ORDER BY cost, size(ids), ids LIMIT toInteger($cap)"
    `);
    expect(buildHopEvidence([['a', 'b']]).params).toEqual({ pairs: [['a', 'b']] });
    expect(() => buildShortestPaths('a', 'b', 6, 1)).toThrow(RangeError);
    expect(() => buildStrongestPaths('a', 'b', 1.5, 1)).toThrow(RangeError);
  });
  it('builds the facets and document queries', () => {
    expect(buildFacets().cypher).toMatchInlineSnapshot(`
      "CALL () {
        MATCH (e:Entity) WHERE e.kind IN ['country', 'focusGroup', 'topic', 'trend'] AND EXISTS { (e)<-[:MENTIONS]-(:Passage) }
        RETURN collect(e {type: e.kind, id: e.id, name: e.name}) AS entities
      }
      CALL () {
        MATCH (d:Document)
        RETURN collect(DISTINCT d.type) AS documentTypes, collect(DISTINCT d.language) AS languages,
          min(d.date) AS fromDate, max(d.date) AS toDate
      }
      RETURN entities, documentTypes, languages, fromDate, toDate"
    `);
    const document = buildGetDocument({ id: 'corpus/documents/x.txt', offset: 120, limit: 500 });
    expect(document.params).toEqual({ id: 'corpus/documents/x.txt', offset: 120, limit: 500 });
    expect(document.cypher).toMatchInlineSnapshot(`
      "MATCH (d:Document {id: $id})
      WITH d,
        coalesce(head(COLLECT {
          MATCH (s:Sentence {documentId: d.id}) WHERE s.start < $offset < s.end RETURN s.start
        }), $offset) AS from,
        coalesce(head(COLLECT {
          MATCH (s:Sentence {documentId: d.id}) WHERE s.start < $offset + $limit < s.end RETURN s.end
        }), $offset + $limit) AS to
      RETURN d {.id, .title, .type, .date, .year, .language, .source, .access, .format, .contentHash, .passageCount,
          ingestedAt: toString(d.ingestedAt)} AS document,
        coalesce(d.text, '') AS text, from, to,
        COLLECT {
          MATCH (d)-[:HAS_PASSAGE]->(p:Passage) WHERE p.start < to AND from < p.end
          RETURN {id: p.id, ordinal: p.ordinal, heading: p.heading, text: p.text, start: p.start, end: p.end, page: p.page,
            entities: COLLECT { MATCH (p)-[:MENTIONS]->(e:Entity) RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id }}
          ORDER BY p.ordinal
        } AS passages,
        COLLECT {
          MATCH (s:Sentence {documentId: d.id}) WHERE from <= s.start AND s.end <= to
          RETURN s {.id, .ordinal, .text, .start, .end, .passageId} ORDER BY s.ordinal
        } AS sentences"
    `);
  });
});
