/**
 * Search view: one box, a mode switch, facet filters and the hits with their evidence — the highlighted
 * passage or practice, its document, the linked entities and why it was found. All state is in the URL.
 */
import { api } from '../api.js';
import { h, replace, loading, empty, errorBox } from '../dom.js';
import { renderFilters, filtersFromQuery, countActive } from './search-filters.js';
import { renderHit } from './search-hit.js';
import { exportButtons } from './export-buttons.js';
import { itemsFromHits } from '../export.js';

const PAGE_SIZE = 10;
/** The API pages through the first hits only (SearchRequest: offset at most 1000), so pages stop here. */
const MAX_OFFSET = 1000;
const LAST_REACHABLE_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
const MODES = [
  { value: 'hybrid', label: 'Hybrid', hint: 'meaning and words' },
  { value: 'semantic', label: 'Semantic', hint: 'meaning' },
  { value: 'keyword', label: 'Keyword', hint: 'exact words' },
];
const EXAMPLES = [
  'Should operators allow remote access to safety systems?',
  'trustworthiness programmes and vetting of personnel',
  'how to assess security culture',
  'two-person rule for vital areas',
];

/** The last page of `total` hits that the API can serve. */
function lastPage(total) {
  return Math.min(Math.ceil(total / PAGE_SIZE), LAST_REACHABLE_PAGE);
}

