/** Filter values present in the graph, for the web page's filter controls. */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { entityRef } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { Facets } from './answers.js';

/**
 * FACETS: entities of the filterable kinds mentioned by a readable passage, and the readable documents' types,
 * languages and date range: no value, date or count only an unreadable document supports.
 */
export function buildFacets(readable: Readable): CypherQuery {
  return query(
    `
    CALL () {
      MATCH (e:Entity) WHERE e.kind IN ['country', 'focusGroup', 'topic', 'trend']
        AND EXISTS { MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e) WHERE ${readableDocument('d')} }
      RETURN collect(${entityRef('e')}) AS entities
    }
    CALL () {
      MATCH (d:Document) WHERE ${readableDocument('d')}
      RETURN collect(DISTINCT d.type) AS documentTypes, collect(DISTINCT d.language) AS languages,
        min(d.date) AS fromDate, max(d.date) AS toDate
    }
    RETURN entities, documentTypes, languages, fromDate, toDate
  `,
    readableParam(readable),
  );
}

/** The filter values the caller's readable documents support. */
export async function facets(graph: Graph, readable: Readable): Promise<Facets> {
  const [row] = await graph.read<{
    entities: EntityRef[];
    documentTypes: string[];
    languages: string[];
    fromDate: string | null;
    toDate: string | null;
  }>(buildFacets(readable));
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
