import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../ingest/pdf.js';
import type { ParsedDocument } from '../../ingest/records.js';

const fixture = async (name: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(`../fixtures/pdf/${name}`, import.meta.url)));

describe('parsePdf', () => {
  let sut: ParsedDocument;
  beforeAll(async () => {
    sut = await parsePdf(await fixture('iwg-brochure.pdf'), { id: 'pdf/iwg-brochure.pdf', format: 'pdf' });
  });

  it('when the two-page brochure is parsed, then every block carries its page', () => {
    expect(sut.blocks.every((b) => b.page === 1 || b.page === 2)).toBe(true);
    const pageOf = (needle: string): number | undefined =>
      sut.blocks.find((b) => sut.text.slice(b.start, b.end).includes(needle))?.page;
    expect(pageOf('In 2016, recognizing')).toBe(1);
    expect(pageOf('Much, much more')).toBe(2);
  });

  it('when the bytes come as a Node Buffer (as readFile and uploads give them), then it parses all the same', async () => {
    const buffer = await readFile(new URL('../fixtures/pdf/iwg-brochure.pdf', import.meta.url));
    const fromBuffer = await parsePdf(buffer, { id: 'pdf/iwg-brochure.pdf', format: 'pdf' });
    expect(fromBuffer.text).toBe(sut.text);
    expect(buffer.byteLength).toBeGreaterThan(0);
  });

  it('when the brochure is parsed, then title and creation date come from the PDF metadata', () => {
    expect(sut.title).toBe('INFCIRC/908 and the International Working Group');
    expect(sut.date).toBe('2021-03-15');
  });

  it('when the brochure is parsed, then hard line breaks, hyphenation and bullets are repaired', () => {
    expect(sut.text).toContain('the United States sponsored Information Circular 908');
    expect(sut.text).toContain('linkages to non-governmental experts');
    const items = sut.blocks.filter((b) => b.kind === 'list-item').map((b) => sut.text.slice(b.start, b.end));
    expect(items).toContain('Communicating the value of an insider threat program to management');
    expect(sut.text).not.toContain('\u00A7');
  });

  it('when the bytes are garbage behind a %PDF header, then CORRUPT_PDF is thrown naming the file', async () => {
    const parsing = parsePdf(await fixture('corrupt.pdf'), { id: 'x', format: 'pdf', path: 'pdf/corrupt.pdf' });
    await expect(parsing).rejects.toMatchObject({ code: 'CORRUPT_PDF', path: 'pdf/corrupt.pdf' });
    await expect(parsing).rejects.toThrow(/pdf\/corrupt\.pdf/);
  });
});
