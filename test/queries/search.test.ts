/** Translate-only: the Cypher text and parameters of the search builders, and the pure helpers. */
import { describe, expect, it } from 'vitest';
import { fuseReciprocalRank } from '../../queries/fusion.js';
import { escapeLucene, matchedTerms, queryTerms } from '../../queries/lucene.js';
import { buildKeywordSearch, buildSemanticSearch, candidateCount } from '../../queries/search.js';
import { buildHitDetails, entityNamedIn } from '../../queries/search-hits.js';

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

describe('fuseReciprocalRank', () => {
  const item = (id: string, rank: number, score = 1) => ({ key: `passage|${id}`, type: 'passage', id, rank, score });
  it('sums 1/(60 + rank) over the lists and records each rank', () => {
    const fused = fuseReciprocalRank({ semantic: [item('a', 1), item('b', 2)], keyword: [item('b', 1), item('c', 2)] });
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0].score).toBeCloseTo(1 / 62 + 1 / 61);
    expect(fused[0].lists).toEqual({ semantic: { rank: 2, score: 1 }, keyword: { rank: 1, score: 1 } });
  });
  it('keeps a single list as it is', () => {
    const fused = fuseReciprocalRank({ semantic: null, keyword: [item('x', 1, 3.5), item('y', 2, 1.2)] });
    expect(fused.map((f) => [f.id, f.score])).toEqual([
      ['x', 3.5],
      ['y', 1.2],
    ]);
  });
});

describe('search builders', () => {
  it('asks for (offset + limit) * 5 + 50 candidates', () => {
    expect(candidateCount(0, 10)).toBe(100);
    expect(candidateCount(20, 10)).toBe(200);
  });

  it('builds the semantic query with filters applied inside each branch', () => {
    const sut = buildSemanticSearch(['passage', 'practice'], [0.1, 0.2], 100, {
      countries: ['country:BE'],
      documentTypes: ['newsletter'],
      from: '2020-01-01',
    });
    expect(Object.isFrozen(sut)).toBe(true);
    expect(sut.cypher).toMatchInlineSnapshot(`
      "CALL () {
        CALL db.index.vector.queryNodes('passage_embedding', toInteger($k), $embedding) YIELD node, score
        WHERE EXISTS { MATCH (fd:Document)-[:HAS_PASSAGE]->(node) WHERE fd.type IN $f_documentTypes AND fd.date >= $f_from }
        AND EXISTS { MATCH (node)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries }
        RETURN 'passage' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.vector.queryNodes('practice_embedding', toInteger($k), $embedding) YIELD node, score
        WHERE EXISTS { MATCH (node)-[:SOURCED_FROM]->(fp:Passage) WHERE EXISTS { MATCH (fd:Document)-[:HAS_PASSAGE]->(fp) WHERE fd.type IN $f_documentTypes AND fd.date >= $f_from } AND EXISTS { MATCH (fp)-[:MENTIONS]->(fe:Entity) WHERE fe.id IN $f_countries } }
        RETURN 'practice' AS type, node.id AS id, score
      }
      RETURN type, id, score
      ORDER BY score DESC, id"
    `);
    expect(sut.params).toMatchInlineSnapshot(`
      {
        "embedding": [
          0.1,
          0.2,
        ],
        "f_countries": [
          "country:BE",
        ],
        "f_documentTypes": [
          "newsletter",
        ],
        "f_from": "2020-01-01",
        "k": 100,
      }
    `);
  });

  it('builds the keyword query for every hit type without filters', () => {
    const sut = buildKeywordSearch(['passage', 'practice', 'topic', 'trend', 'document'], 'remote access', 60, {});
    expect(sut.cypher).toMatchInlineSnapshot(`
      "CALL () {
        CALL db.index.fulltext.queryNodes('passage_text', $lucene, {limit: toInteger($k)}) YIELD node, score
        WHERE true
        RETURN 'passage' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('practice_text', $lucene, {limit: toInteger($k)}) YIELD node, score
        WHERE true
        RETURN 'practice' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($k)}) YIELD node, score
        WHERE node:Topic AND true
        RETURN 'topic' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: toInteger($k)}) YIELD node, score
        WHERE node:Trend AND true
        RETURN 'trend' AS type, node.id AS id, score
        UNION ALL
        CALL db.index.fulltext.queryNodes('document_title', $lucene, {limit: toInteger($k)}) YIELD node, score
        WHERE true
        RETURN 'document' AS type, node.id AS id, score
      }
      RETURN type, id, score
      ORDER BY score DESC, id"
    `);
    expect(sut.params).toMatchInlineSnapshot(`
      {
        "k": 60,
        "lucene": "remote access",
      }
    `);
  });

  it('hydrates a page by type', () => {
    const sut = buildHitDetails([
      { type: 'passage', id: 'd#0' },
      { type: 'practice', id: 'practice:abc' },
      { type: 'trend', id: 'trend:remote-work' },
    ]);
    expect(sut.params).toMatchInlineSnapshot(`
      {
        "documentIds": [],
        "entityIds": [
          "trend:remote-work",
        ],
        "passageIds": [
          "d#0",
        ],
        "practiceIds": [
          "practice:abc",
        ],
      }
    `);
    expect(sut.cypher).toContain('UNWIND $passageIds AS hid');
  });
});
