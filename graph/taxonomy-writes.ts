/** Writes of the taxonomy: its entities, with the embeddings of semantic ones, replace the graph's entities. */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { ENTITY_LABELS, label, type EntityKindName } from './schema.js';
import { takeWriteLock } from './write-lock.js';
import type { Entity } from '../ingest/records.js';

/**
 * Upserts the taxonomy's entities (with embeddings for semantic ones); removes entities no longer in it, which
 * makes co-occurrence stale. Under the write lock, like every graph change.
 */
export async function upsertEntities(
  graph: Graph,
  entities: readonly Entity[],
  embeddings: ReadonlyMap<string, { hash: string; embedding: number[] }>,
): Promise<void> {
  const byKind = new Map<EntityKindName, Entity[]>();
  for (const e of entities) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const rows = (list: Entity[]) =>
    list.map((e) => ({
      id: e.id,
      props: {
        kind: e.kind,
        name: e.name,
        aliases: e.aliases,
        aliasText: e.aliases.join(' | '),
        description: e.description,
      },
      embedding: embeddings.get(e.id)?.embedding ?? null,
      embeddingHash: embeddings.get(e.id)?.hash ?? null,
    }));
  const statements = [
    takeWriteLock(false),
    ...[...byKind].map(([kind, list]) =>
      query(
        `UNWIND $rows AS r
         MERGE (n:Entity {id: r.id})
         SET n:${label(ENTITY_LABELS[kind])}, n += r.props, n.embedding = r.embedding, n.embeddingHash = r.embeddingHash`,
        { rows: rows(list) },
      ),
    ),
  ];
  await graph.transaction(async (tx) => {
    for (const q of statements) await tx.run(q);
    const [gone] = await tx.run(
      query('MATCH (n:Entity) WHERE NOT n.id IN $ids DETACH DELETE n RETURN count(n) AS n', {
        ids: entities.map((e) => e.id),
      }),
    );
    if (Number(gone?.n ?? 0) > 0) await tx.run(takeWriteLock(true));
  });
}
