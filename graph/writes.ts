/**
 * Writes of the ingest pipeline: the taxonomy's entities, one document per transaction (its passages, mentions,
 * facts and practices replace the previous version atomically), deletions with their orphans, co-occurrence.
 */
import type { Graph, CypherQuery } from './driver.js';
import { ENTITY_LABELS, FACT_TYPES, label, relType, type EntityKindName } from './schema.js';
import type { Entity, Relation } from '../ingest/records.js';
import type { DocumentRecord } from '../ingest/document-store.js';

const FACT_PATTERN = FACT_TYPES.map(relType).join('|');
const q = (cypher: string, params: Record<string, unknown> = {}): CypherQuery => Object.freeze({ cypher, params });

/**
 * Statements that remove what a document contributed (not the Document node itself). Practices it supported are
 * marked `affectedBy` first, so the clean-up after it touches those practices only, not every practice.
 */
function removeDocumentContent(id: string): CypherQuery[] {
  return [
    q(`MATCH (:Entity)-[r:${FACT_PATTERN}]->(:Entity) WHERE r.documentId = $id DELETE r`, { id }),
    q('MATCH (:Passage {documentId: $id})<-[:SOURCED_FROM]-(x:Practice) SET x.affectedBy = $id', { id }),
    // A merged practice's topic/attribute tags are kept per supporting document.
    q(
      `MATCH (:Practice {affectedBy: $id})-[r:ADDRESSES|MITIGATES]->() WHERE $id IN r.documentIds
       SET r.documentIds = [d IN r.documentIds WHERE d <> $id]
       WITH r WHERE size(r.documentIds) = 0 DELETE r`,
      { id },
    ),
    q('MATCH (p:Passage {documentId: $id}) DETACH DELETE p', { id }),
  ];
}

/**
 * After a document's practices changed: deletes those left without a source, recounts sources of the others and
 * keeps each practice's text equal to one of its remaining quotes (the first by document and offset when the quote
 * it had is gone), so every practice still cites its evidence exactly.
 */
