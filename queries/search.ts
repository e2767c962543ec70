/**
 * Search: semantic (vector index), keyword (full-text index, Lucene-escaped) and hybrid (reciprocal-rank fusion
 * of both, each list filtered BEFORE fusion, so filters hold in every mode). Builders return frozen queries;
 * `searchGraph` runs them and maps rows to hits with their evidence and a `why`.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { ENTITY_LABELS, FULLTEXT_INDEXES, VECTOR_INDEXES, label } from '../graph/schema.js';
import { query } from '../graph/cypher.js';
import { hitPredicate, type SearchFilters } from './filters.js';
import { fuseReciprocalRank, type RankedItem } from './fusion.js';
import { buildHitDetails, toSearchHit } from './search-hits.js';
import { escapeLucene } from './lucene.js';
import type { SearchAnswer } from './answers.js';

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
}

/** Vector/full-text candidates to ask for: filters apply after the index lookup, so ask for plenty. */
export function candidateCount(offset: number, limit: number): number {
  return Math.min((offset + limit) * 5 + 50, 10_000);
}

function union(branches: string[]): string {
  return `CALL () {\n${branches.join('\n  UNION ALL\n')}\n}\nRETURN type, id, score\nORDER BY score DESC, id`;
}

/** Vector-index candidates of each requested type, filtered, as rows { type, id, score }. */
export function buildSemanticSearch(
  types: readonly HitType[],
  embedding: readonly number[],
  k: number,
  f: SearchFilters,
): CypherQuery {
  const branches: string[] = [];
  let params: Record<string, unknown> = {};
  const vector = (index: string) =>
    `  CALL db.index.vector.queryNodes('${index}', toInteger($k), $embedding) YIELD node, score`;
  for (const type of types) {
    if (type === 'passage' || type === 'document') {
      const pred = hitPredicate('passage', f, 'node');
      params = { ...params, ...pred.params };
      const head = `${vector(VECTOR_INDEXES.passage.name)}\n  WHERE ${pred.where}`;
      branches.push(
        type === 'passage'
          ? `${head}\n  RETURN 'passage' AS type, node.id AS id, score`
          : `${head}\n  MATCH (d:Document)-[:HAS_PASSAGE]->(node)\n  RETURN 'document' AS type, d.id AS id, max(score) AS score`,
      );
    } else {
      const pred = hitPredicate(type === 'practice' ? 'practice' : 'entity', f, 'node');
      params = { ...params, ...pred.params };
      branches.push(
        `${vector(VECTOR_INDEXES[type].name)}\n  WHERE ${pred.where}\n  RETURN '${type}' AS type, node.id AS id, score`,
      );
    }
  }
  return query(union(branches), { ...params, k, embedding: [...embedding] });
}

/** Full-text candidates of each requested type for an already-escaped Lucene query, filtered. */
export function buildKeywordSearch(
  types: readonly HitType[],
  lucene: string,
  k: number,
  f: SearchFilters,
): CypherQuery {
  const branches: string[] = [];
  let params: Record<string, unknown> = {};
  const fulltext = (index: string) =>
    `  CALL db.index.fulltext.queryNodes('${index}', $lucene, {limit: toInteger($k)}) YIELD node, score`;
  for (const type of types) {
    const kind = type === 'topic' || type === 'trend' ? 'entity' : type;
    const pred = hitPredicate(kind, f, 'node');
    params = { ...params, ...pred.params };
    const index = FULLTEXT_INDEXES[kind].name;
    const where =
      kind === 'entity' ? `node:${label(ENTITY_LABELS[type as 'topic' | 'trend'])} AND ${pred.where}` : pred.where;
    branches.push(`${fulltext(index)}\n  WHERE ${where}\n  RETURN '${type}' AS type, node.id AS id, score`);
  }
  return query(union(branches), { ...params, k, lucene });
}

interface CandidateRow {
  type: HitType;
  id: string;
  score: number;
}

function toRanked(rows: CandidateRow[]): RankedItem[] {
  const seen = new Set<string>();
  const out: RankedItem[] = [];
  for (const r of rows) {
    const key = `${r.type}|${r.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, type: r.type, id: r.id, score: r.score, rank: out.length + 1 });
  }
  return out;
}

/** Runs a search; `embedding` is the query's vector (needed unless mode is keyword). */
export async function searchGraph(
  graph: Graph,
  input: SearchInput,
  embedding: readonly number[] | null,
): Promise<SearchAnswer> {
  const t0 = Date.now();
  const k = candidateCount(input.offset, input.limit);
  const lucene = escapeLucene(input.query);
  const wantSemantic = input.mode !== 'keyword' && embedding !== null;
  const wantKeyword = input.mode !== 'semantic' && lucene !== null;
  const [semantic, keyword] = await Promise.all([
    wantSemantic
      ? graph.read<CandidateRow>(buildSemanticSearch(input.types, embedding, k, input.filters)).then(toRanked)
      : null,
    wantKeyword
      ? graph.read<CandidateRow>(buildKeywordSearch(input.types, lucene, k, input.filters)).then(toRanked)
      : null,
  ]);
  const fused = fuseReciprocalRank({ semantic, keyword });
  const page = fused.slice(input.offset, input.offset + input.limit);
  const details = page.length > 0 ? await graph.read<Record<string, unknown>>(buildHitDetails(page)) : [];
  const byKey = new Map(details.map((d) => [`${d.type as string}|${d.id as string}`, d]));
  const results = page
    .filter((h) => byKey.has(h.key))
    .map((h, i) => toSearchHit(byKey.get(h.key)!, h, input.offset + i + 1, input.query));
  return { results, total: fused.length, took_ms: Date.now() - t0, mode: input.mode };
}
