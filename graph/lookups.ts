/**
 * Reads of the ingest pipeline and the upload path: stored hashes and embeddings (so unchanged work is skipped),
 * graph counts and what one document contributes. The practice merge's read is graph/practice-lookup.ts.
 */
import { query, stableQuery } from './cypher.js';
import type { EmbeddedUnit } from '../ingest/document-store.js';
import type { Graph } from './driver.js';
import { label } from './schema.js';

/** Stored content hashes of documents of an origin ('corpus' files or 'api' uploads). */
export async function documentHashes(graph: Graph, origin?: string): Promise<Map<string, string>> {
  const rows = await graph.read<{ id: string; hash: string }>(
    query('MATCH (d:Document) WHERE $origin IS NULL OR d.origin = $origin RETURN d.id AS id, d.contentHash AS hash', {
      origin: origin ?? null,
    }),
  );
  return new Map(rows.map((r) => [r.id, r.hash]));
}

/** The stored content hash of one document, or undefined when it is not in the graph. */
export async function documentHash(graph: Graph, id: string): Promise<string | undefined> {
  const [row] = await graph.read<{ hash: string }>(
    query('MATCH (d:Document {id: $id}) RETURN d.contentHash AS hash', { id }),
  );
  return row?.hash;
}

/** Embeddings already computed for passage or sentence texts, by text hash (so unchanged texts are not re-embedded). */
export async function embeddingsByHash(
  graph: Graph,
  unit: EmbeddedUnit,
  hashes: string[],
): Promise<Map<string, number[]>> {
  if (hashes.length === 0) return new Map();
  const unitLabel = label(unit === 'passage' ? 'Passage' : 'Sentence');
  const rows = await graph.read<{ hash: string; embedding: number[] }>(
    stableQuery(
      `UNWIND $hashes AS h
       CALL (h) {
         MATCH (p:${unitLabel} {textHash: h}) USING INDEX p:${unitLabel}(textHash)
         RETURN p.embedding AS embedding LIMIT 1
       }
       RETURN h AS hash, embedding`,
      { hashes },
    ),
  );
  return new Map(rows.map((r) => [r.hash, r.embedding]));
}

/** Stored entity embeddings with the hash of the text they were computed from. */
export async function entityEmbeddings(graph: Graph): Promise<Map<string, { hash: string; embedding: number[] }>> {
  const rows = await graph.read<{ id: string; hash: string; embedding: number[] }>(
    query(
      'MATCH (n:Entity) WHERE n.embedding IS NOT NULL RETURN n.id AS id, n.embeddingHash AS hash, n.embedding AS embedding',
    ),
  );
  return new Map(rows.map((r) => [r.id, { hash: r.hash, embedding: r.embedding }]));
}

/** Node counts per label and relationship counts per type. */
export async function graphCounts(
  graph: Graph,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const nodes = await graph.read<{ label: string; n: number }>(
    query('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label'),
  );
  const rels = await graph.read<{ type: string; n: number }>(
    query('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type'),
  );
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(rels.map((r) => [r.type, r.n])),
  };
}

/** How many passages and distinct practices a stored document contributes. */
export async function documentContribution(graph: Graph, id: string): Promise<{ passages: number; practices: number }> {
  const [row] = await graph.read<{ passages: number; practices: number }>(
    query(
      `MATCH (d:Document {id: $id})
       RETURN coalesce(d.passageCount, 0) AS passages,
              COUNT { MATCH (x:Practice)-[:SOURCED_FROM {documentId: $id}]->() RETURN DISTINCT x } AS practices`,
      { id },
    ),
  );
  return row ?? { passages: 0, practices: 0 };
}
