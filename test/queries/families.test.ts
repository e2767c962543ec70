/** Translate-only: Cypher text and parameters of the practices, trends, entities, graph, facets and document builders. */
import { describe, expect, it } from 'vitest';
import { buildGetDocument } from '../../queries/documents.js';
import { buildEntityDetail, buildListEntities } from '../../queries/entities.js';
import { buildFacets } from '../../queries/facets.js';
import { buildUnknownFilterIds } from '../../queries/filters.js';
import { buildEdgesAmong, buildNeighbours } from '../../queries/neighbourhood.js';
import { buildHopEvidence, buildShortestPaths, buildStrongestPaths } from '../../queries/paths.js';
import {
  blendRelated,
  buildGetPractice,
  buildPracticesLikeText,
  buildRelatedPractices,
  judgeTextMatch,
  rankRelated,
  RELATED_WEIGHTS,
} from '../../queries/practices.js';
import { buildTrendCounts, buildTrendEvidence, periodRange } from '../../queries/trends.js';
import { fitTrend } from '../../queries/trend-statistics.js';

/** An anonymous caller's labels: every builder carries them as $readable. */
const PUBLIC = ['public'];

describe('practices', () => {
  it('builds the practice, related-practice and text-neighbour queries', () => {
    expect(buildGetPractice('practice:abc', PUBLIC).cypher).toMatchInlineSnapshot(`
      "  MATCH (n:Practice {id: $id}) WHERE EXISTS { MATCH (n)-[rq_n:SOURCED_FROM]->(:Passage)
          MATCH (ra_n:Document {id: rq_n.documentId}) WHERE ra_n.access IN $readable }
        RETURN n.id AS id, CASE WHEN EXISTS { MATCH (n)-[rq_n:SOURCED_FROM]->(:Passage) WHERE rq_n.quote = n.text
          MATCH (ra_n:Document {id: rq_n.documentId}) WHERE ra_n.access IN $readable } THEN n.text
        ELSE COLLECT { MATCH (n)-[rq_n:SOURCED_FROM]->(:Passage)
          MATCH (ra_n:Document {id: rq_n.documentId}) WHERE ra_n.access IN $readable
          RETURN rq_n.quote ORDER BY rq_n.documentId, rq_n.start LIMIT 1 }[0] END AS text,
          COLLECT {
        MATCH (n)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document) WHERE d.access IN $readable
        RETURN {quote: s.quote, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
        ORDER BY d.id, s.start
      } AS sources,
          COLLECT { MATCH (n)-[t:ADDRESSES]->(e:Topic) WHERE EXISTS { MATCH (ra_t:Document) WHERE ra_t.id IN coalesce(t.documentIds, []) AND ra_t.access IN $readable } RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS topics,
          COLLECT { MATCH (n)-[t:MITIGATES]->(e:InsiderAttribute) WHERE EXISTS { MATCH (ra_t:Document) WHERE ra_t.id IN coalesce(t.documentIds, []) AND ra_t.access IN $readable }
            RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS attributes"
    `);
    const related = buildRelatedPractices('practice:abc', 50, PUBLIC);
    expect(related.cypher).toMatchInlineSnapshot(`
      "  MATCH (src:Practice {id: $id}) WHERE EXISTS { MATCH (src)-[rq_src:SOURCED_FROM]->(:Passage)
          MATCH (ra_src:Document {id: rq_src.documentId}) WHERE ra_src.access IN $readable }
        CALL (src) {
          CALL db.index.vector.queryNodes('practice_embedding', toInteger($k), src.embedding) YIELD node
          RETURN node AS o
          UNION
          MATCH (src)-[t1:ADDRESSES|MITIGATES]->(:Entity)<-[t2:ADDRESSES|MITIGATES]-(o:Practice)
          WHERE EXISTS { MATCH (ra_t1:Document) WHERE ra_t1.id IN coalesce(t1.documentIds, []) AND ra_t1.access IN $readable } AND EXISTS { MATCH (ra_t2:Document) WHERE ra_t2.id IN coalesce(t2.documentIds, []) AND ra_t2.access IN $readable }
          RETURN o
          UNION
          MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o:Practice)
          WHERE d.access IN $readable
          RETURN o
        }
        WITH src, o WHERE o <> src AND EXISTS { MATCH (o)-[rq_o:SOURCED_FROM]->(:Passage)
          MATCH (ra_o:Document {id: rq_o.documentId}) WHERE ra_o.access IN $readable }
        RETURN CASE WHEN EXISTS { MATCH (src)-[rq_src:SOURCED_FROM]->(:Passage) WHERE rq_src.quote = src.text
          MATCH (ra_src:Document {id: rq_src.documentId}) WHERE ra_src.access IN $readable } THEN src.text
        ELSE COLLECT { MATCH (src)-[rq_src:SOURCED_FROM]->(:Passage)
          MATCH (ra_src:Document {id: rq_src.documentId}) WHERE ra_src.access IN $readable
          RETURN rq_src.quote ORDER BY rq_src.documentId, rq_src.start LIMIT 1 }[0] END AS sourceText, o.id AS id, CASE WHEN EXISTS { MATCH (o)-[rq_o:SOURCED_FROM]->(:Passage) WHERE rq_o.quote = o.text
          MATCH (ra_o:Document {id: rq_o.documentId}) WHERE ra_o.access IN $readable } THEN o.text
        ELSE COLLECT { MATCH (o)-[rq_o:SOURCED_FROM]->(:Passage)
          MATCH (ra_o:Document {id: rq_o.documentId}) WHERE ra_o.access IN $readable
          RETURN rq_o.quote ORDER BY rq_o.documentId, rq_o.start LIMIT 1 }[0] END AS text,
          vector.similarity.cosine(src.embedding, o.embedding) AS similarity,
          COLLECT { MATCH (src)-[t1:ADDRESSES]->(e:Topic)<-[t2:ADDRESSES]-(o) WHERE EXISTS { MATCH (ra_t1:Document) WHERE ra_t1.id IN coalesce(t1.documentIds, []) AND ra_t1.access IN $readable } AND EXISTS { MATCH (ra_t2:Document) WHERE ra_t2.id IN coalesce(t2.documentIds, []) AND ra_t2.access IN $readable }
            RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS sharedTopics,
          COLLECT { MATCH (src)-[t1:MITIGATES]->(e:InsiderAttribute)<-[t2:MITIGATES]-(o) WHERE EXISTS { MATCH (ra_t1:Document) WHERE ra_t1.id IN coalesce(t1.documentIds, []) AND ra_t1.access IN $readable } AND EXISTS { MATCH (ra_t2:Document) WHERE ra_t2.id IN coalesce(t2.documentIds, []) AND ra_t2.access IN $readable }
            RETURN e {type: e.kind, id: e.id, name: e.name} ORDER BY e.id } AS sharedAttributes,
          size(COLLECT { MATCH (x:Practice)-[t:ADDRESSES|MITIGATES]->(e:Entity) WHERE x IN [src, o] AND EXISTS { MATCH (ra_t:Document) WHERE ra_t.id IN coalesce(t.documentIds, []) AND ra_t.access IN $readable }
            RETURN DISTINCT e.id }) AS tagUnion,
          COUNT { MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
            WHERE d.access IN $readable AND EXISTS { (d)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o) } RETURN DISTINCT d } AS coCited,
          COLLECT {
        MATCH (o)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document) WHERE d.access IN $readable
        RETURN {quote: s.quote, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
        ORDER BY d.id, s.start
      } AS sources"
    `);
    expect(related.params).toEqual({ id: 'practice:abc', k: 50, readable: ['public'] });
    expect(buildPracticesLikeText([0.5], 20, PUBLIC).params).toEqual({
      k: 20,
      embedding: [0.5],
      topicMin: 0.675,
      readable: ['public'],
    });
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
    const w = RELATED_WEIGHTS;
    expect(w.similarity + w.sharedTags + w.coCited).toBeCloseTo(1);
    expect(sut.score).toBeCloseTo(w.similarity * 0.8 + w.sharedTags * 0.5 + w.coCited / 3, 4);
    expect(sut.reason).toBe('similar wording (cosine 0.60); shares topics Remote access; cited together in 1 document');
  });
  it('when the nearest practice is not similar, then the reason says so and a text answer is low confidence', () => {
    const row = (similarity: number) => ({
      id: `p${similarity}`,
      text: 't',
      similarity,
      sharedTopics: [],
      sharedAttributes: [],
      tagUnion: 0,
      coCited: 0,
      sources: [],
    });
    // (1 + cos) / 2 = 0.51 is a cosine of 0.02: the nearest of unrelated practices.
    const far = blendRelated(row(0.51), RELATED_WEIGHTS, 0.35);
    expect(far.reason).toBe('closest wording found, not similar (cosine 0.02)');
    const near = blendRelated(row(0.75), RELATED_WEIGHTS, 0.35);
    expect(near.reason).toBe('similar wording (cosine 0.50)');
    expect(judgeTextMatch([far], 0.4)).toEqual({ level: 'low', bestSimilarity: expect.closeTo(0.02, 6) });
    expect(judgeTextMatch([far, near], 0.4)).toEqual({ level: 'high', bestSimilarity: expect.closeTo(0.5, 6) });
    expect(judgeTextMatch([], 0.4)).toEqual({ level: 'low', bestSimilarity: null });
  });
  it('when weights are given, then the blend and the ranking follow them and the reason does not change', () => {
    const topic = { type: 'topic', id: 'topic:remote-access', name: 'Remote access' };
    const row = (id: string, similarity: number, coCited: number) => ({
      id,
      text: id,
      similarity,
      sharedTopics: [topic],
      sharedAttributes: [],
      tagUnion: 2,
      coCited,
      sources: [],
    });
    const similar = row('p-similar', 0.9, 0);
    const together = row('p-together', 0.5, 3);
    const bySimilarity = { similarity: 1, sharedTags: 0, coCited: 0 };
    const byCoCitation = { similarity: 0, sharedTags: 0, coCited: 1 };
    expect(blendRelated(similar, bySimilarity).score).toBeCloseTo(0.9);
    expect(blendRelated(together, byCoCitation).score).toBeCloseTo(1);
    expect(blendRelated(similar, { similarity: 0, sharedTags: 1, coCited: 0 }).score).toBeCloseTo(0.5);
    expect(rankRelated([together, similar], 2, bySimilarity).map((r) => r.id)).toEqual(['p-similar', 'p-together']);
    expect(rankRelated([similar, together], 1, byCoCitation).map((r) => r.id)).toEqual(['p-together']);
    expect(blendRelated(together, byCoCitation).reason).toBe(blendRelated(together, bySimilarity).reason);
  });
});

