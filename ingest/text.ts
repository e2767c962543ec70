import { parse as parseYaml } from 'yaml';
import { IngestError } from './errors.js';
import { isCalendarDate, type Block, type ParsedDocument, type SourceRef } from './records.js';

/** A block before offsets are known; the parsers produce these and `assembleDocument` lays them out. */
export interface DraftBlock {
  kind: Block['kind'];
  text: string;
  level?: number;
  page?: number;
}

/** Document-level metadata a parser found in the file itself. */
export interface FoundMetadata {
  title?: string;
  language?: string;
  date?: string;
}

/** How blank lines are read: as paragraph breaks, or (in PDF extractions) as mere line spacing. */
export type LineMode = 'paragraphs' | 'lines';

/**
 * Parses plain text or Markdown into a ParsedDocument. Plain text gets the repairs text extracted from PDFs needs
 * (hard line breaks, words hyphenated across lines, bullet glyphs, blank lines between the lines of one paragraph,
 * short title-like lines as headings); Markdown gets `#` headings, lists and minimal inline-markup stripping.
 */
export function parseText(text: string, source: SourceRef): ParsedDocument {
  const clean = cleanText(text);
  if (source.format === 'markdown') return parseMarkdown(clean, source);
  const drafts = repairLines(clean);
  const headingFirst = drafts[0]?.kind === 'heading' ? drafts[0].text : undefined;
  return assembleDocument(source, drafts, { title: headingFirst, date: findDateLine(clean) });
}

/** Lays out blocks as the normalised text (blocks joined by a blank line) with exact [start, end) offsets. */
export function assembleDocument(source: SourceRef, drafts: DraftBlock[], meta: FoundMetadata): ParsedDocument {
  const blocks: Block[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const draft of drafts) {
    const text = collapseSpaces(draft.text);
    if (text.length === 0) continue;
    if (parts.length > 0) offset += 2;
    const block: Block = { kind: draft.kind, start: offset, end: offset + text.length };
    if (draft.kind === 'heading') block.level = Math.min(6, Math.max(1, draft.level ?? 2));
    if (draft.page !== undefined) block.page = draft.page;
    blocks.push(block);
    parts.push(text);
    offset += text.length;
  }
  if (blocks.length === 0) {
    throw new IngestError('EMPTY_DOCUMENT', `${source.path ?? source.id}: no text left after normalisation`, {
      path: source.path,
    });
  }
  const doc: ParsedDocument = { id: source.id, format: source.format, text: parts.join('\n\n'), blocks };
  const title = meta.title === undefined ? '' : collapseSpaces(meta.title);
  if (title.length > 0) doc.title = title;
  if (meta.language) doc.language = meta.language;
  if (meta.date) doc.date = meta.date;
  return doc;
}

/** Normalises line endings and invisible characters, and undoes ligatures PDF extraction leaves behind. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g, ' ')
      .replace(/[\u00AD\u200B-\u200D\u2060]/g, '')
      // eslint-disable-next-line no-control-regex -- stray control characters are exactly what is being removed
      .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
      .replace(/[\uFB00-\uFB04]/g, (ch) => LIGATURES[ch] ?? ch)
  );
}

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
};

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

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
  let current: DraftBlock | null = null;
  const close = (): void => {
    if (current) drafts.push(current);
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const bullet = matchBullet(line.text);
    if (bullet !== null) {
      close();
      current = { kind: 'list-item', text: bullet };
    } else if (current !== null && !breaksBefore(lines[i - 1], line, mode)) {
      current.text = joinLines(current.text, line.text, text);
    } else {
      close();
      if (isHeadingLine(line, lines[i + 1], mode)) {
        drafts.push({ kind: 'heading', text: line.text, level: drafts.length === 0 ? 1 : 2 });
      } else current = { kind: 'paragraph', text: line.text };
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

/** Joins a continuation line to a block, undoing a line-end hyphenation where the split was only typographic. */
export function joinLines(before: string, after: string, context = ''): string {
  const split = /(\p{L}+)-$/u.exec(before);
  const tail = /^(\p{L}+)/u.exec(after);
  if (!split || !tail) return `${before} ${after}`;
  return keepsHyphen(split[1], tail[1], context) ? `${before}${after}` : `${before.slice(0, -1)}${after}`;
}

