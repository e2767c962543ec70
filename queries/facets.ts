/** Filter values present in the graph, for the web page's filter controls. */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { entityRef } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { Facets } from './answers.js';

/** FACETS: mentioned entities of the filterable kinds, document types, languages and the date range. */
export function buildFacets(): CypherQuery {
  return query(`
    CALL () {
      MATCH (e:Entity) WHERE e.kind IN ['country', 'focusGroup', 'topic', 'trend'] AND EXISTS { (e)<-[:MENTIONS]-(:Passage) }
      RETURN collect(${entityRef('e')}) AS entities
    }
    CALL () {
      MATCH (d:Document)
      RETURN collect(DISTINCT d.type) AS documentTypes, collect(DISTINCT d.language) AS languages,
        min(d.date) AS fromDate, max(d.date) AS toDate
    }
    RETURN entities, documentTypes, languages, fromDate, toDate
  `);
}

export async function facets(graph: Graph): Promise<Facets> {
  const [row] = await graph.read<{
    entities: EntityRef[];
    documentTypes: string[];
    languages: string[];
    fromDate: string | null;
    toDate: string | null;
  }>(buildFacets());
  const byName = (a: EntityRef, b: EntityRef) => a.name.localeCompare(b.name);
  const of = (kind: string) => row.entities.filter((e) => e.type === kind).sort(byName);
  return {
    countries: of('country'),
    focusGroups: of('focusGroup'),
    topics: of('topic'),
    trends: of('trend'),
    documentTypes: [...row.documentTypes].sort(),
    languages: [...row.languages].sort(),
    dateRange: { from: row.fromDate ?? null, to: row.toDate ?? null },
  };
}
