/**
 * Search in one round trip: semantic candidates (distinct sentence texts from the sentence vector index, each
 * expanded to the first passage that says it and meets the filters, aggregated to their passage or document by
 * their best sentence; practices, topics and trends from their own vector indexes),
 * keyword candidates (full-text indexes, Lucene-escaped), each list filtered BEFORE fusion so filters hold in every
 * mode, relative-score fusion, and hydration of only the requested page — one Cypher statement.
 *
 * Fusion: each list's scores are min-max normalised to [0, 1] and summed (CombSUM; Fox & Shaw 1994, as Weaviate's
 * "relativeScoreFusion"). Measured against reciprocal-rank fusion on two label sets that share nothing (the
 * generator's 40 queries at 100 documents and the 15 dev queries over the bundled corpus): only this fusion beats
 * both single lists on both (bench/RESULTS.md, "fusion"), while RRF (k = 60 or 10) falls below keyword alone on
 * the dev set.
 */
import { query } from '../graph/cypher.js';
import type { CypherQuery, Graph } from '../graph/driver.js';
import { ENTITY_LABELS, FULLTEXT_INDEXES, VECTOR_INDEXES, label } from '../graph/schema.js';
import { DEFAULT_MODEL_ID, modelThresholds } from '../graph/vector-score.js';
import type { SearchAnswer } from './answers.js';
import { hitPredicate, type SearchFilters } from './filters.js';
import { keywordQuery } from './lucene.js';
import { hitDetails, judgeConfidence, toSearchHit } from './search-hits.js';

export const HIT_TYPES = ['passage', 'practice', 'topic', 'trend', 'document'] as const;
export type HitType = (typeof HIT_TYPES)[number];
export type SearchMode = 'hybrid' | 'semantic' | 'keyword';

export interface SearchInput {
  query: string;
  limit: number;
  offset: number;
  mode: SearchMode;
  types: readonly HitType[];
  filters: SearchFilters;
  /** Candidates each list keeps; default `candidateCount(offset, limit)` (the bench's curve overrides it). */
  candidates?: number;
  /** Entries asked of the sentence vector index; default `sentenceLookups(candidates)` (the curve overrides it). */
  lookups?: number;
  /** The model that embedded the query (IWG_MODEL): its threshold judges the confidence; default model otherwise. */
  model?: string;
}

/**
 * Candidates each list keeps (and asks of each index but the sentence one, which `sentenceLookups` sets): filters
 * apply after the index look-up, so ask for more than the page. Chosen
 * from the measured quality/latency curve in bench/RESULTS.md ("candidate count"): 30 for a first page of 10 —
 * at 1,000 documents the default search (passages + practices) peaks there (nDCG@10 0.614 vs 0.578 at 100) while
 * the sentence look-up, most of a search's Neo4j time, costs about half of k = 100's; hybrid over passages alone
 * gives up 0.033 (0.582 vs 0.615). At 10,000 documents (bench/candidates-10000.md, the sentence index holding
 * distinct texts) the default search is 0.589 at k = 30 vs 0.594 at k = 100 for about half the Neo4j CPU (28 vs
 * 48 ms); a rebuilt index finds more at every k (bench/sentences.md, "Distinct sentences").
 */
export function candidateCount(offset: number, limit: number): number {
  return Math.min((offset + limit) * 2 + 10, 10_000);
}

/**
 * Entries asked of the sentence vector index for a list that keeps `candidates` passages. Neo4j 5.26 searches each
 * Lucene segment's HNSW graph with ef = the k it is asked for and takes no other search-time setting, so asking
 * for more entries than the list keeps is how a search buys the approximate search's recall with look-up CPU; the
 * list still keeps the best `candidates`. 100, from the measured curves (bench/lookups-1000.md,
 * bench/lookups-10000.md; k = 30): at 1,000 documents semantic nDCG@10 0.448 → 0.535 and hybrid 0.613 → 0.647 for
 * about 1 ms more Neo4j CPU than 30; at 10,000 documents, on the m 32 index as ingest and its merges leave it (4
 * segments), 0.208 → 0.375 and 0.455 → 0.541 for ~1.5 ms more, where 150 adds ~0.03 for ~6 ms more per hybrid
 * search and the default search stays within 0.602–0.616 from 30 to 400 (bench/sentences.md).
 */
export const SENTENCE_LOOKUPS = 100;
export function sentenceLookups(candidates: number): number {
  return Math.min(Math.max(candidates, SENTENCE_LOOKUPS), 10_000);
}

