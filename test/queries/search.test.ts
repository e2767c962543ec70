/** Translate-only: the Cypher text and parameters of the search builders, and the pure helpers. */
import { describe, expect, it } from 'vitest';
import { escapeLucene, keywordQuery, matchedTerms, queryTerms } from '../../queries/lucene.js';
import {
  buildSearch,
  candidateCount,
  candidateLists,
  scoringOf,
  keywordBranches,
  semanticBranches,
  SENTENCE_LOOKUPS,
  sentenceLookups,
} from '../../queries/search.js';
import type { SearchHit } from '../../queries/answers.js';
import { entityNamedIn, judgeConfidence, pickMatch } from '../../queries/search-hits.js';

describe('escapeLucene', () => {
  it('escapes every special character and lower-cases operators', () => {
    expect(escapeLucene('"foo AND (bar')).toBe('\\"foo and \\(bar');
    expect(escapeLucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t',
    );
    expect(escapeLucene('x OR y NOT z')).toBe('x or y not z');
  });
  it('returns null when nothing searchable is left', () => {
    expect(escapeLucene('*:*')).toBeNull();
    expect(escapeLucene('\\')).toBeNull();
  });
});

describe('keywordQuery', () => {
  it('keeps the content words, escaped, and drops the stop words the full-text index would match everywhere', () => {
    expect(keywordQuery('Background checks AND the trustworthiness of (personnel)')).toBe(
      'Background checks trustworthiness \\(personnel\\)',
    );
    expect(keywordQuery("the insider's access")).toBe("insider's access");
    expect(keywordQuery('Article 5 of INFCIRC/908')).toBe('Article 5 INFCIRC\\/908');
    expect(keywordQuery("x and it's")).toBe('x');
  });
  it('returns null when only stop words or syntax are left, so no keyword list runs', () => {
    expect(keywordQuery('the')).toBeNull();
    expect(keywordQuery('and of the, with')).toBeNull();
    expect(keywordQuery('what is it?')).toBeNull();
    expect(keywordQuery('*:*')).toBeNull();
  });
});

describe('query terms', () => {
  it('drops stop words and matches whole words', () => {
    expect(queryTerms('Remote access to the safety systems')).toEqual(['remote', 'access', 'safety', 'systems']);
    expect(matchedTerms(['remote', 'access', 'cess'], 'No remote access.')).toEqual(['remote', 'access']);
  });
  it('names entities by alias, acronyms only as written', () => {
    expect(entityNamedIn({ name: 'United States', aliases: ['US'] }, 'what do us citizens say')).toBe(false);
    expect(entityNamedIn({ name: 'United States', aliases: ['US'] }, 'what does the US say')).toBe(true);
    expect(entityNamedIn({ name: 'Belgium', aliases: [] }, 'belgium co-chair')).toBe(true);
  });
});

