/**
 * Communities of the entity graph and their central connectors, as stored by graph/communities.ts: the caller is
 * served the communities of its access view — computed from the documents of exactly the labels it may read — so
 * no member, link or ranking comes from a document it may not read; each top connector's evidence (the sentence
 * behind its strongest link inside the community) comes from readable documents only.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { communityView } from '../graph/communities.js';
import type { Readable } from './access.js';
import { entityRef } from './cypher.js';
import { buildCooccurrenceEvidence, toCooccurrenceEvidence, toEvidence, type CooccurrenceRow } from './evidence.js';
import { buildHopEvidence } from './paths.js';
import type { EntityRef, Evidence } from './shapes.js';
import type { Communities, CommunityConnector, EntityCommunity } from './answers.js';

/** Members of an entity's community shown on its page. */
const ENTITY_PAGE_MEMBERS = 8;

/** COMMUNITIES: the view's communities, largest first, each with every member and its scores, by PageRank. */
export function buildCommunities(view: string, limit: number): CypherQuery {
  return query(
    `
    MATCH (c:Community {view: $view})
    WITH c ORDER BY c.ordinal
    WITH collect(c) AS ordered
    UNWIND ordered[0..toInteger($limit)] AS c
    RETURN c.id AS id, c.ordinal AS ordinal, c.size AS size, c.computedAt AS computedAt, c.seed AS seed,
      size(ordered) AS total,
      COLLECT { MATCH (e:Entity)-[m:IN_COMMUNITY]->(c)
        RETURN {ref: ${entityRef('e')}, pagerank: m.pagerank, betweenness: m.betweenness, anchor: m.anchor}
        ORDER BY m.rank } AS members
    ORDER BY c.ordinal
    `,
    { view, limit },
  );
}

/** ENTITY_COMMUNITY: the community of one entity in the view, with its scores and the other members. */
export function buildEntityCommunity(id: string, view: string, members = ENTITY_PAGE_MEMBERS): CypherQuery {
  return query(
    `
    MATCH (e:Entity {id: $id})-[m:IN_COMMUNITY]->(c:Community {view: $view})
    RETURN c.id AS id, c.ordinal AS ordinal, c.size AS size, m.pagerank AS pagerank, m.betweenness AS betweenness,
      COLLECT { MATCH (o:Entity)-[om:IN_COMMUNITY]->(c) RETURN o.name ORDER BY om.rank LIMIT 2 } AS top,
      COLLECT { MATCH (o:Entity)-[om:IN_COMMUNITY]->(c) WHERE o <> e
        RETURN ${entityRef('o')} ORDER BY om.rank LIMIT toInteger($members) } AS members
    `,
    { id, view, members },
  );
}

interface MemberRow {
  ref: EntityRef;
  pagerank: number;
  betweenness: number;
  anchor: string | null;
}
interface CommunityRow {
  id: string;
  ordinal: number;
  size: number;
  computedAt: string;
  seed: number;
  total: number;
  members: MemberRow[];
}

const nameOf = (names: readonly string[]) => names.slice(0, 2).join(' · ');

/** The top `k` members by PageRank and the top `k` by betweenness (those with any), PageRank's first. */
export function pickConnectors(
  members: readonly MemberRow[],
  k: number,
): (MemberRow & { by: CommunityConnector['by'] })[] {
  const byRank = members.slice(0, k);
  const byBetween = [...members]
    .filter((m) => m.betweenness > 0)
    .sort((a, b) => b.betweenness - a.betweenness || a.ref.id.localeCompare(b.ref.id))
    .slice(0, k);
  const picked = new Map<string, MemberRow & { by: CommunityConnector['by'] }>();
  for (const m of byRank) picked.set(m.ref.id, { ...m, by: ['pagerank'] });
  for (const m of byBetween) {
    const seen = picked.get(m.ref.id);
    if (seen) seen.by.push('betweenness');
    else picked.set(m.ref.id, { ...m, by: ['betweenness'] });
  }
  return [...picked.values()];
}

interface HopRow {
  a: string;
  b: string;
  type: string;
  strength: number;
  evidence: Parameters<typeof toEvidence>[0][];
}

