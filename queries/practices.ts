/**
 * Good practices: one practice with its sources, topics and attributes; related practices by a blend of
 * embedding similarity, shared topics/attributes (Jaccard) and co-citation (sourced from the same document).
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { VECTOR_INDEXES } from '../graph/schema.js';
import {
  cosineFromVectorScore,
  DEFAULT_MODEL_ID,
  modelThresholds,
  vectorScoreFromCosine,
} from '../graph/vector-score.js';
import { query } from '../graph/cypher.js';
import {
  readableDocument,
  readableParam,
  readablePractice,
  readablePracticeText,
  readablePracticeWording,
  readableTag,
  type Readable,
} from './access.js';
import { documentRef, entityRef, toDocumentRef, toSpan } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { PracticeDetail, PracticeSource, RelatedPractice, RelatedPractices } from './answers.js';

/** A practice's readable sources (the caller's `$readable`), by document and offset. */
const SOURCES = `COLLECT {
    MATCH (n)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document) WHERE ${readableDocument('d')}
    RETURN {quote: s.quote, document: ${documentRef('d')}, span: {start: s.start, end: s.end, page: p.page}, passageId: p.id}
    ORDER BY d.id, s.start
  }`;

/**
 * PRACTICE_BY_ID: the practice, its sources, topics (ADDRESSES) and insider attributes (MITIGATES) as the caller
 * may read them: no row when it has no readable source.
 */
