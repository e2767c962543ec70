/**
 * The entity graph for visualisation: a bounded neighbourhood around one entity. Neighbours are ranked by
 * normalised weight — a stated fact 1, a co-occurrence its association strength (queries/access.ts
 * readableStrength, in (0, 1)), a neighbour at two or three hops the product along its strongest path (as paths
 * rank, queries/paths.ts) — and the strongest `limit` are kept; entities reached by stated facts alone are always
 * kept, even beyond `limit`. Edges are drawn among the kept nodes only, co-occurrence thinned to a readable few.
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
  readableStrength,
  readableTag,
  readableWeight,
  type Readable,
} from './access.js';
import { entityRef, hopsLiteral } from './cypher.js';
import { factEvidence, toEvidence, type RawEvidence } from './evidence.js';
import type { EntityRef } from './shapes.js';
import type { GraphView } from './answers.js';
import { selectNeighbours, thinEdges, type Candidate, type EdgeRow } from './neighbourhood-select.js';

/** Relationships between entities: facts stated by documents (not practice tags) and co-occurrence. */
export const LINK_TYPES = [...FACT_TYPES.filter((t) => t !== 'ADDRESSES' && t !== 'MITIGATES'), 'RELATED_TO'].map(
  relType,
);
/** Stated facts only: every link type but co-occurrence. */
export const FACT_LINK_TYPES = LINK_TYPES.filter((t) => t !== 'RELATED_TO');
const links = (factsOnly: boolean) => (factsOnly ? FACT_LINK_TYPES : LINK_TYPES).join('|');

/** Entities reached by stated facts alone are kept beyond `limit`, but never more than this many: a bound on work. */
export const FACT_NEIGHBOUR_CAP = 100;

/** A link's normalised weight for the caller: 1 for a stated fact, the co-occurrence strength otherwise. */
const linkStrength = (r: string) => `CASE type(${r}) WHEN 'RELATED_TO' THEN ${readableStrength(r)} ELSE 1.0 END`;

/** ENTITY_REFS: entity refs for ids (unknown ids are absent). */
export function buildEntityRefs(ids: readonly string[]): CypherQuery {
  return query(`UNWIND $ids AS eid MATCH (e:Entity {id: eid}) RETURN ${entityRef('e')} AS ref`, { ids: [...ids] });
}

/** How a neighbourhood is bounded: how far, how many, how strong a link must be, which links. */
export interface NeighbourhoodBounds {
  depth: number;
  limit: number;
  minWeight: number;
  factsOnly: boolean;
}

/**
 * NEIGHBOURS: entities not yet kept that are linked to the frontier (each `{id, score, fact}`: its normalised weight
 * and whether stated facts alone reach it) by links the caller may read and at least `minWeight` strong (stated
 * facts always), each with its best score through the frontier; stated-fact chains first, then strongest first.
 */
export function buildNeighbours(
  frontier: readonly { id: string; score: number; fact: boolean }[],
  kept: readonly string[],
  bounds: Pick<NeighbourhoodBounds, 'limit' | 'minWeight' | 'factsOnly'>,
  readable: Readable,
): CypherQuery {
  return query(
    `
    UNWIND $frontier AS f
    MATCH (a:Entity {id: f.id})-[r:${links(bounds.factsOnly)}]-(b:Entity)
    WHERE NOT b.id IN $kept AND ${readableLink('r')}
    WITH f, b, type(r) <> 'RELATED_TO' AS fact, ${linkStrength('r')} AS strength
    WHERE fact OR strength >= $minWeight
    WITH b, max(f.score * strength) AS score, max(CASE WHEN fact AND f.fact THEN 1 ELSE 0 END) = 1 AS fact
    RETURN b.id AS id, b.kind AS type, b.name AS label, score, fact
    ORDER BY fact DESC, score DESC, id LIMIT toInteger($cap)
    `,
    {
      frontier: frontier.map((f) => ({ ...f })),
      kept: [...kept],
      minWeight: bounds.minWeight,
      // Beyond the facts and `limit` others, no candidate of this level can be selected (see selectNeighbours).
      cap: bounds.limit + FACT_NEIGHBOUR_CAP,
      ...readableParam(readable),
    },
  );
}

