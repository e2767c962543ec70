/**
 * Good practices: one practice with its sources, topics and attributes; related practices by a blend of
 * embedding similarity, shared topics/attributes (Jaccard) and co-citation (sourced from the same document).
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { VECTOR_INDEXES } from '../graph/schema.js';
import { SEMANTIC_LINK_THRESHOLD, vectorScoreFromCosine } from '../graph/vector-score.js';
import { query } from '../graph/cypher.js';
import { documentRef, entityRef, toDocumentRef, toSpan } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { PracticeDetail, PracticeSource, RelatedPractice, RelatedPractices } from './answers.js';

const SOURCES = `COLLECT {
    MATCH (n)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
    RETURN {quote: s.quote, document: ${documentRef('d')}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
    ORDER BY d.id, s.start
  }`;

/** PRACTICE_BY_ID: the practice, its sources, topics (ADDRESSES) and insider attributes (MITIGATES). */
export function buildGetPractice(id: string): CypherQuery {
  return query(
    `
    MATCH (n:Practice {id: $id})
    RETURN n.id AS id, n.text AS text,
      ${SOURCES} AS sources,
      COLLECT { MATCH (n)-[:ADDRESSES]->(e:Topic) RETURN ${entityRef('e')} ORDER BY e.id } AS topics,
      COLLECT { MATCH (n)-[:MITIGATES]->(e:InsiderAttribute) RETURN ${entityRef('e')} ORDER BY e.id } AS attributes
    `,
    { id },
  );
}

function toSources(raw: unknown): PracticeSource[] {
  return ((raw as Record<string, unknown>[] | null) ?? []).map((s) => {
    const span = s.span as { start: number; end: number; page: number | null };
    return {
      quote: String(s.quote ?? ''),
      document: toDocumentRef(s.document)!,
      span: toSpan(span.start, span.end, span.page),
      passageId: String(s.passageId),
    };
  });
}

/** Fetches one practice, or null when the id is unknown. */
export async function getPractice(graph: Graph, id: string): Promise<PracticeDetail | null> {
  const [row] = await graph.read<Record<string, unknown>>(buildGetPractice(id));
  if (!row) return null;
  return {
    id: String(row.id),
    text: String(row.text),
    sources: toSources(row.sources),
    topics: row.topics as EntityRef[],
    attributes: row.attributes as EntityRef[],
  };
}

/**
 * RELATED_PRACTICES: candidates are the source's vector neighbours plus every practice sharing a topic,
 * attribute or document with it; each with its cosine similarity, shared topics/attributes, the size of the
 * union of both tag sets (for Jaccard) and the number of documents citing both.
 */
export function buildRelatedPractices(id: string, k: number): CypherQuery {
  return query(
    `
    MATCH (src:Practice {id: $id})
    CALL (src) {
      CALL db.index.vector.queryNodes('${VECTOR_INDEXES.practice.name}', toInteger($k), src.embedding) YIELD node
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
      COLLECT { MATCH (src)-[:ADDRESSES]->(e:Topic)<-[:ADDRESSES]-(o) RETURN ${entityRef('e')} ORDER BY e.id } AS sharedTopics,
      COLLECT { MATCH (src)-[:MITIGATES]->(e:InsiderAttribute)<-[:MITIGATES]-(o) RETURN ${entityRef('e')} ORDER BY e.id } AS sharedAttributes,
      size(COLLECT { MATCH (x:Practice)-[:ADDRESSES|MITIGATES]->(e:Entity) WHERE x IN [src, o] RETURN DISTINCT e.id }) AS tagUnion,
      COUNT { MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
        WHERE EXISTS { (d)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o) } RETURN DISTINCT d } AS coCited,
      ${SOURCES.replaceAll('(n)', '(o)')} AS sources
    `,
    { id, k },
  );
}

// The semantic-linking threshold (a cosine, calibrated in ingest/link.ts) on the topic index's scale.
const TEXT_TOPIC_MIN_SCORE = vectorScoreFromCosine(SEMANTIC_LINK_THRESHOLD);

