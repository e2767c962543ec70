/**
 * Graphs written before the sentence index held each distinct text once (schema 7) index every sentence's vector
 * under `embedding`; this version's index reads `distinctEmbedding`, held by one sentence per text. Filled in once
 * at start by the statement every write runs (`indexDistinctSentences`), over the documents in id order, a page at
 * a time under the write lock (a run stopped part-way is completed by the next start: texts already held are
 * skipped), then recorded on the SchemaInfo node so later starts skip it.
 */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { takeWriteLock } from './write-lock.js';
import { indexDistinctSentences } from './writes.js';

const PAGE = 200;

/** Gives every sentence text without an index entry one; returns the texts given one (0 when already done). */
export async function backfillDistinctSentences(
  graph: Graph,
  onProgress: (fields: { documents: number; texts: number }) => void = () => undefined,
): Promise<number> {
  const [state] = await graph.read<{ done: boolean }>(
    query('OPTIONAL MATCH (i:SchemaInfo {id: "schema"}) RETURN coalesce(i.distinctSentences, false) AS done'),
  );
  if (state?.done) return 0;
  let after = '';
  let documents = 0;
  let texts = 0;
  for (;;) {
    const ids = (
      await graph.read<{ id: string }>(
        query('MATCH (d:Document) WHERE d.id > $after RETURN d.id AS id ORDER BY id LIMIT toInteger($page)', {
          after,
          page: PAGE,
        }),
      )
    ).map((r) => r.id);
    if (ids.length === 0) break;
    const [, given] = await graph.write([takeWriteLock(false), indexDistinctSentences(ids)]);
    documents += ids.length;
    texts += Number(given[0]?.given ?? 0);
    after = ids[ids.length - 1];
    onProgress({ documents, texts });
  }
  await graph.write([query('MERGE (i:SchemaInfo {id: "schema"}) SET i.distinctSentences = true')]);
  return texts;
}
