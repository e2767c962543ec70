/**
 * Writers coordinate in the database, not in one process, so API replicas and `iwg ingest` workers can share one
 * Neo4j. Every transaction that changes documents or derived data first sets a property of the one `WriteLock`
 * node: Neo4j then holds an exclusive lock on that node until the transaction ends, so a second writer's
 * transaction waits at its first statement, and whatever it reads afterwards (the practices it merges with, the
 * mentions co-occurrence counts) includes the first writer's committed changes.
 *
 * The node also records whether co-occurrence is stale: set in the transaction of every document write or
 * deletion, cleared in the transaction that recomputes. A writer killed between the two leaves it set, so the
 * next ingest or start recomputes even when every document is unchanged. A graph without the node (before this
 * version, or emptied) counts as stale.
 */
import { hostname } from 'node:os';
import { query } from './cypher.js';
import type { CypherQuery } from './driver.js';
import { label } from './schema.js';

/** The one lock node's id. */
export const WRITE_LOCK_ID = 'graph';

/** Who holds the lock, for an operator reading the node: host and process id. */
const HOLDER = `${hostname()}:${process.pid}`;

/**
 * The statement that takes the write lock (the first of a write transaction). With `markStale`, it also records
 * that co-occurrence no longer matches the documents, and counts the write in `documentWrites`, which the stored
 * themes are compared with (graph/themes-store.ts). Returns one row: `stale`, whether co-occurrence was stale.
 */
export function takeWriteLock(markStale: boolean): CypherQuery {
  // MERGE on the uniquely constrained id creates the node once even when two writers find it missing together.
  return query(
    `MERGE (l:${label('WriteLock')} {id: $id})
     WITH l, coalesce(l.cooccurrenceStale, true) AS stale
     SET l.holder = $holder, l.takenAt = datetime(),
         l.cooccurrenceStale = CASE WHEN $markStale THEN true ELSE stale END,
         l.documentWrites = coalesce(l.documentWrites, 0) + CASE WHEN $markStale THEN 1 ELSE 0 END
     RETURN stale`,
    { id: WRITE_LOCK_ID, holder: HOLDER, markStale },
  );
}

/**
 * Records that co-occurrence is up to date again (in the transaction that recomputed it, under the lock), and so
 * that the communities drawn from it are not (graph/communities.ts).
 */
export const CLEAR_COOCCURRENCE_STALE = query(
  `MATCH (l:${label('WriteLock')} {id: $id}) SET l.cooccurrenceStale = false, l.communitiesStale = true`,
  { id: WRITE_LOCK_ID },
);
