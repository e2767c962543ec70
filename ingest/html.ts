import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { ParsedDocument, SourceRef } from './records.js';
import { assembleDocument, type DraftBlock } from './assemble.js';
import { normaliseDate } from './dates.js';
import { loadWithinDepth } from './html-dom.js';

// Site chrome of IWG portal pages: everything here is navigation, boilerplate or script, never document content.
const CHROME_SELECTORS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'form',
  'button',
  'nav',
  'aside',
  'footer',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '[role="dialog"]',
  '[aria-label*="breadcrumb" i]',
  'a[href^="#"].skip-link',
].join(',');
const CHROME_NAME =
  /cookie|consent|banner|gdpr|breadcrumb|skip-?link|share|social|site-header|site-footer|navbar|menu/i;
const HEADING = /^h([1-6])$/;
const LEAF_BLOCKS = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'blockquote',
  'figcaption',
  'caption',
  'pre',
  'address',
]);
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr img'.split(
    ' ',
  ),
);
const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="dc.date" i]',
  'meta[name="dcterms.date" i]',
  'meta[name="dc.date.issued" i]',
  'meta[name="date" i]',
  'meta[name="pubdate" i]',
  'meta[name="publish_date" i]',
  'meta[name="citation_publication_date" i]',
  'meta[itemprop="datePublished"]',
  'meta[property="article:modified_time"]',
];

/**
 * Parses an HTML page into a ParsedDocument: keeps the main content (main/article/[role=main], else body), drops site
 * chrome (navigation, header, footer, cookie banners, breadcrumbs, skip links, scripts, forms), and turns headings,
 * paragraphs and list items into blocks. Title, language and date come from the page's head.
 */
export function parseHtml(html: string, source: SourceRef): ParsedDocument {
  const $ = loadWithinDepth(html, source);
  const meta = { title: findTitle($), language: findLanguage($), date: findDate($) };
  const root = findContentRoot($);
  root.find(CHROME_SELECTORS).remove();
  root.find('*').each((_, el) => {
    const $el = $(el);
    const names = `${$el.attr('id') ?? ''} ${$el.attr('class') ?? ''}`;
    if (names.trim() !== '' && CHROME_NAME.test(names) && el.tagName !== 'main' && el.tagName !== 'article')
      $el.remove();
  });
  // A page-level header is site chrome; a header inside the content (an article's title) is content.
  if (root.is('body')) root.find('header').remove();
  root.find('a').each((_, el) => {
    const $el = $(el);
    if (($el.attr('href') ?? '').startsWith('#') && /^skip\b/i.test($el.text().trim())) $el.remove();
  });
  const drafts = dropRepeatedChrome(collectBlocks(root.toArray()));
  return assembleDocument(source, drafts, meta);
}

function findContentRoot($: CheerioAPI): Cheerio<AnyNode> {
  for (const selector of ['main', '[role="main"]', 'article']) {
    const found = $(selector).first();
    if (found.length > 0 && found.text().trim().length > 0) return found;
  }
  return $('body').length > 0 ? $('body') : $.root().children().first();
}

/** Walks the content in document order, flushing inline text into a block at every block boundary. */
function collectBlocks(roots: AnyNode[]): DraftBlock[] {
  const drafts: DraftBlock[] = [];
  let buffer = '';
  let kind: DraftBlock['kind'] = 'paragraph';
  let level: number | undefined;
  const flush = (): void => {
    if (buffer.trim() !== '') drafts.push(level === undefined ? { kind, text: buffer } : { kind, text: buffer, level });
    buffer = '';
  };
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      buffer += node.data;
      return;
    }
    if (node.type !== 'tag') return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'br') {
      buffer += ' ';
      return;
    }
    if (INLINE.has(tag)) {
      if (tag === 'img') buffer += ' ';
      node.children.forEach(walk);
      return;
    }
    const heading = HEADING.exec(tag);
    const leaf = heading !== null || LEAF_BLOCKS.has(tag);
    const outer = { kind, level };
    flush();
    if (leaf) {
      kind = heading ? 'heading' : tag === 'li' || tag === 'dd' ? 'list-item' : 'paragraph';
      level = heading ? Number(heading[1]) : undefined;
    }
    node.children.forEach(walk);
    flush();
    kind = outer.kind;
    level = outer.level;
  };
  roots.forEach((root) => (root.type === 'tag' ? root.children.forEach(walk) : walk(root)));
  flush();
  return drafts;
}

/** Short blocks that occur more than once ("Back to top", "Share this page") are chrome repeated around content. */
function dropRepeatedChrome(drafts: DraftBlock[]): DraftBlock[] {
  const keys = drafts.map((d) => d.text.replace(/\s+/g, ' ').trim().toLowerCase());
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return drafts.filter(
    (d, i) => d.kind === 'heading' || (counts.get(keys[i]) ?? 0) < 2 || keys[i].split(' ', 7).length > 6,
  );
}

function findTitle($: CheerioAPI): string | undefined {
  const og = $('meta[property="og:title"]').attr('content')?.trim();
  if (og) return og;
  // "<title>How the IWG was Formed | INFCIRC/908 IWG</title>": the site name follows the separator.
  const title = $('title')
    .first()
    .text()
    .trim()
    .split(/\s+[|\u2013\u2014\u00B7]\s+|\s+-\s+/)[0];
  if (title) return title;
  const h1 = $('h1').first().text().replace(/\s+/g, ' ').trim();
  return h1 || undefined;
}

function findLanguage($: CheerioAPI): string | undefined {
  const lang = $('html').attr('lang') ?? $('meta[http-equiv="content-language" i]').attr('content');
  const trimmed = lang?.trim().replace('_', '-');
  return trimmed && trimmed.length >= 2 ? trimmed : undefined;
}

function findDate($: CheerioAPI): string | undefined {
  for (const selector of DATE_META) {
    const content = $(selector).first().attr('content');
    const date = content === undefined ? undefined : normaliseDate(content);
    if (date) return date;
  }
  const time = $('time[datetime]').first().attr('datetime');
  return time === undefined ? undefined : normaliseDate(time);
}
