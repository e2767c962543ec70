/**
 * Document writes: one document per transaction (its passages, mentions, facts and practices replace the previous
 * version atomically), deletions with their orphans, co-occurrence. Each transaction takes the write lock first
 * (graph/write-lock.ts), so writers in several processes change the graph one at a time.
 */
import { query, stableQuery } from './cypher.js';
import type { Graph, CypherQuery } from './driver.js';
import { nearestPractices } from './practice-lookup.js';
import { FACT_TYPES, label, relType } from './schema.js';
import { CLEAR_COOCCURRENCE_STALE, takeWriteLock } from './write-lock.js';
import type { Relation } from '../ingest/records.js';
import type { DocumentRecord, PracticeLookup, WrittenDocument } from '../ingest/document-store.js';

const FACT_PATTERN = FACT_TYPES.map(relType).join('|');

/** How sentence `v` holds its text's entry in the sentence index (`distinctHash` is the key a holder is found by). */
const holdIndexEntry = (v: string) => `SET ${v}.distinctHash = ${v}.textHash, ${v}.distinctEmbedding = ${v}.embedding`;

/**
 * One statement removing what a document contributed (not the Document node itself), run only when the Document
 * exists: a new document pays one index look-up instead of scanning every fact. Practices it supported are marked
 * `affectedBy` first, so the clean-up after it touches those practices only, not every practice; a merged
 * practice's topic/attribute tags are kept per supporting document.
 */
function removeDocumentContent(id: string): CypherQuery {
  return stableQuery(
    `MATCH (doc:Document {id: $id})
     CALL (doc) { MATCH (:Entity)-[r:${FACT_PATTERN}]->(:Entity) WHERE r.documentId = $id DELETE r }
     CALL (doc) {
       MATCH (p:Passage {documentId: $id})<-[:SOURCED_FROM]-(x:Practice) USING INDEX p:Passage(documentId)
       SET x.affectedBy = $id
     }
     CALL (doc) {
       MATCH (x:Practice {affectedBy: $id})-[r:ADDRESSES|MITIGATES]->() USING INDEX x:Practice(affectedBy)
       WHERE $id IN r.documentIds
       SET r.documentIds = [d IN r.documentIds WHERE d <> $id]
       WITH r WHERE size(r.documentIds) = 0 DELETE r
     }
     CALL (doc) { MATCH (p:Passage {documentId: $id}) USING INDEX p:Passage(documentId) DETACH DELETE p }
     CALL (doc) {
       MATCH (s:Sentence {documentId: $id}) USING INDEX s:Sentence(documentId)
       WITH collect(s) AS sentences, collect(s.distinctHash) AS held
       FOREACH (s IN sentences | DETACH DELETE s)
       // A text this document held in the sentence index passes to another document's sentence of it, if any.
       WITH held UNWIND held AS h
       CALL (h) {
         MATCH (o:Sentence {textHash: h}) USING INDEX o:Sentence(textHash)
         WITH o LIMIT 1
         ${holdIndexEntry('o')}
       }
     }`,
    { id },
  );
}

/**
 * The documents' sentences whose text no sentence holds in the sentence index yet take its place there (one per
 * distinct text, the first by document and position): the index ranks texts, and search expands a text to where it
 * is said. Returns `given`, the texts given an entry. Used by every write and by the start-up backfill of graphs
 * written before (graph/sentence-backfill.ts).
 */
export function indexDistinctSentences(ids: readonly string[]): CypherQuery {
  return stableQuery(
    `UNWIND $ids AS id
     MATCH (x:Sentence {documentId: id}) USING INDEX x:Sentence(documentId)
     WITH x ORDER BY x.documentId, x.ordinal
     WITH x.textHash AS h, collect(x)[0] AS x
     WHERE NOT EXISTS { MATCH (o:Sentence {distinctHash: h}) }
     ${holdIndexEntry('x')}
     RETURN count(x) AS given`,
    { ids: [...ids] },
  );
}

/**
 * After a document's practices changed: deletes those left without a source, recounts sources of the others and
 * keeps each practice's text equal to one of its remaining quotes (the first by document and offset when the quote
 * it had is gone), so every practice still cites its evidence exactly.
 */
