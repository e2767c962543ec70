/**
 * Hydrates a page of search candidates (inside the search statement): text, document reference, span, linked
 * entities and the best-matching sentence; maps rows to API hits with their `why`, and judges confidence.
 */
import { cosineFromVectorScore, DEFAULT_MODEL_ID, modelThresholds } from '../graph/vector-score.js';
import { readablePracticeText } from './access.js';
import type { Confidence, SearchHit } from './answers.js';
import { documentRef, toDocumentRef, toSpan } from './cypher.js';
import { passageOfDocumentPredicate, type Predicate, type SearchFilters } from './filters.js';
import { matchedTerms, queryTerms } from './lucene.js';
import type { PageItem } from './search.js';
import type { EntityRef } from './shapes.js';

const ENTITY_WITH_ALIASES = `e {type: e.kind, id: e.id, name: e.name, aliases: coalesce(e.aliases, [])}`;
/**
 * A sentence as a match candidate: its cosine to the query when there is a query vector and the hit has no best
 * sentence from the semantic list yet (reading a sentence's vector costs more than the rest of the hit).
 */
const SENTENCE = `s {.id, .text, .start, .end,
      sim: CASE WHEN $embedding IS NULL OR h.matchId IS NOT NULL THEN null
        ELSE vector.similarity.cosine(s.embedding, $embedding) END}`;

/**
 * A practice hit as one of its sources shows it: the source that meets the search's filters (any readable one
 * without filters), preferring the one that quotes the practice's text, then by document and offset; its quote is
 * the hit's text, and its entities are that source's alone — the topics and attributes its document gave the
 * practice and those its passage mentions — not those of every merged source (issue 12).
 */
function practiceDetail(f: SearchFilters): Predicate {
  const meetsFilters = passageOfDocumentPredicate(f, 'p', 'd');
  return {
    where: `      UNWIND page AS h
      WITH h WHERE h.type = 'practice'
      MATCH (n:Practice {id: h.id})
      WITH n, ${readablePracticeText('n')} AS text
      WITH n, COLLECT {
        MATCH (n)-[s:SOURCED_FROM]->(p:Passage) MATCH (d:Document {id: s.documentId})
        WHERE ${meetsFilters.where}
        RETURN {document: ${documentRef('d')}, span: {start: s.start, end: s.end, page: p.page}, quote: s.quote,
          passageId: p.id}
        ORDER BY s.quote = text DESC, d.id, s.start LIMIT 1 }[0] AS source
      WHERE source IS NOT NULL
      WITH n, source, COLLECT {
          MATCH (n)-[t:ADDRESSES|MITIGATES]->(e:Entity) WHERE source.document.id IN coalesce(t.documentIds, [])
          RETURN ${ENTITY_WITH_ALIASES}
          UNION
          MATCH (:Passage {id: source.passageId})-[:MENTIONS]->(e:Entity) RETURN ${ENTITY_WITH_ALIASES}
        } AS entities
      RETURN {type: 'practice', id: n.id, text: source.quote, document: source.document, span: source.span,
        sentences: [{text: source.quote, start: source.span.start, end: source.span.end}], entities: entities} AS detail`,
    params: meetsFilters.params,
  };
}

/**
 * DETAIL_BRANCHES: the body of `CALL (page) { … }` — one `detail` map per hit of the page, per type. Passages and
 * documents carry candidate sentences (the best semantic sentence when known, else every sentence of the passage,
 * or the document's closest ones) for the mapper to pick the match from; practices are built per search
 * (`practiceDetail`), since the source they show depends on the filters.
 */
const DETAIL_BRANCHES = {
  passage: `
      UNWIND page AS h
      WITH h WHERE h.type = 'passage'
      MATCH (d:Document)-[:HAS_PASSAGE]->(n:Passage {id: h.id})
      WITH h, d, n,
        COLLECT { MATCH (n)-[:HAS_SENTENCE]->(s:Sentence) WHERE h.matchId IS NULL OR s.id = h.matchId
          RETURN ${SENTENCE} ORDER BY s.start } AS sentences,
        COLLECT { MATCH (n)-[:MENTIONS]->(e:Entity) RETURN ${ENTITY_WITH_ALIASES} ORDER BY e.id } AS entities
      RETURN {type: 'passage', id: n.id, text: n.text, document: ${documentRef('d')},
        span: {start: n.start, end: n.end, page: n.page}, sentences: sentences, entities: entities} AS detail`,
  entity: `      UNWIND page AS h
      WITH h WHERE h.type IN ['topic', 'trend']
      MATCH (e:Entity {id: h.id})
      RETURN {type: e.kind, id: e.id, name: e.name, text: coalesce(e.description, e.name), document: null,
        span: null, sentences: [], entities: [${ENTITY_WITH_ALIASES}]} AS detail`,
  document: `      UNWIND page AS h
      WITH h WHERE h.type = 'document'
      MATCH (n:Document {id: h.id})
      WITH h, n,
        COLLECT { MATCH (n)-[:HAS_PASSAGE]->(p:Passage) RETURN p.text ORDER BY p.ordinal LIMIT 1 } AS firstText,
        COLLECT { MATCH (s:Sentence {documentId: n.id}) WHERE h.matchId IS NULL OR s.id = h.matchId
          WITH s ORDER BY CASE WHEN $embedding IS NULL OR h.matchId IS NOT NULL THEN 0
            ELSE vector.similarity.cosine(s.embedding, $embedding) END DESC, s.start
          LIMIT 1 RETURN ${SENTENCE} } AS sentences,
        COLLECT { MATCH (n)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e:Entity)
          WITH e, count(*) AS c ORDER BY c DESC, e.id LIMIT 10 RETURN ${ENTITY_WITH_ALIASES} } AS entities
      RETURN {type: 'document', id: n.id, title: coalesce(n.title, n.id), text: coalesce(firstText[0], ''),
        document: ${documentRef('n')}, span: null, sentences: sentences, entities: entities} AS detail`,
} as const;

