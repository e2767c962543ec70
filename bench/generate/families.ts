/**
 * Places the practice families (family-texts.ts) into the corpus, for the relatedness measurement: each family's
 * query and three paraphrases go to four distinct documents spanning at least two years, its two related practices
 * and its unrelated one to documents of their own — except that the first related practice shares a document with
 * the second paraphrase, as a guide states neighbouring practices side by side (the only co-citation planted).
 * Draws come from the (seed, family) stream alone, so the rest of the corpus and the query set's placements are
 * what they were without families; the number of placements does not grow with the corpus.
 *
 * Grades of the ground truth: paraphrase 2, related 1, unrelated 0 (every practice not listed is 0 too). Families
 * alternate between the dev split (sweeping the blend weights) and the held-out split (reporting them).
 */
import { identifyDocument, type PlantedSentence } from './document.js';
import { FAMILY_TEXTS } from './family-texts.js';
import { randomFor } from './random.js';

export type FamilyRole = 'paraphrase' | 'related' | 'unrelated';

/** A planted family member: where it is, and its grade as an answer to the family's query practice. */
export interface FamilyMember {
  document: string;
  year: number;
  quote: string;
  role: FamilyRole;
  grade: 2 | 1 | 0;
}

export interface LabelledFamily {
  id: string;
  split: 'dev' | 'held-out';
  /** The query practice: the practice whose related practices are asked for. */
  query: { document: string; year: number; quote: string };
  members: FamilyMember[];
}

export interface FamilyPlan {
  families: LabelledFamily[];
  /** Document index → the family sentences to plant in it. */
  placements: ReadonlyMap<number, PlantedSentence[]>;
}

/** Below this corpus size no family is planted (each needs six distinct documents across years). */
export const FAMILY_MIN_DOCUMENTS = 20;
const GRADES = { paraphrase: 2, related: 1, unrelated: 0 } as const;

/** Plans where every family sentence goes; none below FAMILY_MIN_DOCUMENTS documents. */
export function planFamilies(seed: number, documents: number): FamilyPlan {
  const placements = new Map<number, PlantedSentence[]>();
  if (documents < FAMILY_MIN_DOCUMENTS) return { families: [], placements };
  const families = FAMILY_TEXTS.map((text, f): LabelledFamily => {
    const indexes = drawDocuments(seed, f, documents);
    const place = (quote: string, index: number) => {
      placements.set(index, [...(placements.get(index) ?? []), { text: quote }]);
      const { path, year } = identifyDocument(seed, index);
      return { document: path, year, quote };
    };
    const member = (quote: string, index: number, role: FamilyRole): FamilyMember => ({
      ...place(quote, index),
      role,
      grade: GRADES[role],
    });
    // Slots: 0 query, 1–3 paraphrases, 4 second related, 5 unrelated; the first related joins paraphrase 2.
    return {
      id: text.id,
      split: f % 2 === 0 ? 'dev' : 'held-out',
      query: place(text.query, indexes[0]),
      members: [
        ...text.paraphrases.map((quote, k) => member(quote, indexes[1 + k], 'paraphrase')),
        member(text.related[0], indexes[2], 'related'),
        member(text.related[1], indexes[4], 'related'),
        member(text.unrelated, indexes[5], 'unrelated'),
      ],
    };
  });
  return { families, placements };
}

/** Six distinct documents whose first four (query and paraphrases) span at least two years. */
function drawDocuments(seed: number, family: number, documents: number): number[] {
  const r = randomFor(seed, 'families', family);
  for (let tries = 0; tries < 1000; tries++) {
    const chosen = new Set<number>();
    while (chosen.size < 6) chosen.add(r.int(documents));
    const indexes = [...chosen];
    const years = new Set(indexes.slice(0, 4).map((i) => identifyDocument(seed, i).year));
    if (years.size >= 2) return indexes;
  }
  throw new Error(`family ${family}: no four documents of two years in ${documents} documents (seed ${seed})`);
}
