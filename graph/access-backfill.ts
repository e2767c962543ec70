/**
 * Graphs written before access labels were enforced lack the labels that reads filter by: a fact's `access` and
 * RELATED_TO's per-label weights. Filled in once at start (a no-op afterwards), so such a graph answers every
 * caller correctly without a re-ingest. Graphs written before co-occurrence strength lack the entities' unit counts:
 * recomputed the same way.
 */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { FACT_TYPES, relType } from './schema.js';
import { takeWriteLock } from './write-lock.js';
import { refreshCooccurrence } from './writes.js';

const FACT_PATTERN = FACT_TYPES.map(relType).join('|');

/**
 * Sets missing fact access labels from their documents and recomputes co-occurrence lacking per-label weights or
 * per-label entity unit counts (the denominators of its strength).
 */
export async function backfillAccessLabels(graph: Graph): Promise<{ facts: number; cooccurrence: boolean }> {
  const [facts] = await graph.write([
    query(
      `MATCH (:Entity)-[r:${FACT_PATTERN}]->(:Entity) WHERE r.access IS NULL
       MATCH (d:Document {id: r.documentId})
       SET r.access = d.access
       RETURN count(r) AS n`,
    ),
  ]);
  const [stale] = await graph.read<{ stale: boolean }>(
    query(
      `RETURN EXISTS { MATCH (:Entity)-[r:RELATED_TO]->(:Entity) WHERE r.accessLabels IS NULL }
         OR EXISTS { MATCH (e:Entity)-[:RELATED_TO]-(:Entity) WHERE e.unitCounts IS NULL } AS stale`,
    ),
  );
  if (stale.stale) {
    // Marked stale under the write lock, then recomputed like any stale co-occurrence (graph/write-lock.ts).
    await graph.write([takeWriteLock(true)]);
    await refreshCooccurrence(graph);
  }
  return { facts: Number(facts[0]?.n ?? 0), cooccurrence: stale.stale };
}
