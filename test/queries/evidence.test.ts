/** Translate-only: the evidence builders' Cypher, and how co-occurrence evidence is cut from a passage. */
import { describe, expect, it } from 'vitest';
import {
  buildCooccurrenceEvidence,
  passageEvidence,
  toCooccurrenceEvidence,
  toEvidence,
  toMentions,
  type CooccurringPassage,
} from '../../queries/evidence.js';
import { buildHopEvidence } from '../../queries/paths.js';
import { buildTrendEvidence } from '../../queries/trends.js';

const doc = { id: 'd.txt', title: 'D', type: 'other', date: null, source: null };
// Offsets: the passage starts at 100; sentences at 100–130, 131–170, 171–200.
const TEXT = 'Belgium hosted the first talk. The second one was given by others. INFCIRC/908 closed the day.';
const passage = (spans: [number[], number[]], similarity = [0, 0, 0]): CooccurringPassage => ({
  passageId: 'd.txt#0',
  start: 100,
  text: TEXT,
  document: doc,
  spans,
  sentences: [
    { start: 100, end: 130, similarity: similarity[0] },
    { start: 131, end: 166, similarity: similarity[1] },
    { start: 167, end: 194, similarity: similarity[2] },
  ],
});

describe('evidence', () => {
  it('builds the co-occurrence, hop and trend evidence queries', () => {
    const cooccurrence = buildCooccurrenceEvidence([['country:BE', 'organisation:iwg']], ['public']);
    expect(cooccurrence.cypher).toMatchInlineSnapshot(`
      "UNWIND $pairs AS pair
      MATCH (x:Entity {id: pair[0]}), (y:Entity {id: pair[1]})
      CALL (x, y) {
        MATCH (x)<-[mx:MENTIONS]-(s:Sentence)-[my:MENTIONS]->(y)
        MATCH (d:Document {id: s.documentId}) WHERE d.access IN $readable
        WITH s, d, mx, my ORDER BY d.date DESC, s.documentId, s.start
        // The same sentence in several documents (a page and its PDF) is cited once.
        WITH s.text AS text, head(collect({sentence: s.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: s.start, end: s.end, page: null}, passageId: s.passageId, spans: [mx.spans, my.spans], basis: 'mention'})) AS ev
        WITH ev ORDER BY ev.document.date DESC, ev.document.id, ev.span.start LIMIT toInteger($perPair)
        RETURN collect(ev) AS named
      }
      RETURN pair[0] AS a, pair[1] AS b, named,
        CASE WHEN size(named) > 0 THEN [] ELSE COLLECT {
          MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[mx:MENTIONS]->(x) WHERE d.access IN $readable
          MATCH (p)-[my:MENTIONS]->(y)
          RETURN {passageId: p.id, start: p.start, text: p.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, spans: [mx.spans, my.spans],
            sentences: COLLECT { MATCH (p)-[:HAS_SENTENCE]->(s:Sentence)
              RETURN {start: s.start, end: s.end, similarity: CASE WHEN size(mx.spans) = 0 THEN coalesce(vector.similarity.cosine(s.embedding, x.embedding), 0) ELSE 0 END + CASE WHEN size(my.spans) = 0 THEN coalesce(vector.similarity.cosine(s.embedding, y.embedding), 0) ELSE 0 END}
              ORDER BY s.start }}
          ORDER BY CASE WHEN size(mx.spans) > 0 AND size(my.spans) > 0 THEN 0 ELSE 1 END, d.date DESC, p.id
          LIMIT toInteger($perPair)
        } END AS passages"
    `);
    expect(cooccurrence.params).toEqual({
      pairs: [['country:BE', 'organisation:iwg']],
      perPair: 2,
      readable: ['public'],
    });
    expect(buildHopEvidence([['a', 'b']], ['public']).cypher).toMatchInlineSnapshot(`
      "UNWIND $pairs AS pair
      MATCH (x:Entity {id: pair[0]})-[r:CO_CHAIRS|SUBSCRIBES_TO|SPONSORS|MEMBER_OF|ORGANISED|AFFECTS|RELATED_TO]-(y:Entity {id: pair[1]})
      WHERE CASE type(r) WHEN 'RELATED_TO' THEN reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END) > 0 ELSE r.access IN $readable END
      OPTIONAL MATCH (d:Document {id: r.documentId}) WHERE d.access IN $readable
      RETURN pair[0] AS a, pair[1] AS b, type(r) AS type,
        CASE WHEN type(r) = 'RELATED_TO' THEN 'undirected' WHEN startNode(r) = x THEN 'forward' ELSE 'backward' END
          AS direction,
        CASE type(r) WHEN 'RELATED_TO' THEN (toFloat(reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END)) / (1.0 + reduce(u = 0, i IN range(0, size(coalesce(startNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN startNode(r).unitLabels[i] IN $readable THEN startNode(r).unitCounts[i] ELSE 0 END) + reduce(u = 0, i IN range(0, size(coalesce(endNode(r).unitLabels, [])) - 1) |
        u + CASE WHEN endNode(r).unitLabels[i] IN $readable THEN endNode(r).unitCounts[i] ELSE 0 END) - reduce(w = 0, i IN range(0, size(coalesce(r.accessLabels, [])) - 1) |
        w + CASE WHEN r.accessLabels[i] IN $readable THEN r.accessWeights[i] ELSE 0 END))) ELSE 1.0 END AS strength,
        CASE WHEN d IS NULL THEN [] ELSE [{sentence: r.sentence, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: r.start, end: r.end}, passageId: r.passageId,
            spans: COLLECT { MATCH (:Passage {id: r.passageId})-[:HAS_SENTENCE]->(fs:Sentence)-[fm:MENTIONS]->(fe:Entity)
              WHERE fs.start <= r.start AND r.end <= fs.end AND fe IN [x, y] RETURN fm.spans }, basis: 'mention'}] END AS evidence
      ORDER BY a, b, type, direction DESC"
    `);
    expect(buildTrendEvidence({ interval: 'year', readable: ['public'] }, ['trend:remote-work'], 3).cypher)
      .toMatchInlineSnapshot(`
        "UNWIND $trendIds AS tid
        MATCH (t:Trend {id: tid})
        CALL (t) {
          MATCH (t)<-[:MENTIONS]-(p:Passage)
          MATCH (d:Document {id: p.documentId})
          WHERE d.date IS NOT NULL AND d.access IN $readable
          AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
          WITH d, p, ($focusGroup IS NULL OR $focusGroup IN coalesce(d.focusGroups, [])) AS declared
          WITH d, p, declared ORDER BY d.date DESC, d.id, p.ordinal
          WITH d, declared, head(collect(p)) AS p ORDER BY d.date DESC, d.id LIMIT toInteger($perTrend)
          WITH d, p, coalesce(COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)-[em:MENTIONS]->(t)
              WHERE declared
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [em.spans] + COLLECT { MATCH (es)-[gm:MENTIONS]->(:Entity {id: $focusGroup}) RETURN gm.spans }, basis: 'mention'}
              ORDER BY es.start LIMIT 1 }[0], CASE WHEN declared THEN COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)
              RETURN {sentence: es.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source}, span: {start: es.start, end: es.end, page: p.page}, passageId: es.passageId, spans: [], basis: 'meaning'}
              ORDER BY vector.similarity.cosine(es.embedding, t.embedding) DESC, es.start LIMIT 1 }[0] END) AS ev
          WHERE ev IS NOT NULL
          RETURN collect(ev) AS evidence
        }
        RETURN t.id AS tid, evidence"
      `);
  });

  it('keeps only the mentions inside the evidence, in order and once', () => {
    expect(
      toMentions(
        [
          [120, 125, 100, 107],
          [100, 107, 300, 310],
        ],
        { start: 100, end: 130 },
      ),
    ).toEqual([
      { start: 100, end: 107 },
      { start: 120, end: 125 },
    ]);
    const sut = toEvidence({
      sentence: 'x',
      document: doc,
      span: { start: 100, end: 130, page: 2 },
      passageId: 'p',
      spans: [[100, 107], null],
    });
    expect(sut).toMatchObject({
      span: { start: 100, end: 130, page: 2 },
      mentions: [{ start: 100, end: 107 }],
      basis: 'mention',
    });
  });

  it('when both are named in different sentences, then the evidence is the run of sentences between the names', () => {
    const sut = passageEvidence(
      passage([
        [100, 107],
        [167, 178],
      ]),
    );
    expect(sut.basis).toBe('span');
    expect(sut.span).toEqual({ start: 100, end: 194 });
    expect(sut.sentence).toBe(TEXT.slice(0, 94));
    expect(sut.mentions).toEqual([
      { start: 100, end: 107 },
      { start: 167, end: 178 },
    ]);
  });

  it('when one is linked by meaning, then the evidence is the sentence naming the other closest to its description', () => {
    const byMeaning = passageEvidence(passage([[167, 178], []], [0.9, 0.8, 0.2]));
    expect(byMeaning).toMatchObject({
      basis: 'meaning',
      span: { start: 167, end: 194 },
      mentions: [{ start: 167, end: 178 }],
    });
    expect(byMeaning.sentence).toBe('INFCIRC/908 closed the day.');
    const bothByMeaning = passageEvidence(passage([[], []], [0.2, 0.9, 0.3]));
    expect(bothByMeaning).toMatchObject({ basis: 'meaning', span: { start: 131, end: 166 }, mentions: [] });
  });

  it('when a sentence names both, then only such sentences are cited', () => {
    const named = {
      sentence: 'Belgium and INFCIRC/908.',
      document: doc,
      span: { start: 0, end: 24 },
      passageId: 'p',
      spans: [
        [0, 7],
        [12, 23],
      ],
    };
    const sut = toCooccurrenceEvidence({
      a: 'x',
      b: 'y',
      named: [named],
      passages: [
        passage([
          [100, 107],
          [167, 178],
        ]),
      ],
    });
    expect(sut).toHaveLength(1);
    expect(sut[0].mentions).toHaveLength(2);
  });
});