function settlePractices(id: string): CypherQuery[] {
  return [
    q('MATCH (x:Practice {affectedBy: $id}) WHERE NOT (x)-[:SOURCED_FROM]->() DETACH DELETE x', { id }),
    q(
      `MATCH (x:Practice {affectedBy: $id})
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

// An entity's establishedIn (and its evidence) is the first remaining statement of it, by document and offset, so
// it survives the deletion of one of several documents that state it.
const DERIVE_STATED_VALUES = q(
  `MATCH (e:Entity) WHERE e.establishedIn IS NOT NULL OR EXISTS { (:Passage)-[:STATES {key: 'establishedIn'}]->(e) }
   OPTIONAL MATCH (p:Passage)-[r:STATES {key: 'establishedIn'}]->(e)
   WITH e, p, r ORDER BY r.documentId, r.start
   WITH e, head(collect(CASE WHEN r IS NULL THEN null ELSE {r: r, p: p.id} END)) AS first
   SET e.establishedIn = first.r.value, e.establishedInDocumentId = first.r.documentId,
       e.establishedInPassageId = first.p, e.establishedInSentence = first.r.sentence,
       e.establishedInStart = first.r.start, e.establishedInEnd = first.r.end`,
);

/** A subquery tagging practice `x` with the entities of `pr.<field>`; the tag records which documents gave it. */
function tagPractice(field: 'topics' | 'attributes', target: string, type: string): string {
  return `CALL (x, pr) {
         UNWIND pr.${field} AS t
         MATCH (e:${label(target)} {id: t.id})
         MERGE (x)-[a:${relType(type)}]->(e)
         SET a.method = t.method, a.score = t.score,
             a.documentIds = CASE WHEN $id IN coalesce(a.documentIds, []) THEN a.documentIds
                                  ELSE coalesce(a.documentIds, []) + $id END
       }`;
}

/** Replaces a document's content in one transaction. */
export async function writeDocument(graph: Graph, r: DocumentRecord): Promise<void> {
  const id = r.document.id;
  const factsByType = new Map<string, Relation[]>();
  for (const rel of r.relations) factsByType.set(rel.type, [...(factsByType.get(rel.type) ?? []), rel]);
  await graph.write([
    ...removeDocumentContent(id),
    q('MERGE (d:Document {id: $id}) SET d += $props, d.passageCount = $count, d.ingestedAt = datetime()', {
      id,
      props: r.document,
      count: r.passages.length,
    }),
    q(
      `MATCH (d:Document {id: $id})
       UNWIND $passages AS p
       CREATE (x:Passage) SET x = p
       CREATE (d)-[:HAS_PASSAGE]->(x)`,
      { id, passages: r.passages },
    ),
    q(
      `UNWIND range(0, size($ids) - 2) AS i
       MATCH (a:Passage {id: $ids[i]}), (b:Passage {id: $ids[i + 1]})
       CREATE (a)-[:NEXT]->(b)`,
      { ids: r.passages.map((p) => p.id) },
    ),
    q(
      `UNWIND $mentions AS m
       MATCH (p:Passage {id: m.passageId}) MATCH (e:Entity {id: m.entityId})
       CREATE (p)-[:MENTIONS {method: m.method, score: m.score, spans: m.spans, count: size(m.spans) / 2}]->(e)`,
      { mentions: r.mentions },
    ),
    ...[...factsByType].map(([type, rels]) =>
      q(
        `UNWIND $rels AS r
         MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
         CREATE (a)-[x:${relType(type)}]->(b)
         SET x.documentId = $id, x.passageId = r.passageId, x.sentence = r.sentence, x.start = r.start,
             x.end = r.end, x.method = 'pattern'`,
        { id, rels },
      ),
    ),
    // A value fact ("established in 2020") is stated by a passage: deleting the passage deletes the statement.
    q(
      `UNWIND $attributes AS a
       MATCH (p:Passage {id: a.passageId}) MATCH (e:Entity {id: a.entityId})
       CREATE (p)-[:STATES {key: a.key, value: a.value, documentId: $id, sentence: a.sentence, start: a.start, end: a.end}]->(e)`,
      { id, attributes: r.attributes },
    ),
    q(
      `UNWIND $practices AS pr
       MERGE (x:Practice {id: pr.id})
       ON CREATE SET x.text = pr.text, x.embedding = pr.embedding
       SET x.affectedBy = $id
       WITH x, pr
       CALL (x, pr) {
         UNWIND pr.sources AS s
         MATCH (p:Passage {id: s.passageId})
         CREATE (x)-[:SOURCED_FROM {documentId: $id, quote: s.quote, start: s.start, end: s.end, cue: s.cue}]->(p)
       }
       ${tagPractice('topics', 'Topic', 'ADDRESSES')}
       ${tagPractice('attributes', 'InsiderAttribute', 'MITIGATES')}`,
      { id, practices: r.practices },
    ),
    ...settlePractices(id),
    DERIVE_STATED_VALUES,
  ]);
}

/** Deletes documents (each in its own transaction) with their passages, facts and the practices only they supported. */
export async function deleteDocument(graph: Graph, id: string): Promise<boolean> {
  const content = removeDocumentContent(id);
  const results = await graph.write([
    ...content,
    q('MATCH (d:Document {id: $id}) DETACH DELETE d RETURN count(d) AS n', { id }),
    ...settlePractices(id),
    DERIVE_STATED_VALUES,
  ]);
  return Number(results[content.length][0]?.n ?? 0) > 0;
}

/** Stored content hashes of documents of an origin ('corpus' files or 'api' uploads). */
export async function documentHashes(graph: Graph, origin?: string): Promise<Map<string, string>> {
  const rows = await graph.read<{ id: string; hash: string }>(
    q('MATCH (d:Document) WHERE $origin IS NULL OR d.origin = $origin RETURN d.id AS id, d.contentHash AS hash', {
      origin: origin ?? null,
    }),
  );
  return new Map(rows.map((r) => [r.id, r.hash]));
}

/** The stored content hash of one document, or undefined when it is not in the graph. */
export async function documentHash(graph: Graph, id: string): Promise<string | undefined> {
  const [row] = await graph.read<{ hash: string }>(
    q('MATCH (d:Document {id: $id}) RETURN d.contentHash AS hash', { id }),
  );
  return row?.hash;
}

/** Embeddings already computed for passage texts, by text hash (so unchanged passages are not re-embedded). */
export async function passageEmbeddingsByHash(graph: Graph, hashes: string[]): Promise<Map<string, number[]>> {
  if (hashes.length === 0) return new Map();
  const rows = await graph.read<{ hash: string; embedding: number[] }>(
    q(
      `UNWIND $hashes AS h
       CALL (h) { MATCH (p:Passage {textHash: h}) RETURN p.embedding AS embedding LIMIT 1 }
       RETURN h AS hash, embedding`,
      { hashes },
    ),
  );
  return new Map(rows.map((r) => [r.hash, r.embedding]));
}

/**
 * The closest stored practice from another document, by the practice vector index. Neo4j reports cosine
 * similarity as (1 + cos) / 2; this returns the cosine itself, the scale the merge threshold is calibrated on.
 */
export async function nearestPractices(
  graph: Graph,
  embeddings: number[][],
  excludeDocumentId: string,
): Promise<({ id: string; score: number } | null)[]> {
  if (embeddings.length === 0) return [];
  const rows = await graph.read<{ i: number; id: string | null; score: number | null }>(
    q(
      `UNWIND range(0, size($embeddings) - 1) AS i
       CALL (i) {
         CALL db.index.vector.queryNodes('practice_embedding', 20, $embeddings[i]) YIELD node, score
         WHERE EXISTS { (node)-[s:SOURCED_FROM]->() WHERE s.documentId <> $doc }
         RETURN node.id AS id, 2 * score - 1 AS cosine ORDER BY cosine DESC LIMIT 1
       }
       RETURN i, id, cosine AS score`,
      { embeddings, doc: excludeDocumentId },
    ),
  );
  const out: ({ id: string; score: number } | null)[] = embeddings.map(() => null);
  for (const r of rows) if (r.id !== null) out[Number(r.i)] = { id: r.id, score: Number(r.score) };
  return out;
}

/** Upserts the taxonomy's entities (with embeddings for semantic ones); removes entities no longer in it. */
export async function upsertEntities(
  graph: Graph,
  entities: readonly Entity[],
  embeddings: ReadonlyMap<string, { hash: string; embedding: number[] }>,
): Promise<void> {
  const byKind = new Map<EntityKindName, Entity[]>();
  for (const e of entities) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const rows = (list: Entity[]) =>
    list.map((e) => ({
      id: e.id,
      props: {
        kind: e.kind,
        name: e.name,
        aliases: e.aliases,
        aliasText: e.aliases.join(' | '),
        description: e.description,
      },
      embedding: embeddings.get(e.id)?.embedding ?? null,
      embeddingHash: embeddings.get(e.id)?.hash ?? null,
    }));
  await graph.write([
    ...[...byKind].map(([kind, list]) =>
      q(
        `UNWIND $rows AS r
         MERGE (n:Entity {id: r.id})
         SET n:${label(ENTITY_LABELS[kind])}, n += r.props, n.embedding = r.embedding, n.embeddingHash = r.embeddingHash`,
        { rows: rows(list) },
      ),
    ),
    q('MATCH (n:Entity) WHERE NOT n.id IN $ids DETACH DELETE n', { ids: entities.map((e) => e.id) }),
  ]);
}

/** Stored entity embeddings with the hash of the text they were computed from. */
export async function entityEmbeddings(graph: Graph): Promise<Map<string, { hash: string; embedding: number[] }>> {
  const rows = await graph.read<{ id: string; hash: string; embedding: number[] }>(
    q(
      'MATCH (n:Entity) WHERE n.embedding IS NOT NULL RETURN n.id AS id, n.embeddingHash AS hash, n.embedding AS embedding',
    ),
  );
  return new Map(rows.map((r) => [r.id, { hash: r.hash, embedding: r.embedding }]));
}

/** Recomputes co-occurrence: RELATED_TO between entities mentioned in the same passage, weighted by passages. */
export async function recomputeCooccurrence(graph: Graph): Promise<void> {
  await graph.write([
    q('MATCH (:Entity)-[r:RELATED_TO]->(:Entity) DELETE r'),
    q(
      `MATCH (a:Entity)<-[:MENTIONS]-(p:Passage)-[:MENTIONS]->(b:Entity) WHERE a.id < b.id
       WITH a, b, count(DISTINCT p) AS w, count(DISTINCT p.documentId) AS docs
       CREATE (a)-[:RELATED_TO {weight: w, documents: docs}]->(b)`,
    ),
  ]);
}

/** Node counts per label and relationship counts per type. */
export async function graphCounts(
  graph: Graph,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const nodes = await graph.read<{ label: string; n: number }>(
    q('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label'),
  );
  const rels = await graph.read<{ type: string; n: number }>(
    q('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type'),
  );
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(rels.map((r) => [r.type, r.n])),
  };
}

/** How many passages and distinct practices a stored document contributes. */
export async function documentContribution(graph: Graph, id: string): Promise<{ passages: number; practices: number }> {
  const [row] = await graph.read<{ passages: number; practices: number }>(
    q(
      `MATCH (d:Document {id: $id})
       RETURN coalesce(d.passageCount, 0) AS passages,
              COUNT { MATCH (x:Practice)-[:SOURCED_FROM {documentId: $id}]->() RETURN DISTINCT x } AS practices`,
      { id },
    ),
  );
  return row ?? { passages: 0, practices: 0 };
}