describe('trends', () => {
  it('builds the count and evidence queries', () => {
    const input = {
      interval: 'quarter' as const,
      focusGroup: 'focus-group:cybersecurity',
      from: '2020-01-01',
      readable: PUBLIC,
    };
    const counts = buildTrendCounts(input);
    expect(counts.cypher).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (g:Entity {id: $focusGroup})
      CALL (g) {
        MATCH (d:Document) WHERE $focusGroup IN coalesce(d.focusGroups, [])
        RETURN d
      UNION
        MATCH (g)<-[:MENTIONS]-(gs:Sentence)
        WITH DISTINCT gs.documentId AS documentId
        MATCH (d:Document {id: documentId})
        RETURN d
      }
      WITH *
      WHERE d.date IS NOT NULL AND d.access IN $readable
        AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
      WITH d, ($focusGroup IS NULL OR $focusGroup IN coalesce(d.focusGroups, [])) AS declared, g, CASE $interval
        WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
        ELSE substring(d.date, 0, 4) END AS period
      CALL (d, declared, g) {
        CALL (d, declared, g) {
            WITH d WHERE declared
            MATCH (d)-[:HAS_PASSAGE]->(p:Passage)-[:MENTIONS]->(e) WHERE e.kind IN ['trend', 'topic']
            RETURN DISTINCT e
          UNION
            WITH d, g WHERE NOT declared
            MATCH (ts:Sentence {documentId: d.id}) USING INDEX ts:Sentence(documentId)
            WHERE EXISTS { (ts)-[:MENTIONS]->(g) }
            MATCH (ts)-[:MENTIONS]->(e) WHERE e.kind IN ['trend', 'topic']
            MATCH (p:Passage)-[:HAS_SENTENCE]->(ts) WHERE EXISTS { (p)-[:MENTIONS]->(e) }
            RETURN DISTINCT e
          }
        RETURN collect(DISTINCT e.id) AS counted
      }
      WITH period, count(d) AS documents, collect(counted) AS perDocument
      RETURN period, documents,
        COLLECT { UNWIND perDocument AS counted UNWIND counted AS eid
          WITH eid, count(*) AS n MATCH (e:Entity {id: eid})
          RETURN {entity: e {type: e.kind, id: e.id, name: e.name}, n: n} } AS mentions
      ORDER BY period"
    `);
    expect(counts.params).toMatchInlineSnapshot(`
      {
        "focusGroup": "focus-group:cybersecurity",
        "from": "2020-01-01",
        "interval": "quarter",
        "readable": [
          "public",
        ],
        "to": null,
        "topic": null,
      }
    `);
    // The no-group statement is snapshotted in evidence.test.ts; with a group, a passage counts when its document
    // declares the group or its sentence naming the trend names the group too.
    const evidence = buildTrendEvidence(input, ['trend:remote-work'], 3).cypher;
    expect(evidence).toContain(
      'WHERE (declared OR EXISTS { MATCH (p)-[:HAS_SENTENCE]->(ts:Sentence)-[:MENTIONS]->(t) WHERE EXISTS { (ts)-[:MENTIONS]->(g) } })',
    );
    expect(evidence).toContain('WHERE declared OR EXISTS { (es)-[:MENTIONS]->(g) }');
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
    const tiny = fitTrend([0, 0, 0, 0, 0, 1], exposure);
    const strong = fitTrend([0, 1, 1, 2, 3, 5], exposure);
    const steady = fitTrend([2, 2, 2, 2, 2, 2], exposure);
    expect(tiny.zScore).toBeLessThan(1);
    expect(strong.zScore).toBeGreaterThan(2);
    expect(steady.zScore).toBeLessThanOrEqual(0);
    expect(strong.zScore).toBeGreaterThan(tiny.zScore);
  });
});

describe('entities, graph, facets, documents', () => {
  it('builds the entity list and detail queries', () => {
    expect(buildListEntities({ type: 'country', q: 'Bel', limit: 5, readable: PUBLIC }).params).toEqual({
      kind: 'country',
      q: 'bel',
      limit: 5,
      readable: ['public'],
    });
    expect(buildEntityDetail('country', 'country:BE', PUBLIC).cypher).toMatchInlineSnapshot(`
      "CYPHER replan=skip
      MATCH (e:Entity {id: $id}) WHERE e.kind = $kind
      // Practices tagged with the entity, then (only while fewer than the limit) those quoted from a passage mentioning
      // it: a topic's tags fill the page, and walking its passages' quotes was most of the statement's work.
      CALL (e) {
        MATCH (pr:Practice)-[t:ADDRESSES|MITIGATES]->(e) WHERE EXISTS { MATCH (ra_t:Document) WHERE ra_t.id IN coalesce(t.documentIds, []) AND ra_t.access IN $readable } AND EXISTS { MATCH (pr)-[rq_pr:SOURCED_FROM]->(:Passage)
        MATCH (ra_pr:Document {id: rq_pr.documentId}) WHERE ra_pr.access IN $readable }
        WITH DISTINCT pr ORDER BY pr.id LIMIT toInteger($practiceLimit)
        RETURN collect(pr) AS tagged
      }
      CALL (e, tagged) {
        WITH e, tagged WHERE size(tagged) < $practiceLimit
        // The passage's document by its unique id: expanding a passage's incoming HAS_PASSAGE walks its many sentence
        // and mention relationships (bench/entity-page.md).
        MATCH (pr:Practice)-[:SOURCED_FROM]->(p:Passage)-[:MENTIONS]->(e)
        WHERE NOT pr IN tagged AND EXISTS { MATCH (ra_p:Document {id: p.documentId}) WHERE ra_p.access IN $readable }
        WITH DISTINCT pr ORDER BY pr.id LIMIT toInteger($practiceLimit)
        RETURN collect(pr) AS sourced
      }
      RETURN e {type: e.kind, id: e.id, name: e.name} AS ref, coalesce(e.aliases, []) AS aliases, coalesce(e.description, '') AS description,
        COLLECT { MATCH (:Passage)-[st:STATES {key: 'establishedIn'}]->(e) WHERE EXISTS { MATCH (ra_st:Document {id: st.documentId}) WHERE ra_st.access IN $readable }
          RETURN st.value ORDER BY st.documentId, st.start LIMIT 1 }[0] AS establishedIn,
        COLLECT {
          MATCH (e)-[r:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS]-(o:Entity)
          MATCH (d:Document {id: r.documentId}) WHERE d.access IN $readable
          WITH e, r, o, d ORDER BY type(r), o.id, d.id, r.start LIMIT toInteger($factLimit)
          RETURN {type: type(r), direction: CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END, other: o {type: o.kind, id: o.id, name: o.name},
            evidence: {sentence: r.sentence, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: r.start, end: r.end}, passageId: r.passageId,
            spans: COLLECT { MATCH (:Passage {id: r.passageId})-[:HAS_SENTENCE]->(fs:Sentence)-[fm:MENTIONS]->(fe:Entity)
              WHERE fs.start <= r.start AND r.end <= fs.end AND fe IN [e, o] RETURN fm.spans }, basis: 'mention'}}
        } AS facts,
        COLLECT {
          MATCH (p:Passage)-[m:MENTIONS]->(e)
          // Sorted first: a horizon, so the planner expands from the entity rather than from every readable document's
          // passages (bench/entity-page.md); the readable check then stops at the limit.
          WITH p ORDER BY m.score DESC, coalesce(m.count, 1) DESC, p.id
          MATCH (d:Document {id: p.documentId}) WHERE d.access IN $readable
          WITH d, p LIMIT toInteger($passageLimit)
          RETURN {id: p.id, text: p.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: p.start, end: p.end, page: p.page},
            evidence: coalesce(
            COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)-[em:MENTIONS]->(e)
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [em.spans], basis: 'mention'} ORDER BY es.start LIMIT 1 }[0],
            COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [], basis: 'meaning'}
              ORDER BY vector.similarity.cosine(es.embedding, e.embedding) DESC, es.start LIMIT 1 }[0])}
        } AS passages,
        [pr IN (tagged + sourced)[..toInteger($practiceLimit)] | {id: pr.id, text: CASE WHEN EXISTS { MATCH (pr)-[rq_pr:SOURCED_FROM]->(:Passage) WHERE rq_pr.quote = pr.text
        MATCH (ra_pr:Document {id: rq_pr.documentId}) WHERE ra_pr.access IN $readable } THEN pr.text
      ELSE COLLECT { MATCH (pr)-[rq_pr:SOURCED_FROM]->(:Passage)
        MATCH (ra_pr:Document {id: rq_pr.documentId}) WHERE ra_pr.access IN $readable
        RETURN rq_pr.quote ORDER BY rq_pr.documentId, rq_pr.start LIMIT 1 }[0] END}] AS practices,
        COLLECT {
          MATCH (e)-[r:RELATED_TO]-(o:Entity)
          WITH o, reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END) AS weight WHERE weight > 0
          RETURN {type: o.kind, id: o.id, name: o.name, weight: weight} ORDER BY weight DESC, o.id LIMIT toInteger($relatedLimit)
        } AS related"
    `);
  });
  it('builds neighbourhood and path queries with whitelisted types and validated hop literals', () => {
    expect(
      buildNeighbours(
        [{ id: 'country:BE', score: 1, fact: true }],
        ['country:BE'],
        { limit: 10, minWeight: 0, factsOnly: false },
        PUBLIC,
      ).cypher,
    ).toMatchInlineSnapshot(`
      "UNWIND $frontier AS f
      MATCH (a:Entity {id: f.id})-[r:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO]-(b:Entity)
      WHERE NOT b.id IN $kept AND CASE type(r) WHEN 'RELATED_TO' THEN reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END) > 0 ELSE r.access IN $readable END
      WITH f, b, type(r) <> 'RELATED_TO' AS fact, CASE type(r) WHEN 'RELATED_TO' THEN (toFloat(reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END)) / (1.0 + reduce(u = 0, i IN range(0, size(coalesce(startNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN startNode(r).unitLabels[i] IN $readable THEN startNode(r).unitCounts[i] ELSE 0 END) + reduce(u = 0, i IN range(0, size(coalesce(endNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN endNode(r).unitLabels[i] IN $readable THEN endNode(r).unitCounts[i] ELSE 0 END) - reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END))) ELSE 1.0 END AS strength
      WHERE fact OR strength >= $minWeight
      WITH b, max(f.score * strength) AS score, max(CASE WHEN fact AND f.fact THEN 1 ELSE 0 END) = 1 AS fact
      RETURN b.id AS id, b.kind AS type, b.name AS label, score, fact
      ORDER BY fact DESC, score DESC, id LIMIT toInteger($cap)"
    `);
    expect(buildEdgesAmong(['a', 'b'], PUBLIC).params).toEqual({ ids: ['a', 'b'], minWeight: 0, readable: ['public'] });
    const factsOnly = buildEdgesAmong(['a', 'b'], PUBLIC, { minWeight: 0.1, factsOnly: true });
    expect(factsOnly.cypher).not.toMatch(/RELATED_TO\]/);
    expect(factsOnly.params.minWeight).toBe(0.1);
    expect(buildShortestPaths('country:BE', 'instrument:infcirc-908', 4, 50, PUBLIC).cypher).toMatchInlineSnapshot(`
      "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = allShortestPaths((a)-[:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO*..4]-(b))
      WHERE all(r IN relationships(p) WHERE CASE type(r) WHEN 'RELATED_TO' THEN reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END) > 0 ELSE r.access IN $readable END)
      WITH DISTINCT [n IN nodes(p) | n.id] AS ids
      RETURN ids LIMIT toInteger($cap)"
    `);
    expect(buildStrongestPaths('country:BE', 'instrument:infcirc-908', 3, 10, PUBLIC).cypher).toMatchInlineSnapshot(`
      "MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = (a)-[:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO*1..3]-(b)
      WHERE all(r IN relationships(p) WHERE CASE type(r) WHEN 'RELATED_TO' THEN reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END) > 0 ELSE r.access IN $readable END)
        AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
      WITH p LIMIT 5000
      WITH [n IN nodes(p) | n.id] AS ids,
        reduce(c = 0.0, r IN relationships(p) | c + CASE type(r) WHEN 'RELATED_TO' THEN -log((toFloat(reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END)) / (1.0 + reduce(u = 0, i IN range(0, size(coalesce(startNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN startNode(r).unitLabels[i] IN $readable THEN startNode(r).unitCounts[i] ELSE 0 END) + reduce(u = 0, i IN range(0, size(coalesce(endNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN endNode(r).unitLabels[i] IN $readable THEN endNode(r).unitCounts[i] ELSE 0 END) - reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END)))) ELSE 0.0 END) AS cost
      WITH ids, min(cost) AS cost
      RETURN ids, cost ORDER BY cost, size(ids), ids LIMIT toInteger($cap)"
    `);
    expect(buildHopEvidence([['a', 'b']], PUBLIC).params).toEqual({ pairs: [['a', 'b']], readable: ['public'] });
    expect(() => buildShortestPaths('a', 'b', 6, 1, PUBLIC)).toThrow(RangeError);
    expect(() => buildStrongestPaths('a', 'b', 1.5, 1, PUBLIC)).toThrow(RangeError);
    for (const factsOnly of [
      buildShortestPaths('a', 'b', 3, 5, PUBLIC, true).cypher,
      buildStrongestPaths('a', 'b', 3, 5, PUBLIC, true).cypher,
      buildHopEvidence([['a', 'b']], PUBLIC, true).cypher,
    ]) {
      expect(factsOnly).toMatch(/CO_CHAIRS\|SUBSCRIBES_TO\|SPONSORS\|MEMBER_OF\|ORGANISED\|AFFECTS[*\]]/);
      expect(factsOnly).not.toMatch(/\|RELATED_TO[\]*]/);
    }
  });
  it('builds the facets and document queries', () => {
    expect(buildFacets({ filters: { readable: PUBLIC } }).cypher).toMatchInlineSnapshot(`
      "MATCH (p:Passage) WHERE EXISTS { MATCH (fd:Document {id: p.documentId}) WHERE fd.access IN $readable }
      MATCH (d:Document)-[:HAS_PASSAGE]->(p) WHERE d.access IN $readable
      WITH d, collect(p) AS ps
      WITH collect({d: d, ps: ps}) AS hits
      CALL (hits) {
        UNWIND hits AS hit
        UNWIND hit.ps AS p
        MATCH (p)-[:MENTIONS]->(e:Entity) WHERE e.kind IN $kinds
        WITH e, count(DISTINCT hit.d) AS n
        RETURN collect({type: e.kind, id: e.id, name: e.name, count: n}) AS entities
      }
      RETURN entities,
        [h IN hits | {type: coalesce(h.d.type, 'other'), language: h.d.language, date: h.d.date}] AS documents"
    `);
    const searched = buildFacets(
      {
        filters: { readable: PUBLIC, countries: ['country:BE'] },
        search: { query: 'x', mode: 'hybrid', limit: 10, offset: 0 },
      },
      [0.5, 0.5],
    );
    expect(searched.params).toMatchObject({ k: 30, lucene: 'x', f_countries: ['country:BE'], readable: ['public'] });
    expect(searched.cypher).toMatchInlineSnapshot(`
      "CALL () {
        CALL () {
          CALL db.index.vector.queryNodes('sentence_embedding', toInteger($lookups), $embedding) YIELD node AS t, score
        CALL (t) {
          MATCH (s:Sentence {textHash: t.textHash}) USING INDEX s:Sentence(textHash)
          MATCH (node:Passage {id: s.passageId}) WHERE EXISTS { MATCH (fd:Document {id: node.documentId}) WHERE fd.access IN $readable }
        AND EXISTS { MATCH (node)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries }
          RETURN s, node LIMIT 1
        }
        WITH node, s, score ORDER BY score DESC
        WITH node, collect(s.id)[0] AS matchId, max(score) AS score
        ORDER BY score DESC, node.id LIMIT toInteger($k)
        RETURN 'passage' AS type, node.id AS id, score, matchId
        }
        WITH type, id, score, matchId ORDER BY score DESC, type, id
        RETURN collect({type: type, id: id, score: score, matchId: matchId}) AS semantic
      }
          CALL () {
        CALL () {
          CALL db.index.fulltext.queryNodes('passage_text', $lucene, {limit: toInteger($k)})
          YIELD node, score
        WHERE EXISTS { MATCH (fd:Document {id: node.documentId}) WHERE fd.access IN $readable }
        AND EXISTS { MATCH (node)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries }
        RETURN 'passage' AS type, node.id AS id, score
        }
        WITH type, id, score ORDER BY score DESC, type, id
        RETURN collect({type: type, id: id, score: score}) AS keyword
      }
      UNWIND semantic + keyword AS candidate
      WITH DISTINCT candidate.id AS passageId
      MATCH (p:Passage {id: passageId})
      MATCH (d:Document)-[:HAS_PASSAGE]->(p) WHERE d.access IN $readable
      WITH d, collect(p) AS ps
      WITH collect({d: d, ps: ps}) AS hits
      CALL (hits) {
        UNWIND hits AS hit
        UNWIND hit.ps AS p
        MATCH (p)-[:MENTIONS]->(e:Entity) WHERE e.kind IN $kinds
        WITH e, count(DISTINCT hit.d) AS n
        RETURN collect({type: e.kind, id: e.id, name: e.name, count: n}) AS entities
      }
      RETURN entities,
        [h IN hits | {type: coalesce(h.d.type, 'other'), language: h.d.language, date: h.d.date}] AS documents"
    `);
    expect(buildUnknownFilterIds({ countries: ['country:XX'], topics: ['topic:a'] }).params).toEqual({
      wanted: [
        { field: 'countries', kind: 'country', id: 'country:XX' },
        { field: 'topics', kind: 'topic', id: 'topic:a' },
      ],
    });
    const document = buildGetDocument({ id: 'corpus/documents/x.txt', offset: 120, limit: 500 }, PUBLIC);
    expect(document.params).toEqual({ id: 'corpus/documents/x.txt', offset: 120, limit: 500, readable: ['public'] });
    expect(document.cypher).toMatchInlineSnapshot(`
      "MATCH (d:Document {id: $id}) WHERE d.access IN $readable
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
        [g IN coalesce(d.focusGroups, []) | coalesce(head(COLLECT {
          MATCH (e:Entity {id: g}) RETURN e {type: e.kind, id: e.id, name: e.name}
        }), {type: 'focusGroup', id: g, name: g})] AS focusGroups,
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
