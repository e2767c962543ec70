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
