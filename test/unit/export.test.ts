import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../web/csv.js';
import { readCsv } from '../support/csv.js';
import { CSV_COLUMNS, exportFileName, itemsFromHits, itemsFromPractices, itemsToCsv } from '../../web/export.js';

const ORIGIN = 'http://127.0.0.1:3000';
const BROCHURE = { id: 'documents/infcirc-908-iwg-brochure.txt', title: 'IWG brochure', date: null, type: 'brochure' };

describe('csvField (RFC 4180)', () => {
  it('when a field holds a comma, a quote or a line break, then it is quoted with its quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('the "two-person" rule')).toBe('"the ""two-person"" rule"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(csvField('only\nLF')).toBe('"only\nLF"');
  });

  it('when a value is empty, a number or starts like a formula, then it is written safely', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('when rows are written, then a reader gets every field back, records ending in CRLF', () => {
    const rows = [
      { a: 'x,y', b: 'say "hi"\nnow' },
      { a: '', b: 3 },
    ];

    const sut = toCsv(['a', 'b'], rows);

    expect(sut.endsWith('\r\n')).toBe(true);
    expect(readCsv(sut)).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"\nnow'],
      ['', '3'],
    ]);
  });
});

describe('export items', () => {
  it('when search hits are exported, then each cites its matched sentence with a reader link at its span', () => {
    const hits = [
      {
        type: 'passage',
        id: 'p1',
        rank: 1,
        text: 'Intro. The operator should vet staff, yearly.',
        document: BROCHURE,
        span: { start: 100, end: 145 },
        match: { text: 'The operator should vet staff, yearly.', span: { start: 107, end: 145 } },
      },
      { type: 'topic', id: 'topic:security-culture', rank: 2, text: 'Security culture', document: null, span: null },
    ];

    const sut = itemsFromHits(hits, ORIGIN);

    expect(sut[0].citations).toEqual([
      {
        documentId: BROCHURE.id,
        documentTitle: 'IWG brochure',
        documentDate: null,
        documentType: 'brochure',
        start: 107,
        end: 145,
        quote: 'The operator should vet staff, yearly.',
        link: `${ORIGIN}/document/documents%2Finfcirc-908-iwg-brochure.txt?start=107&end=145`,
      },
    ]);
    expect(sut[1].citations).toEqual([]);
    const csv = readCsv(itemsToCsv(sut));
    expect(csv[0]).toEqual(CSV_COLUMNS);
    expect(csv[1][CSV_COLUMNS.indexOf('quote')]).toBe('The operator should vet staff, yearly.');
    expect(csv[2].slice(0, 3)).toEqual(['2', 'topic', 'topic:security-culture']);
  });

  it('when related practices are exported, then every source is one CSV record', () => {
    const practices = [
      {
        id: 'practice:a',
        text: 'Apply the two-person rule.',
        sources: [
          { quote: 'Apply the two-person rule.', document: BROCHURE, span: { start: 5, end: 31 } },
          {
            quote: 'Apply the "two-person" rule.',
            document: { ...BROCHURE, id: 'b.txt' },
            span: { start: 0, end: 28 },
          },
        ],
      },
    ];

    const csv = readCsv(itemsToCsv(itemsFromPractices(practices, ORIGIN)));

    expect(csv).toHaveLength(3);
    expect(csv[2][CSV_COLUMNS.indexOf('quote')]).toBe('Apply the "two-person" rule.');
    expect(csv[2][CSV_COLUMNS.indexOf('link')]).toBe(`${ORIGIN}/document/b.txt?start=0&end=28`);
  });

  it('when a file is named from a query, then the name is a short lower-case slug', () => {
    expect(exportFileName('search Remote access, “vital” areas?', 'csv')).toBe(
      'iwg-search-remote-access-vital-areas.csv',
    );
    expect(exportFileName('', 'json')).toBe('iwg-export.json');
    expect(exportFileName('search Should an operator allow remote access to safety systems?', 'csv')).toBe(
      'iwg-search-should-an-operator-allow-remote-access-to-safety.csv',
    );
  });
});
