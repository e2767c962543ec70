/** What one document's ingest needs: the pipeline's dependencies and the per-run context built from them. */
import type { DocumentStore } from './document-store.js';
import type { Embedder } from './embed.js';
import { hashRules } from './hash.js';
import type { DocumentParser } from './parse-pool.js';
import type { Entity } from './records.js';
import type { Taxonomy } from './taxonomy.js';
import { syncTaxonomy } from './taxonomy-sync.js';

export interface PipelineDeps {
  store: DocumentStore;
  embedder: Embedder;
  taxonomy: Taxonomy;
  /** Parses files off the caller's thread (a worker pool); `parseFile` in-process when absent. */
  parser?: DocumentParser;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
  current: string;
  passages: number;
  embedded: number;
  embedMs: number;
}

export interface DocContext {
  deps: PipelineDeps;
  /** Hash of the taxonomy, the pipeline version and the embedder: a change re-ingests every document. */
  rulesHash: string;
  /** The embedder's id (model, quantization, pooling, runtime); stored vectors are reused only from it. */
  embedderId: string;
  origin: string;
  maxBytes?: number;
  semanticEntities: Entity[];
  semanticVectors: Float32Array[];
  topicEntities: Entity[];
}

/** Prepares the context a document's ingest needs (taxonomy synced, semantic vectors loaded). */
export async function createDocContext(deps: PipelineDeps, origin: string, maxBytes?: number): Promise<DocContext> {
  const entityVectors = await syncTaxonomy(deps);
  const semanticEntities = deps.taxonomy.entities.filter((e) => entityVectors.has(e.id));
  const embedderId = deps.embedder.id ?? 'unnamed-embedder';
  return {
    deps,
    rulesHash: hashRules(deps.taxonomy.entities, embedderId),
    embedderId,
    origin,
    maxBytes,
    semanticEntities,
    semanticVectors: semanticEntities.map((e) => entityVectors.get(e.id)!),
    topicEntities: semanticEntities.filter((e) => e.kind === 'topic'),
  };
}
