/** Long passages shown as a short excerpt around the best-matching sentence, expandable to the whole text. */
import { h, highlight, documentLine } from './dom.js';

const EXCERPT_CHARS = 420;

/**
 * A window of about EXCERPT_CHARS around `focus` (the hit's best-matching sentence, local offsets) or, without
 * one, around the sentence with the most matched terms, so a long passage reads at a glance;
 * { start, end, cut } where cut says whether anything was left out.
 */
export function excerptWindow(text, terms, focus) {
  const str = String(text ?? '');
  if (str.length <= EXCERPT_CHARS * 1.3) return { start: 0, end: str.length, cut: false };
  const sentences = [...str.matchAll(/[^.!?\n]+(?:[.!?]+|\n+|$)/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const lower = str.toLowerCase();
  const score = ({ start, end }) =>
    focus && start < focus.end && focus.start < end
      ? Infinity
      : terms.reduce((n, t) => n + (lower.slice(start, end).includes(t.toLowerCase()) ? 1 : 0), 0);
  let best = 0;
  sentences.forEach((sen, i) => {
    if (score(sen) > score(sentences[best])) best = i;
  });
  let lo = best;
  let hi = best;
  if (focus) while (hi < sentences.length - 1 && sentences[hi].end < focus.end) hi++;
  const span = () => sentences[hi].end - sentences[lo].start;
  while (span() < EXCERPT_CHARS && (lo > 0 || hi < sentences.length - 1)) {
    if (hi < sentences.length - 1) hi++;
    if (span() < EXCERPT_CHARS && lo > 0) lo--;
  }
  return { start: sentences[lo]?.start ?? 0, end: sentences[hi]?.end ?? str.length, cut: true };
}

/** `text` with the terms highlighted and the focus sentence (local offsets) marked as the match. */
function marked(text, terms, focus) {
  if (!focus || focus.start >= text.length || focus.end <= 0) return highlight(text, terms);
  const s = Math.max(0, focus.start);
  const e = Math.min(text.length, focus.end);
  const frag = document.createDocumentFragment();
  frag.append(
    highlight(text.slice(0, s), terms),
    h('mark', { class: 'match', title: 'Best-matching sentence' }, highlight(text.slice(s, e), terms)),
    highlight(text.slice(e), terms),
  );
  return frag;
}

/** The excerpt of `text` as it is shown: ellipses where text was cut, the match marked. */
function excerptFragment(text, terms, focus) {
  const w = excerptWindow(text, terms, focus);
  const local = focus && { start: focus.start - w.start, end: focus.end - w.start };
  const frag = document.createDocumentFragment();
  if (w.start > 0) frag.append('… ');
  frag.append(marked(text.slice(w.start, w.end).trimEnd(), terms, local));
  if (w.end < text.length) frag.append(' …');
  return { frag, cut: w.cut };
}

/**
 * A blockquote of the excerpt with the terms highlighted, the best-matching sentence (`focus`, offsets local to
 * `text`) marked, and, when text was left out, a button to show it all.
 */
export function expandableQuote(text, terms = [], className = '', focus = null) {
  const str = String(text ?? '');
  const short = excerptFragment(str, terms, focus);
  const quote = h('blockquote', { class: className }, short.frag);
  if (!short.cut) return quote;
  let whole = false;
  const toggle = h(
    'button',
    { type: 'button', class: 'link-button small', 'aria-expanded': 'false' },
    'Show the whole passage',
  );
  toggle.addEventListener('click', () => {
    whole = !whole;
    quote.replaceChildren(whole ? marked(str, terms, focus) : excerptFragment(str, terms, focus).frag);
    toggle.textContent = whole ? 'Show less' : 'Show the whole passage';
    toggle.setAttribute('aria-expanded', String(whole));
  });
  return [quote, toggle];
}

/** The mentions of `ev` (document offsets) as offsets into its text, in order, dropping any that do not fit. */
export function localMentions(ev) {
  const text = String(ev.sentence ?? '');
  const out = [];
  for (const m of [...(ev.mentions ?? [])].sort((a, b) => a.start - b.start)) {
    const start = m.start - ev.span.start;
    const end = m.end - ev.span.start;
    if (start >= (out.at(-1)?.end ?? 0) && end <= text.length && start < end) out.push({ start, end });
  }
  return out;
}

/** `text` with each span (local offsets, in order, not overlapping) wrapped in <mark class="mention">. */
function markSpans(text, spans) {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const s of spans) {
    frag.append(text.slice(last, s.start), h('mark', { class: 'mention' }, text.slice(s.start, s.end)));
    last = s.end;
  }
  frag.append(text.slice(last));
  return frag;
}

const BASIS_NOTES = {
  span: 'Named in neighbouring sentences of one passage',
  meaning: 'Linked by meaning: the sentence closest to its description',
};

/**
 * A piece of Evidence (its sentence with the names it evidences marked); with `passage` ({ text, span } of the
 * passage it comes from), a button shows the whole passage with the sentence marked as the match.
 */
export function evidenceQuote(ev, passage = null) {
  const text = String(ev.sentence ?? '');
  const note = BASIS_NOTES[ev.basis];
  const quote = h('blockquote', { class: 'evidence-text', 'data-basis': ev.basis ?? 'mention' });
  const showSentence = () => quote.replaceChildren(markSpans(text, localMentions(ev)));
  showSentence();
  const parts = [quote, note ? h('p', { class: 'muted small basis' }, note) : null];
  const at = passage ? ev.span.start - passage.span.start : -1;
  if (!passage || at < 0 || String(passage.text).slice(at, at + text.length) !== text) return parts;
  let whole = false;
  const toggle = h(
    'button',
    { type: 'button', class: 'link-button small', 'aria-expanded': 'false' },
    'Show the whole passage',
  );
  toggle.addEventListener('click', () => {
    whole = !whole;
    if (whole) {
      const str = String(passage.text);
      const frag = document.createDocumentFragment();
      const marks = localMentions(ev);
      frag.append(
        str.slice(0, at),
        h('mark', { class: 'match', title: 'The evidence sentence' }, markSpans(text, marks)),
        str.slice(at + text.length),
      );
      quote.replaceChildren(frag);
    } else showSentence();
    toggle.textContent = whole ? 'Show the sentence only' : 'Show the whole passage';
    toggle.setAttribute('aria-expanded', String(whole));
  });
  return [...parts, toggle];
}

/** A collapsible list of evidence sentences (trends, themes), each with its document line; open when `open`. */
export function evidenceDetails(evidence, open) {
  return h(
    'details',
    { open },
    h('summary', {}, `Evidence (${evidence.length})`),
    h(
      'ul',
      { class: 'evidence' },
      ...evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
    ),
  );
}
