import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from '../../ingest/html.js';
import type { ParsedDocument } from '../../ingest/records.js';

const FIXTURE = new URL('../fixtures/html/iwg-about.html', import.meta.url);

describe('parseHtml', () => {
  let sut: ParsedDocument;
  beforeAll(async () => {
    sut = parseHtml(await readFile(FIXTURE, 'utf8'), { id: 'html/iwg-about.html', format: 'html' });
  });

  it('when a portal page is parsed, then its main content is kept', () => {
    expect(sut.text).toContain('was established in 2020 to facilitate cooperation');
    expect(sut.text).toContain('an insider was involved.');
    expect(sut.text).toContain('Sponsored by: National Nuclear Security Administration');
  });

  it('when a portal page is parsed, then navigation, cookie banner, breadcrumbs, scripts and footer are dropped', () => {
    for (const chrome of [
      'Skip to main content',
      'cookies',
      'Contact us',
      'Search the portal',
      'About the IWG',
      'gtag',
      'font-family',
      'Related pages',
      'Share on X',
      'Back to top',
      'Privacy policy',
      'All rights reserved',
      'tracking pixel',
    ]) {
      expect(sut.text, chrome).not.toContain(chrome);
    }
  });

  it('when a portal page is parsed, then headings, paragraphs and list items become blocks', () => {
    const blocks = sut.blocks.map((b) => ({ kind: b.kind, level: b.level, text: sut.text.slice(b.start, b.end) }));
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'How the International Working Group was Formed' });
    expect(blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Access, Knowledge, Authority' });
    expect(blocks.filter((b) => b.kind === 'list-item').map((b) => b.text.split('.')[0])).toEqual([
      'Access',
      'Authority',
      'Knowledge',
    ]);
    expect(sut.text).toBe(blocks.map((b) => b.text).join('\n\n'));
  });

  it('when a portal page is parsed, then title, language and publication date come from its head', () => {
    expect(sut.title).toBe('How the International Working Group was Formed');
    expect(sut.language).toBe('en');
    expect(sut.date).toBe('2023-05-17');
  });

  it('when a page has no <main> and only a <time> element, then body content and the time date are used', () => {
    const html = `<html><head><title>News</title></head><body><nav>Menu</nav>
      <h1>Plenary meeting</h1><p>Published <time datetime="2024-02-03T10:00:00Z">3 Feb</time>.</p>
      <p>The IWG met in Vienna.</p><footer>Footer text</footer></body></html>`;
    const doc = parseHtml(html, { id: 'inline', format: 'html' });
    expect(doc.date).toBe('2024-02-03');
    expect(doc.text).toBe('Plenary meeting\n\nPublished 3 Feb.\n\nThe IWG met in Vienna.');
  });
});
