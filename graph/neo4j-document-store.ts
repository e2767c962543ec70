/** The pipeline's DocumentStore over Neo4j. */
import type { DocumentStore } from '../ingest/document-store.js';
import type { Graph } from './driver.js';
import { refreshCommunities } from './communities.js';
import * as lookups from './lookups.js';
import { upsertEntities } from './taxonomy-writes.js';
import * as writes from './writes.js';

export function createDocumentStore(graph: Graph): DocumentStore {
  return {
    documentHashes: (origin) => lookups.documentHashes(graph, origin),
    documentHash: (id) => lookups.documentHash(graph, id),
    documentContribution: (id) => lookups.documentContribution(graph, id),
    embeddingsByHash: (unit, hashes) => lookups.embeddingsByHash(graph, unit, hashes),
    entityEmbeddings: () => lookups.entityEmbeddings(graph),
    upsertEntities: (entities, embeddings) => upsertEntities(graph, entities, embeddings),
    writeDocument: (build) => writes.writeDocument(graph, build),
    deleteDocument: (id) => writes.deleteDocument(graph, id),
    refreshCooccurrence: () => writes.refreshCooccurrence(graph),
    refreshCommunities: () => refreshCommunities(graph),
    counts: () => lookups.graphCounts(graph),
  };
}
