/**
 * Communities of the entity graph, stored in the graph: recomputed under the write lock after co-occurrence changed
 * (each ingest, upload or deletion; `iwg communities` on demand). Communities are computed once per access view —
 * every non-empty set of access labels — from the links documents of those labels support, so a reader is served
 * the partition of exactly the graph it may read: a restricted document cannot move a public reader's communities
 * (docs/graph-model.md "Communities").
 */
import type { CommunitiesRefresh } from '../ingest/document-store.js';
import { AccessLabel } from '../ingest/records.js';
import { query } from './cypher.js';
import {
  detectCommunities,
  viewEdges,
  type CooccurrenceLink,
  type Detection,
  type FactLink,
  type Weighting,
} from './community-detection.js';
import type { CypherQuery, Graph, GraphTx } from './driver.js';
import { FACT_TYPES, label, relType } from './schema.js';
import { takeWriteLock, WRITE_LOCK_ID } from './write-lock.js';

/** Louvain's seed: fixed, so one graph always gives one partition. */
export const COMMUNITY_SEED = 908;
export const COMMUNITY_RESOLUTION = 1;

/** Stated facts between entities (practice tags are not links between entities). */
const ENTITY_FACT_TYPES = FACT_TYPES.filter((t) => t !== 'ADDRESSES' && t !== 'MITIGATES').map(relType);

/** The key of the view of a set of readable labels: the known labels among them, sorted, joined by `|`. */
export function communityView(readable: readonly string[]): string {
  return [...new Set(readable)]
    .filter((l) => (AccessLabel.options as readonly string[]).includes(l))
    .sort()
    .join('|');
}

/** Every view: the non-empty subsets of the access labels. */
export function communityViews(labels: readonly string[] = AccessLabel.options): string[][] {
  const sorted = [...labels].sort();
  const views: string[][] = [];
  for (let mask = 1; mask < 1 << sorted.length; mask++) views.push(sorted.filter((_, i) => mask & (1 << i)));
  return views;
}

const COOCCURRENCE_LINKS = query(
  `MATCH (a:Entity)-[r:RELATED_TO]->(b:Entity)
   RETURN a.id AS a, b.id AS b, coalesce(r.accessLabels, []) AS labels, coalesce(r.accessWeights, []) AS weights,
     {labels: coalesce(a.unitLabels, []), counts: coalesce(a.unitCounts, [])} AS aUnits,
     {labels: coalesce(b.unitLabels, []), counts: coalesce(b.unitCounts, [])} AS bUnits
   ORDER BY a, b`,
);
const FACT_LINKS = query(
  `MATCH (a:Entity)-[r:${ENTITY_FACT_TYPES.join('|')}]->(b:Entity) WHERE a <> b
   RETURN DISTINCT a.id AS a, b.id AS b, coalesce(r.access, 'public') AS access ORDER BY a, b, access`,
);

/** The entity graph as plain links, every access label's share kept apart. */
export async function readEntityLinks(
  run: (q: CypherQuery) => Promise<Record<string, unknown>[]>,
): Promise<{ cooccurrence: CooccurrenceLink[]; facts: FactLink[] }> {
  const cooccurrence = (await run(COOCCURRENCE_LINKS)) as unknown as CooccurrenceLink[];
  const facts = (await run(FACT_LINKS)) as unknown as FactLink[];
  return { cooccurrence, facts };
}

export interface ViewDetection {
  view: string;
  labels: string[];
  detection: Detection;
}

/** Detects the communities of every view. */
export function detectViews(
  links: { cooccurrence: CooccurrenceLink[]; facts: FactLink[] },
  options: { seed?: number; resolution?: number; weighting?: Weighting } = {},
): ViewDetection[] {
  return communityViews().map((labels) => ({
    view: labels.join('|'),
    labels,
    detection: detectCommunities(viewEdges(links.cooccurrence, links.facts, labels, options.weighting), {
      seed: options.seed ?? COMMUNITY_SEED,
      resolution: options.resolution ?? COMMUNITY_RESOLUTION,
    }),
  }));
}

const COMMUNITIES_STALE = query(
  `MATCH (l:${label('WriteLock')} {id: $id}) RETURN coalesce(l.communitiesStale, true) AS stale`,
  { id: WRITE_LOCK_ID },
);
const CLEAR_COMMUNITIES_STALE = query(`MATCH (l:${label('WriteLock')} {id: $id}) SET l.communitiesStale = false`, {
  id: WRITE_LOCK_ID,
});
const DELETE_COMMUNITIES = query(`MATCH (c:${label('Community')}) DETACH DELETE c`);

/** Stores the views' communities: a Community node each, its members linked by IN_COMMUNITY with their scores. */
export function buildWriteCommunities(views: readonly ViewDetection[], computedAt: string, seed: number): CypherQuery {
  const communities = views.flatMap(({ view, labels, detection }) =>
    detection.communities.map((c) => ({
      id: `community:${view}:${c.ordinal}`,
      view,
      labels,
      ordinal: c.ordinal,
      size: c.members.length,
      modularity: detection.modularity,
      members: c.members.map((m, i) => ({ ...m, rank: i + 1 })),
    })),
  );
  return query(
    `UNWIND $communities AS c
     CREATE (n:${label('Community')} {id: c.id, view: c.view, labels: c.labels, ordinal: c.ordinal, size: c.size,
       modularity: c.modularity, seed: $seed, resolution: $resolution, computedAt: $computedAt})
     WITH n, c
     UNWIND c.members AS m
     MATCH (e:Entity {id: m.id})
     CREATE (e)-[:${relType('IN_COMMUNITY')} {rank: m.rank, pagerank: m.pagerank, betweenness: m.betweenness,
       anchor: m.anchor}]->(n)`,
    { communities, seed, resolution: COMMUNITY_RESOLUTION, computedAt },
  );
}

/** What a recompute reports, per access view: the store's report (ingest/document-store.ts). */
export type CommunitiesSummary = CommunitiesRefresh;

async function recompute(tx: GraphTx, seed: number): Promise<CommunitiesSummary> {
  const t0 = Date.now();
  const views = detectViews(await readEntityLinks((q) => tx.run(q)), { seed });
  const computedAt = new Date().toISOString();
  await tx.run(DELETE_COMMUNITIES);
  await tx.run(buildWriteCommunities(views, computedAt, seed));
  await tx.run(CLEAR_COMMUNITIES_STALE);
  return {
    seed,
    computedAt,
    ms: Date.now() - t0,
    views: views.map(({ view, detection: d }) => ({
      view,
      communities: d.communities.length,
      linked: d.linked,
      edges: d.edges,
      modularity: Number(d.modularity.toFixed(4)),
    })),
  };
}

/**
 * Recomputes the communities when co-occurrence changed since they were computed (or `force`), under the write
 * lock so they are drawn from every committed document; null when they were up to date.
 */
export function refreshCommunities(
  graph: Graph,
  options: { force?: boolean; seed?: number } = {},
): Promise<CommunitiesSummary | null> {
  return graph.transaction(async (tx) => {
    await tx.run(takeWriteLock(false));
    const [flag] = await tx.run(COMMUNITIES_STALE);
    if (!options.force && flag?.stale === false) return null;
    return recompute(tx, options.seed ?? COMMUNITY_SEED);
  });
}
