/**
 * Places the query set into the corpus: for each concept, five distinct documents drawn from (seed, concept) —
 * three get one needle phrasing each (grade 2), two get a near-concept sentence each (grade 1). The number of
 * placements does not grow with the corpus, so larger corpora are harder.
 */
import { identifyDocument, type PlantedSentence } from './document.js';
import { NEEDLE_CONCEPTS } from './needles.js';
import { randomFor } from './random.js';

export interface LabelledQuery {
  id: string;
  text: string;
  relevant: { document: string; quote: string; grade: 1 | 2 }[];
}

export interface QueryPlan {
  queries: LabelledQuery[];
  /** Document index → the sentences to plant in it. */
  placements: ReadonlyMap<number, PlantedSentence[]>;
}

export const PLACEMENTS_PER_QUERY = 5;

/** Plans where every needle goes; `documents` must be at least PLACEMENTS_PER_QUERY. */
export function planQueries(seed: number, documents: number): QueryPlan {
  if (documents < PLACEMENTS_PER_QUERY) throw new RangeError(`at least ${PLACEMENTS_PER_QUERY} documents needed`);
  const placements = new Map<number, PlantedSentence[]>();
  const queries = NEEDLE_CONCEPTS.map((concept, q): LabelledQuery => {
    const r = randomFor(seed, 'needles', q);
    const chosen = new Set<number>();
    while (chosen.size < PLACEMENTS_PER_QUERY) chosen.add(r.int(documents));
    const sentences: { quote: string; grade: 1 | 2 }[] = [
      ...concept.needles.map((quote) => ({ quote, grade: 2 as const })),
      ...concept.near.map((quote) => ({ quote, grade: 1 as const })),
    ];
    const indexes = [...chosen];
    return {
      id: concept.id,
      text: concept.query,
      relevant: sentences.map(({ quote, grade }, k) => {
        const index = indexes[k];
        placements.set(index, [...(placements.get(index) ?? []), { text: quote }]);
        return { document: identifyDocument(seed, index).path, quote, grade };
      }),
    };
  });
  return { queries, placements };
}
