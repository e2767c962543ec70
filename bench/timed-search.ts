/** One labelled query through the search statement, as the graph-side studies run it: timed and scored. */
import { performance } from 'node:perf_hooks';
import type { Graph } from '../graph/driver.js';
import { searchGraph, type SearchInput } from '../queries/search.js';
import { median } from './measure.js';
import { labelsV2, scoreQuery, type LabelledQueryEntries, type QueryScores } from './quality.js';

/**
 * Runs `input` `runs` times (query vector embedded beforehand) and scores the last answer like the bench (labels
 * v2): the median wall time and the scores.
 */
export async function timedSearch(
  graph: Graph,
  input: SearchInput,
  vector: readonly number[],
  labelled: LabelledQueryEntries,
  runs = 3,
): Promise<{ ms: number; scores: QueryScores }> {
  const times: number[] = [];
  let answer!: Awaited<ReturnType<typeof searchGraph>>;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    answer = await searchGraph(graph, input, vector);
    times.push(performance.now() - t0);
  }
  const ranked = answer.results.map((h) => ({ id: h.id, documentId: h.document?.id ?? '', text: h.text }));
  return { ms: median(times), scores: scoreQuery(ranked, labelsV2(labelled)) };
}