export function buildGetPractice(id: string, readable: Readable): CypherQuery {
  return query(
    `
    MATCH (n:Practice {id: $id}) WHERE ${readablePractice('n')}
    RETURN n.id AS id, ${readablePracticeText('n')} AS text,
      ${SOURCES} AS sources,
      COLLECT { MATCH (n)-[t:ADDRESSES]->(e:Topic) WHERE ${readableTag('t')} RETURN ${entityRef('e')} ORDER BY e.id } AS topics,
      COLLECT { MATCH (n)-[t:MITIGATES]->(e:InsiderAttribute) WHERE ${readableTag('t')}
        RETURN ${entityRef('e')} ORDER BY e.id } AS attributes
    `,
    { id, ...readableParam(readable) },
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

/** Fetches one practice, or null when the id is unknown or none of its sources is readable. */
export async function getPractice(graph: Graph, id: string, readable: Readable): Promise<PracticeDetail | null> {
  const [row] = await graph.read<Record<string, unknown>>(buildGetPractice(id, readable));
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
 * union of both tag sets (for Jaccard) and the number of documents citing both — all through readable sources,
 * tags and documents only (similarity compares the stored embeddings, see docs/api.md "Access labels").
 */
export function buildRelatedPractices(id: string, k: number, readable: Readable): CypherQuery {
  return query(
    `
    MATCH (src:Practice {id: $id}) WHERE ${readablePractice('src')}
    CALL (src) {
      CALL db.index.vector.queryNodes('${VECTOR_INDEXES.practice.name}', toInteger($k), src.embedding) YIELD node
      RETURN node AS o
      UNION
      MATCH (src)-[t1:ADDRESSES|MITIGATES]->(:Entity)<-[t2:ADDRESSES|MITIGATES]-(o:Practice)
      WHERE ${readableTag('t1')} AND ${readableTag('t2')}
      RETURN o
      UNION
      MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o:Practice)
      WHERE ${readableDocument('d')}
      RETURN o
    }
    WITH src, o WHERE o <> src AND ${readablePractice('o')}
    RETURN ${readablePracticeText('src')} AS sourceText, o.id AS id, ${readablePracticeText('o')} AS text,
      vector.similarity.cosine(src.embedding, o.embedding) AS similarity,
      COLLECT { MATCH (src)-[t1:ADDRESSES]->(e:Topic)<-[t2:ADDRESSES]-(o) WHERE ${readableTag('t1')} AND ${readableTag('t2')}
        RETURN ${entityRef('e')} ORDER BY e.id } AS sharedTopics,
      COLLECT { MATCH (src)-[t1:MITIGATES]->(e:InsiderAttribute)<-[t2:MITIGATES]-(o) WHERE ${readableTag('t1')} AND ${readableTag('t2')}
        RETURN ${entityRef('e')} ORDER BY e.id } AS sharedAttributes,
      size(COLLECT { MATCH (x:Practice)-[t:ADDRESSES|MITIGATES]->(e:Entity) WHERE x IN [src, o] AND ${readableTag('t')}
        RETURN DISTINCT e.id }) AS tagUnion,
      COUNT { MATCH (src)-[:SOURCED_FROM]->(:Passage)<-[:HAS_PASSAGE]-(d:Document)
        WHERE ${readableDocument('d')} AND EXISTS { (d)-[:HAS_PASSAGE]->(:Passage)<-[:SOURCED_FROM]-(o) } RETURN DISTINCT d } AS coCited,
      ${SOURCES.replaceAll('(n)', '(o)')} AS sources
    `,
    { id, k, ...readableParam(readable) },
  );
}

/**
 * RELATED_TO_TEXT: vector neighbours of a free-text embedding. The text's topics are its nearest topic
 * descriptions (at most two, above the semantic-linking threshold of `model`, the embedding's: ingest/models.ts),
 * so neighbours addressing them share topics with it.
 */
export function buildPracticesLikeText(
  embedding: readonly number[],
  k: number,
  readable: Readable,
  model: string = DEFAULT_MODEL_ID,
): CypherQuery {
  // The linking threshold is a cosine; the topic index scores (1 + cos) / 2.
  const topicMin = vectorScoreFromCosine(modelThresholds(model).semanticLink.cosine);
  return query(
    `
    CALL db.index.vector.queryNodes('${VECTOR_INDEXES.topic.name}', 2, $embedding) YIELD node AS t, score AS topicScore
    WITH collect(CASE WHEN topicScore >= $topicMin THEN t END) AS textTopics
    CALL db.index.vector.queryNodes('${VECTOR_INDEXES.practice.name}', toInteger($k), $embedding) YIELD node AS o, score
    WITH textTopics, o, score WHERE ${readablePracticeWording('o')}
    RETURN o.id AS id, o.text AS text, score AS similarity,
      COLLECT { MATCH (o)-[t:ADDRESSES]->(e:Topic) WHERE e IN textTopics AND ${readableTag('t')}
        RETURN ${entityRef('e')} ORDER BY e.id } AS sharedTopics,
      [] AS sharedAttributes,
      size(textTopics) + COUNT { MATCH (o)-[t:ADDRESSES|MITIGATES]->(e:Entity) WHERE NOT e IN textTopics AND ${readableTag('t')}
        RETURN DISTINCT e } AS tagUnion,
      0 AS coCited, ${SOURCES.replaceAll('(n)', '(o)')} AS sources
    `,
    { k, embedding: [...embedding], topicMin, ...readableParam(readable) },
  );
}

/** The weights of the related-practices blend; each term is on 0..1, and the weights sum to 1. */
export interface RelatedWeights {
  /** Cosine similarity of the practices' embeddings. */
  similarity: number;
  /** Jaccard of their topics ∪ insider attributes. */
  sharedTags: number;
  /** Documents citing both, min(coCited, 3)/3. */
  coCited: number;
}

/**
 * The blend's weights, chosen by bench/relatedness.ts on the dev half of the generator's practice families and
 * reported on the held-out half (bench/relatedness.md). Before that measurement they were 0.6 / 0.25 / 0.15, which
 * ranked hub practices (merged from dozens of documents, so co-cited and tag-sharing with everything) above
 * paraphrases. At 200 documents the sweep chose similarity alone (held-out nDCG@10 0.814); at 1,000, the size the
 * target is set at, it chose 0.95 / 0.05 / 0 (dev 0.726 against 0.719 for similarity alone; held-out 0.849
 * against 0.779). Co-citation still appears in `reason`.
 */
export const RELATED_WEIGHTS: Readonly<RelatedWeights> = Object.freeze({
  similarity: 0.95,
  sharedTags: 0.05,
  coCited: 0,
});

/**
 * The blend, documented: score = w.similarity·similarity + w.sharedTags·Jaccard(topics ∪ attributes) +
 * w.coCited·min(coCited, 3)/3 (weights RELATED_WEIGHTS unless given). `reason` names every signal present, in
 * plain words, whatever the weights.
 */
export function blendRelated(
  row: Record<string, unknown>,
  weights: RelatedWeights = RELATED_WEIGHTS,
  similarCosine: number = modelThresholds(DEFAULT_MODEL_ID).semanticLink.cosine,
): RelatedPractice {
  const sharedTopics = row.sharedTopics as EntityRef[];
  const sharedAttributes = row.sharedAttributes as EntityRef[];
  const similarity = Number(row.similarity ?? 0);
  const shared = sharedTopics.length + sharedAttributes.length;
  const jaccard = Number(row.tagUnion) > 0 ? shared / Number(row.tagUnion) : 0;
  const coCited = Number(row.coCited ?? 0);
  const score =
    weights.similarity * similarity + weights.sharedTags * jaccard + (weights.coCited * Math.min(coCited, 3)) / 3;
  // `similarity` is Neo4j's (1 + cos) / 2; the reason states the cosine, and calls the wording similar only from
  // the model's linking cosine (ingest/models.ts), so the nearest of unrelated practices is not "similar".
  const cosine = cosineFromVectorScore(similarity);
  const reasons = [
    cosine >= similarCosine
      ? `similar wording (cosine ${cosine.toFixed(2)})`
      : `closest wording found, not similar (cosine ${cosine.toFixed(2)})`,
  ];
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

/** How many vector neighbours a related-practices question of `limit` answers asks the index for. */
export const relatedCandidates = (limit: number): number => limit * 3 + 20;

/**
 * Related practices of a stored practice (null when unknown) or of free text (its embedding, under `model`, the
 * default model unless told).
 */
export async function relatedPractices(
  graph: Graph,
  target: { id: string } | { embedding: readonly number[]; model?: string },
  limit: number,
  readable: Readable,
  weights: RelatedWeights = RELATED_WEIGHTS,
): Promise<RelatedPractices | null> {
  const k = relatedCandidates(limit);
  if ('embedding' in target) {
    const rows = await graph.read<Record<string, unknown>>(
      buildPracticesLikeText(target.embedding, k, readable, target.model),
    );
    const thresholds = modelThresholds(target.model ?? DEFAULT_MODEL_ID);
    const results = rankRelated(rows, limit, weights, thresholds.semanticLink.cosine);
    return { results, confidence: judgeTextMatch(results, thresholds.highConfidence.cosine) };
  }
  const practice = await getPractice(graph, target.id, readable);
  if (!practice) return null;
  const rows = await graph.read<Record<string, unknown>>(buildRelatedPractices(target.id, k, readable));
  return { practice: { id: practice.id, text: practice.text }, results: rankRelated(rows, limit, weights) };
}

/**
 * How sure an answer to free text is: "high" when its closest practice's cosine reaches the model's high-confidence
 * cosine (the one search answers use, bench/confidence.md), else "low" — nonsense or off-topic text then says there
 * is no close practice instead of offering the nearest as similar.
 */
export function judgeTextMatch(
  results: readonly RelatedPractice[],
  highCosine: number,
): { level: 'high' | 'low'; bestSimilarity: number | null } {
  const best = results.length ? Math.max(...results.map((r) => cosineFromVectorScore(r.similarity))) : null;
  return { level: best !== null && best >= highCosine ? 'high' : 'low', bestSimilarity: best };
}

/** Blends candidate rows and keeps the best `limit`, ties by id: the ranking the API returns. */
export function rankRelated(
  rows: Record<string, unknown>[],
  limit: number,
  weights: RelatedWeights = RELATED_WEIGHTS,
  similarCosine?: number,
): RelatedPractice[] {
  return rows
    .map((row) => blendRelated(row, weights, similarCosine))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit);
}