function settlePractices(id: string): CypherQuery[] {
  return [
    stableQuery(
      `MATCH (x:Practice {affectedBy: $id}) USING INDEX x:Practice(affectedBy)
       WHERE NOT (x)-[:SOURCED_FROM]->() DETACH DELETE x`,
      { id },
    ),
    stableQuery(
      `MATCH (x:Practice {affectedBy: $id}) USING INDEX x:Practice(affectedBy)
       CALL (x) {
         MATCH (x)-[s:SOURCED_FROM]->()
         WITH s ORDER BY s.documentId, s.start
         RETURN collect(s) AS sources
       }
       SET x.sourceCount = size(sources),
           x.documentCount = size(COLLECT { UNWIND sources AS s RETURN DISTINCT s.documentId }),
           x.text = CASE WHEN any(s IN sources WHERE s.quote = x.text) THEN x.text ELSE sources[0].quote END
       REMOVE x.affectedBy`,
      { id },
    ),
  ];
}

/**
 * An entity's establishedIn (and its evidence) is the first remaining statement of it, by document and offset, so
 * it survives the deletion of one of several documents that state it. Only entities this document may have changed
 * are derived again: those it states now (`entityIds`) and those whose value came from it.
 */
function deriveStatedValues(id: string, entityIds: string[]): CypherQuery {
  return stableQuery(
    `MATCH (e:Entity) WHERE e.id IN $entityIds OR e.establishedInDocumentId = $id
     OPTIONAL MATCH (p:Passage)-[r:STATES {key: 'establishedIn'}]->(e)
     WITH e, p, r ORDER BY r.documentId, r.start
     WITH e, head(collect(CASE WHEN r IS NULL THEN null ELSE {r: r, p: p.id} END)) AS first
     SET e.establishedIn = first.r.value, e.establishedInDocumentId = first.r.documentId,
         e.establishedInPassageId = first.p, e.establishedInSentence = first.r.sentence,
         e.establishedInStart = first.r.start, e.establishedInEnd = first.r.end`,
    { id, entityIds },
  );
}

/** A subquery tagging practice `x` with the entities of `pr.<field>`; the tag records which documents gave it. */
function tagPractice(field: 'topics' | 'attributes', target: string, type: string): string {
  return `CALL (x, pr) {
         UNWIND pr.${field} AS t
         MATCH (e:${label(target)} {id: t.id}) USING INDEX e:${label(target)}(id)
         MERGE (x)-[a:${relType(type)}]->(e)
         SET a.method = t.method, a.score = t.score,
             a.documentIds = CASE WHEN $id IN coalesce(a.documentIds, []) THEN a.documentIds
                                  ELSE coalesce(a.documentIds, []) + $id END
       }`;
}

/**
 * The document, its passages (in order, NEXT between neighbours) and its sentences in one statement: each
 * sentence is linked from every passage that contains it by the passages' positions in this statement, so no
 * sentence looks passages up. Vectors are stored as float32 (half the size of a list of floats).
 */
function createDocumentNodes(r: DocumentRecord): CypherQuery {
  const passages = r.passages.map(({ embedding: _e, ...p }) => p);
  const sentences = r.sentences.map(({ mentions: _m, embedding: _e, ...s }) => ({
    ...s,
    within: r.passages.flatMap((p, i) => (p.start <= s.start && s.end <= p.end ? [i] : [])),
  }));
  return stableQuery(
    `MERGE (d:Document {id: $id}) SET d += $props, d.passageCount = size($passages), d.ingestedAt = datetime()
     WITH d
     UNWIND range(0, size($passages) - 1) AS i
     CREATE (x:Passage) SET x = $passages[i]
     CREATE (d)-[:HAS_PASSAGE]->(x)
     WITH x, i CALL db.create.setNodeVectorProperty(x, 'embedding', $passageVectors[i])
     WITH x ORDER BY x.ordinal
     WITH collect(x) AS ps
     CALL (ps) { UNWIND range(0, size(ps) - 2) AS i WITH ps[i] AS a, ps[i + 1] AS b CREATE (a)-[:NEXT]->(b) }
     UNWIND range(0, size($sentences) - 1) AS i
     WITH ps, i, $sentences[i] AS s
     CREATE (x:Sentence {id: s.id, documentId: $id, passageId: s.passageId, ordinal: s.ordinal, start: s.start,
                         end: s.end, text: s.text, textHash: s.textHash})
     WITH ps, i, s, x CALL db.create.setNodeVectorProperty(x, 'embedding', $sentenceVectors[i])
     UNWIND s.within AS j
     WITH ps[toInteger(j)] AS p, x
     CREATE (p)-[:HAS_SENTENCE]->(x)`,
    {
      id: r.document.id,
      props: r.document,
      passages,
      passageVectors: r.passages.map((p) => p.embedding),
      sentences,
      sentenceVectors: r.sentences.map((x) => x.embedding),
    },
  );
}

