/**
 * Graphs written before the sentence index held each distinct text once (schema 7) index every sentence's vector
 * under `embedding`; this version's index reads `distinctEmbedding`, held by one sentence per text. Filled in once
 * at start, in batches of sentences taken in text-hash order (each batch an index range; a run stopped part-way is
 * completed by the next start, which skips the texts already held), then recorded on the SchemaInfo node so later
 * starts skip it.
 */
import { query } from './cypher.js';
import type { Graph } from './driver.js';
import { takeWriteLock } from './write-lock.js';

const BATCH = 20_000;

/** Gives every sentence text without a holder one; returns the texts given one (0 when already done). */
export async function backfillDistinctSentences(
  graph: Graph,
  onProgress: (fields: { sentences: number; texts: number }) => void = () => undefined,
): Promise<number> {
  const [state] = await graph.read<{ done: boolean }>(
    query('OPTIONAL MATCH (i:SchemaInfo {id: "schema"}) RETURN coalesce(i.distinctSentences, false) AS done'),
  );
  if (state?.done) return 0;
  let after = '';
  let sentences = 0;
  let texts = 0;
  for (;;) {
    const results = await graph.write([
      takeWriteLock(false),
      query(
        `MATCH (s:Sentence) WHERE s.textHash > $after
         WITH s ORDER BY s.textHash LIMIT toInteger($batch)
         WITH s.textHash AS h, collect(s) AS occurrences
         WITH collect({h: h, s: occurrences[0], n: size(occurrences)}) AS groups
         CALL (groups) {
           UNWIND groups AS g
           WITH g WHERE NOT EXISTS { MATCH (:Sentence {distinctHash: g.h}) }
           WITH g.s AS s, g.h AS h
           SET s.distinctHash = h, s.distinctEmbedding = s.embedding
           RETURN count(*) AS given
         }
         RETURN groups[-1].h AS last, reduce(n = 0, g IN groups | n + g.n) AS seen, given`,
        { after, batch: BATCH },
      ),
    ]);
    const row = results[1][0] as { last: string | null; seen: number; given: number } | undefined;
    if (!row || row.last === null || Number(row.seen) === 0) break;
    sentences += Number(row.seen);
    texts += Number(row.given);
    after = row.last;
    onProgress({ sentences, texts });
  }
  await graph.write([query('MERGE (i:SchemaInfo {id: "schema"}) SET i.distinctSentences = true')]);
  return texts;
}
