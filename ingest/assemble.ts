/**
 * What every parser shares: the clean-up of extracted characters, and the layout of its blocks as one normalised
 * text with exact offsets (a ParsedDocument).
 */
import { IngestError } from './errors.js';
import type { Block, ParsedDocument, SourceRef } from './records.js';

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
