/**
 * Filter values with counts, for the web page's filter controls: over every readable document (GET /api/facets) or
 * over the current search's result set (POST /api/facets, the search's query, mode and filters).
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument } from './access.js';
import { FILTER_KINDS, passagePredicate, type SearchFilters } from './filters.js';
import { keywordQuery } from './lucene.js';
import { candidateLists, type SearchMode } from './search.js';
import type { EntityRef } from './shapes.js';
import type { Facets } from './answers.js';

/** The result set facets count over: every passage the filters allow, or those a search's lists return. */
export interface FacetInput {
  filters: SearchFilters;
  /** The search; without it, every readable passage that matches the filters counts. */
  search?: { query: string; mode: SearchMode; limit: number; offset: number };
}

/** The statement part that yields the result set's passages as rows `p`. */
function resultPassages(input: FacetInput, embedding: readonly number[] | null): { cypher: string; params: object } {
  const { filters, search } = input;
  if (!search) {
    const pred = passagePredicate(filters, 'p');
    return { cypher: `MATCH (p:Passage) WHERE ${pred.where}`, params: pred.params };
  }
  const lists = candidateLists({ ...search, types: ['passage'], filters }, embedding, keywordQuery(search.query));
  return {
    cypher: `${lists.cypher}
UNWIND semantic + keyword AS candidate
WITH DISTINCT candidate.id AS passageId
MATCH (p:Passage {id: passageId})`,
    params: lists.params,
  };
}

/**
 * FACETS: the result set's readable documents (those with a passage in it), and for each filterable entity the
 * documents whose result-set passages mention it; types, languages and dates come from those documents. Every
 * passage is readable (the filters carry `$readable`), so no value, date or count comes from a document the
 * caller may not read.
 */
export function buildFacets(input: FacetInput, embedding: readonly number[] | null = null): CypherQuery {
  const passages = resultPassages(input, embedding);
  return query(
    `
${passages.cypher}
MATCH (d:Document)-[:HAS_PASSAGE]->(p) WHERE ${readableDocument('d')}
WITH d, collect(p) AS ps
WITH collect({d: d, ps: ps}) AS hits
CALL (hits) {
  UNWIND hits AS hit
  UNWIND hit.ps AS p
  MATCH (p)-[:MENTIONS]->(e:Entity) WHERE e.kind IN $kinds
  WITH e, count(DISTINCT hit.d) AS n
  RETURN collect({type: e.kind, id: e.id, name: e.name, count: n}) AS entities
}
RETURN entities,
  [h IN hits | {type: coalesce(h.d.type, 'other'), language: h.d.language, date: h.d.date}] AS documents
  `,
    { ...passages.params, readable: [...input.filters.readable], kinds: Object.values(FILTER_KINDS) },
  );
}

type CountedEntity = EntityRef & { count: number };

/** Values with how many documents carry each, in the order of the values. */
function countValues(values: (string | null)[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

/** The filter values the result set supports, with their document counts. */
export async function facets(
  graph: Graph,
  input: FacetInput,
  embedding: readonly number[] | null = null,
): Promise<Facets> {
  const [row] = await graph.read<{
    entities: CountedEntity[];
    documents: { type: string; language: string | null; date: string | null }[];
  }>(buildFacets(input, embedding));
  const byName = (a: EntityRef, b: EntityRef) => a.name.localeCompare(b.name);
  const of = (kind: string) =>
    row.entities
      .filter((e) => e.type === kind)
      .map((e) => ({ ...e, count: Number(e.count) }))
      .sort(byName);
  const types = countValues(row.documents.map((d) => d.type));
  const languages = countValues(row.documents.map((d) => d.language));
  const dates = row.documents
    .map((d) => d.date)
    .filter((d): d is string => Boolean(d))
    .sort();
  return {
    documents: row.documents.length,
    countries: of('country'),
    focusGroups: of('focusGroup'),
    topics: of('topic'),
    trends: of('trend'),
    documentTypes: types.map((t) => t.value),
    languages: languages.map((l) => l.value),
    documentTypeCounts: types,
    languageCounts: languages,
    dateRange: { from: dates[0] ?? null, to: dates.at(-1) ?? null },
  };
}