/**
 * EDGES_AMONG: every readable link between the given entities (stated facts only with `factsOnly`), co-occurrence at
 * least `minWeight` strong; facts with their evidence sentence and the names in it, co-occurrence with its
 * readable weight and strength.
 */
export function buildEdgesAmong(
  ids: readonly string[],
  readable: Readable,
  bounds: Pick<NeighbourhoodBounds, 'minWeight' | 'factsOnly'> = { minWeight: 0, factsOnly: false },
): CypherQuery {
  return query(
    `
    UNWIND $ids AS aid
    MATCH (a:Entity {id: aid})-[r:${links(bounds.factsOnly)}]->(b:Entity)
    WHERE b.id IN $ids AND ${readableLink('r')}
    WITH a, b, r, ${linkStrength('r')} AS strength
    WHERE type(r) <> 'RELATED_TO' OR strength >= $minWeight
    OPTIONAL MATCH (d:Document {id: r.documentId}) WHERE ${readableDocument('d')}
    RETURN a.id AS source, b.id AS target, type(r) AS type, strength,
      CASE type(r) WHEN 'RELATED_TO' THEN ${readableWeight('r')} ELSE null END AS weight,
      CASE WHEN r.sentence IS NULL OR d IS NULL THEN null
        ELSE ${factEvidence('r', 'd', 'a', 'b')} END AS evidence
    ORDER BY source, type, target
    `,
    { ids: [...ids], minWeight: bounds.minWeight, ...readableParam(readable) },
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

/**
 * The neighbourhood of depth 1..3: the focus, then its strongest `limit` neighbours (and every one reached by stated
 * facts alone), then on request practices while room is left; edges among them. Null when the entity is unknown.
 */
export async function neighbourhood(
  graph: Graph,
  input: NeighbourhoodBounds & { type: string; id: string; practices: boolean; readable: Readable },
): Promise<GraphView | null> {
  const [start] = await graph.read<{ ref: EntityRef }>(buildEntityRefs([input.id]));
  if (!start || start.ref.type !== input.type) return null;
  const focus: Candidate = { id: start.ref.id, type: start.ref.type, label: start.ref.name, score: 1, fact: true };
  const pool = new Map<string, Candidate>();
  let kept: Candidate[] = [];
  let frontier = [focus];
  for (let level = 0; level < hopsLiteral(input.depth, 3, 'depth') && frontier.length; level++) {
    const found = await graph.read<Candidate>(
      buildNeighbours(
        frontier.map(({ id, score, fact }) => ({ id, score, fact })),
        [focus.id, ...kept.map((n) => n.id)],
        input,
        input.readable,
      ),
    );
    for (const c of found) {
      const had = pool.get(c.id);
      pool.set(c.id, had ? { ...c, score: Math.max(had.score, c.score), fact: had.fact || c.fact } : c);
    }
    const next = selectNeighbours([...pool.values()], input.limit, FACT_NEIGHBOUR_CAP);
    const before = new Set(kept.map((n) => n.id));
    frontier = next.filter((n) => !before.has(n.id));
    kept = next;
  }
  const nodes: GraphView['nodes'] = [focus, ...kept].map(({ id, type, label, score }) => ({ id, type, label, score }));
  const rows = await graph.read<EdgeRow & { evidence: RawEvidence | null }>(
    buildEdgesAmong(
      nodes.map((n) => n.id),
      input.readable,
      input,
    ),
  );
  const edges = new Map<string, GraphView['edges'][number]>();
  for (const r of thinEdges(
    rows,
    nodes.map((n) => n.id),
  )) {
    const id = `${r.source}|${r.type}|${r.target}`;
    const edge = edges.get(id) ?? { id, source: r.source, target: r.target, type: r.type, strength: r.strength };
    if (r.weight !== null && r.weight !== undefined) edge.weight = r.weight;
    if (r.evidence) (edge.evidence ??= []).push(toEvidence(r.evidence));
    edges.set(id, edge);
  }
  const room = input.limit - kept.length;
  if (input.practices && room > 0) {
    const practices = await graph.read<{ id: string; text: string; target: string; type: string }>(
      buildPracticesOf(
        nodes.map((n) => n.id),
        room,
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
