/** Practice page: the practice's quotes with every source and offset, what it addresses, and related practices. */
import { api } from '../api.js';
import {
  h,
  replace,
  loading,
  empty,
  errorBox,
  chipList,
  documentLine,
  practiceHref,
  formatNumber,
  showNotFound,
} from '../dom.js';
import { itemsFromPractices } from '../export.js';
import { exportButtons } from './export-buttons.js';

export function mount(el, ctx) {
  const id = ctx.params.id;
  const controller = new AbortController();

  async function load() {
    replace(el, h('h1', { tabindex: '-1' }, 'Good practice'), loading('Loading the practice'));
    const path = `/api/practices/${encodeURIComponent(id)}`;
    try {
      const [practice, related] = await Promise.all([
        api(path, { signal: controller.signal }),
        api(`${path}/related?limit=8`, { signal: controller.signal }).catch((err) => ({ error: err })),
      ]);
      if (controller.signal.aborted) return;
      render(practice, related);
    } catch (err) {
      if (controller.signal.aborted) return;
      if (err?.kind === 'not-found')
        return showNotFound(
          el,
          'Practice not found',
          `No good practice has the id “${id}”: it may have been removed when its documents were re-ingested.`,
        );
      replace(el, h('h1', { tabindex: '-1' }, 'Good practice'), errorBox(err, load));
    }
  }

  function render(practice, related) {
    document.title = `Practice · iwg-graph`;
    replace(
      el,
      h('p', { class: 'eyebrow' }, 'Good practice'),
      h('h1', { tabindex: '-1', class: 'practice-text' }, `“${practice.text}”`),
      h('p', { class: 'muted small' }, `Id ${practice.id}`),
      h('div', { class: 'two-col' }, sourcesSection(practice.sources ?? []), addressesSection(practice)),
      relatedSection(related, practice.id),
    );
  }

  load();
  return { destroy: () => controller.abort() };
}

function sourcesSection(sources) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sources-h' },
    h('h2', { id: 'sources-h' }, sources.length === 1 ? 'Source' : `Sources (${sources.length})`),
    sources.length
      ? h(
          'ol',
          { class: 'sources' },
          ...sources.map((s) =>
            h(
              'li',
              { class: 'source' },
              h('blockquote', {}, s.quote),
              documentLine(s.document, s.span),
              h('p', { class: 'muted small' }, `Passage ${s.passageId}`),
            ),
          ),
        )
      : empty('No source recorded.'),
  );
}

function addressesSection(practice) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'addresses-h' },
    h('h2', { id: 'addresses-h' }, 'Addresses'),
    h('h3', {}, 'Topics'),
    chipList(practice.topics, 'Topics') ?? empty('No topic tagged.'),
    h('h3', {}, 'Insider attributes'),
    chipList(practice.attributes, 'Insider attributes') ?? empty('No insider attribute tagged.'),
  );
}

function relatedSection(related, practiceId) {
  const heading = h('h2', { id: 'related-h' }, 'Related practices');
  if (related?.error) return h('section', { 'aria-labelledby': 'related-h' }, heading, errorBox(related.error));
  const results = related?.results ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'related-h', class: 'related' },
    h(
      'div',
      { class: 'result-bar' },
      heading,
      results.length
        ? exportButtons(() => itemsFromPractices(results, location.origin), `practices related to ${practiceId}`)
        : null,
    ),
    results.length
      ? h(
          'ol',
          { class: 'related-list' },
          ...results.map((r) =>
            h(
              'li',
              { class: 'card' },
              h('a', { href: practiceHref(r.id), class: 'related-text' }, r.text),
              h('p', { class: 'reason' }, h('strong', {}, 'Why related: '), r.reason || '—'),
              h(
                'p',
                { class: 'muted small' },
                `Similarity ${formatNumber(r.similarity, 2)} · score ${formatNumber(r.score, 2)}`,
                r.coCited ? ` · cited together in ${r.coCited} document${r.coCited === 1 ? '' : 's'}` : '',
              ),
              chipList([...(r.sharedTopics ?? []), ...(r.sharedAttributes ?? [])], 'Shared topics and attributes'),
              r.sources?.[0] ? documentLine(r.sources[0].document, r.sources[0].span) : null,
            ),
          ),
        )
      : empty('No related practice found.'),
  );
}
