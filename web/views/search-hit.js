/** One search hit: what was found, where it comes from, what it links to and why it ranked. */
import { expandableQuote } from '../excerpt.js';
import { h, chipList, documentLine, entityHref, practiceHref, kindLabel, formatNumber } from '../dom.js';

const STOPWORDS = new Set(
  'the and for are was were with that this from what which who how why should would could about into onto than then they them their there these those have has had does did not but any all can may might must shall will its our your you his her between under over such also other when where'.split(
    ' ',
  ),
);

/** Query words to highlight when the API reports no matched terms (e.g. a purely semantic hit). */
export function queryWords(text) {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]{2,}/gu) ?? []).filter((w) => !STOPWORDS.has(w));
}

function hitHeading(hit) {
  const label = hit.title || hit.name;
  if (hit.type === 'practice') {
    return h(
      'a',
      { href: practiceHref(hit.id), 'aria-label': `${label || 'Good practice'}: ${String(hit.text).slice(0, 80)}` },
      label || 'Good practice',
    );
  }
  if (['topic', 'trend', 'country', 'focusGroup', 'organisation', 'event'].includes(hit.type)) {
    return h('a', { href: entityHref({ type: hit.type, id: hit.id }) }, label || hit.id);
  }
  return label || hit.document?.title || 'Passage';
}

function why(hit) {
  const w = hit.why ?? {};
  const items = [];
  const lists = w.lists ?? {};
  if (lists.semantic)
    items.push(['Meaning', `rank ${lists.semantic.rank} · similarity ${formatNumber(lists.semantic.score, 3)}`]);
  if (lists.keyword)
    items.push(['Words', `rank ${lists.keyword.rank} · score ${formatNumber(lists.keyword.score, 2)}`]);
  if (w.matchedTerms?.length) items.push(['Matched terms', w.matchedTerms.join(', ')]);
  if (w.matchedEntities?.length) items.push(['Matched entities', chipList(w.matchedEntities, 'Matched entities')]);
  if (!items.length) return null;
  return h(
    'div',
    { class: 'why' },
    h('span', { class: 'why-label' }, 'Why: '),
    h('dl', {}, ...items.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
  );
}

/** The hit's best-matching sentence as offsets into its text, when the text holds it. */
export function matchFocus(hit) {
  const m = hit.match;
  if (!m) return null;
  if (hit.span && m.span.start >= hit.span.start && m.span.end <= hit.span.end) {
    const start = m.span.start - hit.span.start;
    if (String(hit.text).slice(start, start + m.text.length) === m.text) return { start, end: start + m.text.length };
  }
  const at = String(hit.text).indexOf(m.text);
  return at < 0 ? null : { start: at, end: at + m.text.length };
}

/** Renders a SearchHit (docs/api.md) as an article. */
export function renderHit(hit, queryText) {
  const terms = hit.why?.matchedTerms?.length ? hit.why.matchedTerms : queryWords(queryText);
  return h(
    'article',
    { class: `hit hit-${hit.type}`, 'data-id': hit.id, 'data-type': hit.type },
    h(
      'header',
      {},
      h('span', { class: `badge kind-${hit.type}` }, kindLabel(hit.type)),
      h('h2', { class: 'hit-title' }, hitHeading(hit)),
      h('span', { class: 'score', title: 'Combined score' }, formatNumber(hit.score, 3)),
    ),
    expandableQuote(hit.text, terms, 'hit-text', matchFocus(hit)),
    // The citation opens the reader at the sentence that answers the query, else at the whole hit.
    documentLine(hit.document, hit.span, hit.match?.span ?? hit.span),
    chipList(hit.entities, 'Linked entities'),
    why(hit),
  );
}
