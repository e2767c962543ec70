/** The one constructor of Cypher query values, used by graph/ and queries/ alike. */
import type { CypherQuery } from './driver.js';

/** A frozen `{ cypher, params }` value; the text is trimmed of the indentation used in source. */
export function query(cypher: string, params: Record<string, unknown> = {}): CypherQuery {
  const text = cypher
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n');
  return Object.freeze({ cypher: dedent(text), params: Object.freeze({ ...params }) });
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/**
 * A statement run once per ingested document whose plan does not depend on the graph's size (its look-ups are index
 * seeks, by uniqueness constraint or hint, or scans no index could serve at any size — the fact relationships of a
 * re-written document, bench/ingest-speed.md): planned once instead of again each time the statistics move while
 * an ingest grows the graph from empty. Planning took about a fifth of Neo4j's query-thread CPU samples during a
 * 100-document ingest (bench/ingest-speed.md).
 */
export function stableQuery(cypher: string, params: Record<string, unknown>): CypherQuery {
  const q = query(cypher, params);
  return Object.freeze({ ...q, cypher: `CYPHER replan=skip\n${q.cypher}` });
}
