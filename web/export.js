/**
 * Exporting a result list or a practice list with its citations, as CSV (one record per citation) and JSON
 * (one item per result with its citations). Every citation names its document, the span's offsets, the quoted
 * text and a link to the reader opened at that span.
 */
import { toCsv } from './csv.js';
import { documentHref } from './dom.js';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'rank',
  'kind',
  'id',
  'text',
  'documentId',
  'documentTitle',
  'documentDate',
  'documentType',
  'start',
  'end',
  'quote',
  'link',
];

function citation(origin, doc, span, quote) {
  return {
    documentId: doc.id,
    documentTitle: doc.title ?? null,
    documentDate: doc.date ?? null,
    documentType: doc.type ?? null,
    start: span.start,
    end: span.end,
    quote,
    // The reader opened at the span, as the page links it, made absolute.
    link: origin + documentHref(doc.id, span),
  };
}

/**
 * Search hits (docs/api.md SearchHit) as export items. The citation is the sentence that answered the query
 * when the API names one, else the whole hit; hits without a document (topics, trends) have none.
 */
export function itemsFromHits(hits, origin) {
  return hits.map((hit) => {
    const cite = hit.match ?? (hit.span ? { text: hit.text, span: hit.span } : null);
    return {
      rank: hit.rank,
      kind: hit.type,
      id: hit.id,
      text: hit.text,
      citations: hit.document && cite ? [citation(origin, hit.document, cite.span, cite.text)] : [],
    };
  });
}

/** Related practices (docs/api.md RelatedPractice) as export items, each source a citation. */
export function itemsFromPractices(practices, origin) {
  return practices.map((p, i) => ({
    rank: i + 1,
    kind: 'practice',
    id: p.id,
    text: p.text,
    citations: (p.sources ?? []).map((s) => citation(origin, s.document, s.span, s.quote)),
  }));
}

/** The CSV of export items: one record per citation; an item without citations is one record without them. */
export function itemsToCsv(items) {
  const rows = items.flatMap((item) => {
    const { citations, ...fields } = item;
    return citations.length ? citations.map((c) => ({ ...fields, ...c })) : [fields];
  });
  return toCsv(CSV_COLUMNS, rows);
}

/** The JSON document of an export: what was listed (`about`), when, and the items with their citations. */
export function itemsToJson(items, about) {
  return JSON.stringify({ about, exportedAt: new Date().toISOString(), items }, null, 2) + '\n';
}

/** A file name from what was exported: lower-case words joined by hyphens, whole words up to 60 characters. */
export function exportFileName(about, ext) {
  let slug = String(about)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 60) slug = slug.slice(0, 61).replace(/-[^-]*$/, '');
  return `iwg-${slug || 'export'}.${ext}`;
}