/** Each pair's strongest link and its evidence: a stated fact's sentences, else co-occurrence sentences. */
async function linkEvidence(
  graph: Graph,
  pairs: readonly (readonly [string, string])[],
  readable: Readable,
): Promise<Map<string, { type: string; strength: number; evidence: Evidence[] }>> {
  const out = new Map<string, { type: string; strength: number; evidence: Evidence[] }>();
  if (pairs.length === 0) return out;
  const hops = await graph.read<HopRow>(buildHopEvidence(pairs, readable));
  for (const h of hops) {
    const key = `${h.a}|${h.b}`;
    const seen = out.get(key);
    const fact = h.type !== 'RELATED_TO';
    if (fact) {
      const evidence = h.evidence.map(toEvidence);
      if (seen && seen.type !== 'RELATED_TO') seen.evidence.push(...evidence);
      else out.set(key, { type: h.type, strength: 1, evidence });
    } else if (!seen) out.set(key, { type: h.type, strength: Number(h.strength), evidence: [] });
  }
  const cooccurring = pairs.filter(([a, b]) => out.get(`${a}|${b}`)?.type === 'RELATED_TO');
  if (cooccurring.length > 0) {
    const rows = await graph.read<CooccurrenceRow>(buildCooccurrenceEvidence(cooccurring, readable, 1));
    for (const r of rows) out.get(`${r.a}|${r.b}`)!.evidence = toCooccurrenceEvidence(r);
  }
  for (const link of out.values()) {
    const seen = new Set<string>();
    link.evidence = link.evidence.filter((e) => !seen.has(e.sentence) && seen.add(e.sentence)).slice(0, 2);
  }
  return out;
}

/** The caller's communities, largest first, with members and top connectors with their evidence. */
export async function listCommunities(
  graph: Graph,
  input: { limit: number; members: number; connectors: number; readable: Readable },
): Promise<Communities> {
  const view = communityView(input.readable);
  const rows = view ? await graph.read<CommunityRow>(buildCommunities(view, input.limit)) : [];
  const picked = rows.map((r) => pickConnectors(r.members, input.connectors));
  const pairs = picked.flat().flatMap((m) => (m.anchor ? [[m.ref.id, m.anchor] as const] : []));
  const links = await linkEvidence(graph, pairs, input.readable);
  return {
    communities: rows.map((r, i) => {
      const refOf = new Map(r.members.map((m) => [m.ref.id, m.ref]));
      return {
        id: r.id,
        ordinal: Number(r.ordinal),
        name: nameOf(r.members.map((m) => m.ref.name)),
        size: Number(r.size),
        members: r.members.slice(0, input.members).map((m) => m.ref),
        connectors: picked[i].map((m): CommunityConnector => {
          const link = m.anchor ? links.get(`${m.ref.id}|${m.anchor}`) : undefined;
          const other = m.anchor ? refOf.get(m.anchor) : undefined;
          return {
            entity: m.ref,
            pagerank: m.pagerank,
            betweenness: m.betweenness,
            by: m.by,
            link: link && other ? { other, type: link.type, strength: link.strength } : null,
            evidence: link?.evidence ?? [],
          };
        }),
      };
    }),
    total: Number(rows[0]?.total ?? 0),
    computedAt: rows[0]?.computedAt ?? null,
    seed: rows[0] ? Number(rows[0].seed) : null,
  };
}

/** The community of one entity as the caller may read the graph, or null. */
export async function entityCommunity(graph: Graph, id: string, readable: Readable): Promise<EntityCommunity | null> {
  const view = communityView(readable);
  if (!view) return null;
  const [row] = await graph.read<{
    id: string;
    ordinal: number;
    size: number;
    pagerank: number;
    betweenness: number;
    top: string[];
    members: EntityRef[];
  }>(buildEntityCommunity(id, view));
  if (!row) return null;
  return {
    id: row.id,
    ordinal: Number(row.ordinal),
    name: nameOf(row.top),
    size: Number(row.size),
    pagerank: row.pagerank,
    betweenness: row.betweenness,
    members: row.members,
  };
}
