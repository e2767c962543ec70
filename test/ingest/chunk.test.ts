import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkText, countWords } from '../../ingest/chunk.js';
import { parseHtml } from '../../ingest/html.js';
import { parsePdf } from '../../ingest/pdf.js';
import type { ParsedDocument, Passage } from '../../ingest/records.js';
import { splitSentences } from '../../ingest/sentences.js';
import { parseText } from '../../ingest/text.js';

const read = (path: string): Promise<Buffer> => readFile(new URL(path, import.meta.url));
const MAX = 200;

/** Every fixture the parsers have, parsed once. */
const docs: Record<string, ParsedDocument> = {};
beforeAll(async () => {
  docs.brochureText = parseText(String(await read('../../corpus/documents/infcirc-908-iwg-brochure.txt')), {
    id: 'brochure-text',
    format: 'text',
  });
  docs.frontPage = parseText(String(await read('../../corpus/documents/iwg-website-front-page.txt')), {
    id: 'front-page',
    format: 'text',
  });
  docs.html = parseHtml(String(await read('../fixtures/html/iwg-about.html')), { id: 'html', format: 'html' });
  docs.pdf = await parsePdf(new Uint8Array(await read('../fixtures/pdf/iwg-brochure.pdf')), {
    id: 'pdf',
    format: 'pdf',
  });
  docs.newsletter = parseText(String(await read('../fixtures/txt/newsletter-2023-09.md')), {
    id: 'newsletter',
    format: 'markdown',
  });
  docs.long = longDocument();
});

/** A synthetic document of many 14-word sentences, with one 260-word sentence in the middle. */
function longDocument(): ParsedDocument {
  const sentence = (n: number): string =>
    `Sentence ${n} says that insider threat mitigation needs sustained attention from every operator.`;
  const para = (from: number): string => Array.from({ length: 12 }, (_, k) => sentence(from + k)).join(' ');
  const giant = `This giant sentence ${'keeps going and going '.repeat(64)}until it ends.`;
  const parts = ['Synthetic test document', para(0), para(12), giant, para(24), 'Second section', para(36)];
  const kinds = ['heading', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'heading', 'paragraph'] as const;
  let offset = 0;
  const blocks = parts.map((p, i) => {
    const block = {
      kind: kinds[i],
      start: offset,
      end: offset + p.length,
      ...(kinds[i] === 'heading' ? { level: 2 } : {}),
    };
    offset += p.length + 2;
    return block;
  });
  return { id: 'long', format: 'text', text: parts.join('\n\n'), blocks };
}

const sentencesOf = (doc: ParsedDocument): string[] =>
  doc.blocks.flatMap((b) =>
    b.kind === 'heading'
      ? [doc.text.slice(b.start, b.end)]
      : splitSentences(doc.text, b.start, b.end).map((s) => s.text),
  );
const isGiant = (p: Passage, doc: ParsedDocument): boolean =>
  sentencesOf(doc).some((s) => countWords(s) > MAX && p.text.includes(s));

describe('chunkText', () => {
  it('when any fixture is chunked, then every passage slices its exact text from the document', () => {
    for (const [name, doc] of Object.entries(docs)) {
      const sut = chunkText(doc);
      expect(sut.length, name).toBeGreaterThan(0);
      sut.forEach((p, i) => {
        expect(doc.text.slice(p.start, p.end), `${name} #${i}`).toBe(p.text);
        expect(p).toMatchObject({ id: `${doc.id}#${i}`, ordinal: i, documentId: doc.id });
      });
    }
  });

  it('when any fixture is chunked, then no sentence is split and every sentence is in some passage', () => {
    for (const [name, doc] of Object.entries(docs)) {
      const sut = chunkText(doc);
      for (const b of doc.blocks) {
        const units = b.kind === 'heading' ? [b] : splitSentences(doc.text, b.start, b.end);
        for (const s of units) {
          const covering = sut.filter((p) => p.start <= s.start && s.end <= p.end);
          const cut = sut.filter((p) => (p.start > s.start && p.start < s.end) || (p.end > s.start && p.end < s.end));
          expect(covering.length, `${name}: ${doc.text.slice(s.start, s.end)}`).toBeGreaterThan(0);
          expect(cut, name).toEqual([]);
        }
      }
    }
  });

  it('when any fixture is chunked, then passages stay under maxWords unless they hold one giant sentence', () => {
    for (const [name, doc] of Object.entries(docs)) {
      for (const p of chunkText(doc)) {
        if (countWords(p.text) > MAX) {
          expect(isGiant(p, doc), `${name}: ${p.text.slice(0, 60)}`).toBe(true);
          expect(splitSentences(p.text).length, name).toBe(1);
        }
      }
    }
  });

  it('when a long section is chunked, then passages reach minWords except at its end and around the giant sentence', () => {
    const sut = chunkText(docs.long);
    const giantAt = sut.findIndex((p) => isGiant(p, docs.long));
    expect(giantAt).toBeGreaterThan(0);
    expect(countWords(sut[giantAt].text)).toBeGreaterThan(MAX);
    sut.forEach((p, i) => {
      const exempt = i === giantAt || i === giantAt - 1 || p.heading !== sut[i + 1]?.heading;
      if (!exempt) expect(countWords(p.text), `#${i}`).toBeGreaterThanOrEqual(120);
    });
  });

  it('when consecutive passages share a section, then the next starts with the last sentence of the previous', () => {
    const sut = chunkText(docs.long);
    const pairs = sut.slice(1).map((p, i) => [sut[i], p] as const);
    const overlapping = pairs.filter(([a, b]) => b.start < a.end);
    expect(overlapping.length).toBeGreaterThan(0);
    for (const [a, b] of overlapping) {
      expect(a.heading).toBe(b.heading);
      const lastSentence = splitSentences(a.text).at(-1)?.text ?? '';
      expect(b.text.startsWith(lastSentence)).toBe(true);
    }
  });

  it('when a section starts a passage, then its heading is in the passage text and is the passage heading', () => {
    const sut = chunkText(docs.html);
    const access = sut.find((p) => p.text.startsWith('Access, Knowledge, Authority'));
    expect(access?.heading).toBe('Access, Knowledge, Authority');
    expect(sut[0].heading).toBe('How the International Working Group was Formed');
    expect(sut.every((p) => p.page === null)).toBe(true);
  });

  it('when a PDF is chunked, then each passage has the page of its first sentence', () => {
    const sut = chunkText(docs.pdf);
    expect(sut[0].page).toBe(1);
    expect(sut.at(-1)?.page).toBe(2);
    for (const p of sut) {
      const block = docs.pdf.blocks.find((b) => b.start <= p.start && p.start < b.end);
      expect(p.page).toBe(block?.page);
    }
  });

  it('when a document has no blocks, then there are no passages', () => {
    expect(chunkText({ id: 'none', format: 'text', text: '', blocks: [] })).toEqual([]);
  });
});
