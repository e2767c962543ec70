import type { ParsedDocument, Passage } from './records.js';
import { splitSentences } from './sentences.js';

export interface ChunkOptions {
  /** A passage closes at the first sentence boundary at or past this many words. */
  targetWords?: number;
  /** A passage this long closes at the next heading rather than running into the next section. */
  minWords?: number;
  /** No passage grows past this, unless one sentence alone is longer. */
  maxWords?: number;
  /** Sentences repeated at the start of the next passage of the same section. */
  overlapSentences?: number;
}

/** A sentence, or a whole heading, with what a passage needs to know about it. */
interface Unit {
  start: number;
  end: number;
  words: number;
  section: number;
  isHeading: boolean;
  page: number | null;
  heading: string | null;
}

/**
 * Splits a parsed document into sentence-aligned passages with exact offsets (`doc.text.slice(start, end) === text`).
 * Sentences are never split; passages prefer to end at headings, and a heading is part of the passage that starts its
 * section, so heading words are searchable. Consecutive passages of one section share `overlapSentences` sentences.
 */
export function chunkText(doc: ParsedDocument, opts: ChunkOptions = {}): Passage[] {
  const target = opts.targetWords ?? 160;
  const min = opts.minWords ?? 120;
  const max = opts.maxWords ?? 200;
  const overlap = opts.overlapSentences ?? 1;
  const units = toUnits(doc);
  const sectionWords = new Map<number, number>();
  for (const u of units) sectionWords.set(u.section, (sectionWords.get(u.section) ?? 0) + u.words);

  const passages: Passage[] = [];
  let i = 0;
  while (i < units.length) {
    const first = i - overlapCount(units, i, overlap, max, passages.length > 0);
    let words = sumWords(units, first, i);
    let j = i;
    while (j < units.length) {
      const u = units[j];
      const group = u.isHeading && units[j + 1] && !units[j + 1].isHeading ? 2 : 1;
      const groupWords = sumWords(units, j, j + group);
      if (j > i) {
        const onlyHeadings = units.slice(first, j).every((x) => x.isHeading);
        const nextSectionStandsAlone = words >= min || (sectionWords.get(u.section) ?? 0) >= min;
        if (u.isHeading && !onlyHeadings && nextSectionStandsAlone) break;
        if (words + groupWords > max || words >= target) break;
      }
      words += groupWords;
      j += group;
    }
    passages.push(toPassage(doc, units, first, j, passages.length));
    i = j;
  }
  return passages;
}

function toUnits(doc: ParsedDocument): Unit[] {
  const units: Unit[] = [];
  let section = 0;
  let heading: string | null = null;
  for (const block of doc.blocks) {
    const page = block.page ?? null;
    if (block.kind === 'heading') {
      section++;
      heading = doc.text.slice(block.start, block.end);
      units.push({
        start: block.start,
        end: block.end,
        words: countWords(heading),
        section,
        isHeading: true,
        page,
        heading,
      });
      continue;
    }
    for (const s of splitSentences(doc.text, block.start, block.end)) {
      units.push({ start: s.start, end: s.end, words: countWords(s.text), section, isHeading: false, page, heading });
    }
  }
  return units;
}

/** How many sentences before `i` to repeat: only within one section, never headings, never past `max`. */
function overlapCount(units: Unit[], i: number, overlap: number, max: number, hasPrevious: boolean): number {
  if (!hasPrevious || units[i].isHeading) return 0;
  let count = 0;
  let words = units[i].words;
  while (count < overlap && i - count - 1 >= 0) {
    const u = units[i - count - 1];
    if (u.isHeading || u.section !== units[i].section || words + u.words > max) break;
    words += u.words;
    count++;
  }
  return count;
}

function toPassage(doc: ParsedDocument, units: Unit[], from: number, to: number, ordinal: number): Passage {
  const first = units[from];
  const start = first.start;
  const end = units[to - 1].end;
  return {
    id: `${doc.id}#${ordinal}`,
    documentId: doc.id,
    ordinal,
    text: doc.text.slice(start, end),
    start,
    end,
    page: first.page,
    heading: first.heading,
  };
}

function sumWords(units: Unit[], from: number, to: number): number {
  let words = 0;
  for (let k = from; k < to && k < units.length; k++) words += units[k].words;
  return words;
}

/** Words as a reader counts them: runs of non-space characters. */
export function countWords(text: string): number {
  const matches = text.match(/\S+/g);
  return matches === null ? 0 : matches.length;
}
