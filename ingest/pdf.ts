import { getDocumentProxy, getMeta } from 'unpdf';
import { IngestError } from './errors.js';
import type { ParsedDocument, SourceRef } from './records.js';
import { assembleDocument, cleanText, type DraftBlock } from './assemble.js';
import { normaliseDate } from './dates.js';
import { joinLines, repairLines } from './line-repair.js';

/**
 * Parses a PDF into a ParsedDocument: the text of each page goes through the same line repair as plain text, every
 * block carries its page number, and title, date and language come from the PDF's document information.
 */
export async function parsePdf(bytes: Uint8Array, source: SourceRef): Promise<ParsedDocument> {
  const name = source.path ?? source.id;
  let pages: string[];
  let info: Record<string, unknown>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy, and refuses a Node Buffer
    // (what readFile and uploads give), so the copy is a plain Uint8Array.
    const pdf = await getDocumentProxy(Uint8Array.from(bytes), { verbosity: 0 });
    try {
      pages = await extractPages(pdf, name, source.path);
      info = (await getMeta(pdf)).info ?? {};
    } finally {
      await pdf.destroy();
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('CORRUPT_PDF', `${name}: not a readable PDF (${errorMessage(err)})`, {
      path: source.path,
      cause: err,
    });
  }
  const drafts = joinAcrossPages(pages.map((text, i) => repairLines(cleanText(text), { page: i + 1 })));
  if (drafts.length === 0) {
    throw new IngestError('EMPTY_DOCUMENT', `${name}: the PDF has no extractable text (a scan without OCR?)`, {
      path: source.path,
    });
  }
  const firstHeading = drafts[0].kind === 'heading' ? drafts[0].text : undefined;
  return assembleDocument(source, drafts, {
    title: pdfTitle(info.Title) ?? firstHeading,
    date: pdfDate(info.CreationDate) ?? pdfDate(info.ModDate),
    language: typeof info.Language === 'string' && info.Language.length >= 2 ? info.Language : undefined,
  });
}

// A dense printed page holds ~10,000 characters; a "page" of 200,000 is a content stream built to stall the
// parser (one 8 MB line: over 60 s), and so is a document of 4 million.
const MAX_PAGE_CHARS = 200_000;
const MAX_DOCUMENT_CHARS = 4_000_000;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * The text of every page, as unpdf's extractText gives it (each item's string, a newline after an item that ends
 * a line), read as a stream so that a page or document over its limit is refused (PARSE_LIMIT) while pdf.js is
 * still reading it, instead of once it has built all of it.
 */
async function extractPages(pdf: PdfDocument, name: string, path: string | undefined): Promise<string[]> {
  const pages: string[] = [];
  let total = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const reader = (
      page.streamTextContent() as ReadableStream<{ items: { str?: string; hasEOL?: boolean }[] }>
    ).getReader();
    const parts: string[] = [];
    let chars = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const item of value.items) {
        if (item.str == null) continue;
        const text = item.str + (item.hasEOL ? '\n' : '');
        parts.push(text);
        chars += text.length;
      }
      const over =
        chars > MAX_PAGE_CHARS
          ? `page ${n} has more than ${MAX_PAGE_CHARS.toLocaleString('en')} characters of text`
          : total + chars > MAX_DOCUMENT_CHARS
            ? `its text is longer than ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters`
            : null;
      if (over !== null) {
        const err = new IngestError('PARSE_LIMIT', `${name}: refused, ${over}`, { path });
        await reader.cancel(err).catch(() => undefined);
        throw err;
      }
    }
    total += chars;
    pages.push(parts.join(''));
  }
  return pages;
}

/** A paragraph cut by a page break continues on the next page; it keeps the page it starts on. */
function joinAcrossPages(pages: DraftBlock[][]): DraftBlock[] {
  const drafts: DraftBlock[] = [];
  for (const page of pages) {
    const last = drafts[drafts.length - 1];
    const first = page[0];
    if (
      last?.kind !== 'heading' &&
      first?.kind === 'paragraph' &&
      !/[.!?:]["'\u201D\u2019)\]]*$/.test(last?.text ?? '.') &&
      /^\p{Ll}/u.test(first.text)
    ) {
      last.text = joinLines(last.text, first.text);
      drafts.push(...page.slice(1));
    } else drafts.push(...page);
  }
  return drafts;
}

function pdfTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // Office exports put the application and file name in Title ("Microsoft Word - brochure.docx").
  const title = raw
    .replace(/^Microsoft (?:Word|PowerPoint) - /, '')
    .replace(/\.(?:docx?|pptx?|pdf)$/i, '')
    .trim();
  return title.length > 0 && !/^untitled$/i.test(title) ? title : undefined;
}

function pdfDate(raw: unknown): string | undefined {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return typeof raw === 'string' ? normaliseDate(raw) : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
