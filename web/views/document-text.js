/**
 * A loaded stretch of a document's normalised text as DOM: paragraphs (blank-line separated blocks), each sentence a
 * span with its offsets, a marker where each passage starts, and the cited span in a <mark>. Offsets are the
 * document's (UTF-16 code units, as JavaScript strings count them), so `text.slice` places everything exactly.
 */
import { h } from '../dom.js';

/**
 * Joins a page of GET /api/documents/:id to the loaded stretch when it touches it (before or after), otherwise
 * starts a new stretch from it. Passages and sentences are kept once each, by id.
 */
export function mergePage(loaded, answer) {
  const { offset, end, text } = answer.page;
  const byId = (list) => new Map(list.map((x) => [x.id, x]));
  if (loaded && end === loaded.offset) {
    return {
      offset,
      end: loaded.end,
      text: text + loaded.text,
      passages: new Map([...byId(answer.passages), ...loaded.passages]),
      sentences: new Map([...byId(answer.sentences), ...loaded.sentences]),
    };
  }
  if (loaded && offset === loaded.end) {
    return {
      offset: loaded.offset,
      end,
      text: loaded.text + text,
      passages: new Map([...loaded.passages, ...byId(answer.passages)]),
      sentences: new Map([...loaded.sentences, ...byId(answer.sentences)]),
    };
  }
  return { offset, end, text, passages: byId(answer.passages), sentences: byId(answer.sentences) };
}

/** Blocks of the stretch as absolute [start, end) ranges: the normalised text separates blocks by a blank line. */
function paragraphs(loaded) {
  const out = [];
  let at = 0;
  for (const m of loaded.text.matchAll(/\n\s*\n/g)) {
    if (m.index > at) out.push({ start: loaded.offset + at, end: loaded.offset + m.index });
    at = m.index + m[0].length;
  }
  if (at < loaded.text.length) out.push({ start: loaded.offset + at, end: loaded.end });
  return out;
}

function passageMarker(p) {
  const where = [p.heading, p.span.page ? `p. ${p.span.page}` : null].filter(Boolean).join(' · ');
  return h('span', {
    class: 'passage-start',
    id: `passage-${p.ordinal}`,
    'data-label': `¶${p.ordinal + 1}`,
    'data-passage': p.id,
    title: `Passage ${p.ordinal + 1}${where ? ` · ${where}` : ''}`,
  });
}

/** One block with its sentence spans, passage markers and the part of `cite` inside it. */
function renderBlock(loaded, block, sentences, starts, cite, headings) {
  const cuts = new Set([block.start, block.end]);
  for (const s of sentences) for (const x of [s.span.start, s.span.end]) cuts.add(x);
  for (const x of starts.keys()) cuts.add(x);
  if (cite) for (const x of [cite.start, cite.end]) cuts.add(x);
  const points = [...cuts].filter((x) => x >= block.start && x <= block.end).sort((a, b) => a - b);
  const text = loaded.text.slice(block.start - loaded.offset, block.end - loaded.offset);
  const el = headings.has(text) ? h('h2', { class: 'doc-heading' }) : h('p', {});
  let mark = null;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    for (const p of starts.get(a) ?? []) (mark ?? el).append(passageMarker(p));
    const cited = cite && a >= cite.start && b <= cite.end;
    if (!cited) mark = null;
    else if (!mark) el.append((mark = h('mark', { class: 'cited', title: 'The cited text' })));
    const piece = loaded.text.slice(a - loaded.offset, b - loaded.offset);
    const s = sentences.find((x) => x.span.start <= a && b <= x.span.end);
    (mark ?? el).append(
      s
        ? h(
            'span',
            { class: 'sentence', dataset: { sentence: s.ordinal, start: s.span.start, end: s.span.end } },
            piece,
          )
        : piece,
    );
  }
  return el;
}

/** The stretch as a `.doc-text` element in `language`, `cite` ({ start, end } document offsets, or null) marked. */
export function renderText(loaded, cite, language) {
  const sentences = [...loaded.sentences.values()].sort((a, b) => a.span.start - b.span.start);
  const starts = new Map();
  for (const p of loaded.passages.values()) {
    if (p.span.start < loaded.offset || p.span.start >= loaded.end) continue;
    starts.set(p.span.start, [...(starts.get(p.span.start) ?? []), p]);
  }
  const headings = new Set([...loaded.passages.values()].map((p) => p.heading).filter(Boolean));
  return h(
    'div',
    { class: 'doc-text', lang: language || null },
    ...paragraphs(loaded).map((block) =>
      renderBlock(
        loaded,
        block,
        sentences.filter((s) => s.span.start < block.end && block.start < s.span.end),
        starts,
        cite,
        headings,
      ),
    ),
  );
}
