/**
 * The practice merge's read: for each new practice, the closest stored practice of another document. Run inside
 * the transaction that writes the document, after the write lock (graph/write-lock.ts), so two writers never
 * both miss each other's practice.
 *
 * Exact cosine over every such practice, not the `practice_embedding` vector index: the index is approximate
 * (its top 20 missed the exact nearest in 4 of 70 look-ups over 400 random vectors, 15 of 70 over 10,000), and
 * one still populating, missing or recovering after a crash misses more, so a merge through it depended on the
 * index's state (issue 15, defect 7). Ties go to the smaller id, so the outcome is the same on every run. Cost,
 * 10 embeddings on a loaded 2-core machine: as the index's up to ~1,000 practices (the bundled corpus has ~200,
 * the 10,000-document bench ~400), ×4 at 4,000, ×10 at 10,000 (~3-5 s): beyond that, prefilter by the index.
 */
import { query } from './cypher.js';
import type { GraphTx } from './driver.js';

/**
 * For each embedding, the closest practice sourced from another document than `excludeDocumentId` (or null when
 * there is none), with Neo4j's cosine similarity score, (1 + cos) / 2 (the vector index's scale), and its stored
 * embedding, from which ingest/practice-merge.ts computes the merge cosine it decides on (read in the same pass).
 */
export async function nearestPractices(
  tx: GraphTx,
  embeddings: number[][],
  excludeDocumentId: string,
): Promise<({ id: string; score: number; embedding: number[] } | null)[]> {
  if (embeddings.length === 0) return [];
  const rows = await tx.run(
    query(
      // Each practice's vector is read once, then compared with every embedding.
      `MATCH (x:Practice) WHERE EXISTS { (x)-[s:SOURCED_FROM]->() WHERE s.documentId <> $doc }
       WITH collect({id: x.id, embedding: x.embedding}) AS practices
       UNWIND range(0, size($embeddings) - 1) AS i
       CALL (i, practices) {
         UNWIND practices AS x
         WITH x.id AS id, x.embedding AS embedding, vector.similarity.cosine(x.embedding, $embeddings[i]) AS score
         WHERE score IS NOT NULL
         RETURN id, score, embedding ORDER BY score DESC, id LIMIT 1
       }
       RETURN i, id, score, embedding`,
      { embeddings, doc: excludeDocumentId },
    ),
  );
  const out: ({ id: string; score: number; embedding: number[] } | null)[] = embeddings.map(() => null);
  for (const r of rows)
    out[Number(r.i)] = { id: String(r.id), score: Number(r.score), embedding: (r.embedding as unknown[]).map(Number) };
  return out;
}
