/** Brings the graph's entities in line with the taxonomy before documents are linked to them. */
import type { PipelineDeps } from './context.js';
import { embeddingKey } from './hash.js';
import { semanticText } from './taxonomy.js';

/** Upserts the taxonomy, embedding the descriptions of semantic entities that changed since last time. */
export async function syncTaxonomy(deps: PipelineDeps): Promise<Map<string, Float32Array>> {
  const stored = await deps.store.entityEmbeddings();
  const semantic = deps.taxonomy.entities.filter((e) => e.semantic);
  const embedderId = deps.embedder.id ?? 'unnamed-embedder';
  const wanted = semantic.map((e) => ({ e, text: semanticText(e), hash: embeddingKey(embedderId, semanticText(e)) }));
  const missing = wanted.filter((w) => stored.get(w.e.id)?.hash !== w.hash);
  const vectors = await deps.embedder.embed(missing.map((w) => w.text));
  const embeddings = new Map(stored);
  missing.forEach((w, i) => embeddings.set(w.e.id, { hash: w.hash, embedding: Array.from(vectors[i]) }));
  for (const id of embeddings.keys()) if (!semantic.some((e) => e.id === id)) embeddings.delete(id);
  await deps.store.upsertEntities(deps.taxonomy.entities, embeddings);
  return new Map([...embeddings].map(([id, v]) => [id, Float32Array.from(v.embedding)]));
}
