/**
 * Linkage paths between two entities: all shortest paths (allShortestPaths) plus the strongest few among
 * paths at most one hop longer, ranked by a cost that prefers stated facts and frequent co-occurrence.
 * Each hop carries its evidence: the fact sentences, or for RELATED_TO up to two sentences naming both entities
 * (else the shortest stretch of a passage naming each, or its sentence closest to an entity linked by meaning).
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableLink, readableParam, readableWeight, type Readable } from './access.js';
import { hopsLiteral } from './cypher.js';
import {
  buildCooccurrenceEvidence,
  factEvidence,
  toCooccurrenceEvidence,
  toEvidence,
  type CooccurrenceRow,
  type RawEvidence,
} from './evidence.js';
import type { EntityRef, Evidence } from './shapes.js';
import { LINK_TYPES, buildEntityRefs } from './neighbourhood.js';
import type { LinkagePath, LinkagePaths } from './answers.js';

const MAX_HOPS = 5;
/** How many raw paths the strongest-path search may enumerate before ranking: bounds the work. */
const ENUMERATION_CAP = 5000;

const hops = (n: number) => hopsLiteral(n, MAX_HOPS, 'maxHops');

/**
 * SHORTEST_PATHS: node-id sequences of all shortest paths of at most `maxHops` (a validated integer literal) over
 * links the caller may read.
 */
export function buildShortestPaths(
  from: string,
  to: string,
  maxHops: number,
  cap: number,
  readable: Readable,
): CypherQuery {
  return query(
    `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = allShortestPaths((a)-[:${LINK_TYPES.join('|')}*..${hops(maxHops)}]-(b))
    WHERE all(r IN relationships(p) WHERE ${readableLink('r')})
    WITH DISTINCT [n IN nodes(p) | n.id] AS ids
    RETURN ids LIMIT toInteger($cap)
    `,
    { from, to, cap, ...readableParam(readable) },
  );
}

/**
 * STRONGEST_PATHS: simple paths of at most `maxHops`, cheapest first. Hop cost: a stated fact 0.25, a
 * co-occurrence 1 / (1 + its weight: sentences naming both), so a path through well-attested links beats a
 * shorter path through a single shared sentence.
 */
export function buildStrongestPaths(
  from: string,
  to: string,
  maxHops: number,
  cap: number,
  readable: Readable,
): CypherQuery {
  return query(
    `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = (a)-[:${LINK_TYPES.join('|')}*1..${hops(maxHops)}]-(b)
    WHERE all(r IN relationships(p) WHERE ${readableLink('r')})
      AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
    WITH p LIMIT ${ENUMERATION_CAP}
    WITH [n IN nodes(p) | n.id] AS ids,
      reduce(c = 0.0, r IN relationships(p) | c + CASE type(r) WHEN 'RELATED_TO' THEN 1.0 / (1 + ${readableWeight('r')}) ELSE 0.25 END) AS cost
    WITH ids, min(cost) AS cost
    RETURN ids, cost ORDER BY cost, size(ids), ids LIMIT toInteger($cap)
    `,
    { from, to, cap, ...readableParam(readable) },
  );
}

/**
 * HOP_EVIDENCE: for each pair of adjacent entities, every link; a stated fact with its sentence and the two names
 * in it (co-occurrence evidence comes from COOCCURRENCE_EVIDENCE, for the hops that have no fact).
 */
export function buildHopEvidence(pairs: readonly (readonly [string, string])[], readable: Readable): CypherQuery {
  return query(
    `
    UNWIND $pairs AS pair
    MATCH (x:Entity {id: pair[0]})-[r:${LINK_TYPES.join('|')}]-(y:Entity {id: pair[1]})
    WHERE ${readableLink('r')}
    OPTIONAL MATCH (d:Document {id: r.documentId}) WHERE ${readableDocument('d')}
    RETURN pair[0] AS a, pair[1] AS b, type(r) AS type,
      CASE type(r) WHEN 'RELATED_TO' THEN ${readableWeight('r')} ELSE 1 END AS weight,
      CASE WHEN d IS NULL THEN [] ELSE [${factEvidence('r', 'd', 'x', 'y')}] END AS evidence
    ORDER BY a, b, type
    `,
    { pairs: pairs.map((p) => [...p]), ...readableParam(readable) },
  );
}

interface HopRow {
  a: string;
  b: string;
  type: string;
  weight: number;
  evidence: RawEvidence[];
}

/** The first evidence of each sentence text: a fact stated in the same words by several documents is cited once. */
function uniqueSentences(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.sentence) && seen.add(e.sentence));
}

