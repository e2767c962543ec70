/**
 * Linkage paths between two entities: all shortest paths (allShortestPaths), the strongest few among paths at most
 * one hop longer, and the paths of stated facts alone; ranked strongest first. A stated fact hop has strength 1,
 * a co-occurrence hop its association strength (< 1, queries/access.ts readableStrength), a path the product: so
 * a path of stated facts ranks before any path through co-occurrence (docs/graph-model.md "Paths").
 * Hops keep the walking order (`from` → `to`) and say which way their stored fact points (`direction`); a path's
 * kind says what it is among the paths found (labelPathKinds). Each hop carries its evidence: the fact sentences,
 * or for RELATED_TO up to two sentences naming both entities (else the shortest stretch of a passage naming each,
 * or its sentence closest to an entity linked by meaning), each with both entities' names marked.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableLink, readableParam, readableStrength, type Readable } from './access.js';
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
import type { HopDirection, LinkagePath, LinkagePaths } from './answers.js';

const MAX_HOPS = 5;
/** How many raw paths the strongest-path search may enumerate before ranking: bounds the work. */
const ENUMERATION_CAP = 5000;
/** Stated facts only: every link type but co-occurrence. */
const FACT_LINK_TYPES = LINK_TYPES.filter((t) => t !== 'RELATED_TO');

const hops = (n: number) => hopsLiteral(n, MAX_HOPS, 'maxHops');
const linkPattern = (factsOnly: boolean) => (factsOnly ? FACT_LINK_TYPES : LINK_TYPES).join('|');

/**
 * SHORTEST_PATHS: node-id sequences of all shortest paths of at most `maxHops` (a validated integer literal) over
 * links the caller may read (stated facts only with `factsOnly`).
 */
export function buildShortestPaths(
  from: string,
  to: string,
  maxHops: number,
  cap: number,
  readable: Readable,
  factsOnly = false,
): CypherQuery {
  return query(
    `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = allShortestPaths((a)-[:${linkPattern(factsOnly)}*..${hops(maxHops)}]-(b))
    WHERE all(r IN relationships(p) WHERE ${readableLink('r')})
    WITH DISTINCT [n IN nodes(p) | n.id] AS ids
    RETURN ids LIMIT toInteger($cap)
    `,
    { from, to, cap, ...readableParam(readable) },
  );
}

/**
 * STRONGEST_PATHS: simple paths of at most `maxHops` (stated facts only with `factsOnly`), cheapest first. Hop
 * cost = −ln(hop strength): a stated fact 0, a co-occurrence −ln(its association strength) > 0, so path cost
 * orders paths as the product of their hop strengths does.
 */
export function buildStrongestPaths(
  from: string,
  to: string,
  maxHops: number,
  cap: number,
  readable: Readable,
  factsOnly = false,
): CypherQuery {
  return query(
    `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = (a)-[:${linkPattern(factsOnly)}*1..${hops(maxHops)}]-(b)
    WHERE all(r IN relationships(p) WHERE ${readableLink('r')})
      AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
    WITH p LIMIT ${ENUMERATION_CAP}
    WITH [n IN nodes(p) | n.id] AS ids,
      reduce(c = 0.0, r IN relationships(p) | c + CASE type(r) WHEN 'RELATED_TO' THEN -log(${readableStrength('r')}) ELSE 0.0 END) AS cost
    WITH ids, min(cost) AS cost
    RETURN ids, cost ORDER BY cost, size(ids), ids LIMIT toInteger($cap)
    `,
    { from, to, cap, ...readableParam(readable) },
  );
}

/**
 * HOP_EVIDENCE: for each pair of adjacent entities (in walking order), every link (stated facts only with
 * `factsOnly`) and which way it is stored; a stated fact with its sentence and the two names in it, a co-occurrence
 * with its strength for the caller (its evidence comes from COOCCURRENCE_EVIDENCE, for the hops that have no fact).
 */
