/**
 * Line repair: reads lines of plain or extracted text into blocks, undoing what PDF extraction leaves behind (hard
 * line breaks, words hyphenated across lines, bullet glyphs, blank lines between the lines of one paragraph).
 */
import type { DraftBlock } from './assemble.js';
import { HyphenDictionary } from './hyphen-dictionary.js';

/** How blank lines are read: as paragraph breaks, or (in PDF extractions) as mere line spacing. */
export type LineMode = 'paragraphs' | 'lines';

interface Line {
  text: string;
  /** Blank lines between this line and the previous non-blank one. */
  gap: number;
}

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  let gap = 0;
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t.length === 0) gap++;
    else {
      lines.push({ text: t, gap: lines.length === 0 ? 0 : gap });
      gap = 0;
    }
  }
  return lines;
}

/**
 * Reads lines of plain text into blocks. In 'lines' mode (detected when blank lines fall mid-sentence, or when there
 * are no blank lines at all, as in PDF page text) a paragraph continues until a line ends a sentence.
 */
export function repairLines(text: string, opts: { page?: number; mode?: LineMode } = {}): DraftBlock[] {
  const lines = toLines(text);
  const mode = opts.mode ?? detectLineMode(lines);
  const drafts: DraftBlock[] = [];
  const dictionary = new HyphenDictionary(text);
  // The block being read, as its lines joined at close: re-reading one growing string at every line made a long
  // paragraph quadratic (16,000 lines: 20 s).
  let current: { kind: DraftBlock['kind']; parts: string[] } | null = null;
  const close = (): void => {
    if (current) drafts.push({ kind: current.kind, text: current.parts.join('') });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const bullet = matchBullet(line.text);
    if (bullet !== null) {
      close();
      current = { kind: 'list-item', parts: [bullet] };
    } else if (current !== null && !breaksBefore(lines[i - 1], line, mode)) {
      appendLine(current.parts, line.text, dictionary);
    } else {
      close();
      if (isHeadingLine(line, lines[i + 1], mode)) {
        drafts.push({ kind: 'heading', text: line.text, level: drafts.length === 0 ? 1 : 2 });
      } else current = { kind: 'paragraph', parts: [line.text] };
    }
  }
  close();
  if (opts.page !== undefined) for (const d of drafts) d.page = opts.page;
  return drafts;
}

/** Blank lines are line spacing, not paragraph breaks, when they often fall before a line continuing a sentence. */
export function detectLineMode(lines: Line[]): LineMode {
  const gaps = lines.filter((l) => l.gap === 1);
  if (lines.length > 1 && lines.every((l) => l.gap === 0)) return 'lines';
  const soft = gaps.filter((l) => /^\p{Ll}/u.test(l.text)).length;
  return soft >= 2 && soft >= gaps.length * 0.2 ? 'lines' : 'paragraphs';
}

function breaksBefore(prev: Line, line: Line, mode: LineMode): boolean {
  if (line.gap >= 2) return true;
  if (mode === 'paragraphs') return line.gap >= 1;
  return endsSentence(prev.text);
}

function endsSentence(text: string): boolean {
  return /[.!?]["'\u201D\u2019)\]]*$/.test(text);
}

// Glyphs PDF brochures and plain-text lists use for bullets; "§" is how the IWG brochure's bullets extract.
const BULLET_GLYPH =
  /^[\u00A7\u2022\u25AA\u25E6\u25CF\u25CB\u25A0\u25A1\u25BA\u2023\u2219\u00B7\u2013\u2014*+-]\s+(.*)$/u;
const BULLET_NUMBER = /^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z]\)|\([a-z]\))\s+\S/u;

/** The list item's text when `line` starts with a bullet (glyphs removed, numbers kept), else null. */
export function matchBullet(line: string): string | null {
  const glyph = BULLET_GLYPH.exec(line);
  if (glyph) return glyph[1];
  return BULLET_NUMBER.test(line) ? line : null;
}

// Heading lines never end on a word that needs a continuation.
const TRAILING_STOPWORDS = new Set(
  'a an and as at by for from in into of on or the to with than that which who whose'.split(' '),
);

