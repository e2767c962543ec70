/**
 * "Emerging themes not in the taxonomy" on the trends page (GET /api/themes): each theme with its key phrases,
 * sentences per period as a small bar row, growth and novelty, and its evidence sentences with the key phrases
 * marked and a link that opens the document at the sentence, as search hits do.
 */
import { evidenceDetails } from '../excerpt.js';
import { api, qs } from '../api.js';
import { h, replace, loading, empty, errorBox, formatNumber, formatGrowth } from '../dom.js';

/** Loads the themes for `params` ({ interval, from, to }) into `el`; stops quietly when `signal` aborts. */
export async function loadThemes(el, params, signal) {
  replace(el, loading('Finding emerging themes'));
  try {
    const answer = await api(`/api/themes${qs({ ...params, limit: 8 })}`, { signal });
    if (!signal?.aborted) replace(el, themesSection(answer));
  } catch (err) {
    if (!signal?.aborted)
      replace(
        el,
        errorBox(err, () => loadThemes(el, params, signal)),
      );
  }
}

/** The section for one answer. */
export function themesSection(answer) {
  const themes = answer.themes ?? [];
  return h(
    'section',
    { class: 'ranked themes', 'aria-labelledby': 'themes-h' },
    h('h2', { id: 'themes-h' }, 'Emerging themes not in the taxonomy'),
    h(
      'p',
      { class: 'muted small' },
      `Found by grouping ${formatNumber(answer.sampled, 0)} dated sentences that name no taxonomy topic or trend ` +
        'by meaning; ranked by steady growth and distance from the taxonomy. Candidates for review, not findings.',
    ),
    themes.length
      ? h(
          'ol',
          { class: 'theme-list' },
          ...themes.map((t) => themeItem(t, answer.periods ?? [], answer.interval === 'quarter' ? 'quarter' : 'year')),
        )
      : empty('No emerging theme in this selection.'),
  );
}

function themeItem(t, periods, period) {
  return h(
    'li',
    { class: 'card theme', 'data-theme': t.id },
    h(
      'div',
      { class: 'trend-head' },
      h('span', { class: 'rank' }, `#${t.rank}`),
      h('strong', { class: 'theme-label' }, t.label),
      // Emerging: a rise beyond chance over every cluster tested (q ≤ 0.05); the others are candidates only.
      h('span', { class: `chip ${t.emerging ? 'emerging' : 'candidate'}` }, t.emerging ? 'emerging' : 'candidate'),
      h(
        'span',
        { class: 'muted small' },
        // The same unit as the trends above it on the page (per year or per quarter).
        `${t.total} sentences in ${t.documents} documents · growth ${formatGrowth(t.growth)} per ${period} · z ` +
          `${formatNumber(t.zScore, 2)} (q ${formatNumber(t.qValue, 2)}) · novelty ${formatNumber(t.novelty, 2)}`,
      ),
    ),
    h('p', { class: 'key-phrases small' }, ...t.keyPhrases.map((k) => h('span', { class: 'chip phrase' }, k))),
    sparkRow(t.counts, periods),
    t.nearestEntry ? h('p', { class: 'muted small' }, `Nearest taxonomy entry: ${t.nearestEntry.name}`) : null,
    t.evidence?.length ? evidenceDetails(t.evidence, t.rank <= 2) : null,
  );
}

/** Sentences per period as bars, with the numbers for screen readers and on hover. */
function sparkRow(counts, periods) {
  const max = Math.max(1, ...counts);
  return h(
    'div',
    { class: 'spark', role: 'img', 'aria-label': periods.map((p, i) => `${p}: ${counts[i]}`).join(', ') },
    ...counts.map((c, i) => {
      const bar = h('span', { class: 'spark-bar', title: `${periods[i]}: ${c}` });
      // Through the CSSOM, which a style-src policy does not govern.
      bar.style.height = `${Math.round((c / max) * 100)}%`;
      return bar;
    }),
  );
}
