/**
 * Linkage paths between two entities: all shortest paths (allShortestPaths), the strongest few among paths at most
 * one hop longer, and the paths of stated facts alone; ranked strongest first. A stated fact hop has strength 1,
 * a co-occurrence hop its association strength (< 1, queries/access.ts readableStrength), a path the product: so
 * a path of stated facts ranks before any path through co-occurrence (docs/graph-model.md "Paths").
 * Each hop carries its evidence: the fact sentences, or for RELATED_TO up to two sentences naming both entities
 * (else the shortest stretch of a passage naming each, or its sentence closest to an entity linked by meaning),
 * each with both entities' names marked.
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
import type { LinkagePath, LinkagePaths } from './answers.js';

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
 * HOP_EVIDENCE: for each pair of adjacent entities, every link (stated facts only with `factsOnly`); a stated fact
 * with its sentence and the two names in it, a co-occurrence with its strength for the caller (its evidence comes
 * from COOCCURRENCE_EVIDENCE, for the hops that have no fact).
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
      CASE type(r) WHEN 'RELATED_TO' THEN ${readableStrength('r')} ELSE 1.0 END AS strength,
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
function rankPaths(paths: readonly LinkagePath[]): LinkagePath[] {
  const key = (p: LinkagePath) => p.nodes.map((n) => n.id).join('>');
  return [...paths].sort((a, b) => b.strength - a.strength || a.length - b.length || key(a).localeCompare(key(b)));
}

/**
 * Shortest, strongest and stated-fact paths, strongest first (no duplicates, at most `limit`); null when an
 * endpoint is unknown. With `factsOnly`, only paths of stated facts.
 */
export async function linkagePaths(
  graph: Graph,
  input: { from: string; to: string; maxHops: number; limit: number; readable: Readable; factsOnly?: boolean },
): Promise<LinkagePaths | null> {
  const factsOnly = input.factsOnly ?? false;
  const refs = await graph.read<{ ref: EntityRef }>(buildEntityRefs([input.from, input.to]));
  if (refs.length < 2 && input.from !== input.to) return null;
  if (refs.length < 1) return null;
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
  const candidates = new Map<string, { kind: LinkagePath['kind']; ids: string[] }>();
  for (const [kind, rows] of [
    ['shortest', shortest],
    ['strongest', [...stated, ...strongest]],
  ] as const) {
    for (const r of rows) if (!candidates.has(r.ids.join('>'))) candidates.set(r.ids.join('>'), { kind, ids: r.ids });
  }
  const pairKeys = new Map<string, [string, string]>();
  const allIds = new Set<string>();
  for (const c of candidates.values()) {
    c.ids.forEach((id, i) => {
      allIds.add(id);
      if (i > 0) pairKeys.set(`${c.ids[i - 1]}|${id}`, [c.ids[i - 1], id]);
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
  const toPath = (kind: LinkagePath['kind'], ids: string[]): LinkagePath => {
    const pathHops = ids.slice(1).map((id, i) => {
      const links = hopRows.filter((h) => h.a === ids[i] && h.b === id);
      const facts = links.filter((l) => l.type !== 'RELATED_TO');
      const evidence = facts.length
        ? uniqueSentences(facts.flatMap((l) => l.evidence).map(toEvidence))
        : (cooccurrenceOf.get(`${ids[i]}|${id}`) ?? []);
      const strength = facts.length > 0 ? 1 : Number(links[0]?.strength ?? 0);
      const type = (facts[0] ?? links[0])?.type ?? 'RELATED_TO';
      return { from: refOf.get(ids[i])!, to: refOf.get(id)!, type, strength, evidence };
    });
    return {
      kind,
      length: ids.length - 1,
      strength: pathHops.reduce((p, h) => p * h.strength, 1),
      nodes: ids.map((id) => refOf.get(id)!),
      hops: pathHops,
    };
  };
  const ranked = rankPaths([...candidates.values()].map((c) => toPath(c.kind, c.ids))).slice(0, input.limit);
  const rounded = ranked.map((p) => ({
    ...p,
    strength: roundStrength(p.strength),
    hops: p.hops.map((h) => ({ ...h, strength: roundStrength(h.strength) })),
  }));
  return { paths: rounded };
}
