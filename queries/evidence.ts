/**
 * Evidence is a sentence: the Cypher projections every family uses to cite one, and co-occurrence evidence — the
 * sentence naming both entities, else the shortest run of a passage's sentences naming each, else (an entity
 * linked by meaning) the passage's sentence closest to that entity's description.
 */
import type { CypherQuery } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { documentRef, toDocumentRef, toSpan } from './cypher.js';
import type { Evidence, EvidenceBasis, Span } from './shapes.js';

/** Evidence as the Cypher maps of the query families return it; `spans` are lists of flattened [s, e, …] offsets. */
export interface RawEvidence {
  sentence: string;
  document: unknown;
  span: { start: number; end: number; page?: number | null };
  passageId: string;
  spans?: (number[] | null)[];
  basis?: EvidenceBasis;
}

/**
 * Cypher map projection of a stated fact's evidence (relationship `r` between entities `a` and `b`, its document
 * `d`): the sentence, with the two entities' names inside it from the sentence's MENTIONS. Variables `fs`, `fm`,
 * `fe` are its own.
 */
export const factEvidence = (r: string, d: string, a: string, b: string) =>
  `{sentence: ${r}.sentence, document: ${documentRef(d)}, span: {start: ${r}.start, end: ${r}.end}, passageId: ${r}.passageId,
          spans: COLLECT { MATCH (:Passage {id: ${r}.passageId})-[:HAS_SENTENCE]->(fs:Sentence)-[fm:MENTIONS]->(fe:Entity)
            WHERE fs.start <= ${r}.start AND ${r}.end <= fs.end AND fe IN [${a}, ${b}] RETURN fm.spans }, basis: 'mention'}`;

/**
 * Cypher map projection of sentence `s` (of document `d`) as evidence, naming entities by the span lists `spans`;
 * `page` is the Cypher expression of its PDF page, when known.
 */
export const sentenceEvidence = (s: string, d: string, spans: string, basis: EvidenceBasis, page = 'null') =>
  `{sentence: ${s}.text, document: ${documentRef(d)}, span: {start: ${s}.start, end: ${s}.end, page: ${page}}, passageId: ${s}.passageId, spans: ${spans}, basis: '${basis}'}`;

/**
 * Cypher expression: the evidence that passage `p` (of document `d`) mentions entity `e` — its first sentence
 * naming `e`, else (a link by meaning) its sentence closest to `e`'s description. Variables `es`, `em` are its own.
 */
export const mentionEvidence = (p: string, d: string, e: string, page = `${p}.page`) =>
  `coalesce(
          COLLECT { MATCH (${p})-[:HAS_SENTENCE]->(es:Sentence)-[em:MENTIONS]->(${e})
            RETURN ${sentenceEvidence('es', d, '[em.spans]', 'mention', page)} ORDER BY es.start LIMIT 1 }[0],
          COLLECT { MATCH (${p})-[:HAS_SENTENCE]->(es:Sentence)
            RETURN ${sentenceEvidence('es', d, '[]', 'meaning', page)}
            ORDER BY vector.similarity.cosine(es.embedding, ${e}.embedding) DESC, es.start LIMIT 1 }[0])`;

