import type { Sentence } from './records.js';

// Abbreviations that end with a period but do not end a sentence in IWG texts ("U.S. DOE", "e.g. vetting").
const ABBREVIATIONS = new Set([
  'u.s',
  'u.k',
  'e.g',
  'i.e',
  'etc',
  'no',
  'nos',
  'vol',
  'rev',
  'dr',
  'mr',
  'ms',
  'mrs',
  'st',
  'inc',
  'ltd',
  'co',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'art',
  'para',
  'fig',
  'approx',
  'cf',
  'vs',
]);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Splits `text.slice(start, end)` into sentences with absolute offsets, trimmed of surrounding whitespace.
 * Uses the ICU sentence segmenter, then re-joins breaks that follow a known abbreviation ("U.S.") and
 * never lets a sentence cross a line break that ends a block (callers split blocks first).
 */
export function splitSentences(text: string, start = 0, end = text.length): Sentence[] {
  const raw: { start: number; end: number }[] = [];
  for (const seg of segmentSentences(text, start, end)) {
    const prev = raw[raw.length - 1];
    if (prev && endsWithAbbreviation(text, prev.start, prev.end)) prev.end = seg.end;
    else raw.push(seg);
  }
  const sentences: Sentence[] = [];
  for (const r of raw) {
    let s = r.start;
    let e = r.end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ start: s, end: e, text: text.slice(s, e) });
  }
  return sentences;
}

// ICU's segmenter costs time in proportion to the whole string at every step (a 200,000-character block: 55 s),
// so it reads windows of this size; only breaks at least MARGIN before a window's end are kept, since a break's
// rules look ahead (a period followed by a lower-case word is no break), and the next window starts there.
const WINDOW = 8192;
const MARGIN = 1024;

/** The ICU sentence segments of `text.slice(start, end)`, as absolute [start, end) ranges, window by window. */
function* segmentSentences(text: string, start: number, end: number): Generator<{ start: number; end: number }> {
  let from = start;
  while (from < end) {
    const to = Math.min(end, from + WINDOW);
    let next = from;
    for (const seg of segmenter.segment(text.slice(from, to))) {
      const s = from + seg.index;
      const e = s + seg.segment.length;
      if (to < end && e > to - MARGIN) break;
      yield { start: s, end: e };
      next = e;
    }
    if (next === from) {
      // One sentence longer than a window: it is cut after the window's last space (or at its end).
      const cut = Math.max(text.lastIndexOf(' ', to - MARGIN), from + 1);
      next = cut > from + 1 ? cut : to - MARGIN;
      yield { start: from, end: next };
    }
    from = next;
  }
}

// An abbreviation is looked for in this many characters at a sentence's end: a sentence grown by joins is not reread.
const ABBREVIATION_TAIL = 256;

function endsWithAbbreviation(text: string, start: number, end: number): boolean {
  // A tail cut out of a longer sentence starts with a character that is neither space nor letter.
  const sentence =
    end - start > ABBREVIATION_TAIL ? `\u0000${text.slice(end - ABBREVIATION_TAIL, end)}` : text.slice(start, end);
  const m = /(?:^|[\s(])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.\s*$/.exec(sentence);
  if (!m) return false;
  const word = m[1].toLowerCase();
  // Single capital letters ("J. Smith") and dotted acronyms ("U.S.") are abbreviations.
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word);
}