function keepsHyphen(head: string, tail: string, context: string): boolean {
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  // The document itself is the best dictionary: use the form it writes elsewhere.
  const lower = context.toLowerCase();
  if (lower.includes(`${h}-${t}`)) return true;
  if (new RegExp(`(?:^|[^\\p{L}])${h}${t}`, 'u').test(lower)) return false;
  return COMPOUND_PREFIXES.has(h) || COMPOUND_SUFFIXES.has(t) || /^\p{Lu}/u.test(tail);
}

/** Finds a "Date: 2023-09-15" line near the top of a text. */
export function findDateLine(text: string): string | undefined {
  const head = text.split('\n').slice(0, 15);
  for (const line of head) {
    const m = /^\s*(?:\*\*)?(?:date|published|issued)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/i.exec(line);
    if (m) return normaliseDate(m[1]);
  }
  return undefined;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** Normalises a date as found in documents ("2023-09-15T10:00Z", "D:20230915", "15 September 2023") to YYYY-MM-DD. */
export function normaliseDate(raw: string): string | undefined {
  const s = raw.trim();
  let m = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(s) ?? /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d])/.exec(s);
  if (m) return toIsoDate(+m[1], m[2] ? +m[2] : 1, m[3] ? +m[3] : 1);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) return toIsoDate(+m[3], +m[2], +m[1]);
  const year = /\b(1[89]\d{2}|2\d{3})\b/.exec(s);
  const month = /\b([A-Za-z]{3,9})\.?/g;
  if (!year) return undefined;
  for (const mm of s.matchAll(month)) {
    const index = MONTHS.indexOf(mm[1].slice(0, 3).toLowerCase());
    if (index < 0 || !/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(mm[1])) continue;
    const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/.exec(s.replace(year[0], ''));
    return toIsoDate(+year[1], index + 1, day ? +day[1] : 1);
  }
  return undefined;
}

function toIsoDate(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

function parseMarkdown(text: string, source: SourceRef): ParsedDocument {
  const { body, meta } = splitFrontMatter(text);
  const drafts: DraftBlock[] = [];
  let current: DraftBlock | null = null;
  let fenced = false;
  const close = (): void => {
    if (current) drafts.push(current);
    current = null;
  };
  for (const raw of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      close();
      fenced = !fenced;
      continue;
    }
    const line = fenced ? raw : raw.replace(/^\s*(?:>\s?)+/, '');
    const heading = fenced ? null : /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const item = fenced ? null : /^\s*(?:[-*+]|(\d{1,3}[.)]))\s+(.*)$/.exec(line);
    if (line.trim() === '' || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) || /^\s*\|?[\s:|-]+\|[\s:|-]*$/.test(line)) {
      close();
    } else if (heading) {
      close();
      drafts.push({ kind: 'heading', text: stripInline(heading[2]), level: heading[1].length });
    } else if (item) {
      close();
      current = { kind: 'list-item', text: stripInline(item[1] ? `${item[1]} ${item[2]}` : item[2]) };
    } else if (current) current.text = `${current.text} ${stripInline(line)}`;
    else current = { kind: 'paragraph', text: stripInline(line) };
  }
  close();
  const h1 = drafts.find((d) => d.kind === 'heading' && d.level === 1);
  return assembleDocument(source, drafts, {
    title: meta.title ?? h1?.text,
    language: meta.language,
    date: meta.date ?? findDateLine(body),
  });
}

function splitFrontMatter(text: string): { body: string; meta: FoundMetadata } {
  const m = /^---\n([\s\S]*?)\n---\s*(?:\n|$)/.exec(text);
  if (!m) return { body: text, meta: {} };
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch {
    return { body: text, meta: {} };
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'number' ? String(v) : undefined;
  const date = str(record.date);
  return {
    body: text.slice(m[0].length),
    meta: {
      title: str(record.title),
      language: str(record.language ?? record.lang),
      date: date === undefined ? undefined : normaliseDate(date),
    },
  };
}

/** Removes the Markdown inline markers a reader does not see: emphasis, code ticks, link targets, HTML tags. */
export function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*_])([*_])(?=\S)(.+?)(?<=\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}