/** Alias mentions of the document's sentences and mentions (alias or semantic) of its passages. */
function createMentions(r: DocumentRecord): CypherQuery {
  return stableQuery(
    `CALL () {
       UNWIND $sentenceMentions AS m
       MATCH (s:Sentence {id: m.sentenceId}) USING INDEX s:Sentence(id)
       MATCH (e:Entity {id: m.entityId}) USING INDEX e:Entity(id)
       CREATE (s)-[:MENTIONS {method: 'alias', spans: m.spans, count: size(m.spans) / 2}]->(e)
     }
     UNWIND $mentions AS m
     MATCH (p:Passage {id: m.passageId}) USING INDEX p:Passage(id)
     MATCH (e:Entity {id: m.entityId}) USING INDEX e:Entity(id)
     CREATE (p)-[:MENTIONS {method: m.method, score: m.score, spans: m.spans, count: size(m.spans) / 2}]->(e)`,
    {
      sentenceMentions: r.sentences.flatMap((s) => s.mentions.map((m) => ({ sentenceId: s.id, ...m }))),
      mentions: r.mentions,
    },
  );
}

/**
 * Replaces a document's content in one transaction: takes the write lock, lets `build` complete the record with
 * reads in that transaction (the practice merge's), then writes it and marks co-occurrence stale.
 */
export async function writeDocument(
  graph: Graph,
  build: (lookup: PracticeLookup) => Promise<DocumentRecord>,
): Promise<WrittenDocument> {
  return graph.transaction(async (tx) => {
    await tx.run(takeWriteLock(true));
    const record = await build({ nearestPractices: (embeddings, doc) => nearestPractices(tx, embeddings, doc) });
    const [previous] = await tx.run(
      query('MATCH (d:Document {id: $id}) RETURN d.contentHash AS hash', { id: record.document.id }),
    );
    for (const q of documentStatements(record)) await tx.run(q);
    return { record, previousHash: previous === undefined ? undefined : String(previous.hash) };
  });
}

/** The statements that replace a document's content with the record's. */
function documentStatements(r: DocumentRecord): CypherQuery[] {
  const id = r.document.id;
  const factsByType = new Map<string, Relation[]>();
  for (const rel of r.relations) factsByType.set(rel.type, [...(factsByType.get(rel.type) ?? []), rel]);
  return [
    removeDocumentContent(id),
    createDocumentNodes(r),
    indexDistinctSentences([id]),
    createMentions(r),
    ...[...factsByType].map(([type, rels]) =>
      stableQuery(
        `UNWIND $rels AS r
         MATCH (a:Entity {id: r.from}) USING INDEX a:Entity(id)
         MATCH (b:Entity {id: r.to}) USING INDEX b:Entity(id)
         CREATE (a)-[x:${relType(type)}]->(b)
         SET x.documentId = $id, x.passageId = r.passageId, x.sentence = r.sentence, x.start = r.start,
             x.end = r.end, x.method = 'pattern', x.access = $access`,
        // The document's access label on the fact itself: path searches filter hops by a property, not a subquery.
        { id, rels, access: r.document.access },
      ),
    ),
    // A value fact ("established in 2020") is stated by a passage: deleting the passage deletes the statement.
    stableQuery(
      `UNWIND $attributes AS a
       MATCH (p:Passage {id: a.passageId}) USING INDEX p:Passage(id)
       MATCH (e:Entity {id: a.entityId}) USING INDEX e:Entity(id)
       CREATE (p)-[:STATES {key: a.key, value: a.value, documentId: $id, sentence: a.sentence, start: a.start, end: a.end}]->(e)`,
      { id, attributes: r.attributes },
    ),
    stableQuery(
      `UNWIND $practices AS pr
       MERGE (x:Practice {id: pr.id})
       ON CREATE SET x.text = pr.text
       // The vector of the practice's own text, also when the node outlived a re-ingest (a pipeline change may
       // change what is embedded); a practice merged into another text keeps that text's vector.
       SET x.affectedBy = $id, x.embedding = CASE WHEN x.text = pr.text THEN pr.embedding ELSE x.embedding END
       WITH x, pr
       CALL (x, pr) {
         UNWIND pr.sources AS s
         MATCH (p:Passage {id: s.passageId}) USING INDEX p:Passage(id)
         CREATE (x)-[:SOURCED_FROM {documentId: $id, quote: s.quote, start: s.start, end: s.end, cue: s.cue}]->(p)
         WITH x, s
         MATCH (q:Sentence {id: s.sentenceId}) USING INDEX q:Sentence(id)
         CREATE (x)-[:QUOTES {documentId: $id}]->(q)
       }
       ${tagPractice('topics', 'Topic', 'ADDRESSES')}
       ${tagPractice('attributes', 'InsiderAttribute', 'MITIGATES')}`,
      { id, practices: r.practices },
    ),
    ...settlePractices(id),
    deriveStatedValues(id, [...new Set(r.attributes.map((a) => a.entityId))]),
  ];
}