export function buildHopEvidence(
  pairs: readonly (readonly [string, string])[],
  readable: Readable,
  factsOnly = false,
): CypherQuery {
  return query(
    `
    UNWIND $pairs AS pair
    MATCH (x:Entity {id: pair[0]})-[r:${linkPattern(factsOnly)}]-(y:Entity {id: pair[1]})
    WHERE ${readableLink('r')}
    OPTIONAL MATCH (d:Document {id: r.documentId}) WHERE ${readableDocument('d')}
    RETURN pair[0] AS a, pair[1] AS b, type(r) AS type,
      CASE WHEN type(r) = 'RELATED_TO' THEN 'undirected' WHEN startNode(r) = x THEN 'forward' ELSE 'backward' END
        AS direction,
      CASE type(r) WHEN 'RELATED_TO' THEN ${readableStrength('r')} ELSE 1.0 END AS strength,
      CASE WHEN d IS NULL THEN [] ELSE [${factEvidence('r', 'd', 'x', 'y')}] END AS evidence
    ORDER BY a, b, type, direction DESC
    `,
    { pairs: pairs.map((p) => [...p]), ...readableParam(readable) },
  );
}

interface HopRow {
  a: string;
  b: string;
  type: string;
  direction: HopDirection;
  strength: number;
  evidence: RawEvidence[];
}

/** The first evidence of each sentence text: a fact stated in the same words by several documents is cited once. */
function uniqueSentences(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(e.sentence) && seen.add(e.sentence));
}

/**
 * A path's strength for display: the product of its hop strengths, rounded down to 4 decimals so a path through
 * co-occurrence never shows 1.
 */
const roundStrength = (s: number) => (s === 1 ? 1 : Math.floor(s * 10_000) / 10_000);

/** Strongest first (on the unrounded strengths), then shorter, then by node ids: a stable order. */
function rankPaths<P extends { strength: number; length: number; nodes: EntityRef[] }>(paths: readonly P[]): P[] {
  const key = (p: P) => p.nodes.map((n) => n.id).join('>');
  return [...paths].sort((a, b) => b.strength - a.strength || a.length - b.length || key(a).localeCompare(key(b)));
}

/**
 * Each path's kind, from what it is among all the paths found (not from which search found it): 'shortest' when it
 * has as few hops as any; 'strongest' when it has more, yet is stronger than every shortest path and no path found
 * is stronger; else 'longer'. So a longer path is called strongest only when it beats the shortest ones.
 */
export function labelPathKinds<P extends { strength: number; length: number }>(
  paths: readonly P[],
): (P & { kind: LinkagePath['kind'] })[] {
  const fewestHops = Math.min(...paths.map((p) => p.length));
  const shortestBest = Math.max(...paths.filter((p) => p.length === fewestHops).map((p) => p.strength));
  const best = Math.max(...paths.map((p) => p.strength));
  return paths.map((p) => ({
    ...p,
    kind:
      p.length === fewestHops ? 'shortest' : p.strength > shortestBest && p.strength === best ? 'strongest' : 'longer',
  }));
}

/** An endpoint that names no entity: which query parameter, and its id. */
export interface MissingEndpoint {
  parameter: 'from' | 'to';
  id: string;
}

/**
 * Shortest, strongest and stated-fact paths, strongest first (no duplicates, at most `limit`), each hop in walking
 * order with the direction its fact is stored in; `{ missing }` naming each endpoint that is no entity. With
 * `factsOnly`, only paths of stated facts.
 */
