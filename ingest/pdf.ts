import { extractText, getDocumentProxy, getMeta } from 'unpdf';
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
      pages = (await extractText(pdf, { mergePages: false })).text;
      info = (await getMeta(pdf)).info ?? {};
    } finally {
      await pdf.destroy();
    }
  } catch (err) {
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
