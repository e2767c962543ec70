/**
 * Hashing, and with it when a document is processed again: its content hash covers the bytes, the manifest
 * metadata and the rules hash (taxonomy + PIPELINE_VERSION), so a change to any of them re-ingests it.
 */
import { createHash } from 'node:crypto';
import type { DocumentMetadata, Entity } from './records.js';

/** Bump when parsing, linking or extraction rules change, so unchanged files are processed again. */
export const PIPELINE_VERSION = 4;

/** Hex SHA-256 of a string (as UTF-8) or of bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash of the taxonomy and the pipeline version: a change re-ingests every document. */
export function hashRules(entities: readonly Entity[], embedderId: string): string {
  return sha256(JSON.stringify({ pipeline: PIPELINE_VERSION, taxonomy: entities, embedder: embedderId }));
}

/**
 * The key a stored embedding is reused by: the embedder's id (model, quantization, pooling, runtime) and the text.
 * Another model or runtime gives other vectors for the same text (onnxruntime 1.30's q8 vectors are at cosine
 * 0.993–1.000 to 1.14's), so a vector is reused only from the same embedder.
 */
export function embeddingKey(embedderId: string, text: string): string {
  return sha256(`${embedderId}\u0000${text}`);
}

/** What a document's graph record depends on: its bytes, its manifest metadata and the pipeline's rules. */
export function hashContent(bytes: Uint8Array, metadata: DocumentMetadata, rulesHash: string): string {
  return sha256(Buffer.concat([Buffer.from(bytes), Buffer.from(JSON.stringify(metadata)), Buffer.from(rulesHash)]));
}
