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
  const slice = text.slice(start, end);
  const raw: { start: number; end: number }[] = [];
  for (const seg of segmenter.segment(slice)) {
    const s = start + seg.index;
    const e = s + seg.segment.length;
    const prev = raw[raw.length - 1];
    if (prev && endsWithAbbreviation(text.slice(prev.start, prev.end))) prev.end = e;
    else raw.push({ start: s, end: e });
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

function endsWithAbbreviation(sentence: string): boolean {
  const m = /(?:^|[\s(])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.\s*$/.exec(sentence);
  if (!m) return false;
  const word = m[1].toLowerCase();
  // Single capital letters ("J. Smith") and dotted acronyms ("U.S.") are abbreviations.
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word);
}
