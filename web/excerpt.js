/** Long passages shown as a short excerpt around the matched terms, expandable to the whole text. */
import { h, highlight } from './dom.js';

const EXCERPT_CHARS = 420;

/**
 * A window of about EXCERPT_CHARS around the sentence with the most matched terms, so a long passage reads
 * at a glance; { text, cut } where cut says whether anything was left out.
 */
export function excerpt(text, terms) {
  const str = String(text ?? '');
  if (str.length <= EXCERPT_CHARS * 1.3) return { text: str, cut: false };
  const sentences = [...str.matchAll(/[^.!?\n]+(?:[.!?]+|\n+|$)/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const lower = str.toLowerCase();
  const score = ({ start, end }) =>
    terms.reduce((n, t) => n + (lower.slice(start, end).includes(t.toLowerCase()) ? 1 : 0), 0);
  let best = 0;
  sentences.forEach((sen, i) => {
    if (score(sen) > score(sentences[best])) best = i;
  });
  let lo = best;
  let hi = best;
  const span = () => sentences[hi].end - sentences[lo].start;
  while (span() < EXCERPT_CHARS && (lo > 0 || hi < sentences.length - 1)) {
    if (hi < sentences.length - 1) hi++;
    if (span() < EXCERPT_CHARS && lo > 0) lo--;
  }
  const start = sentences[lo]?.start ?? 0;
  const end = sentences[hi]?.end ?? str.length;
  return { text: `${start > 0 ? '… ' : ''}${str.slice(start, end).trim()}${end < str.length ? ' …' : ''}`, cut: true };
}

/** A blockquote of the excerpt with the terms highlighted and, when text was left out, a button to show it all. */
export function expandableQuote(text, terms = [], className = '') {
  const short = excerpt(text, terms);
  const quote = h('blockquote', { class: className }, highlight(short.text, terms));
  if (!short.cut) return quote;
  let whole = false;
  const toggle = h(
    'button',
    { type: 'button', class: 'link-button small', 'aria-expanded': 'false' },
    'Show the whole passage',
  );
  toggle.addEventListener('click', () => {
    whole = !whole;
    quote.replaceChildren(highlight(whole ? text : short.text, terms));
    toggle.textContent = whole ? 'Show less' : 'Show the whole passage';
    toggle.setAttribute('aria-expanded', String(whole));
  });
  return [quote, toggle];
}