/** Flattened [s0, e0, s1, e1, …] lists as spans inside `within`, in text order, without duplicates. */
export function toMentions(lists: readonly (readonly number[] | null)[] | undefined, within: Span): Span[] {
  const seen = new Map<string, Span>();
  for (const list of lists ?? []) {
    for (let i = 0; list && i + 1 < list.length; i += 2) {
      const start = Number(list[i]);
      const end = Number(list[i + 1]);
      if (start >= within.start && end <= within.end) seen.set(`${start}:${end}`, { start, end });
    }
  }
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Maps a raw evidence map to the API's Evidence. */
export function toEvidence(e: RawEvidence): Evidence {
  const span = toSpan(e.span.start, e.span.end, e.span.page);
  return {
    sentence: e.sentence,
    document: toDocumentRef(e.document)!,
    span,
    passageId: e.passageId,
    mentions: toMentions(e.spans, span),
    basis: e.basis ?? 'mention',
  };
}

/**
 * COOCCURRENCE_EVIDENCE: per pair of entities, up to `perPair` sentences naming both (latest documents first);
 * only when there is none, up to `perPair` passages mentioning both (both by name first), each with the entities'
 * spans and its sentences — with, for an entity linked by meaning, their similarity to its description. A sentence
 * found in several documents is cited once. Only documents the caller may read (`readable`) give evidence.
 */
export function buildCooccurrenceEvidence(
  pairs: readonly (readonly [string, string])[],
  readable: Readable,
  perPair = 2,
): CypherQuery {
  const similarity = (m: string, e: string) =>
    `CASE WHEN size(${m}.spans) = 0 THEN coalesce(vector.similarity.cosine(s.embedding, ${e}.embedding), 0) ELSE 0 END`;
  return query(
    `
    UNWIND $pairs AS pair
    MATCH (x:Entity {id: pair[0]}), (y:Entity {id: pair[1]})
    CALL (x, y) {
      MATCH (x)<-[mx:MENTIONS]-(s:Sentence)-[my:MENTIONS]->(y)
      MATCH (d:Document {id: s.documentId}) WHERE ${readableDocument('d')}
      WITH s, d, mx, my ORDER BY d.date DESC, s.documentId, s.start
      // The same sentence in several documents (a page and its PDF) is cited once.
      WITH s.text AS text, head(collect(${sentenceEvidence('s', 'd', '[mx.spans, my.spans]', 'mention')})) AS ev
      WITH ev ORDER BY ev.document.date DESC, ev.document.id, ev.span.start LIMIT toInteger($perPair)
      RETURN collect(ev) AS named
    }
    RETURN pair[0] AS a, pair[1] AS b, named,
      CASE WHEN size(named) > 0 THEN [] ELSE COLLECT {
        MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[mx:MENTIONS]->(x) WHERE ${readableDocument('d')}
        MATCH (p)-[my:MENTIONS]->(y)
        RETURN {passageId: p.id, start: p.start, text: p.text, document: ${documentRef('d')}, spans: [mx.spans, my.spans],
          sentences: COLLECT { MATCH (p)-[:HAS_SENTENCE]->(s:Sentence)
            RETURN {start: s.start, end: s.end, similarity: ${similarity('mx', 'x')} + ${similarity('my', 'y')}}
            ORDER BY s.start }}
        ORDER BY CASE WHEN size(mx.spans) > 0 AND size(my.spans) > 0 THEN 0 ELSE 1 END, d.date DESC, p.id
        LIMIT toInteger($perPair)
      } END AS passages
    `,
    { pairs: pairs.map((p) => [...p]), perPair, ...readableParam(readable) },
  );
}

/** A passage mentioning both entities, as COOCCURRENCE_EVIDENCE returns it. */
export interface CooccurringPassage {
  passageId: string;
  start: number;
  text: string;
  document: unknown;
  /** [x's flattened spans, y's flattened spans]; a list is empty for an entity linked by meaning. */
  spans: [number[], number[]];
  sentences: { start: number; end: number; similarity: number }[];
}

export interface CooccurrenceRow {
  a: string;
  b: string;
  named: RawEvidence[];
  passages: CooccurringPassage[];
}

/** The evidence of one co-occurrence: its sentences naming both, else the best evidence each passage gives. */
export function toCooccurrenceEvidence(row: CooccurrenceRow): Evidence[] {
  if (row.named.length > 0) return row.named.map(toEvidence);
  return row.passages.map(passageEvidence);
}

/**
 * Both named: the shortest run of the passage's sentences that holds a name of each (the closest pair of names).
 * One linked by meaning: the sentence closest to its description, among those naming the other entity if any.
 */
export function passageEvidence(p: CooccurringPassage): Evidence {
  const [xs, ys] = p.spans.map((l) => toMentions([l], { start: -Infinity, end: Infinity }));
  const slice = (start: number, end: number, basis: EvidenceBasis): Evidence => {
    const span = { start, end };
    return {
      sentence: p.text.slice(start - p.start, end - p.start),
      document: toDocumentRef(p.document)!,
      span,
      passageId: p.passageId,
      mentions: toMentions(p.spans, span),
      basis,
    };
  };
  const sentenceAt = (offset: number) =>
    p.sentences.find((s) => s.start <= offset && offset < s.end) ?? { start: offset, end: offset };
  if (xs.length > 0 && ys.length > 0) {
    let best = { start: xs[0].start, end: ys[0].end, length: Infinity };
    for (const x of xs)
      for (const y of ys) {
        const start = Math.min(x.start, y.start);
        const end = Math.max(x.end, y.end);
        if (end - start < best.length) best = { start, end, length: end - start };
      }
    const start = Math.min(best.start, sentenceAt(best.start).start);
    const end = Math.max(best.end, sentenceAt(best.end - 1).end);
    return slice(start, end, 'span');
  }
  const named = [...xs, ...ys];
  const naming = p.sentences.filter((s) => named.some((m) => s.start <= m.start && m.end <= s.end));
  const pool = naming.length > 0 ? naming : p.sentences;
  const best = pool.reduce<(typeof pool)[number] | undefined>(
    (a, s) => (!a || s.similarity > a.similarity ? s : a),
    undefined,
  );
  if (!best) return slice(p.start, p.start + p.text.length, 'meaning');
  return slice(best.start, best.end, 'meaning');
}
