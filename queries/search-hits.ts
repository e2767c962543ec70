/** Hydrates a page of search candidates: text, document reference, span and linked entities, plus the `why`. */
import type { CypherQuery } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { documentRef, toDocumentRef, toSpan } from './cypher.js';
import type { EntityRef } from './shapes.js';
import type { FusedItem } from './fusion.js';
import { matchedTerms, queryTerms } from './lucene.js';
import type { SearchHit } from './answers.js';

const ENTITY_WITH_ALIASES = `e {type: e.kind, id: e.id, name: e.name, aliases: coalesce(e.aliases, [])}`;

/** HIT_DETAILS: one row per candidate id, per type. */
export function buildHitDetails(items: readonly { type: string; id: string }[]): CypherQuery {
  const ids = (t: string) => items.filter((i) => i.type === t).map((i) => i.id);
  return query(
    `
    CALL () {
      UNWIND $passageIds AS hid
      MATCH (d:Document)-[:HAS_PASSAGE]->(n:Passage {id: hid})
      RETURN 'passage' AS type, n.id AS id, null AS title, null AS name, n.text AS text, ${documentRef('d')} AS document,
        {start: n.start, end: n.end, page: n.page} AS span,
        COLLECT { MATCH (n)-[:MENTIONS]->(e:Entity) RETURN ${ENTITY_WITH_ALIASES} ORDER BY e.id } AS entities
      UNION ALL
      UNWIND $practiceIds AS hid
      MATCH (n:Practice {id: hid})
      WITH n, COLLECT {
        MATCH (n)-[s:SOURCED_FROM]->(p:Passage)<-[:HAS_PASSAGE]-(d:Document)
        RETURN {document: ${documentRef('d')}, span: {start: s.start, end: s.end, page: p.page}} AS src
        ORDER BY s.quote = n.text DESC, d.id, s.start LIMIT 1 } AS sources
      RETURN 'practice' AS type, n.id AS id, null AS title, null AS name, n.text AS text,
        sources[0].document AS document, sources[0].span AS span,
        COLLECT {
          MATCH (n)-[:ADDRESSES|MITIGATES]->(e:Entity) RETURN ${ENTITY_WITH_ALIASES}
          UNION
          MATCH (n)-[:SOURCED_FROM]->(:Passage)-[:MENTIONS]->(e:Entity) RETURN ${ENTITY_WITH_ALIASES}
        } AS entities
      UNION ALL
      UNWIND $entityIds AS hid
      MATCH (e:Entity {id: hid})
      RETURN e.kind AS type, e.id AS id, null AS title, e.name AS name, coalesce(e.description, e.name) AS text,
        null AS document, null AS span, [${ENTITY_WITH_ALIASES}] AS entities
      UNION ALL
      UNWIND $documentIds AS hid
      MATCH (n:Document {id: hid})
      RETURN 'document' AS type, n.id AS id, coalesce(n.title, n.id) AS title, null AS name,
        coalesce(COLLECT { MATCH (n)-[:HAS_PASSAGE]->(p:Passage) RETURN p.text ORDER BY p.ordinal LIMIT 1 }[0], '') AS text,
        ${documentRef('n')} AS document, null AS span,
        COLLECT { MATCH (n)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e:Entity)
          WITH e, count(*) AS c ORDER BY c DESC, e.id LIMIT 10 RETURN ${ENTITY_WITH_ALIASES} } AS entities
    }
    RETURN type, id, title, name, text, document, span, entities
    `,
    {
      passageIds: ids('passage'),
      practiceIds: ids('practice'),
      entityIds: [...ids('topic'), ...ids('trend')],
      documentIds: ids('document'),
    },
  );
}

interface EntityRow extends EntityRef {
  aliases: string[];
}

/** Whether an entity's name or one of its aliases occurs in the query (acronyms only as written). */
export function entityNamedIn(entity: { name: string; aliases: readonly string[] }, queryText: string): boolean {
  return [entity.name, ...entity.aliases].some((alias) => {
    const acronym = alias === alias.toUpperCase() && /[A-Z]/.test(alias);
    const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu').test(queryText);
  });
}

/** Maps a detail row plus its fused ranking to the API's SearchHit. */
export function toSearchHit(row: Record<string, unknown>, item: FusedItem, rank: number, queryText: string): SearchHit {
  const entities = ((row.entities as EntityRow[] | null) ?? []).filter((e) => e && e.id);
  const refs = entities.map((e) => ({ type: e.type, id: e.id, name: e.name }));
  const rawSpan = row.span as { start?: number; end?: number; page?: number } | null;
  const text = String(row.text ?? '');
  const hit: SearchHit = {
    type: String(row.type),
    id: String(row.id),
    text,
    score: item.score,
    rank,
    document: toDocumentRef(row.document),
    span:
      rawSpan && rawSpan.start !== null && rawSpan.start !== undefined
        ? toSpan(rawSpan.start, rawSpan.end, rawSpan.page)
        : null,
    entities: refs,
    why: {
      lists: item.lists as SearchHit['why']['lists'],
      matchedTerms: matchedTerms(queryTerms(queryText), `${text} ${row.title ?? ''} ${row.name ?? ''}`),
      matchedEntities: entities
        .filter((e) => entityNamedIn(e, queryText))
        .map((e) => ({ type: e.type, id: e.id, name: e.name })),
    },
  };
  if (row.title) hit.title = String(row.title);
  if (row.name) hit.name = String(row.name);
  return hit;
}
