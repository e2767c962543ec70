/**
 * Building DOM safely: every API string goes in as a text node (never through innerHTML), so a document that
 * contains markup is shown as text. Shared bits used by several views live here.
 */

/**
 * Creates an element. attrs: plain attributes, `class`, `on<event>` handlers, `dataset`; children: nodes,
 * strings (text nodes), arrays, or null/false (skipped).
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Escapes text for HTML; the page builds nodes instead, but anything that must be a string goes through this. */
export function escapeHtml(text) {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text as a fragment of text nodes with each matched term wrapped in <mark>: the text is never parsed as
 * HTML, so highlighting cannot inject markup. Terms match case-insensitively at word starts.
 */
export function highlight(text, terms = []) {
  const frag = document.createDocumentFragment();
  const str = String(text ?? '');
  const words = [...new Set(terms.map((t) => String(t).trim()).filter((t) => t.length > 1))];
  if (words.length === 0) {
    frag.append(str);
    return frag;
  }
  words.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join('|')})`, 'giu');
  let last = 0;
  for (const m of str.matchAll(re)) {
    if (m.index > last) frag.append(str.slice(last, m.index));
    frag.append(h('mark', {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < str.length) frag.append(str.slice(last));
  return frag;
}

/** Where the page shows one entity. */
export function entityHref(ref) {
  if (ref.type === 'practice') return practiceHref(ref.id);
  return `/entity/${encodeURIComponent(ref.type)}/${encodeURIComponent(ref.id)}`;
}

export function practiceHref(id) {
  return `/practice/${encodeURIComponent(id)}`;
}

const KIND_LABELS = {
  focusGroup: 'Focus group',
  topic: 'Topic',
  country: 'Country',
  organisation: 'Organisation',
  instrument: 'Instrument',
  event: 'Event',
  attribute: 'Insider attribute',
  trend: 'Trend',
  practice: 'Practice',
  document: 'Document',
  passage: 'Passage',
};

export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? kind;
}

/** A link chip for an entity, coloured by kind. */
export function entityChip(ref) {
  return h(
    'a',
    { class: `chip kind-${ref.type}`, href: entityHref(ref), title: `${kindLabel(ref.type)}: ${ref.name}` },
    ref.name,
  );
}

export function chipList(refs, label) {
  if (!refs?.length) return null;
  return h('ul', { class: 'chips', 'aria-label': label }, ...refs.map((r) => h('li', {}, entityChip(r))));
}

/** Where the reader shows a document, opened at `span` (document offsets) and highlighting it when given. */
export function documentHref(id, span) {
  const at = span ? `?${new URLSearchParams({ start: String(span.start), end: String(span.end) })}` : '';
  return `/document/${encodeURIComponent(id)}${at}`;
}

/**
 * "Title · 2021-03-04 · brochure" for a document reference, optionally with the span; the title links to the
 * reader opened at `cite` (the cited span, by default `span`).
 */
export function documentLine(doc, span, cite = span) {
  if (!doc) return null;
  const parts = [doc.date, doc.type, span ? spanLabel(span) : null].filter(Boolean);
  return h(
    'p',
    { class: 'doc-line' },
    h(
      'a',
      {
        class: 'doc-title cite',
        href: documentHref(doc.id, cite),
        title: cite ? 'Read the cited text in its document' : 'Read the document',
      },
      doc.title || doc.id,
    ),
    parts.length ? h('span', { class: 'doc-meta' }, ` · ${parts.join(' · ')}`) : null,
    isWebSource(doc.source) ? [' · ', sourceLink(doc.source, 'original')] : null,
  );
}

export function spanLabel(span) {
  const page = span.page ? `p. ${span.page}, ` : '';
  return `${page}chars ${span.start}–${span.end}`;
}

export function loading(what = 'Loading') {
  return h(
    'p',
    { class: 'state loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    `${what}…`,
  );
}

export function empty(message) {
  return h('p', { class: 'state empty', role: 'status' }, message);
}

/**
 * Whether sending the same request again may succeed: the service unreachable, starting or overloaded (5xx, 429).
 * A 404, a refused key or a bad request answers the same way every time.
 */
export function isRetryable(err) {
  return err?.kind === 'unreachable' || err?.kind === 'unavailable' || (err?.status ?? 0) >= 500;
}

/**
 * A view's friendly "not found" state, the same on every page an API 404 can reach: `heading` ("Practice not
 * found") becomes the page title, `message` says what is missing, then a link back to search. No Retry: asking
 * again finds nothing more.
 */
export function showNotFound(el, heading, message) {
  document.title = `${heading} · iwg-graph`;
  replace(
    el,
    h('h1', { tabindex: '-1' }, heading),
    h(
      'p',
      { class: 'state empty not-found', role: 'status' },
      `${message} `,
      h('a', { href: '/' }, 'Search the documents'),
      '.',
    ),
  );
}

/**
 * An error box with the API's message, each field the service named and, if given, a Retry button — shown only
 * when retrying may help (see isRetryable); `title` and `className` replace the default heading and add a class.
 */
export function errorBox(err, retry, { title, className } = {}) {
  const heading =
    title ??
    (err?.kind === 'unreachable'
      ? 'Service unreachable'
      : err?.kind === 'not-found'
        ? 'Not found'
        : 'Something went wrong');
  const fields = Array.isArray(err?.errors) ? err.errors : [];
  return h(
    'div',
    { class: `state error${className ? ` ${className}` : ''}`, role: 'alert' },
    h('strong', {}, heading),
    h('p', {}, err?.message || String(err)),
    fields.length
      ? h('ul', { class: 'field-errors' }, ...fields.map((e) => h('li', {}, h('code', {}, e.field), ` ${e.message}`)))
      : null,
    retry && isRetryable(err) ? h('button', { type: 'button', onclick: retry }, 'Retry') : null,
  );
}

const isWebSource = (source) => Boolean(source) && /^https?:\/\//.test(source);

/** A document's source: a link out when it is a web address (`text`, by default the address), else the text. */
export function sourceLink(source, text = source) {
  return isWebSource(source) ? h('a', { href: source, rel: 'noreferrer noopener', class: 'external' }, text) : source;
}

/** A definition list of [term, value] pairs, leaving out the empty values. */
export function facts(items) {
  const shown = items.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return h('dl', { class: 'facts' }, ...shown.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

/** A form control under its label (the control carries the id the label points at). */
export function field(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function formatNumber(n, digits = 2) {
  return typeof n === 'number' && Number.isFinite(n) ? String(Number(n.toFixed(digits))) : '–';
}

/** A relative change per period as a signed percentage (+55%, −35%); '–' when there is none. */
export function formatGrowth(g) {
  if (typeof g !== 'number' || !Number.isFinite(g)) return '–';
  return `${g >= 0 ? '+' : ''}${formatNumber(g * 100, 0)}%`;
}
