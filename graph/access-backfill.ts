/**
 * Graphs written before access labels were enforced lack the labels that reads filter by: a fact's `access` and
 * RELATED_TO's per-label weights. Filled in once at start (a no-op afterwards), so such a graph answers every
 * caller correctly without a re-ingest.
 */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { FACT_TYPES, relType } from './schema.js';
import { takeWriteLock } from './write-lock.js';
import { refreshCooccurrence } from './writes.js';

const FACT_PATTERN = FACT_TYPES.map(relType).join('|');

/** Sets missing fact access labels from their documents and recomputes co-occurrence lacking per-label weights. */
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
    query('RETURN EXISTS { MATCH (:Entity)-[r:RELATED_TO]->(:Entity) WHERE r.accessLabels IS NULL } AS stale'),
  );
  if (stale.stale) {
    // Marked stale under the write lock, then recomputed like any stale co-occurrence (graph/write-lock.ts).
    await graph.write([takeWriteLock(true)]);
    await refreshCooccurrence(graph);
  }
  return { facts: Number(facts[0]?.n ?? 0), cooccurrence: stale.stale };
}
