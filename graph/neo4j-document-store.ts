/** The pipeline's DocumentStore over Neo4j. */
import type { DocumentStore } from '../ingest/document-store.js';
import type { Graph } from './driver.js';
import * as w from './writes.js';

export function createDocumentStore(graph: Graph): DocumentStore {
  return {
    documentHashes: (origin) => w.documentHashes(graph, origin),
    passageEmbeddingsByHash: (hashes) => w.passageEmbeddingsByHash(graph, hashes),
    nearestPractices: (embeddings, doc) => w.nearestPractices(graph, embeddings, doc),
    entityEmbeddings: () => w.entityEmbeddings(graph),
    upsertEntities: (entities, embeddings) => w.upsertEntities(graph, entities, embeddings),
    writeDocument: (record) => w.writeDocument(graph, record),
    deleteDocument: (id) => w.deleteDocument(graph, id),
    recomputeCooccurrence: () => w.recomputeCooccurrence(graph),
    counts: () => w.graphCounts(graph),
  };
}