describe('search builder', () => {
  it('says what the scores are: fused when both lists run, else the one list that runs', () => {
    expect(scoringOf('hybrid', [0.1], 'remote access')).toBe('fused');
    // Stop words alone make no Lucene query: hybrid then ranks by the semantic list's own similarity.
    expect(scoringOf('hybrid', [0.1], null)).toBe('semantic');
    expect(scoringOf('hybrid', null, 'remote access')).toBe('keyword');
    expect(scoringOf('semantic', [0.1], 'remote access')).toBe('semantic');
    expect(scoringOf('keyword', null, 'remote access')).toBe('keyword');
    const lists = (mode: 'hybrid' | 'semantic', lucene: string | null) =>
      candidateLists(
        { mode, types: ['passage'], filters: { readable: ['public'] }, offset: 0, limit: 10 } as Parameters<
          typeof candidateLists
        >[0],
        [0.1],
        lucene,
      );
    expect(lists('hybrid', 'remote').single).toBe(false);
    expect(lists('hybrid', null).single).toBe(true);
  });

  it('asks for (offset + limit) * 2 + 10 candidates: more than the page reaches, capped at 10,000', () => {
    expect(candidateCount(0, 10)).toBe(30);
    expect(candidateCount(20, 10)).toBe(70);
    expect(candidateCount(0, 1)).toBeGreaterThan(1);
    expect(candidateCount(9_000, 100)).toBe(10_000);
  });

  it('asks the sentence index for more entries than the list keeps, never fewer, and keeps the best k passages', () => {
    expect(SENTENCE_LOOKUPS).toBeGreaterThan(candidateCount(0, 10));
    expect(sentenceLookups(30)).toBe(SENTENCE_LOOKUPS);
    expect(sentenceLookups(SENTENCE_LOOKUPS + 500)).toBe(SENTENCE_LOOKUPS + 500);
    expect(sentenceLookups(20_000)).toBe(10_000);
    const input = { mode: 'semantic', types: ['passage'], filters: { readable: ['public'] }, offset: 0, limit: 10 };
    const lists = candidateLists(input as Parameters<typeof candidateLists>[0], [0.1, 0.2], null);
    expect(lists.params).toMatchObject({ k: 30, lookups: SENTENCE_LOOKUPS });
    expect(lists.cypher).toContain("queryNodes('sentence_embedding', toInteger($lookups), $embedding)");
    expect(lists.cypher).toContain('ORDER BY score DESC, node.id LIMIT toInteger($k)');
    const asked = candidateLists({ ...(input as Parameters<typeof candidateLists>[0]), lookups: 77 }, [0.1], null);
    expect(asked.params).toMatchObject({ lookups: 77 });
  });

  it('ranks passages by their best sentence, with filters inside each semantic branch', () => {
    const sut = semanticBranches(['passage', 'practice'], {
      readable: ['public'],
      countries: ['country:BE'],
      documentTypes: ['newsletter'],
      from: '2020-01-01',
    });
    expect(sut.branches.join('\n  UNION ALL\n')).toMatchInlineSnapshot(`
      "  CALL db.index.vector.queryNodes('sentence_embedding', toInteger($lookups), $embedding) YIELD node AS t, score
        CALL (t) {
          MATCH (s:Sentence {textHash: t.textHash}) USING INDEX s:Sentence(textHash)
          MATCH (node:Passage {id: s.passageId}) WHERE EXISTS { MATCH (fd:Document {id: node.documentId}) WHERE fd.access IN $readable AND fd.type IN $f_documentTypes AND fd.date >= $f_from }
        AND EXISTS { MATCH (node)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries }
          RETURN s, node LIMIT 1
        }
        WITH node, s, score ORDER BY score DESC
        WITH node, collect(s.id)[0] AS matchId, max(score) AS score
        ORDER BY score DESC, node.id LIMIT toInteger($k)
        RETURN 'passage' AS type, node.id AS id, score, matchId
        UNION ALL
        CALL db.index.vector.queryNodes('practice_embedding', toInteger($k), $embedding) YIELD node AS node, score
        WHERE EXISTS { MATCH (node)-[rq_node:SOURCED_FROM]->(:Passage) WHERE rq_node.quote = node.text
            MATCH (ra_node:Document {id: rq_node.documentId}) WHERE ra_node.access IN $readable } AND EXISTS { MATCH (node)-[:SOURCED_FROM]->(fp:Passage) WHERE EXISTS { MATCH (fd:Document {id: fp.documentId}) WHERE fd.access IN $readable AND fd.type IN $f_documentTypes AND fd.date >= $f_from } AND EXISTS { MATCH (fp)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries } }
        RETURN 'practice' AS type, node.id AS id, score, null AS matchId"
    `);
    expect(sut.params).toMatchInlineSnapshot(`
      {
        "f_countries": [
          "country:BE",
        ],
        "f_documentTypes": [
          "newsletter",
        ],
        "f_from": "2020-01-01",
        "readable": [
          "public",
        ],
      }
    `);
  });

  it('builds keyword branches for every hit type without filters', () => {
    const sut = keywordBranches(['passage', 'practice', 'topic', 'trend', 'document'], { readable: ['public'] });
    expect(sut.branches.join('\n  UNION ALL\n')).toMatchInlineSnapshot(`
      "  CALL db.index.fulltext.queryNodes('passage_text', $lucene, {limit: toInteger($k)})
          YIELD node, score
        WHERE EXISTS { MATCH (fd:Document {id: node.documentId}) WHERE fd.access IN $readable }
        RETURN 'passage' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('practice_text', $lucene, {limit: toInteger($k)})
          YIELD node, score
        WHERE EXISTS { MATCH (node)-[rq_node:SOURCED_FROM]->(:Passage) WHERE rq_node.quote = node.text
            MATCH (ra_node:Document {id: rq_node.documentId}) WHERE ra_node.access IN $readable }
        RETURN 'practice' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($k)})
          YIELD node, score
        WHERE node:Topic AND true
        RETURN 'topic' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($k)})
          YIELD node, score
        WHERE node:Trend AND true
        RETURN 'trend' AS type, node.id AS id, score
        UNION ALL
        CALL () {
          CALL db.index.fulltext.queryNodes('document_title', $lucene, {limit: toInteger($k)})
            YIELD node, score
          WHERE node.access IN $readable
          RETURN node.id AS id, score
          UNION ALL
          CALL db.index.fulltext.queryNodes('passage_text', $lucene, {limit: toInteger($k)})
            YIELD node AS p, score
          MATCH (node:Document {id: p.documentId}) WHERE node.access IN $readable
          RETURN node.id AS id, score
        }
        WITH id, max(score) AS score ORDER BY score DESC, id LIMIT toInteger($k)
        RETURN 'document' AS type, id, score"
    `);
  });

  it('answers hybrid search in one statement: both lists, fusion, the page and its details', () => {
    const input = {
      query: 'remote access',
      limit: 10,
      offset: 20,
      mode: 'hybrid',
      types: ['passage'],
      filters: { readable: ['public'] },
    } as const;
    const sut = buildSearch(input, [0.1, 0.2], 'remote access');
    expect(Object.isFrozen(sut)).toBe(true);
    expect(sut.cypher).toMatchInlineSnapshot(`
      "    CALL () {
        CALL () {
          CALL db.index.vector.queryNodes('sentence_embedding', toInteger($lookups), $embedding) YIELD node AS t, score
        CALL (t) {
          MATCH (s:Sentence {textHash: t.textHash}) USING INDEX s:Sentence(textHash)
          MATCH (node:Passage {id: s.passageId}) WHERE EXISTS { MATCH (fd:Document {id: node.documentId}) WHERE fd.access IN $readable }
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
        RETURN 'passage' AS type, node.id AS id, score
        }
        WITH type, id, score ORDER BY score DESC, type, id
        RETURN collect({type: type, id: id, score: score}) AS keyword
      }
          WITH semantic, keyword,
            [i IN range(0, size(semantic) - 1) | {type: semantic[i].type, id: semantic[i].id, score: semantic[i].score,
              matchId: semantic[i].matchId, list: 'semantic', rank: i + 1,
              relative: CASE WHEN semantic[0].score > semantic[-1].score
                THEN (semantic[i].score - semantic[-1].score) / (semantic[0].score - semantic[-1].score) ELSE 1.0 END}] +
            [i IN range(0, size(keyword) - 1) | {type: keyword[i].type, id: keyword[i].id, score: keyword[i].score,
              list: 'keyword', rank: i + 1,
              relative: CASE WHEN keyword[0].score > keyword[-1].score
                THEN (keyword[i].score - keyword[-1].score) / (keyword[0].score - keyword[-1].score) ELSE 1.0 END}] AS entries
          CALL (entries) {
            UNWIND entries AS e
            WITH e.type AS type, e.id AS id,
              sum(CASE WHEN $single THEN e.score ELSE e.relative END) AS score,
              min(e.rank) AS best, collect(e {.list, .rank, .score}) AS lists, max(e.matchId) AS matchId
            ORDER BY score DESC, best, type, id
            RETURN collect({type: type, id: id, score: score, lists: lists, matchId: matchId}) AS fused
          }
          WITH semantic[0].score AS topSemantic, size(fused) AS total,
            fused[toInteger($offset)..toInteger($offset) + toInteger($limit)] AS page
          CALL (page) {
            CALL (page) {
            UNWIND page AS h
            WITH h WHERE h.type = 'passage'
            MATCH (d:Document)-[:HAS_PASSAGE]->(n:Passage {id: h.id})
            WITH h, d, n,
              COLLECT { MATCH (n)-[:HAS_SENTENCE]->(s:Sentence) WHERE h.matchId IS NULL OR s.id = h.matchId
                RETURN s {.id, .text, .start, .end,
            sim: CASE WHEN $embedding IS NULL OR h.matchId IS NOT NULL THEN null
              ELSE vector.similarity.cosine(s.embedding, $embedding) END} ORDER BY s.start } AS sentences,
              COLLECT { MATCH (n)-[:MENTIONS]->(e:Entity) RETURN e {type: e.kind, id: e.id, name: e.name, aliases: coalesce(e.aliases, [])} ORDER BY e.id } AS entities
            RETURN {type: 'passage', id: n.id, text: n.text, document: d {id: d.id, title: coalesce(d.title, d.id), type: coalesce(d.type, 'other'), date: d.date, source: d.source},
              span: {start: n.start, end: n.end, page: n.page}, sentences: sentences, entities: entities} AS detail
            }
            RETURN collect(detail) AS details
          }
          RETURN total, topSemantic, page, details"
    `);
    expect(sut.params).toMatchInlineSnapshot(`
      {
        "embedding": [
          0.1,
          0.2,
        ],
        "k": 70,
        "limit": 10,
        "lookups": 100,
        "lucene": "remote access",
        "offset": 20,
        "readable": [
          "public",
        ],
        "single": false,
      }
    `);
  });

  it('runs only the keyword list in keyword mode, and only the semantic list in semantic mode', () => {
    const base = { query: 'x', limit: 10, offset: 0, types: ['passage'], filters: { readable: ['public'] } } as const;
    const keyword = buildSearch({ ...base, mode: 'keyword' }, null, 'x');
    expect(keyword.cypher).not.toContain('db.index.vector.queryNodes');
    expect(keyword.params.single).toBe(true);
    const semantic = buildSearch({ ...base, mode: 'semantic' }, [0.1], 'x');
    expect(semantic.cypher).not.toContain('db.index.fulltext.queryNodes');
    expect(semantic.params.single).toBe(true);
    // Hybrid with nothing searchable for Lucene keeps the semantic list's own scores.
    expect(buildSearch({ ...base, mode: 'hybrid' }, [0.1], null).params.single).toBe(true);
  });
});

