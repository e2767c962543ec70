/**
 * Writes a composed document in its format: Markdown newsletter, plain-text meeting summary, HTML page with
 * realistic site chrome (which ingest/html.ts drops), or a multi-page PDF. Output bytes depend only on the document.
 */
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ComposedDocument, Section } from './document.js';

/** The file bytes of a composed document. */
export async function renderDocument(doc: ComposedDocument): Promise<Uint8Array> {
  switch (doc.format) {
    case 'newsletter':
      return utf8(renderMarkdown(doc));
    case 'meeting':
      return utf8(renderText(doc));
    case 'page':
      return utf8(renderHtml(doc));
    case 'brief':
      return renderPdf(doc);
  }
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function renderMarkdown(doc: ComposedDocument): string {
  const out = [`# ${doc.title}`, '', `Date: ${doc.date}`, ''];
  for (const section of doc.sections) {
    if (section.heading !== '') out.push(`## ${section.heading}`, '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push(block.sentences.join(' '), '');
      else out.push(block.lead, '', ...block.items.map((item) => `- ${item}`), '');
    }
  }
  return out.join('\n');
}

function renderText(doc: ComposedDocument): string {
  const out = [doc.title, '', `Date: ${doc.date}`, ''];
  for (const section of doc.sections) {
    if (section.heading !== '') out.push(section.heading, '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push(block.sentences.join(' '), '');
      else out.push(block.lead, ...block.items.map((item) => `- ${item}`), '');
    }
  }
  return out.join('\n');
}

const NAV = ['Home', 'About the IWG', 'Focus Groups', 'News', 'Events', 'Library', 'Contact'];

function renderHtml(doc: ComposedDocument): string {
  const e = escapeHtml;
  const body = doc.sections.map((s) => htmlSection(s)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)} | INFCIRC/908 IWG Portal</title>
<meta property="article:published_time" content="${doc.date}T09:00:00Z">
<link rel="stylesheet" href="/assets/site.css">
<style>
  body { font-family: Arial, sans-serif; margin: 0; }
  .cookie-consent { position: fixed; bottom: 0; width: 100%; background: #222; color: #fff; }
  .site-header nav ul { display: flex; gap: 1rem; list-style: none; }
</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to remember your preferences and to count visits to this portal. You can accept all cookies or choose which ones to allow.</p>
  <button type="button">Accept all</button> <button type="button">Manage preferences</button>
</div>
<header class="site-header">
  <div class="logo"><a href="/">INFCIRC/908 IWG Portal</a></div>
  <nav class="navbar" aria-label="Main menu">
    <ul>${NAV.map((n) => `<li><a href="/${n.toLowerCase().replace(/\W+/g, '-')}/">${n}</a></li>`).join('')}</ul>
  </nav>
  <form role="search" action="/search"><input type="search" name="q" placeholder="Search the portal"><button type="submit">Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb">
  <ol><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li>${e(doc.title)}</li></ol>
</nav>
<main id="main">
<article>
<h1>${e(doc.title)}</h1>
<p class="byline">Published on <time datetime="${doc.date}">${doc.date}</time> by the portal editors</p>
${body}
<div class="share-links">Share this page: <a href="#">Email</a> <a href="#">Print</a></div>
</article>
<aside class="related">
  <h2>Related pages</h2>
  <ul><li><a href="/focus-groups/">Focus group pages</a></li><li><a href="/library/">Document library</a></li></ul>
</aside>
</main>
<footer class="site-footer">
  <p>INFCIRC/908 International Working Group portal. Synthetic benchmark page.</p>
  <ul><li><a href="/privacy/">Privacy notice</a></li><li><a href="/accessibility/">Accessibility</a></li><li><a href="/contact/">Contact</a></li></ul>
</footer>
<script src="/assets/app.js" defer></script>
<script>document.querySelectorAll('.cookie-consent button').forEach((b) => b.addEventListener('click', () => b.closest('div').remove()));</script>
</body>
</html>
`;
}

function htmlSection(section: Section): string {
  const out = section.heading === '' ? [] : [`<h2>${escapeHtml(section.heading)}</h2>`];
  for (const block of section.blocks) {
    if (block.kind === 'paragraph') out.push(`<p>${escapeHtml(block.sentences.join(' '))}</p>`);
    else {
      out.push(`<p>${escapeHtml(block.lead)}</p>`);
      out.push(`<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    }
  }
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PAGE = { width: 595, height: 842, margin: 60 } as const;
const BODY = { size: 10.5, leading: 14 } as const;
const HEADING = { size: 13, leading: 20 } as const;
const TITLE = { size: 16, leading: 24 } as const;

/** A line of the laid-out PDF: its text, font size and the space it takes. */
interface PdfLine {
  text: string;
  size: number;
  leading: number;
  bold: boolean;
}

async function renderPdf(doc: ComposedDocument): Promise<Uint8Array> {
  // updateMetadata: false keeps pdf-lib from stamping the current time and its own producer into the file.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - 2 * PAGE.margin;
  // Paragraphs are kept whole on a page, so the parser never has to join a sentence across a page break.
  // A short Title Case first line is what ingest/line-repair.ts takes for a heading; the date line ends like a sentence so
  // that it is not run into the first paragraph.
  const groups: PdfLine[][] = [
    [
      { text: titleCase(doc.title), ...TITLE, bold: true },
      { text: `Date: ${doc.date}.`, ...BODY, bold: false },
    ],
  ];
  for (const section of doc.sections) {
    const heading = { text: section.heading, ...HEADING, bold: true };
    section.blocks.forEach((block, i) => {
      const texts =
        block.kind === 'paragraph'
          ? [block.sentences.join(' ')]
          : [block.lead, ...block.items.map((item) => `- ${item}`)];
      const lines = texts.flatMap((t) =>
        wrap(t, regular, BODY.size, width).map((text) => ({ text, ...BODY, bold: false })),
      );
      groups.push(i === 0 && section.heading !== '' ? [heading, ...lines] : lines);
    });
  }
  let page: PDFPage | undefined;
  let y = 0;
  for (const group of groups) {
    const height = group.reduce((h, l) => h + l.leading, 0) + BODY.leading / 2;
    if (page === undefined || y - height < PAGE.margin) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
    for (const line of group) {
      y -= line.leading;
      page.drawText(line.text, { x: PAGE.margin, y, size: line.size, font: line.bold ? bold : regular });
    }
    y -= BODY.leading / 2;
  }
  const when = new Date(`${doc.date}T09:00:00Z`);
  pdf.setTitle(doc.title);
  pdf.setAuthor('bench/generate.ts (synthetic)');
  pdf.setSubject('SYNTHETIC benchmark document; it reports no real events.');
  pdf.setProducer('iwg-graph bench/generate.ts (pdf-lib)');
  pdf.setCreator('iwg-graph bench/generate.ts');
  pdf.setLanguage('en');
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  return pdf.save();
}

function titleCase(title: string): string {
  return title.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}

/** Greedy line breaking at spaces; words are never split, so the parser has no hyphenation to undo. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines;
}