export async function linkagePaths(
  graph: Graph,
  input: { from: string; to: string; maxHops: number; limit: number; readable: Readable; factsOnly?: boolean },
): Promise<LinkagePaths | { missing: MissingEndpoint[] }> {
  const factsOnly = input.factsOnly ?? false;
  const refs = await graph.read<{ ref: EntityRef }>(buildEntityRefs([input.from, input.to]));
  const known = new Set(refs.map((r) => r.ref.id));
  const missing = (['from', 'to'] as const)
    .filter((parameter) => !known.has(input[parameter]))
    .map((parameter) => ({ parameter, id: input[parameter] }));
  if (missing.length > 0) return { missing };
  const shortest = await graph.read<{ ids: string[] }>(
    buildShortestPaths(input.from, input.to, input.maxHops, 50, input.readable, factsOnly),
  );
  if (shortest.length === 0) return { paths: [] as LinkagePath[] };
  const span = Math.min(input.maxHops, shortest[0].ids.length); // shortest hop count + 1
  const [strongest, stated] = await Promise.all([
    graph.read<{ ids: string[] }>(
      buildStrongestPaths(input.from, input.to, span, input.limit * 3, input.readable, factsOnly),
    ),
    // Stated facts are sparse: their paths are searched to maxHops, so one is found however many co-occurrence
    // paths the strongest search enumerates first.
    factsOnly
      ? Promise.resolve([])
      : graph.read<{ ids: string[] }>(
          buildStrongestPaths(input.from, input.to, input.maxHops, input.limit, input.readable, true),
        ),
  ]);
  const candidates = new Map<string, string[]>();
  for (const r of [...shortest, ...stated, ...strongest]) candidates.set(r.ids.join('>'), r.ids);
  const pairKeys = new Map<string, [string, string]>();
  const allIds = new Set<string>();
  for (const ids of candidates.values()) {
    ids.forEach((id, i) => {
      allIds.add(id);
      if (i > 0) pairKeys.set(`${ids[i - 1]}|${id}`, [ids[i - 1], id]);
    });
  }
  const [hopRows, nodeRows] = await Promise.all([
    graph.read<HopRow>(buildHopEvidence([...pairKeys.values()], input.readable, factsOnly)),
    graph.read<{ ref: EntityRef }>(buildEntityRefs([...allIds])),
  ]);
  const factPairs = new Set(hopRows.filter((h) => h.type !== 'RELATED_TO').map((h) => `${h.a}|${h.b}`));
  const cooccurring = [...pairKeys].filter(([key]) => !factPairs.has(key)).map(([, pair]) => pair);
  const cooccurrenceRows = cooccurring.length
    ? await graph.read<CooccurrenceRow>(buildCooccurrenceEvidence(cooccurring, input.readable))
    : [];
  const cooccurrenceOf = new Map(cooccurrenceRows.map((r) => [`${r.a}|${r.b}`, toCooccurrenceEvidence(r)]));
  const refOf = new Map(nodeRows.map((r) => [r.ref.id, r.ref]));
  const toHop = (a: string, b: string): LinkagePath['hops'][number] => {
    const links = hopRows.filter((h) => h.a === a && h.b === b);
    const facts = links.filter((l) => l.type !== 'RELATED_TO');
    // A hop states one fact (types alphabetically, one pointing the walking way first) and cites that fact's
    // evidence only: another fact between the same two entities, maybe pointing the other way, would not support it.
    const fact = facts[0];
    const evidence = fact
      ? uniqueSentences(
          facts
            .filter((l) => l.type === fact.type && l.direction === fact.direction)
            .flatMap((l) => l.evidence)
            .map(toEvidence),
        )
      : (cooccurrenceOf.get(`${a}|${b}`) ?? []);
    return {
      from: refOf.get(a)!,
      to: refOf.get(b)!,
      type: fact?.type ?? 'RELATED_TO',
      direction: fact?.direction ?? 'undirected',
      strength: fact ? 1 : Number(links[0]?.strength ?? 0),
      evidence,
    };
  };
  const toPath = (ids: string[]) => {
    const pathHops = ids.slice(1).map((id, i) => toHop(ids[i], id));
    return {
      length: ids.length - 1,
      strength: pathHops.reduce((p, h) => p * h.strength, 1),
      nodes: ids.map((id) => refOf.get(id)!),
      hops: pathHops,
    };
  };
  const ranked = rankPaths(labelPathKinds([...candidates.values()].map(toPath))).slice(0, input.limit);
  const rounded = ranked.map(({ kind, ...p }) => ({
    kind,
    ...p,
    strength: roundStrength(p.strength),
    hops: p.hops.map((h) => ({ ...h, strength: roundStrength(h.strength) })),
  }));
  return { paths: rounded };
}