describe('picking the match and judging confidence', () => {
  const sentences = [
    { id: 's0', text: 'Vetting is done once.', start: 0, end: 21, sim: 0.2 },
    { id: 's1', text: 'Remote access is logged.', start: 22, end: 46, sim: 0.7 },
  ];
  it('takes the semantic best sentence, else the closest, else the one with most query terms', () => {
    expect(pickMatch(sentences, 's0', [])?.id).toBe('s0');
    expect(pickMatch(sentences, null, [])?.id).toBe('s1');
    const noSims = sentences.map(({ sim: _sim, ...s }) => s);
    expect(pickMatch(noSims, null, ['vetting'])?.id).toBe('s0');
    expect(pickMatch([], null, ['x'])).toBeNull();
  });
  it('is high for a close sentence or a top hit holding most query words, low otherwise', () => {
    const hit = (terms: string[]) => ({ why: { matchedTerms: terms } }) as unknown as SearchHit;
    expect(judgeConfidence(0.8, 'remote access logging', [hit([])]).level).toBe('high');
    expect(judgeConfidence(0.6, 'xyzzyqwertyplugh', [hit([])])).toEqual({
      level: 'low',
      bestSimilarity: expect.closeTo(0.2, 6),
      termCoverage: 0,
    });
    expect(judgeConfidence(null, 'remote access logging', [hit(['remote', 'access'])]).level).toBe('high');
    expect(judgeConfidence(0.9, 'anything', []).level).toBe('low');
  });
});
