/**
 * Document reader: a document's normalised text with its passages and sentences, its metadata (with the focus groups
 * it declares) and access label, opened at a cited span (`?start=&end=`, document offsets) which is highlighted and
 * scrolled to. Long documents load a page at a time around the citation; earlier and later text loads on request.
 */
import { api, qs } from '../api.js';
import { h, replace, loading, errorBox, facts, sourceLink, chipList, showNotFound } from '../dom.js';
import { mergePage, renderText } from './document-text.js';

const PAGE_CHARS = 20_000;
/** Text shown before a citation, so it is read in its context. */
const CONTEXT_CHARS = 1_500;

/** The cited span of the URL, or null when absent or not a pair of offsets. */
function citeFrom(query) {
  const start = Number(query.get('start'));
  const end = Number(query.get('end'));
  if (!query.has('start') || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start)
    return null;
  return { start, end };
}

export function mount(el, ctx) {
  const id = ctx.params.id;
  const controller = new AbortController();
  let cite = citeFrom(ctx.query);
  let doc = null;
  let loaded = null;
  const body = h('div', { class: 'reader card' });

  const fetchPage = (offset, limit) =>
    api(`/api/documents/${encodeURIComponent(id)}${qs({ offset, limit })}`, { signal: controller.signal });

  async function load() {
    replace(el, h('h1', { tabindex: '-1' }, 'Document'), loading('Loading the document'));
    const offset = cite ? Math.max(0, cite.start - CONTEXT_CHARS) : 0;
    const limit = cite ? Math.min(100_000, Math.max(PAGE_CHARS, cite.end - offset)) : PAGE_CHARS;
    try {
      let answer;
      try {
        answer = await fetchPage(offset, limit);
      } catch (err) {
        // A citation past the end of the text (the document changed since): read it from its start instead.
        if (err?.kind !== 'invalid' || offset === 0) throw err;
        answer = await fetchPage(0, PAGE_CHARS);
      }
      if (controller.signal.aborted) return;
      doc = answer;
      loaded = mergePage(null, answer);
      render();
      scrollToCite();
    } catch (err) {
      if (controller.signal.aborted) return;
      if (err?.kind === 'not-found')
        return showNotFound(
          el,
          'Document not found',
          `No document has the id “${id}”: it may have been deleted, or re-ingested under another name.`,
        );
      replace(el, h('h1', { tabindex: '-1' }, 'Document'), errorBox(err, load));
    }
  }

  async function loadMore(direction, button) {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const from = direction === 'earlier' ? Math.max(0, loaded.offset - PAGE_CHARS) : loaded.end;
      const answer = await fetchPage(from, direction === 'earlier' ? loaded.offset - from : PAGE_CHARS);
      if (controller.signal.aborted) return;
      const before = document.documentElement.scrollHeight;
      loaded = mergePage(loaded, answer);
      renderBody();
      // Text added above keeps what the reader was looking at in place.
      if (direction === 'earlier') window.scrollBy(0, document.documentElement.scrollHeight - before);
    } catch (err) {
      if (!controller.signal.aborted) button.replaceWith(errorBox(err, () => loadMore(direction, button)));
    }
  }

  function render() {
    document.title = `${doc.title || doc.id} · iwg-graph`;
    replace(
      el,
      h('p', { class: 'eyebrow' }, 'Document'),
      h('h1', { tabindex: '-1' }, doc.title || doc.id),
      documentFacts(doc),
      citeNote(),
      body,
    );
    renderBody();
  }

  function citeNote() {
    if (!cite) return null;
    const inText = cite.end <= doc.length;
    return h(
      'p',
      { class: inText ? 'cite-note' : 'cite-note state error', role: 'status' },
      inText
        ? [
            `The cited text (characters ${cite.start}–${cite.end}) is highlighted. `,
            h('button', { type: 'button', class: 'link-button', onclick: scrollToCite }, 'Go to the citation'),
          ]
        : `The cited characters ${cite.start}–${cite.end} are past the end of this document's text (${doc.length} characters): it may have changed since it was cited.`,
    );
  }

  function renderBody() {
    const earlier = h('button', { type: 'button', class: 'load-earlier' }, 'Show earlier text');
    const later = h('button', { type: 'button', class: 'load-later' }, 'Show more text');
    earlier.addEventListener('click', () => loadMore('earlier', earlier));
    later.addEventListener('click', () => loadMore('later', later));
    replace(
      body,
      loaded.offset > 0 ? earlier : null,
      renderText(loaded, cite, doc.language),
      loaded.end < doc.length ? later : null,
      h(
        'p',
        { class: 'muted small reader-extent' },
        `Characters ${loaded.offset}–${loaded.end} of ${doc.length} · ¶ marks where each passage starts`,
      ),
    );
  }

  function scrollToCite() {
    const mark = body.querySelector('mark.cited');
    if (mark) mark.scrollIntoView({ block: 'center' });
  }

  load();
  return {
    update(next) {
      const again = citeFrom(next.query);
      if (JSON.stringify(again) === JSON.stringify(cite)) return;
      cite = again;
      // A citation inside the loaded text is marked in place; one outside it loads the text around it.
      if (loaded && (!cite || (cite.start >= loaded.offset && cite.end <= loaded.end))) {
        render();
        scrollToCite();
      } else load();
    },
    destroy: () => controller.abort(),
  };
}

function documentFacts(doc) {
  return facts([
    ['Type', doc.type],
    ['Date', doc.date],
    ['Focus groups', chipList(doc.focusGroups, 'Focus groups the document declares')],
    ['Source', sourceLink(doc.source)],
    ['Language', doc.language],
    ['Access', doc.access ? h('span', { class: `access access-${doc.access}` }, doc.access) : null],
    ['Format', doc.format],
    ['Passages', doc.passageCount],
    ['Id', doc.id],
  ]);
}