export function mount(el, ctx) {
  let query = ctx.query;
  let inflight = null;

  const input = h('input', {
    type: 'search',
    id: 'q',
    name: 'q',
    autocomplete: 'off',
    maxlength: '1000',
    placeholder: 'Ask a question or type keywords',
    required: true,
  });
  const modeInputs = MODES.map((m) =>
    h('input', { type: 'radio', name: 'mode', id: `mode-${m.value}`, value: m.value, onchange: () => submit() }),
  );
  const form = h(
    'form',
    { class: 'search-form', role: 'search', onsubmit: (e) => (e.preventDefault(), submit()) },
    h('label', { for: 'q', class: 'visually-hidden' }, 'Search the IWG documents'),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'primary' }, 'Search')),
    h(
      'fieldset',
      { class: 'segmented' },
      h('legend', { class: 'visually-hidden' }, 'Search mode'),
      ...MODES.map((m, i) => [
        modeInputs[i],
        h('label', { for: `mode-${m.value}`, title: `Ranks by ${m.hint}` }, m.label),
      ]),
    ),
  );
  const filtersEl = h('div', { class: 'filters-body' });
  const filtersSummary = h('summary', {}, 'Filters');
  const filters = h(
    'details',
    { class: 'filters', open: window.matchMedia('(min-width: 900px)').matches },
    filtersSummary,
    filtersEl,
  );
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-label': 'Search results' });

  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Search the IWG documents'),
    form,
    h('div', { class: 'search-layout' }, h('aside', { 'aria-label': 'Filters' }, filters), results),
  );

  /** Pushes the box and mode to the URL (filters kept, page reset); the URL change runs the search. */
  function submit() {
    const q = new URLSearchParams(query);
    const text = input.value.trim();
    if (text) q.set('q', text);
    else q.delete('q');
    q.set('mode', modeInputs.find((r) => r.checked)?.value ?? 'hybrid');
    q.delete('page');
    go(q);
  }

  function go(q) {
    const s = q.toString();
    ctx.navigate(`/search${s ? `?${s}` : ''}`);
  }

  function changeFilters(mutate) {
    const q = new URLSearchParams(query);
    mutate(q);
    q.delete('page');
    go(q);
  }

  async function run() {
    const text = query.get('q')?.trim() ?? '';
    const mode = MODES.some((m) => m.value === query.get('mode')) ? query.get('mode') : 'hybrid';
    input.value = text;
    modeInputs.forEach((r) => (r.checked = r.value === mode));
    const active = countActive(query);
    filtersSummary.textContent = active ? `Filters (${active} active)` : 'Filters';
    const filters = filtersFromQuery(query);
    // The filter counts are those of this search's result set (its query and mode; every passage without a query).
    renderFilters(filtersEl, query, changeFilters, { ...(text ? { query: text, mode } : {}), filters: filters ?? {} });
    document.title = text ? `${text} · iwg-graph search` : 'iwg-graph · search';
    inflight?.abort();
    if (!text) {
      replace(results, intro());
      return;
    }
    const asked = Math.max(1, Math.floor(Number(query.get('page'))) || 1);
    const controller = new AbortController();
    inflight = controller;
    replace(results, loading('Searching'));
    results.setAttribute('aria-busy', 'true');
    const search = (page) => {
      const body = { query: text, mode, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
      if (filters) body.filters = filters;
      return api('/api/search', { body, signal: controller.signal });
    };
    try {
      // A page past the end (an edited or old link) shows the last page and says so, rather than an error.
      let page = Math.min(asked, LAST_REACHABLE_PAGE);
      let answer = await search(page);
      const last = lastPage(answer?.total ?? 0);
      if (!answer?.results?.length && last >= 1 && page > last) {
        page = last;
        answer = await search(page);
      }
      if (controller.signal.aborted) return;
      if (page !== asked) {
        // The address says the page shown, so a copied link opens it (no re-render: it is already shown).
        const url = new URL(location.href);
        if (page === 1) url.searchParams.delete('page');
        else url.searchParams.set('page', String(page));
        history.replaceState(null, '', url);
      }
      showResults(answer, text, page, asked);
    } catch (err) {
      if (controller.signal.aborted) return;
      replace(results, errorBox(err, run));
    } finally {
      if (inflight === controller) results.removeAttribute('aria-busy');
    }
  }

  function showResults(answer, text, page, asked) {
    const hits = answer?.results ?? [];
    const total = answer?.total ?? hits.length;
    if (!hits.length) {
      const hint = countActive(query)
        ? ' Try removing some filters or another mode.'
        : ' Try other words or another mode.';
      replace(results, empty(`No results for “${text}”.${hint}`));
      return;
    }
    const first = (page - 1) * PAGE_SIZE + 1;
    const summary = h(
      'p',
      { class: 'result-summary', role: 'status' },
      `${first}–${first + hits.length - 1} of ${total} results · ${answer.mode ?? ''} · ${answer.took_ms ?? '?'} ms`,
    );
    // A "low" answer has no good match: say so before the nearest hits, so they are not read as answers.
    const lowConfidence =
      answer.confidence?.level === 'low'
        ? h(
            'div',
            { class: 'no-good-match', role: 'note' },
            h('strong', {}, 'No good match. '),
            `Nothing in the corpus answers “${text}” closely; these are the nearest passages.`,
          )
        : null;
    const about = `search ${text}${page > 1 ? ` page ${page}` : ''}`;
    const pastEnd =
      asked > page
        ? h(
            'p',
            { class: 'past-end', role: 'note' },
            Math.ceil(total / PAGE_SIZE) > page
              ? `Results stop at page ${page} (about the first ${MAX_OFFSET.toLocaleString('en')} hits): showing that last page instead of page ${asked}. `
              : `There is no page ${asked}: the ${total} results fill ${page} page${page === 1 ? '' : 's'}, so this is the last. `,
            pageLink(1, 'Go to page 1'),
          )
        : null;
    replace(
      results,
      h(
        'div',
        { class: 'result-bar' },
        summary,
        exportButtons(() => itemsFromHits(hits, location.origin), about, `Export these ${hits.length} with citations:`),
      ),
      pastEnd,
      lowConfidence,
      h(
        'ol',
        { class: `hits${lowConfidence ? ' hits-low' : ''}`, start: String(first) },
        ...hits.map((hit) => h('li', {}, renderHit(hit, text, answer.scoring))),
      ),
      pager(page, total),
    );
  }

  function pageLink(p, label, className) {
    const q = new URLSearchParams(query);
    if (p > 1) q.set('page', String(p));
    else q.delete('page');
    return h('a', { href: `/search?${q}`, class: className }, label);
  }

  function pager(page, total) {
    const pages = lastPage(total);
    if (pages <= 1) return null;
    return h(
      'nav',
      { class: 'pager', 'aria-label': 'Result pages' },
      page > 1 ? pageLink(page - 1, '← Previous', 'button') : null,
      h('span', {}, `Page ${page} of ${pages}`),
      page < pages ? pageLink(page + 1, 'Next →', 'button') : null,
    );
  }

  function intro() {
    return h(
      'div',
      { class: 'intro' },
      h(
        'p',
        {},
        'Search passages and good practices from the IWG documents. Hybrid mode combines meaning and exact words; filters narrow by country, focus group, topic, trend, type, date and language.',
      ),
      h('p', {}, 'Try:'),
      h(
        'ul',
        { class: 'examples' },
        ...EXAMPLES.map((ex) =>
          h('li', {}, h('a', { href: `/search?${new URLSearchParams({ q: ex, mode: 'hybrid' })}` }, ex)),
        ),
      ),
    );
  }

  run();
  return {
    update(next) {
      query = next.query;
      run();
    },
    destroy() {
      inflight?.abort();
    },
  };
}
