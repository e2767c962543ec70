/** Canonical entities: browse and autocomplete, and one entity with its relations, passages and practices. */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { FACT_TYPES, relType } from '../graph/schema.js';
import { query, stableQuery } from '../graph/cypher.js';
import {
  readableDocument,
  readableDocumentId,
  readableParam,
  readablePractice,
  readablePracticeText,
  readableTag,
  readableWeight,
  type Readable,
} from './access.js';
import { documentRef, entityRef, toDocumentRef, toSpan } from './cypher.js';
import { factEvidence, mentionEvidence, toEvidence, type RawEvidence } from './evidence.js';
import { entityCommunity } from './communities.js';
import { buildEntityRefs } from './neighbourhood.js';
import type { EntityRef } from './shapes.js';
import type { EntityDetail, EntityList } from './answers.js';

/**
 * ENTITY_LIST: by kind and/or name/alias prefix (case-insensitive), prefix-of-name first, then by mentions in
 * readable passages. Every taxonomy entity is listed (the taxonomy is not access-labelled); counts are the caller's.
 */
export function buildListEntities(input: {
  type?: string;
  q?: string;
  limit: number;
  readable: Readable;
}): CypherQuery {
  return query(
    `
    MATCH (e:Entity)
    WHERE ($kind IS NULL OR e.kind = $kind)
      AND ($q IS NULL OR toLower(e.name) STARTS WITH $q OR toLower(e.id) STARTS WITH $q
        OR any(w IN split(toLower(e.name), ' ') WHERE w STARTS WITH $q)
        OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) STARTS WITH $q))
    WITH e, COUNT { MATCH (d:Document)-[:HAS_PASSAGE]->(:Passage)-[:MENTIONS]->(e) WHERE ${readableDocument('d')} } AS mentions
    RETURN ${entityRef('e')} AS ref, coalesce(e.aliases, []) AS aliases, coalesce(e.description, '') AS description, mentions
    ORDER BY CASE WHEN $q IS NOT NULL AND toLower(e.name) STARTS WITH $q THEN 0 ELSE 1 END, mentions DESC, e.name
    LIMIT toInteger($limit)
    `,
    {
      kind: input.type ?? null,
      q: input.q ? input.q.toLowerCase() : null,
      limit: input.limit,
      ...readableParam(input.readable),
    },
  );
}

export async function listEntities(
  graph: Graph,
  input: { type?: string; q?: string; limit: number; readable: Readable },
): Promise<EntityList> {
  const rows = await graph.read<{ ref: EntityRef; aliases: string[]; description: string; mentions: number }>(
    buildListEntities(input),
  );
  return {
    results: rows.map((r) => ({ ...r.ref, aliases: r.aliases, description: r.description, mentions: r.mentions })),
  };
}

/** Facts between entities: every stated relation but the practice tags (a practice is not an entity). */
const ENTITY_FACTS = FACT_TYPES.filter((t) => t !== 'ADDRESSES' && t !== 'MITIGATES').map(relType);

/** How much of an entity one page shows: the strongest passages, practices, co-occurring entities, fact sentences. */
export const ENTITY_PAGE_LIMITS = { passages: 10, practices: 20, related: 20, facts: 200 };

/**
 * ENTITY_DETAIL: the entity, its stated facts grouped by type/direction/other (each with its sentence and the two
 * names in it), top passages (each with the sentence naming the entity), practices, co-occurrences — each from
 * readable documents only, co-occurrence weighted by the readable labels (queries/access.ts).
 *
 * Every part starts from the entity (found by its unique id) and reaches documents by their unique id, and each is
 * cut to its limit before its evidence is built (bench/entity-page.md): so the plan does not depend on the graph's
 * statistics, and it is kept (`replan=skip`) rather than planned again, for seconds, whenever an ingest moves them.
 */
