/**
 * Places the query set into the corpus: for each concept, five distinct documents drawn from (seed, concept) —
 * three get one needle phrasing each (grade 2), two get a near-concept sentence each. The number of placements
 * does not grow with the corpus, so larger corpora are harder.
 *
 * Labels v2: the near-concept sentences are distractors (grade 0), hard negatives of the same practice area that
 * do not answer the query (bench/labels.md); labels v1 graded them 1. The corpus is the same under both.
 */
import { identifyDocument, type PlantedSentence } from './document.js';
import { NEEDLE_CONCEPTS } from './needles.js';
import { randomFor } from './random.js';

/** The version of the labels in ground-truth.json; the corpus files do not depend on it. */
export const LABELS_VERSION = 2;

export interface LabelledQuery {
  id: string;
  text: string;
  /** Sentences that answer the query (grade 2). */
  relevant: { document: string; quote: string; grade: 2 }[];
  /** Planted hard negatives: the same practice area, another prescription (grade 0; labels v1 graded them 1). */
  distractors: { document: string; quote: string; grade: 0 }[];
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
    const indexes = [...chosen];
    // Needles go to the first three documents drawn, near sentences to the last two, as in labels v1.
    const plant = (quote: string, k: number) => {
      const index = indexes[k];
      placements.set(index, [...(placements.get(index) ?? []), { text: quote }]);
      return { document: identifyDocument(seed, index).path, quote };
    };
    return {
      id: concept.id,
      text: concept.query,
      relevant: concept.needles.map((quote, k) => ({ ...plant(quote, k), grade: 2 as const })),
      distractors: concept.near.map((quote, k) => ({ ...plant(quote, concept.needles.length + k), grade: 0 as const })),
    };
  });
  return { queries, placements };
}