/**
 * The details subquery for the requested hit types only (no branch is planned or run for a type not asked for),
 * with the parameters the practice branch's filters need.
 */
export function hitDetails(types: readonly string[], f: SearchFilters): Predicate {
  const kinds = [...new Set(types.map((t) => (t === 'topic' || t === 'trend' ? 'entity' : t)))];
  const practice = kinds.includes('practice') ? practiceDetail(f) : { where: '', params: {} };
  const branches = kinds.map((k) =>
    k === 'practice' ? practice.where : DETAIL_BRANCHES[k as keyof typeof DETAIL_BRANCHES],
  );
  return { where: branches.join('\n      UNION ALL\n'), params: practice.params };
}

interface EntityRow extends EntityRef {
  aliases: string[];
}

interface SentenceRow {
  id?: string;
  text: string;
  start: number;
  end: number;
  sim?: number | null;
}

/** Whether an entity's name or one of its aliases occurs in the query (acronyms only as written). */
export function entityNamedIn(entity: { name: string; aliases: readonly string[] }, queryText: string): boolean {
  return [entity.name, ...entity.aliases].some((alias) => {
    const acronym = alias === alias.toUpperCase() && /[A-Z]/.test(alias);
    const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu').test(queryText);
  });
}

/**
 * The match among a hit's candidate sentences: the semantic list's best sentence when it is one of them, else the
 * one closest to the query vector, else the one holding most query terms (keyword mode), else the first.
 */
export function pickMatch(
  sentences: readonly SentenceRow[],
  matchId: string | null,
  terms: string[],
): SentenceRow | null {
  if (sentences.length === 0) return null;
  const byId = matchId ? sentences.find((s) => s.id === matchId) : undefined;
  if (byId) return byId;
  const score = (s: SentenceRow) => s.sim ?? matchedTerms(terms, s.text).length;
  return sentences.reduce((best, s) => (score(s) > score(best) ? s : best));
}

/** Maps a detail row plus its fused ranking to the API's SearchHit. */
export function toSearchHit(row: Record<string, unknown>, item: PageItem, rank: number, queryText: string): SearchHit {
  const entities = ((row.entities as EntityRow[] | null) ?? []).filter((e) => e && e.id);
  const refs = entities.map((e) => ({ type: e.type, id: e.id, name: e.name }));
  const rawSpan = row.span as { start?: number; end?: number; page?: number } | null;
  const text = String(row.text ?? '');
  const terms = queryTerms(queryText);
  const best = pickMatch((row.sentences as SentenceRow[] | null) ?? [], item.matchId, terms);
  const hit: SearchHit = {
    type: String(row.type),
    id: String(row.id),
    text,
    score: item.score,
    rank,
    document: toDocumentRef(row.document),
    span:
      rawSpan && rawSpan.start !== null && rawSpan.start !== undefined
        ? toSpan(rawSpan.start, rawSpan.end, rawSpan.page)
        : null,
    match: best ? { text: best.text, span: toSpan(best.start, best.end, rawSpan?.page) } : null,
    entities: refs,
    why: {
      lists: Object.fromEntries(item.lists.map((l) => [l.list, { rank: l.rank, score: l.score }])),
      matchedTerms: matchedTerms(terms, `${text} ${row.title ?? ''} ${row.name ?? ''}`),
      matchedEntities: entities
        .filter((e) => entityNamedIn(e, queryText))
        .map((e) => ({ type: e.type, id: e.id, name: e.name })),
    },
  };
  if (row.title) hit.title = String(row.title);
  if (row.name) hit.name = String(row.name);
  return hit;
}

/**
 * Cosine of the best sentence at or above which an answer is "high" confidence: the model's (ingest/models.ts
 * `thresholds.highConfidence`); this is the default model's. For all-MiniLM-L6-v2, calibrated by
 * bench/calibrate-confidence.ts on the 100-document graph (bench/confidence.md): the 40 labelled queries' best
 * sentences lie at 0.42–0.83, 30 off-topic and nonsense queries' at 0.17–0.37; 0.40 separates them all.
 */
export const HIGH_CONFIDENCE_COSINE = modelThresholds(DEFAULT_MODEL_ID).highConfidence.cosine;
/** A top hit holding at least this share of the query's content words is a keyword answer worth trusting. */
export const HIGH_CONFIDENCE_TERM_COVERAGE = 0.6;

/**
 * "high" when the best semantic candidate is close to the query (its cosine at least `highCosine`, the query
 * embedding's model's threshold), or the top hit holds most of the query's words; otherwise "low" (the page then
 * says there is no good match). Neo4j's vector score is (1 + cos) / 2.
 */
export function judgeConfidence(
  topSemantic: number | null,
  queryText: string,
  hits: SearchHit[],
  highCosine: number = HIGH_CONFIDENCE_COSINE,
): Confidence {
  const bestSimilarity = topSemantic === null ? null : cosineFromVectorScore(topSemantic);
  const terms = queryTerms(queryText);
  const termCoverage = hits.length === 0 || terms.length === 0 ? 0 : hits[0].why.matchedTerms.length / terms.length;
  const high =
    hits.length > 0 &&
    ((bestSimilarity !== null && bestSimilarity >= highCosine) || termCoverage >= HIGH_CONFIDENCE_TERM_COVERAGE);
  return { level: high ? 'high' : 'low', bestSimilarity, termCoverage };
}
