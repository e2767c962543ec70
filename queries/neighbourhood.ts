/**
 * The entity graph for visualisation and linkage: a bounded neighbourhood around one entity, and the shortest
 * and strongest paths between two entities over stated facts and co-occurrence (RELATED_TO), each hop with
 * its evidence.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { FACT_TYPES, relType } from '../graph/schema.js';
import { query } from '../graph/cypher.js';
import {
  readableDocument,
  readableLink,
  readableParam,
  readablePassage,
  readablePractice,
  readablePracticeText,
  readableTag,
  readableWeight,
  type Readable,
} from './access.js';
import { entityRef, hopsLiteral } from './cypher.js';
import { factEvidence, toEvidence, type RawEvidence } from './evidence.js';
import type { EntityRef } from './shapes.js';
import type { GraphView } from './answers.js';

/** Relationships between entities: facts stated by documents (not practice tags) and co-occurrence. */
export const LINK_TYPES = [...FACT_TYPES.filter((t) => t !== 'ADDRESSES' && t !== 'MITIGATES'), 'RELATED_TO'].map(
  relType,
);
const LINKS = LINK_TYPES.join('|');

/** ENTITY_REFS: entity refs for ids (unknown ids are absent). */
export function buildEntityRefs(ids: readonly string[]): CypherQuery {
  return query(`UNWIND $ids AS eid MATCH (e:Entity {id: eid}) RETURN ${entityRef('e')} AS ref`, { ids: [...ids] });
}

/** NEIGHBOURS: unseen entities linked to the frontier by links the caller may read, strongest links first. */
export function buildNeighbours(
  frontier: readonly string[],
  seen: readonly string[],
  room: number,
  readable: Readable,
): CypherQuery {
  return query(
    `
    UNWIND $frontier AS fid
    MATCH (a:Entity {id: fid})-[r:${LINKS}]-(b:Entity)
    WHERE NOT b.id IN $seen AND ${readableLink('r')}
    WITH b, sum(CASE type(r) WHEN 'RELATED_TO' THEN ${readableWeight('r')} ELSE 2 END) AS strength
    RETURN b.id AS id, b.kind AS type, b.name AS label
    ORDER BY strength DESC, id LIMIT toInteger($room)
    `,
    { frontier: [...frontier], seen: [...seen], room, ...readableParam(readable) },
  );
}

/**
 * EDGES_AMONG: every readable link between the given entities, facts with their evidence sentence and the names in
 * it, co-occurrence with its readable weight.
 */
export function buildEdgesAmong(ids: readonly string[], readable: Readable): CypherQuery {
  return query(
    `
    UNWIND $ids AS aid
    MATCH (a:Entity {id: aid})-[r:${LINKS}]->(b:Entity)
    WHERE b.id IN $ids AND ${readableLink('r')}
    OPTIONAL MATCH (d:Document {id: r.documentId}) WHERE ${readableDocument('d')}
    RETURN a.id AS source, b.id AS target, type(r) AS type,
      CASE type(r) WHEN 'RELATED_TO' THEN ${readableWeight('r')} ELSE r.weight END AS weight,
      CASE WHEN r.sentence IS NULL OR d IS NULL THEN null
        ELSE ${factEvidence('r', 'd', 'a', 'b')} END AS evidence
    ORDER BY source, type, target
    `,
    { ids: [...ids], ...readableParam(readable) },
  );
}

/** PRACTICES_OF: readable practices that address/mitigate the given entities by a readable tag. */
export function buildPracticesOf(ids: readonly string[], room: number, readable: Readable): CypherQuery {
  return query(
    `
    UNWIND $ids AS eid
    MATCH (pr:Practice)-[r:ADDRESSES|MITIGATES]->(e:Entity {id: eid})
    WHERE ${readableTag('r')} AND ${readablePractice('pr')}
    RETURN pr.id AS id, ${readablePracticeText('pr')} AS text, e.id AS target, type(r) AS type,
      COUNT { MATCH (pr)-[:SOURCED_FROM]->(p:Passage) WHERE ${readablePassage('p')} } AS sources
    ORDER BY sources DESC, pr.id LIMIT toInteger($room)
    `,
    { ids: [...ids], room, ...readableParam(readable) },
  );
}

/** Breadth-first neighbourhood of depth 1..3 with at most `limit` nodes; null when the entity is unknown. */
export async function neighbourhood(
  graph: Graph,
  input: { type: string; id: string; depth: number; limit: number; practices: boolean; readable: Readable },
): Promise<GraphView | null> {
  const [start] = await graph.read<{ ref: EntityRef }>(buildEntityRefs([input.id]));
  if (!start || start.ref.type !== input.type) return null;
  const nodes: GraphView['nodes'] = [{ id: start.ref.id, type: start.ref.type, label: start.ref.name }];
  let frontier = [start.ref.id];
  for (let level = 0; level < hopsLiteral(input.depth, 3) && frontier.length && nodes.length < input.limit; level++) {
    const found = await graph.read<{ id: string; type: string; label: string }>(
      buildNeighbours(
        frontier,
        nodes.map((n) => n.id),
        input.limit - nodes.length,
        input.readable,
      ),
    );
    nodes.push(...found);
    frontier = found.map((n) => n.id);
  }
  const edges = new Map<string, GraphView['edges'][number]>();
  const rows = await graph.read<{
    source: string;
    target: string;
    type: string;
    weight: number | null;
    evidence: RawEvidence | null;
  }>(
    buildEdgesAmong(
      nodes.map((n) => n.id),
      input.readable,
    ),
  );
  for (const r of rows) {
    const id = `${r.source}|${r.type}|${r.target}`;
    const edge = edges.get(id) ?? { id, source: r.source, target: r.target, type: r.type };
    if (r.weight !== null && r.weight !== undefined) edge.weight = r.weight;
    if (r.evidence) (edge.evidence ??= []).push(toEvidence(r.evidence));
    edges.set(id, edge);
  }
  if (input.practices && nodes.length < input.limit) {
    const practices = await graph.read<{ id: string; text: string; target: string; type: string }>(
      buildPracticesOf(
        nodes.map((n) => n.id),
        input.limit - nodes.length,
        input.readable,
      ),
    );
    for (const p of practices) {
      if (!nodes.some((n) => n.id === p.id)) nodes.push({ id: p.id, type: 'practice', label: p.text });
      const id = `${p.id}|${p.type}|${p.target}`;
      edges.set(id, { id, source: p.id, target: p.target, type: p.type });
    }
  }
  return { nodes, edges: [...edges.values()] };
}
