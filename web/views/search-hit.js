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

/** What a hit's score is for each `scoring` of a search answer (docs/api.md): its label and scale, explained on hover. */
const SCORE_SCALES = {
  fused: {
    label: 'fused',
    of: ' / 2',
    help:
      'Hybrid score, 0 to 2: the hit’s score in the meaning list plus its score in the words list, each rescaled ' +
      'so that the best candidate of that list is 1 and the last is 0. 2 means best in both lists.',
  },
  semantic: {
    label: 'similarity',
    of: '',
    help:
      'Similarity of meaning, 0 to 1: (1 + cosine) / 2 between the question and the hit’s best sentence ' +
      '(Neo4j vector similarity). 0.5 means unrelated, 1 the same meaning.',
  },
  keyword: {
    label: 'BM25',
    of: '',
    help:
      'Word relevance (Lucene BM25): grows with the query words the hit contains, more for words rare in the ' +
      'corpus. It has no fixed maximum: compare it only within one search.',
  },
};

/** The hit's score, labelled with its scale (the answer's `scoring`) and explained on hover. */
function scoreBadge(score, scoring) {
  const scale = SCORE_SCALES[scoring] ?? SCORE_SCALES.fused;
  const value = formatNumber(score, scoring === 'keyword' ? 1 : 2);
  return h(
    'span',
    { class: 'score', title: scale.help },
    h('span', { class: 'score-label' }, `${scale.label} `),
    `${value}${scale.of}`,
  );
}

/** Renders a SearchHit (docs/api.md) as an article; `scoring` is the answer's, what the hit's score is. */
export function renderHit(hit, queryText, scoring = 'fused') {
  const terms = hit.why?.matchedTerms?.length ? hit.why.matchedTerms : queryWords(queryText);
  return h(
    'article',
    { class: `hit hit-${hit.type}`, 'data-id': hit.id, 'data-type': hit.type },
    h(
      'header',
      {},
      h('span', { class: `badge kind-${hit.type}` }, kindLabel(hit.type)),
      h('h2', { class: 'hit-title' }, hitHeading(hit)),
      scoreBadge(hit.score, scoring),
    ),
    expandableQuote(hit.text, terms, 'hit-text', matchFocus(hit)),
    // The citation opens the reader at the sentence that answers the query, else at the whole hit.
    documentLine(hit.document, hit.span, hit.match?.span ?? hit.span),
    chipList(hit.entities, 'Linked entities'),
    why(hit),
  );
}
