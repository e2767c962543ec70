import { IngestError } from './errors.js';
import { parseHtml } from './html.js';
import { parsePdf } from './pdf.js';
import type { ParsedDocument, SourceRef } from './records.js';
import { parseText } from './text.js';

const FORMATS: Record<string, SourceRef['format']> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
};
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
// More than this share of control characters means the file is not text, whatever its name says.
const MAX_CONTROL_RATIO = 0.05;

/** The format of a corpus file from its extension; anything else is UNSUPPORTED_FORMAT. */
export function detectFormat(path: string): SourceRef['format'] {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  const format = ext === undefined ? undefined : FORMATS[ext];
  if (format === undefined) {
    const supported = Object.keys(FORMATS).map((e) => `.${e}`);
    throw new IngestError(
      'UNSUPPORTED_FORMAT',
      `${path}: unsupported file type ${ext ? `".${ext}"` : '(no extension)'}; supported: ${supported.join(', ')}`,
      { path },
    );
  }
  return format;
}

/**
 * Parses the bytes of one corpus file, checking first what would make parsing meaningless: size (TOO_LARGE),
 * binary content (BINARY_CONTENT), encoding (BAD_ENCODING) and emptiness (EMPTY_DOCUMENT). Every error names the file.
 */
export async function parseFile(
  bytes: Uint8Array,
  source: SourceRef,
  opts: { maxBytes?: number } = {},
): Promise<ParsedDocument> {
  const name = source.path ?? source.id;
  const fail = (code: IngestError['code'], reason: string, cause?: unknown): IngestError =>
    new IngestError(code, `${name}: ${reason}`, { path: source.path, cause });
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) throw fail('TOO_LARGE', `${bytes.length} bytes is over the limit of ${maxBytes} bytes`);
  if (bytes.every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d))) throw fail('EMPTY_DOCUMENT', 'the file is empty');

  try {
    if (source.format === 'pdf') {
      if (!startsWithPdfHeader(bytes)) throw fail('CORRUPT_PDF', 'no %PDF- header; not a PDF file');
      return await parsePdf(bytes, source);
    }
    const text = decodeText(bytes, source.format, fail);
    return source.format === 'html' ? parseHtml(text, source) : parseText(text, source);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw fail('UNREADABLE', `could not be parsed (${err instanceof Error ? err.message : String(err)})`, err);
  }
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The PDF spec allows junk before the header; readers look in the first kilobyte.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function decodeText(
  bytes: Uint8Array,
  format: SourceRef['format'],
  fail: (code: IngestError['code'], reason: string, cause?: unknown) => IngestError,
): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    if (bytes.includes(0)) throw fail('BINARY_CONTENT', 'contains NUL bytes; it is binary, not text', err);
    const declared = format === 'html' ? declaredCharset(bytes) : undefined;
    if (declared === undefined) throw fail('BAD_ENCODING', `is not valid ${utf16 ?? 'UTF-8'}`, err);
    try {
      text = new TextDecoder(declared, { fatal: true }).decode(bytes);
    } catch (inner) {
      throw fail('BAD_ENCODING', `is neither valid UTF-8 nor valid ${declared} as its <meta charset> says`, inner);
    }
  }
  if (text.includes('\u0000')) throw fail('BINARY_CONTENT', 'contains NUL characters; it is binary, not text');
  let control = 0;
  // By code unit, not code point: no surrogate is a control character, and a string per character cost seconds.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) control++;
  }
  if (control > text.length * MAX_CONTROL_RATIO) {
    throw fail('BINARY_CONTENT', `${control} of ${text.length} characters are control characters; it is not text`);
  }
  return text;
}

/** The charset an HTML page declares in its first kilobytes, if it is one TextDecoder knows and not UTF-8. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return undefined;
  }
}