export function buildEntityDetail(
  kind: string,
  id: string,
  readable: Readable,
  limits = ENTITY_PAGE_LIMITS,
): CypherQuery {
  return stableQuery(
    `
    MATCH (e:Entity {id: $id}) WHERE e.kind = $kind
    // Practices tagged with the entity, then (only while fewer than the limit) those quoted from a passage mentioning
    // it: a topic's tags fill the page, and walking its passages' quotes was most of the statement's work.
    CALL (e) {
      MATCH (pr:Practice)-[t:ADDRESSES|MITIGATES]->(e) WHERE ${readableTag('t')} AND ${readablePractice('pr')}
      WITH DISTINCT pr ORDER BY pr.id LIMIT toInteger($practiceLimit)
      RETURN collect(pr) AS tagged
    }
    CALL (e, tagged) {
      WITH e, tagged WHERE size(tagged) < $practiceLimit
      // The passage's document by its unique id: expanding a passage's incoming HAS_PASSAGE walks its many sentence
      // and mention relationships (bench/entity-page.md).
      MATCH (pr:Practice)-[:SOURCED_FROM]->(p:Passage)-[:MENTIONS]->(e)
      WHERE NOT pr IN tagged AND ${readableDocumentId('p.documentId', 'p')}
      WITH DISTINCT pr ORDER BY pr.id LIMIT toInteger($practiceLimit)
      RETURN collect(pr) AS sourced
    }
    RETURN ${entityRef('e')} AS ref, coalesce(e.aliases, []) AS aliases, coalesce(e.description, '') AS description,
      COLLECT { MATCH (:Passage)-[st:STATES {key: 'establishedIn'}]->(e) WHERE ${readableDocumentId('st.documentId', 'st')}
        RETURN st.value ORDER BY st.documentId, st.start LIMIT 1 }[0] AS establishedIn,
      COLLECT {
        MATCH (e)-[r:${ENTITY_FACTS.join('|')}]-(o:Entity)
        MATCH (d:Document {id: r.documentId}) WHERE ${readableDocument('d')}
        WITH e, r, o, d ORDER BY type(r), o.id, d.id, r.start LIMIT toInteger($factLimit)
        RETURN {type: type(r), direction: CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END, other: ${entityRef('o')},
          evidence: ${factEvidence('r', 'd', 'e', 'o')}}
      } AS facts,
      COLLECT {
        MATCH (p:Passage)-[m:MENTIONS]->(e)
        // Sorted first: a horizon, so the planner expands from the entity rather than from every readable document's
        // passages (bench/entity-page.md); the readable check then stops at the limit.
        WITH p ORDER BY m.score DESC, coalesce(m.count, 1) DESC, p.id
        MATCH (d:Document {id: p.documentId}) WHERE ${readableDocument('d')}
        WITH d, p LIMIT toInteger($passageLimit)
        RETURN {id: p.id, text: p.text, document: ${documentRef('d')}, span: {start: p.start, end: p.end, page: p.page},
          evidence: ${mentionEvidence('p', 'd', 'e')}}
      } AS passages,
      [pr IN (tagged + sourced)[..toInteger($practiceLimit)] | {id: pr.id, text: ${readablePracticeText('pr')}}] AS practices,
      COLLECT {
        MATCH (e)-[r:RELATED_TO]-(o:Entity)
        WITH o, ${readableWeight('r')} AS weight WHERE weight > 0
        RETURN {type: o.kind, id: o.id, name: o.name, weight: weight} ORDER BY weight DESC, o.id LIMIT toInteger($relatedLimit)
      } AS related
    `,
    {
      id,
      kind,
      factLimit: limits.facts,
      passageLimit: limits.passages,
      practiceLimit: limits.practices,
      relatedLimit: limits.related,
      ...readableParam(readable),
    },
  );
}

interface FactRow {
  type: string;
  direction: 'out' | 'in';
  other: EntityRef;
  evidence: RawEvidence;
}

/** One entity in full, or null when unknown (or of another kind). */
export async function entityDetail(
  graph: Graph,
  kind: string,
  id: string,
  readable: Readable,
): Promise<EntityDetail | null> {
  const [[row], community] = await Promise.all([
    graph.read<Record<string, unknown>>(buildEntityDetail(kind, id, readable)),
    entityCommunity(graph, id, readable),
  ]);
  if (!row) return null;
  const relations = new Map<string, EntityDetail['relations'][number]>();
  for (const f of row.facts as FactRow[]) {
    const key = `${f.type}|${f.direction}|${f.other.id}`;
    const rel = relations.get(key) ?? { type: f.type, direction: f.direction, other: f.other, evidence: [] };
    rel.evidence.push(toEvidence(f.evidence));
    relations.set(key, rel);
  }
  const entity: EntityDetail['entity'] = {
    ...(row.ref as EntityRef),
    aliases: row.aliases as string[],
    description: String(row.description),
  };
  if (row.establishedIn !== null && row.establishedIn !== undefined) entity.establishedIn = row.establishedIn;
  return {
    entity,
    relations: [...relations.values()],
    passages: (row.passages as Record<string, unknown>[]).map((p) => {
      const s = p.span as { start: number; end: number; page: unknown };
      return {
        id: String(p.id),
        text: String(p.text),
        document: toDocumentRef(p.document)!,
        span: toSpan(s.start, s.end, s.page),
        evidence: toEvidence(p.evidence as RawEvidence),
      };
    }),
    practices: row.practices as EntityDetail['practices'],
    related: row.related as EntityDetail['related'],
    community,
  };
}

/** The kind of the entity `id` names (country, topic …), or null when no entity has that id. */
export async function entityKind(graph: Graph, id: string): Promise<string | null> {
  const [row] = await graph.read<{ ref: EntityRef }>(buildEntityRefs([id]));
  return row?.ref.type ?? null;
}
