/** The Markdown parser: `#` headings, lists, front matter and minimal inline-markup stripping. */
import { parse as parseYaml } from 'yaml';
import { assembleDocument, type DraftBlock, type FoundMetadata } from './assemble.js';
import { findDateLine, normaliseDate } from './dates.js';
import type { ParsedDocument, SourceRef } from './records.js';

/** Parses cleaned Markdown text (see cleanText) into a ParsedDocument. */
export function parseMarkdown(text: string, source: SourceRef): ParsedDocument {
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
