/** The plain-text parser (and the entry for Markdown, whose text gets the same clean-up first). */
import { assembleDocument, cleanText } from './assemble.js';
import { findDateLine } from './dates.js';
import { repairLines } from './line-repair.js';
import { parseMarkdown } from './markdown.js';
import type { ParsedDocument, SourceRef } from './records.js';

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