/** Semantic branches: rows { type, id, score, matchId } (matchId = the best sentence of a passage/document). */
export function semanticBranches(types: readonly HitType[], f: SearchFilters): { branches: string[]; params: object } {
  const branches: string[] = [];
  let params: Record<string, unknown> = {};
  const vector = (index: string, v: string, k = '$k') =>
    `CALL db.index.vector.queryNodes('${index}', toInteger(${k}), $embedding) YIELD node AS ${v}, score`;
  for (const type of types) {
    if (type === 'passage' || type === 'document') {
      // The index holds each distinct text once (graph/schema.ts); a text counts once, for the first passage that
      // says it and meets the filters — a text repeated in many documents is one hit, not a page of copies — and a
      // passage ranks by its best sentence.
      const pred = hitPredicate('passage', f, 'node');
      params = { ...params, ...pred.params };
      const from = `${vector(VECTOR_INDEXES.sentence.name, 't', '$lookups')}
  CALL (t) {
    MATCH (s:Sentence {textHash: t.textHash}) USING INDEX s:Sentence(textHash)
    MATCH (node:Passage {id: s.passageId}) WHERE ${pred.where}
    RETURN s, node LIMIT 1
  }`;
      branches.push(
        type === 'passage'
          ? `  ${from}
  WITH node, s, score ORDER BY score DESC
  WITH node, collect(s.id)[0] AS matchId, max(score) AS score
  ORDER BY score DESC, node.id LIMIT toInteger($k)
  RETURN 'passage' AS type, node.id AS id, score, matchId`
          : `  ${from}
  WITH s, score ORDER BY score DESC
  WITH s.documentId AS id, collect(s.id)[0] AS matchId, max(score) AS score
  ORDER BY score DESC, id LIMIT toInteger($k)
  RETURN 'document' AS type, id, score, matchId`,
      );
    } else {
      const pred = hitPredicate(type === 'practice' ? 'practice' : 'entity', f, 'node');
      params = { ...params, ...pred.params };
      branches.push(`  ${vector(VECTOR_INDEXES[type].name, 'node')}
  WHERE ${pred.where}
  RETURN '${type}' AS type, node.id AS id, score, null AS matchId`);
    }
  }
  return { branches, params };
}

/** Keyword branches over the full-text indexes: rows { type, id, score }. */
export function keywordBranches(types: readonly HitType[], f: SearchFilters): { branches: string[]; params: object } {
  const branches: string[] = [];
  let params: Record<string, unknown> = {};
  for (const type of types) {
    const kind = type === 'topic' || type === 'trend' ? 'entity' : type;
    const pred = hitPredicate(kind, f, 'node');
    params = { ...params, ...pred.params };
    if (type === 'document') {
      // A document matches by its title or by its text (its passages' BM25, the best passage counting), as its
      // semantic branch matches by its sentences: a word only in the body still finds the document.
      branches.push(`  CALL () {
    CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEXES.document.name}', $lucene, {limit: toInteger($k)})
      YIELD node, score
    WHERE ${pred.where}
    RETURN node.id AS id, score
    UNION ALL
    CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEXES.passage.name}', $lucene, {limit: toInteger($k)})
      YIELD node AS p, score
    MATCH (node:Document {id: p.documentId}) WHERE ${pred.where}
    RETURN node.id AS id, score
  }
  WITH id, max(score) AS score ORDER BY score DESC, id LIMIT toInteger($k)
  RETURN 'document' AS type, id, score`);
      continue;
    }
    const where =
      kind === 'entity' ? `node:${label(ENTITY_LABELS[type as 'topic' | 'trend'])} AND ${pred.where}` : pred.where;
    branches.push(`  CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEXES[kind].name}', $lucene, {limit: toInteger($k)})
    YIELD node, score
  WHERE ${where}
  RETURN '${type}' AS type, node.id AS id, score`);
  }
  return { branches, params };
}

/** A list's candidates, best first, collected into one row (an empty list when the mode does not run it). */
function listOf(name: 'semantic' | 'keyword', branches: string[]): string {
  if (branches.length === 0) return `CALL () { RETURN [] AS ${name} }`;
  const matchId = name === 'semantic' ? ', matchId: matchId' : '';
  return `CALL () {
  CALL () {
  ${branches.join('\n  UNION ALL\n')}
  }
  WITH type, id, score${name === 'semantic' ? ', matchId' : ''} ORDER BY score DESC, type, id
  RETURN collect({type: type, id: id, score: score${matchId}}) AS ${name}
}`;
}

