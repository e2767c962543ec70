import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../ingest/errors.js';
import { detectFormat, parseFile } from '../../ingest/parse.js';
import type { SourceRef } from '../../ingest/records.js';

const fixture = async (path: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(`../fixtures/${path}`, import.meta.url)));
const source = (path: string): SourceRef => ({ id: path, path, format: detectFormat(path) });

describe('detectFormat', () => {
  it('when a path has a known extension, then its format is returned', () => {
    const sut = ['a.html', 'b.HTM', 'c.pdf', 'd.txt', 'e.md', 'f.markdown'].map(detectFormat);
    expect(sut).toEqual(['html', 'html', 'pdf', 'text', 'markdown', 'markdown']);
  });

  it('when a path has an unknown extension, then UNSUPPORTED_FORMAT names it', () => {
    expect(() => detectFormat('minutes.docx')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('minutes.docx') }),
    );
  });
});

describe('parseFile', () => {
  it('when each fixture format is given, then it dispatches to the matching parser', async () => {
    const html = await parseFile(await fixture('html/iwg-about.html'), source('html/iwg-about.html'));
    const pdf = await parseFile(await fixture('pdf/iwg-brochure.pdf'), source('pdf/iwg-brochure.pdf'));
    const md = await parseFile(await fixture('txt/newsletter-2023-09.md'), source('txt/newsletter-2023-09.md'));
    expect([html.format, pdf.format, md.format]).toEqual(['html', 'pdf', 'markdown']);
    expect(pdf.blocks[0].page).toBe(1);
    expect(md.date).toBe('2023-09-15');
  });

  it.each([
    ['txt/empty.txt', 'EMPTY_DOCUMENT', /empty/],
    ['txt/blank.txt', 'EMPTY_DOCUMENT', /empty/],
    ['txt/binary.txt', 'BINARY_CONTENT', /binary/],
    ['txt/latin1.txt', 'BAD_ENCODING', /UTF-8/],
    ['pdf/corrupt.pdf', 'CORRUPT_PDF', /PDF/],
  ])('when %s is parsed, then %s is thrown naming the file and the reason', async (path, code, reason) => {
    const error = await parseFile(await fixture(path), source(path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code, path });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(reason);
  });

  it('when a file is over maxBytes, then TOO_LARGE is thrown before parsing', async () => {
    const parsing = parseFile(await fixture('html/iwg-about.html'), source('html/iwg-about.html'), { maxBytes: 100 });
    await expect(parsing).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('iwg-about') });
  });

  it('when a .pdf file has no PDF header, then CORRUPT_PDF is thrown', async () => {
    const bytes = new TextEncoder().encode('This is a text file renamed to .pdf');
    await expect(parseFile(bytes, source('renamed.pdf'))).rejects.toMatchObject({ code: 'CORRUPT_PDF' });
  });

  it('when text is valid UTF-8 but mostly control characters, then BINARY_CONTENT is thrown', async () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7)));
    await expect(parseFile(bytes, source('controls.txt'))).rejects.toMatchObject({ code: 'BINARY_CONTENT' });
  });

  it('when an HTML page declares windows-1252, then it is decoded with that charset', async () => {
    const html = '<html><head><meta charset="windows-1252"></head><body><p>Réunion à Vienne.</p></body></html>';
    const bytes = Uint8Array.from(html, (ch) => ch.charCodeAt(0));
    const doc = await parseFile(bytes, source('legacy.html'));
    expect(doc.text).toBe('Réunion à Vienne.');
  });

  it('when markup has no text, then EMPTY_DOCUMENT is thrown', async () => {
    const bytes = new TextEncoder().encode('<html><body><nav>Home</nav><script>x()</script></body></html>');
    await expect(parseFile(bytes, source('chrome-only.html'))).rejects.toMatchObject({
      code: 'EMPTY_DOCUMENT',
      message: expect.stringContaining('chrome-only.html'),
    });
  });
});
