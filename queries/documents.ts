/** One document: its metadata and passages (with their linked entities), as stored. */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { entityRef, toSpan } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { DocumentDetail, StoredDocument } from './answers.js';

/** DOCUMENT_BY_ID: metadata and passages in reading order, when the caller may read it. */
export function buildGetDocument(id: string, readable: Readable): CypherQuery {
  return query(
    `
    MATCH (d:Document {id: $id}) WHERE ${readableDocument('d')}
    RETURN d {.id, .title, .type, .date, .year, .language, .source, .access, .format, .contentHash, .passageCount,
        ingestedAt: toString(d.ingestedAt)} AS document,
      COLLECT {
        MATCH (d)-[:HAS_PASSAGE]->(p:Passage)
        RETURN {id: p.id, ordinal: p.ordinal, heading: p.heading, text: p.text, start: p.start, end: p.end, page: p.page,
          entities: COLLECT { MATCH (p)-[:MENTIONS]->(e:Entity) RETURN ${entityRef('e')} ORDER BY e.id }}
        ORDER BY p.ordinal
      } AS passages
    `,
    { id, ...readableParam(readable) },
  );
}

/** DOCUMENT_ACCESS: a stored document's access label (whoever asks: writes check it before replacing). */
export function buildDocumentAccess(id: string): CypherQuery {
  return query('MATCH (d:Document {id: $id}) RETURN d.access AS access', { id });
}

/** A stored document's access label, or null when there is no such document. */
export async function documentAccess(graph: Graph, id: string): Promise<string | null> {
  const [row] = await graph.read<{ access: string | null }>(buildDocumentAccess(id));
  return row ? (row.access ?? '') : null;
}

/** The document or null when the id is unknown or the caller may not read it (the same answer: no leak). */
export async function getDocument(graph: Graph, id: string, readable: Readable): Promise<DocumentDetail | null> {
  const [row] = await graph.read<{ document: StoredDocument; passages: Record<string, unknown>[] }>(
    buildGetDocument(id, readable),
  );
  if (!row) return null;
  return {
    ...row.document,
    passages: row.passages.map((p) => ({
      id: String(p.id),
      ordinal: Number(p.ordinal),
      heading: (p.heading as string | null) ?? null,
      text: String(p.text),
      span: toSpan(p.start, p.end, p.page),
      entities: p.entities as EntityRef[],
    })),
  };
}