/** Deletes documents (each in its own transaction) with their passages, facts and the practices only they supported. */
export async function deleteDocument(graph: Graph, id: string): Promise<boolean> {
  const content = [takeWriteLock(true), removeDocumentContent(id)];
  const results = await graph.write([
    ...content,
    query('MATCH (d:Document {id: $id}) DETACH DELETE d RETURN count(d) AS n', { id }),
    ...settlePractices(id),
    deriveStatedValues(id, []),
  ]);
  return Number(results[content.length][0]?.n ?? 0) > 0;
}

/**
 * Co-occurrence: RELATED_TO between entities named in the same sentence, or mentioned in the same passage where
 * one of them is linked by meaning (a link by meaning belongs to a passage, not to a sentence). `weight` =
 * sentences + such passages, `documents` = documents among them. Counted per sentence rather than per passage
 * because it ranks stated facts and curated relations higher (docs/graph-model.md, bench/cooccurrence.ts).
 * The weight is also kept per access label (`accessLabels[i]` has `accessWeights[i]`): each sentence or passage
 * belongs to one document, so a caller's weight is the sum over the labels it may read (queries/access.ts).
 * Each entity keeps its own unit counts the same way (`unitLabels`, `unitCounts`), so a link's strength — a
 * normalised association of the two entities' units, docs/graph-model.md "Co-occurrence strength" — is computed
 * for each caller from the documents it may read only.
 */
/** The access label of the document of a co-occurrence unit (`doc`): the label the unit is counted under. */
const UNIT_ACCESS = "coalesce(COLLECT { MATCH (d:Document {id: doc}) RETURN d.access }[0], '') AS access";

const RECOMPUTE_COOCCURRENCE = [
  query('MATCH (:Entity)-[r:RELATED_TO]->(:Entity) DELETE r'),
  query(
    `CALL () {
         MATCH (a:Entity)<-[:MENTIONS]-(s:Sentence)-[:MENTIONS]->(b:Entity) WHERE a.id < b.id
         RETURN a, b, s.id AS unit, s.documentId AS doc, 1 AS named
         UNION ALL
         MATCH (a:Entity)<-[ma:MENTIONS]-(p:Passage)-[mb:MENTIONS]->(b:Entity)
         WHERE a.id < b.id AND (ma.method = 'semantic' OR mb.method = 'semantic')
         RETURN a, b, p.id AS unit, p.documentId AS doc, 0 AS named
       }
       WITH a, b, unit, doc, named, ${UNIT_ACCESS}
       WITH a, b, access, count(DISTINCT unit) AS w, count(DISTINCT doc) AS docs, sum(named) AS sentences
       WITH a, b, collect(access) AS labels, collect(w) AS weights, sum(w) AS w, sum(docs) AS docs,
         sum(sentences) AS sentences
       CREATE (a)-[:RELATED_TO {weight: w, documents: docs, sentences: sentences, passages: w - sentences,
         accessLabels: labels, accessWeights: weights}]->(b)`,
  ),
  // Each entity's own units per access label, the denominators of its links' association strength
  // (queries/access.ts, readableStrength): the sentences naming it, and the passages mentioning it that hold a link
  // by meaning — the same kinds of unit a pair counts, so every unit of a pair is a unit of both its entities and
  // the strength stays below 1.
  query(
    `MATCH (e:Entity)
     CALL (e) {
       CALL (e) {
         MATCH (e)<-[:MENTIONS]-(s:Sentence) RETURN s.id AS unit, s.documentId AS doc
         UNION ALL
         MATCH (e)<-[:MENTIONS]-(p:Passage) WHERE EXISTS { (p)-[:MENTIONS {method: 'semantic'}]->(:Entity) }
         RETURN p.id AS unit, p.documentId AS doc
       }
       WITH unit, ${UNIT_ACCESS}
       WITH access, count(DISTINCT unit) AS n
       RETURN collect(access) AS labels, collect(n) AS units
     }
     SET e.unitLabels = labels, e.unitCounts = units`,
  ),
];

/**
 * Recomputes co-occurrence when a document write or deletion (or a writer killed before its recompute) left it
 * stale; under the write lock, so it counts every committed document. True when it recomputed.
 */
export async function refreshCooccurrence(graph: Graph): Promise<boolean> {
  return graph.transaction(async (tx) => {
    const [lock] = await tx.run(takeWriteLock(false));
    if (lock?.stale !== true) return false;
    for (const q of RECOMPUTE_COOCCURRENCE) await tx.run(q);
    await tx.run(CLEAR_COOCCURRENCE_STALE);
    return true;
  });
}
