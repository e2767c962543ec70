/**
 * The facet filters of the search view: the values from GET /api/facets (every readable document), each with its
 * document count in the current result set from POST /api/facets (the search's query, mode and filters). The URL
 * is the state: the panel reads its checked values from the query string and reports changes as a new query string.
 */
import { h, replace, errorBox, loading, kindLabel } from '../dom.js';
import { countFacets, getFacets } from '../api.js';

/** URL parameter ↔ search filter field ↔ facets field. */
export const FILTERS = [
  { param: 'country', field: 'countries', facet: 'countries', label: 'Country' },
  { param: 'focusGroup', field: 'focusGroups', facet: 'focusGroups', label: 'Focus group' },
  { param: 'topic', field: 'topics', facet: 'topics', label: 'Topic' },
  { param: 'trend', field: 'trends', facet: 'trends', label: 'Trend' },
  {
    param: 'docType',
    field: 'documentTypes',
    facet: 'documentTypes',
    counts: 'documentTypeCounts',
    label: 'Document type',
  },
  { param: 'lang', field: 'languages', facet: 'languages', counts: 'languageCounts', label: 'Language' },
];

/** The `filters` object of POST /api/search for the current URL, or undefined when nothing is filtered. */
export function filtersFromQuery(query) {
  const filters = {};
  for (const f of FILTERS) {
    const values = query.getAll(f.param).filter(Boolean);
    if (values.length) filters[f.field] = values;
  }
  for (const k of ['from', 'to']) {
    const v = query.get(k);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) filters[k] = v;
  }
  return Object.keys(filters).length ? filters : undefined;
}

export function countActive(query) {
  return (
    FILTERS.reduce((n, f) => n + query.getAll(f.param).length, 0) +
    (query.get('from') ? 1 : 0) +
    (query.get('to') ? 1 : 0)
  );
}

const LANGUAGE_NAMES = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  de: 'German',
  ru: 'Russian',
  ar: 'Arabic',
  zh: 'Chinese',
};

function optionLabel(filter, value) {
  if (typeof value !== 'string') return value.name;
  if (filter.param === 'lang') return LANGUAGE_NAMES[value] ? `${LANGUAGE_NAMES[value]} (${value})` : value;
  return value.replace(/[-_]/g, ' ');
}

/**
 * Renders the filter panel into `el`; onChange(mutator) is called with a function that edits a copy of the
 * query string, so the view can navigate to the new URL.
 */
export function renderFilters(el, query, onChange, countsBody) {
  // Re-rendering replaces the controls: keep keyboard focus on the one the analyst just used.
  const focusedId = el.contains(document.activeElement) ? document.activeElement.id : '';
  const scrolls = [...el.querySelectorAll('.options')].map((ul) => ul.scrollTop);
  if (!el.childElementCount) replace(el, loading('Loading filters'));
  getFacets().then(
    (facets) => {
      replace(el, ...buildGroups(facets, query, onChange));
      el.querySelectorAll('.options').forEach((ul, i) => (ul.scrollTop = scrolls[i] ?? 0));
      if (focusedId) document.getElementById(focusedId)?.focus();
      showCounts(el, countsBody);
    },
    (err) =>
      replace(
        el,
        errorBox(err, () => renderFilters(el, query, onChange, countsBody)),
      ),
  );
}

/**
 * Writes each option's document count in the current result set next to its label (0 when none of the result
 * set's documents carries it). `body` is the POST /api/facets request: the view's search (query, mode) and filters.
 * Counts are a hint: when they cannot be had, the options simply show none.
 */
function showCounts(el, body) {
  const key = JSON.stringify(body);
  el.dataset.countsFor = key;
  countFacets(body).then(
    (counted) => {
      if (el.dataset.countsFor !== key) return; // a newer search replaced this one
      for (const f of FILTERS) {
        const values = f.counts ? counted[f.counts] : counted[f.facet];
        const byValue = new Map((values ?? []).map((v) => [v.id ?? v.value, v.count]));
        for (const input of el.querySelectorAll(`input[name="${f.param}"]`)) {
          const count = byValue.get(input.value) ?? 0;
          const label = el.querySelector(`label[for="${input.id}"]`);
          label?.querySelector('.facet-count')?.remove();
          label?.append(h('span', { class: 'facet-count', title: `${count} documents in these results` }, ` ${count}`));
          input.closest('li')?.classList.toggle('empty', count === 0);
        }
      }
    },
    () => {},
  );
}

function buildGroups(facets, query, onChange) {
  const groups = [];
  for (const f of FILTERS) {
    const values = facets?.[f.facet] ?? [];
    if (!values.length) continue;
    const checked = new Set(query.getAll(f.param));
    const options = values.map((v) => {
      const value = typeof v === 'string' ? v : v.id;
      const id = `f-${f.param}-${value.replace(/[^\w-]/g, '_')}`;
      return h(
        'li',
        {},
        h('input', {
          type: 'checkbox',
          id,
          name: f.param,
          value,
          checked: checked.has(value),
          onchange: (e) =>
            onChange((q) => {
              const rest = q.getAll(f.param).filter((x) => x !== value);
              q.delete(f.param);
              for (const x of e.target.checked ? [...rest, value] : rest) q.append(f.param, x);
            }),
        }),
        h('label', { for: id }, optionLabel(f, v)),
      );
    });
    groups.push(
      h(
        'fieldset',
        { class: 'facet', 'data-facet': f.param },
        h('legend', {}, f.label, checked.size ? h('span', { class: 'count' }, ` (${checked.size})`) : null),
        h('ul', { class: values.length > 8 ? 'options scroll' : 'options' }, ...options),
      ),
    );
  }
  groups.push(dateGroup(facets?.dateRange, query, onChange));
  if (countActive(query)) {
    groups.push(
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () =>
            onChange((q) => {
              for (const f of FILTERS) q.delete(f.param);
              q.delete('from');
              q.delete('to');
            }),
        },
        'Clear all filters',
      ),
    );
  }
  if (groups.length === 1 && !facets?.countries?.length) {
    groups.unshift(
      h(
        'p',
        { class: 'muted' },
        `No ${kindLabel('country').toLowerCase()} or topic facets yet: is the corpus ingested?`,
      ),
    );
  }
  return groups;
}

function dateGroup(range, query, onChange) {
  const bound = (name, label) =>
    h(
      'div',
      { class: 'date-field' },
      h('label', { for: `f-${name}` }, label),
      h('input', {
        type: 'date',
        id: `f-${name}`,
        name,
        value: query.get(name) ?? '',
        min: range?.from ?? undefined,
        max: range?.to ?? undefined,
        onchange: (e) =>
          onChange((q) => {
            if (e.target.value) q.set(name, e.target.value);
            else q.delete(name);
          }),
      }),
    );
  const hint =
    range?.from || range?.to
      ? h('p', { class: 'muted small' }, `Documents span ${range.from ?? '…'} to ${range.to ?? '…'}`)
      : null;
  return h(
    'fieldset',
    { class: 'facet' },
    h('legend', {}, 'Date range'),
    bound('from', 'From'),
    bound('to', 'To'),
    hint,
  );
}