function isHeadingLine(line: Line, next: Line | undefined, mode: LineMode): boolean {
  if (next === undefined) return false;
  const text = line.text;
  const words = text.split(/\s+/);
  if (text.length > 90 || words.length > 10) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(text) || /[.,;:\-\u2013\u2014]$/.test(text)) return false;
  if (text.endsWith('?') && words.length > 6) return false;
  if (/[!]$/.test(text) || TRAILING_STOPWORDS.has(words[words.length - 1].toLowerCase())) return false;
  const nextStartsBlock = /^[\p{Lu}\p{N}"\u201C]/u.test(next.text) || matchBullet(next.text) !== null;
  if (isTitleCase(words)) return nextStartsBlock || next.gap >= 2;
  // Sentence-case headings are trusted only where blank lines really separate paragraphs.
  return mode === 'paragraphs' && next.gap >= 1 && words.length <= 8;
}

function isTitleCase(words: string[]): boolean {
  const significant = words.map((w) => w.replace(/[^\p{L}\p{N}/]/gu, '')).filter((w) => w.length >= 4);
  return significant.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

// Prefixes and second parts that form real hyphenated compounds in IWG texts ("non-governmental", "risk-informed");
// any other word split across lines ("trust-\nworthiness") is joined without its hyphen.
const COMPOUND_PREFIXES = new Set(
  'non self cross co anti ex well all half mid high low long short full cyber state'.split(' '),
);
const COMPOUND_SUFFIXES = new Set(
  'level based related specific term scale wide informed driven oriented made making led owned free like wide'.split(
    ' ',
  ),
);

type Join = 'space' | 'keep-hyphen' | 'drop-hyphen';

/**
 * Appends a continuation line to a block's parts as `joinLines` would join it to their concatenation: each line is
 * a part, so a hyphen dropped is sliced off one line, never off the whole block.
 */
function appendLine(parts: string[], line: string, dictionary: HyphenDictionary): void {
  let window = '';
  for (let k = parts.length - 1; k >= 0 && window.length < WORD_WINDOW; k--) window = parts[k] + window;
  const join = decideJoin(window, line, dictionary);
  if (join === 'drop-hyphen') parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
  parts.push(join === 'space' ? ` ${line}` : line);
}

// Past this many characters a "word" is no word: its hyphen is kept, and it is not looked up.
const MAX_WORD_LENGTH = 64;
// What is read back from the end of a block to find its last word: the longest word, its hyphen, and a character
// before it (a surrogate pair cut in half is not a letter).
const WORD_WINDOW = MAX_WORD_LENGTH + 3;

/**
 * Joins a continuation line to a block, undoing a line-end hyphenation where the split was only typographic. The
 * context (the whole text, or its dictionary) decides doubtful splits by the form the document writes elsewhere.
 */
export function joinLines(before: string, after: string, context: string | HyphenDictionary = ''): string {
  const join = decideJoin(before.slice(-WORD_WINDOW), after, context);
  if (join === 'space') return `${before} ${after}`;
  return join === 'keep-hyphen' ? `${before}${after}` : `${before.slice(0, -1)}${after}`;
}

/** How a line joins the block whose end is `end` (at least its last WORD_WINDOW characters). */
function decideJoin(end: string, after: string, context: string | HyphenDictionary): Join {
  const split = end.endsWith('-') ? /(\p{L}+)-$/u.exec(end) : null;
  const tail = split ? /^(\p{L}+)/u.exec(after) : null;
  if (!split || !tail) return 'space';
  if (split[1].length > MAX_WORD_LENGTH) return 'keep-hyphen';
  const dictionary = typeof context === 'string' ? new HyphenDictionary(context) : context;
  return keepsHyphen(split[1], tail[1], dictionary) ? 'keep-hyphen' : 'drop-hyphen';
}

function keepsHyphen(head: string, tail: string, dictionary: HyphenDictionary): boolean {
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  // The document itself is the best dictionary: use the form it writes elsewhere.
  if (dictionary.hasHyphenated(h, t)) return true;
  if (dictionary.hasWordStartingWith(`${h}${t}`)) return false;
  return COMPOUND_PREFIXES.has(h) || COMPOUND_SUFFIXES.has(t) || /^\p{Lu}/u.test(tail);
}
