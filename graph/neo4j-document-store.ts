/** The pipeline's DocumentStore over Neo4j. */
import type { DerivedRefresh, DocumentStore } from '../ingest/document-store.js';
import type { Graph } from './driver.js';
import { refreshCommunities } from './communities.js';
import { refreshThemes, type ComputeThemes } from './themes-store.js';
import * as lookups from './lookups.js';
import { upsertEntities } from './taxonomy-writes.js';
import * as writes from './writes.js';

export interface DerivedComputations {
  /** How the stored themes are computed (queries/themes.ts, wired by src/); without it they are left as they are. */
  computeThemes?: ComputeThemes;
}

export function createDocumentStore(graph: Graph, derived: DerivedComputations = {}): DocumentStore {
  return {
    documentHashes: (origin) => lookups.documentHashes(graph, origin),
    documentHash: (id) => lookups.documentHash(graph, id),
    documentContribution: (id) => lookups.documentContribution(graph, id),
    embeddingsByHash: (unit, hashes) => lookups.embeddingsByHash(graph, unit, hashes),
    entityEmbeddings: () => lookups.entityEmbeddings(graph),
    upsertEntities: (entities, embeddings) => upsertEntities(graph, entities, embeddings),
    writeDocument: (build) => writes.writeDocument(graph, build),
    deleteDocument: (id) => writes.deleteDocument(graph, id),
    refreshDerived: () => refreshDerived(graph, derived),
    counts: () => lookups.graphCounts(graph),
  };
}

/**
 * The one sequence of derived data: co-occurrence (from the mentions), then the communities drawn from it, then
 * the stored themes (from the sentences), each recomputed only when stale unless `force` (communities and themes;
 * co-occurrence follows its own flag).
 */
export async function refreshDerived(
  graph: Graph,
  derived: DerivedComputations,
  options: { force?: boolean } = {},
): Promise<DerivedRefresh> {
  const cooccurrence = await writes.refreshCooccurrence(graph);
  const communities = await refreshCommunities(graph, options);
  // A failed theme refresh fails no write: the stored sets stay stale (never served), requests compute them.
  const themes = derived.computeThemes
    ? await refreshThemes(graph, derived.computeThemes, options).catch((err: unknown) => ({
        writes: -1,
        ms: 0,
        views: [],
        superseded: false,
        error: (err as Error).message,
      }))
    : null;
  return { cooccurrence, communities, themes };
}