/** What a search's scores are: both lists fused, or the one list that runs with its own scores. */
export type Scoring = 'fused' | 'semantic' | 'keyword';

/** Which lists a search runs: semantic needs the query's vector, keyword a Lucene query (not stop words alone). */
function listsRun(mode: SearchMode, embedding: readonly number[] | null, lucene: string | null) {
  return { semantic: mode !== 'keyword' && embedding !== null, keyword: mode !== 'semantic' && lucene !== null };
}

/** The scale of a search's hit scores (SearchAnswer.scoring). */
export function scoringOf(mode: SearchMode, embedding: readonly number[] | null, lucene: string | null): Scoring {
  const run = listsRun(mode, embedding, lucene);
  if (run.semantic && run.keyword) return 'fused';
  return run.semantic ? 'semantic' : 'keyword';
}

/**
 * The semantic and keyword candidate lists of a search, filtered, as the rows `semantic` and `keyword` (each best
 * first; empty when the mode does not run it). `single`: only one list runs, so its own scores rank.
 */
export function candidateLists(
  input: Pick<SearchInput, 'mode' | 'types' | 'filters' | 'offset' | 'limit' | 'candidates' | 'lookups'>,
  embedding: readonly number[] | null,
  lucene: string | null,
): { cypher: string; params: Record<string, unknown>; single: boolean } {
  const { semantic: runSemantic, keyword: runKeyword } = listsRun(input.mode, embedding, lucene);
  const sem = runSemantic ? semanticBranches(input.types, input.filters) : { branches: [], params: {} };
  const kw = runKeyword ? keywordBranches(input.types, input.filters) : { branches: [], params: {} };
  const k = input.candidates ?? candidateCount(input.offset, input.limit);
  return {
    cypher: `${listOf('semantic', sem.branches)}
    ${listOf('keyword', kw.branches)}`,
    params: {
      ...sem.params,
      ...kw.params,
      k,
      lookups: input.lookups ?? sentenceLookups(k),
      embedding: embedding === null ? null : [...embedding],
      lucene,
    },
    single: runSemantic !== runKeyword,
  };
}

/**
 * SEARCH: both candidate lists, fusion (relative scores, or a single list's own scores), the page, and its details,
 * as one row { total, topSemantic, page, details }.
 */
export function buildSearch(
  input: SearchInput,
  embedding: readonly number[] | null,
  lucene: string | null,
): CypherQuery {
  const lists = candidateLists(input, embedding, lucene);
  const details = hitDetails(input.types, input.filters);
  return query(
    `
    ${lists.cypher}
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
        ${details.where}
      }
      RETURN collect(detail) AS details
    }
    RETURN total, topSemantic, page, details
    `,
    {
      ...lists.params,
      ...details.params,
      readable: [...input.filters.readable],
      single: lists.single,
      offset: input.offset,
      limit: input.limit,
    },
  );
}

interface SearchRow {
  total: number;
  topSemantic: number | null;
  page: PageItem[];
  details: Record<string, unknown>[];
}

/** One fused hit of the page as the statement returns it. */
export interface PageItem {
  type: string;
  id: string;
  score: number;
  lists: { list: 'semantic' | 'keyword'; rank: number; score: number }[];
  matchId: string | null;
}

/** Runs a search; `embedding` is the query's vector (needed unless mode is keyword). */
export async function searchGraph(
  graph: Graph,
  input: SearchInput,
  embedding: readonly number[] | null,
): Promise<SearchAnswer> {
  const t0 = Date.now();
  const lucene = keywordQuery(input.query);
  const [row] = await graph.read<SearchRow>(buildSearch(input, embedding, lucene));
  const byKey = new Map(row.details.map((d) => [`${d.type as string}|${d.id as string}`, d]));
  const results = row.page
    .filter((h) => byKey.has(`${h.type}|${h.id}`))
    .map((h, i) => toSearchHit(byKey.get(`${h.type}|${h.id}`)!, h, input.offset + i + 1, input.query));
  return {
    results,
    total: row.total,
    took_ms: Date.now() - t0,
    mode: input.mode,
    scoring: scoringOf(input.mode, embedding, lucene),
    confidence: judgeConfidence(
      row.topSemantic,
      input.query,
      results,
      modelThresholds(input.model ?? DEFAULT_MODEL_ID).highConfidence.cosine,
    ),
  };
}