/**
 * RELATED_TO_TEXT: vector neighbours of a free-text embedding. The text's topics are its nearest topic
 * descriptions (at most two, above the linking threshold), so neighbours addressing them share topics with it.
 */
export function buildPracticesLikeText(embedding: readonly number[], k: number): CypherQuery {
  return query(
    `
    CALL db.index.vector.queryNodes('${VECTOR_INDEXES.topic.name}', 2, $embedding) YIELD node AS t, score AS topicScore
    WITH collect(CASE WHEN topicScore >= $topicMin THEN t END) AS textTopics
    CALL db.index.vector.queryNodes('${VECTOR_INDEXES.practice.name}', toInteger($k), $embedding) YIELD node AS o, score
    RETURN o.id AS id, o.text AS text, score AS similarity,
      COLLECT { MATCH (o)-[:ADDRESSES]->(e:Topic) WHERE e IN textTopics RETURN ${entityRef('e')} ORDER BY e.id } AS sharedTopics,
      [] AS sharedAttributes,
      size(textTopics) + COUNT { MATCH (o)-[:ADDRESSES|MITIGATES]->(e:Entity) WHERE NOT e IN textTopics RETURN DISTINCT e } AS tagUnion,
      0 AS coCited, ${SOURCES.replaceAll('(n)', '(o)')} AS sources
    `,
    { k, embedding: [...embedding], topicMin: TEXT_TOPIC_MIN_SCORE },
  );
}

/**
 * The blend, documented: score = 0.6·similarity + 0.25·Jaccard(topics ∪ attributes) + 0.15·min(coCited, 3)/3.
 * Similarity (Neo4j's cosine, scaled to 0..1) dominates; shared tags and co-citation break near-ties towards
 * practices the documents themselves put together.
 */
export function blendRelated(row: Record<string, unknown>): RelatedPractice {
  const sharedTopics = row.sharedTopics as EntityRef[];
  const sharedAttributes = row.sharedAttributes as EntityRef[];
  const similarity = Number(row.similarity ?? 0);
  const shared = sharedTopics.length + sharedAttributes.length;
  const jaccard = Number(row.tagUnion) > 0 ? shared / Number(row.tagUnion) : 0;
  const coCited = Number(row.coCited ?? 0);
  const score = 0.6 * similarity + 0.25 * jaccard + (0.15 * Math.min(coCited, 3)) / 3;
  const reasons = [`similar wording (similarity ${similarity.toFixed(2)})`];
  if (sharedTopics.length) reasons.push(`shares topics ${sharedTopics.map((t) => t.name).join(', ')}`);
  if (sharedAttributes.length)
    reasons.push(`addresses the same insider attributes ${sharedAttributes.map((t) => t.name).join(', ')}`);
  if (coCited) reasons.push(`cited together in ${coCited} document${coCited === 1 ? '' : 's'}`);
  return {
    id: String(row.id),
    text: String(row.text),
    score: Math.round(score * 10_000) / 10_000,
    similarity,
    sharedTopics,
    sharedAttributes,
    coCited,
    reason: reasons.join('; '),
    sources: toSources(row.sources).map(({ document, span, quote }) => ({ document, span, quote })),
  };
}

/** Related practices of a stored practice (null when unknown) or of free text. */
export async function relatedPractices(
  graph: Graph,
  target: { id: string } | { embedding: readonly number[] },
  limit: number,
): Promise<RelatedPractices | null> {
  const k = limit * 3 + 20;
  if ('embedding' in target) {
    const rows = await graph.read<Record<string, unknown>>(buildPracticesLikeText(target.embedding, k));
    return { results: rank(rows.map(blendRelated), limit) };
  }
  const practice = await getPractice(graph, target.id);
  if (!practice) return null;
  const rows = await graph.read<Record<string, unknown>>(buildRelatedPractices(target.id, k));
  return { practice: { id: practice.id, text: practice.text }, results: rank(rows.map(blendRelated), limit) };
}

function rank(items: RelatedPractice[], limit: number): RelatedPractice[] {
  return items.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}
