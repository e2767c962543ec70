/**
 * Where the sentence index loses the needles: for each labelled query of the graph a bench run left behind, the
 * index's K nearest entries (`db.index.vector.queryNodes`, one per distinct text since schema 7), and for each
 * needle sentence (a grade-2 quote) its exact cosine to the query. A needle is **returned** (among the K), **missed**
 * (closer to the query than the K-th returned entry, yet not returned: the approximate search did not reach it) or
 * **outscored** (entries really closer fill the K). Also: distinct texts among the K, and sentences vs index entries.
 *
 *   npx tsx bench/needle-recall.ts [--docs 10000] [--k 100] [--index sentence_embedding]
 */
import { embeddingKey } from '../ingest/hash.js';
import { VECTOR_INDEXES } from '../graph/schema.js';
import { openLeftBehind } from './left-behind.js';

const kArg = process.argv.indexOf('--k');
const K = kArg > 0 ? Number(process.argv[kArg + 1]) : 100;
const indexArg = process.argv.indexOf('--index');
const INDEX = indexArg > 0 ? process.argv[indexArg + 1] : VECTOR_INDEXES.sentence.name;
if (!/^[a-z_]+$/.test(INDEX)) throw new Error(`--index: expected an index name, got ${INDEX}`);
const { docs, truth, graph, embedder, close } = await openLeftBehind(10_000);
const cos = (score: number) => 2 * score - 1; // Neo4j's vector score is (1 + cos) / 2
try {
  const [size] = await graph.read<{ sentences: number; entries: number }>({
    cypher: `CALL () { MATCH (s:Sentence) RETURN count(s) AS sentences }
             CALL () { MATCH (s:Sentence) WHERE s.distinctHash IS NOT NULL RETURN count(s) AS entries }
             RETURN sentences, entries`,
    params: {},
  });
  const counts = { returned: 0, missed: 0, outscored: 0, notFound: 0 };
  const distinct: number[] = [];
  for (const q of truth.queries) {
    const v = Array.from((await embedder.embed([q.text], { kind: 'query' }))[0]);
    const top = await graph.read<{ hash: string; score: number }>({
      cypher: `CALL db.index.vector.queryNodes('${INDEX}', $k, $v) YIELD node, score
               RETURN node.textHash AS hash, score`,
      params: { k: K, v },
    });
    const returned = new Set(top.map((t) => t.hash));
    distinct.push(returned.size);
    const kth = cos(top[top.length - 1]?.score ?? 1);
    for (const needle of q.relevant) {
      const hash = embeddingKey(embedder.id, needle.quote);
      // The needle's own sentence by its text's hash; a quote the splitter cut differently, by its words.
      const find = (match: string, params: object) =>
        graph.read<{ hash: string; sim: number }>({
          cypher: `${match} WITH s LIMIT 1
                   RETURN s.textHash AS hash, vector.similarity.cosine(s.embedding, $v) * 2 - 1 AS sim`,
          params: { ...params, v },
        });
      const byHash = await find('MATCH (s:Sentence {textHash: $hash})', { hash });
      const [row] =
        byHash.length > 0
          ? byHash
          : await find('MATCH (s:Sentence) WHERE s.text CONTAINS $quote', { quote: needle.quote });
      if (!row) counts.notFound++;
      else if (returned.has(row.hash)) counts.returned++;
      else if (row.sim > kth) counts.missed++;
      else counts.outscored++;
    }
  }
  distinct.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      docs,
      index: INDEX,
      k: K,
      sentences: Number(size.sentences),
      indexEntries: Number(size.entries),
      needles: truth.queries.reduce((n, q) => n + q.relevant.length, 0),
      ...counts,
      medianDistinctTextsInK: distinct[Math.floor(distinct.length / 2)],
    }),
  );
} finally {
  await close();
}