/**
 * Shortest and strongest paths (about half of `limit` each, shortest first, no duplicates); null when an
 * endpoint is unknown. Hop strength = 1 − 2^−(fact sentences + co-occurrence weight); path strength = product.
 */
export async function linkagePaths(
  graph: Graph,
  input: { from: string; to: string; maxHops: number; limit: number; readable: Readable },
): Promise<LinkagePaths | null> {
  const refs = await graph.read<{ ref: EntityRef }>(buildEntityRefs([input.from, input.to]));
  if (refs.length < 2 && input.from !== input.to) return null;
  if (refs.length < 1) return null;
  const shortest = await graph.read<{ ids: string[] }>(
    buildShortestPaths(input.from, input.to, input.maxHops, 50, input.readable),
  );
  if (shortest.length === 0) return { paths: [] as LinkagePath[] };
  const span = Math.min(input.maxHops, shortest[0].ids.length); // shortest hop count + 1
  const strongest = await graph.read<{ ids: string[] }>(
    buildStrongestPaths(input.from, input.to, span, input.limit * 3, input.readable),
  );
  const candidates = [
    ...shortest.map((s) => ({ kind: 'shortest' as const, ids: s.ids })),
    ...strongest.map((s) => ({ kind: 'strongest' as const, ids: s.ids })),
  ];
  const pairKeys = new Map<string, [string, string]>();
  const allIds = new Set<string>();
  for (const c of candidates) {
    c.ids.forEach((id, i) => {
      allIds.add(id);
      if (i > 0) pairKeys.set(`${c.ids[i - 1]}|${id}`, [c.ids[i - 1], id]);
    });
  }
  const [hopRows, nodeRows] = await Promise.all([
    graph.read<HopRow>(buildHopEvidence([...pairKeys.values()], input.readable)),
    graph.read<{ ref: EntityRef }>(buildEntityRefs([...allIds])),
  ]);
  const factPairs = new Set(hopRows.filter((h) => h.type !== 'RELATED_TO').map((h) => `${h.a}|${h.b}`));
  const cooccurring = [...pairKeys].filter(([key]) => !factPairs.has(key)).map(([, pair]) => pair);
  const cooccurrenceRows = cooccurring.length
    ? await graph.read<CooccurrenceRow>(buildCooccurrenceEvidence(cooccurring, input.readable))
    : [];
  const cooccurrenceOf = new Map(cooccurrenceRows.map((r) => [`${r.a}|${r.b}`, toCooccurrenceEvidence(r)]));
  const refOf = new Map(nodeRows.map((r) => [r.ref.id, r.ref]));
  const toPath = (kind: LinkagePath['kind'], ids: string[]): LinkagePath => {
    const pathHops = ids.slice(1).map((id, i) => {
      const links = hopRows.filter((h) => h.a === ids[i] && h.b === id);
      const facts = links.filter((l) => l.type !== 'RELATED_TO');
      const chosen = facts.length > 0 ? facts : links;
      const support = facts.length + links.filter((l) => l.type === 'RELATED_TO').reduce((s, l) => s + l.weight, 0);
      const evidence = facts.length
        ? uniqueSentences(facts.flatMap((l) => l.evidence).map(toEvidence))
        : (cooccurrenceOf.get(`${ids[i]}|${id}`) ?? []);
      return {
        hop: { from: refOf.get(ids[i])!, to: refOf.get(id)!, type: chosen[0]?.type ?? 'RELATED_TO', evidence },
        strength: 1 - 2 ** -Math.max(support, 1),
      };
    });
    const strength = pathHops.reduce((p, h) => p * h.strength, 1);
    return {
      kind,
      length: ids.length - 1,
      strength: Math.round(strength * 1000) / 1000,
      nodes: ids.map((id) => refOf.get(id)!),
      hops: pathHops.map((h) => h.hop),
    };
  };
  const byStrength = (a: LinkagePath, b: LinkagePath) => b.strength - a.strength || a.length - b.length;
  const shortPaths = shortest.map((s) => toPath('shortest', s.ids)).sort(byStrength);
  const seen = new Set(shortPaths.map((p) => p.nodes.map((n) => n.id).join('>')));
  const strongPaths = strongest
    .map((s) => toPath('strongest', s.ids))
    .filter((p) => !seen.has(p.nodes.map((n) => n.id).join('>')))
    .sort(byStrength);
  const half = Math.ceil(input.limit / 2);
  const picked = [
    ...shortPaths.slice(0, half),
    ...strongPaths.slice(0, input.limit - Math.min(half, shortPaths.length)),
  ];
  const rest = shortPaths.slice(half);
  return { paths: [...picked, ...rest].slice(0, input.limit) };
}
