/**
 * One document for reading: its metadata, a page of its normalised text, and the passages and sentences on that
 * page with their offsets (so a reader can mark them and open at a cited span).
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { entityRef, toSpan } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { DocumentDetail, StoredDocument } from './answers.js';

/** Which part of the text to read, in characters of the normalised text (UTF-16 code units, as offsets are). */
export interface DocumentPageInput {
  id: string;
  offset: number;
  limit: number;
}

// A document's declared focus groups (manifest or upload `focusGroups`) are named from their entities; a group the
// taxonomy has since dropped keeps its id as its name rather than vanishing from the document.
// A page boundary that falls inside a sentence moves to that sentence's edge (the start backwards, the end
// forwards), so a page never cuts a sentence and consecutive pages (next = this page's end) join exactly.
/**
 * DOCUMENT_PAGE: metadata, the whole text (sliced by the caller), and the passages and sentences of the page, when
 * the caller may read the document.
 */
export function buildGetDocument(input: DocumentPageInput, readable: Readable): CypherQuery {
  return query(
    `
    MATCH (d:Document {id: $id}) WHERE ${readableDocument('d')}
    WITH d,
      coalesce(head(COLLECT {
        MATCH (s:Sentence {documentId: d.id}) WHERE s.start < $offset < s.end RETURN s.start
      }), $offset) AS from,
      coalesce(head(COLLECT {
        MATCH (s:Sentence {documentId: d.id}) WHERE s.start < $offset + $limit < s.end RETURN s.end
      }), $offset + $limit) AS to
    RETURN d {.id, .title, .type, .date, .year, .language, .source, .access, .format, .contentHash, .passageCount,
        ingestedAt: toString(d.ingestedAt)} AS document,
      coalesce(d.text, '') AS text, from, to,
      [g IN coalesce(d.focusGroups, []) | coalesce(head(COLLECT {
        MATCH (e:Entity {id: g}) RETURN ${entityRef('e')}
      }), {type: 'focusGroup', id: g, name: g})] AS focusGroups,
      COLLECT {
        MATCH (d)-[:HAS_PASSAGE]->(p:Passage) WHERE p.start < to AND from < p.end
        RETURN {id: p.id, ordinal: p.ordinal, heading: p.heading, text: p.text, start: p.start, end: p.end, page: p.page,
          entities: COLLECT { MATCH (p)-[:MENTIONS]->(e:Entity) RETURN ${entityRef('e')} ORDER BY e.id }}
        ORDER BY p.ordinal
      } AS passages,
      COLLECT {
        MATCH (s:Sentence {documentId: d.id}) WHERE from <= s.start AND s.end <= to
        RETURN s {.id, .ordinal, .text, .start, .end, .passageId} ORDER BY s.ordinal
      } AS sentences
    `,
    { id: input.id, offset: input.offset, limit: input.limit, ...readableParam(readable) },
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

interface DocumentRow {
  document: StoredDocument;
  text: string;
  focusGroups: EntityRef[];
  from: number;
  to: number;
  passages: Record<string, unknown>[];
  sentences: Record<string, unknown>[];
}

/**
 * The document with the page of its text at `offset`, or null when the id is unknown or the caller may not read
 * it (the same answer: no leak).
 */
export async function getDocument(
  graph: Graph,
  input: DocumentPageInput,
  readable: Readable,
): Promise<DocumentDetail | null> {
  const [row] = await graph.read<DocumentRow>(buildGetDocument(input, readable));
  if (!row) return null;
  // Sliced here, not by Cypher's substring: offsets count UTF-16 code units, as the ingest's JavaScript did.
  const length = row.text.length;
  const from = Math.min(Number(row.from), length);
  const to = Math.min(Math.max(Number(row.to), from), length);
  return {
    ...row.document,
    focusGroups: row.focusGroups,
    length,
    page: {
      offset: from,
      end: to,
      text: row.text.slice(from, to),
      previous: from > 0 ? Math.max(0, from - input.limit) : null,
      next: to < length ? to : null,
    },
    passages: row.passages.map((p) => ({
      id: String(p.id),
      ordinal: Number(p.ordinal),
      heading: (p.heading as string | null) ?? null,
      text: String(p.text),
      span: toSpan(p.start, p.end, p.page),
      entities: p.entities as EntityRef[],
    })),
    sentences: row.sentences.map((s) => ({
      id: String(s.id),
      ordinal: Number(s.ordinal),
      text: String(s.text),
      span: toSpan(s.start, s.end),
      passageId: String(s.passageId),
    })),
  };
}
