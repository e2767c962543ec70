/**
 * Trends view: the share of documents mentioning each trend and topic per period for the chosen focus group, topic
 * and date range (GET /api/trends), charted with Chart.js (the top SERIES, the rest as one "other" line), and the
 * emerging trends ranked with the sentences that evidence them (the names marked, a link to the cited sentence in
 * its document). Sections are built one by one in `render`, so another (emerging themes) can be added there.
 */
import { evidenceDetails } from '../excerpt.js';
import { api, qs, getFacets } from '../api.js';
import { h, replace, loading, empty, errorBox, entityChip, formatNumber, formatGrowth, field } from '../dom.js';
import { loadChart } from '../vendor.js';
import { loadThemes } from './themes.js';

export const PALETTE = ['#1f5fa8', '#c4432b', '#2b8a3e', '#8a4fbf', '#d08700', '#0b7a87', '#b3367a', '#5c6b2e'];
const OTHER_COLOUR = '#8a8f98';
/** Series drawn per chart; the rest are summed into one "other" line, so a chart stays readable. */
export const SERIES = 5;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function mount(el, ctx) {
  let query = ctx.query;
  let charts = [];
  let inflight = null;

  const fg = h('select', { id: 't-focusGroup', name: 'focusGroup' }, h('option', { value: '' }, 'All focus groups'));
  const topic = h('select', { id: 't-topic', name: 'topic' }, h('option', { value: '' }, 'All topics'));
  const interval = h(
    'select',
    { id: 't-interval', name: 'interval' },
    h('option', { value: 'year' }, 'Year'),
    h('option', { value: 'quarter' }, 'Quarter'),
  );
  const from = h('input', { type: 'date', id: 't-from', name: 'from' });
  const to = h('input', { type: 'date', id: 't-to', name: 'to' });
  const rangeError = h('p', { class: 'field-error', id: 't-range-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    // novalidate: the range check below speaks for itself; the pickers' min/max only guide, never block.
    { class: 'controls', novalidate: true, onsubmit: (e) => (e.preventDefault(), apply()) },
    field('Focus group', fg),
    field('Topic', topic),
    field('From', from),
    field('To', to),
    field('Per', interval),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
    rangeError,
  );
  for (const s of [fg, topic, interval, from, to]) s.addEventListener('change', () => apply());
  const body = h('div', { class: 'trends-body', 'aria-live': 'polite' });
  const themes = h('div', { class: 'themes-body', 'aria-live': 'polite' });
  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Trends'),
    h(
      'p',
      { class: 'lead' },
      'The share of documents mentioning each trend and topic over time, and the emerging trends in the IWG documents.',
    ),
    form,
    body,
    themes,
  );

  getFacets().then(
    (facets) => {
      for (const f of facets.focusGroups ?? []) fg.append(h('option', { value: f.id }, f.name));
      for (const t of facets.topics ?? []) topic.append(h('option', { value: t.id }, t.name));
      // The documents' dates bound the pickers: outside them nothing can be counted.
      for (const input of [from, to]) {
        if (facets.dateRange?.from) input.min = facets.dateRange.from;
        if (facets.dateRange?.to) input.max = facets.dateRange.to;
      }
      syncControls();
    },
    () => {},
  );

  function syncControls() {
    fg.value = query.get('focusGroup') ?? '';
    topic.value = query.get('topic') ?? '';
    interval.value = query.get('interval') === 'quarter' ? 'quarter' : 'year';
    from.value = validDate(query.get('from'));
    to.value = validDate(query.get('to'));
  }

  /** Refuses a range that ends before it starts, in words beside the fields; the API would answer 400 too. */
  function checkRange() {
    const bad = from.value && to.value && from.value > to.value;
    rangeError.hidden = !bad;
    rangeError.textContent = bad ? 'The “To” date is before the “From” date.' : '';
    to.setAttribute('aria-invalid', bad ? 'true' : 'false');
    if (bad) to.setAttribute('aria-describedby', 't-range-error');
    else to.removeAttribute('aria-describedby');
    return !bad;
  }

  function apply() {
    if (!checkRange()) return;
    const q = qs({
      focusGroup: fg.value,
      topic: topic.value,
      from: from.value,
      to: to.value,
      interval: interval.value === 'year' ? '' : interval.value,
    });
    ctx.navigate(`/trends${q}`);
  }

  function destroyCharts() {
    charts.forEach((c) => c.destroy());
    charts = [];
  }

  async function run() {
    syncControls();
    document.title = 'Trends · iwg-graph';
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    destroyCharts();
    replace(body, loading('Loading trends'));
    const params = {
      focusGroup: query.get('focusGroup'),
      topic: query.get('topic'),
      interval: query.get('interval') === 'quarter' ? 'quarter' : 'year',
      from: validDate(query.get('from')),
      to: validDate(query.get('to')),
    };
    // Themes have no focus-group or topic filter: they are what the taxonomy does not name.
    loadThemes(themes, { interval: params.interval, from: params.from, to: params.to }, controller.signal);
    try {
      const [answer, Chart] = await Promise.all([
        api(`/api/trends${qs(params)}`, { signal: controller.signal }),
        loadChart(),
      ]);
      if (controller.signal.aborted) return;
      render(answer, Chart);
    } catch (err) {
      if (!controller.signal.aborted) replace(body, errorBox(err, run));
    }
  }

  function render(answer, Chart) {
    const periods = answer.periods ?? [];
    const exposure = answer.exposure ?? periods.map(() => 0);
    const trends = [...(answer.trends ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const unranked = answer.unranked ?? [];
    const topics = [...(answer.topics ?? [])].sort((a, b) => b.total - a.total);
    if (!periods.length || (!trends.length && !unranked.length && !topics.length)) {
      replace(
        body,
        empty(
          'No dated mentions for this selection. Choose another focus group, topic or date range, or ingest dated documents.',
        ),
      );
      return;
    }
    const sections = [];
    const trendSeries = [...trends, ...unranked];
    if (trendSeries.length)
      sections.push(
        chartSection('trend-chart', 'Trends: share of documents per period', periods, exposure, trendSeries),
      );
    if (topics.length)
      sections.push(chartSection('topic-chart', 'Topics: share of documents per period', periods, exposure, topics));
    replace(
      body,
      h('div', { class: 'charts' }, ...sections.map((s) => s.el)),
      rankedTrends(trends, unranked, answer.interval),
    );
    charts = sections.map((s) => new Chart(s.canvas, chartConfig(periods, s.lines)));
  }

  run();
  return {
    update(next) {
      query = next.query;
      run();
    },
    destroy() {
      inflight?.abort();
      destroyCharts();
    },
  };
}

/** A date from the address bar, or '' when it is not one (the API would refuse it). */
function validDate(v) {
  return v && ISO_DATE.test(v) ? v : '';
}

/**
 * The lines of a chart: the first SERIES entities as they come (ranked trends, topics by count), then, when more
 * remain, one "Other (n)" line; each line's values are shares of the period's documents. The other line's counts
 * are the rest's summed counts (the table), its share their average share (a document mentioning several of them
 * would count several times in a summed share, which can pass 100 %).
 */
export function chartLines(series, exposure, limit = SERIES) {
  const share = (counts) => counts.map((c, i) => (exposure[i] > 0 ? Math.round((1000 * c) / exposure[i]) / 10 : null));
  const top = series.slice(0, limit).map((s, i) => ({
    label: s.entity.name,
    counts: s.counts,
    shares: share(s.counts),
    colour: PALETTE[i % PALETTE.length],
  }));
  const rest = series.slice(limit);
  if (!rest.length) return top;
  const counts = exposure.map((_, i) => rest.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  return [
    ...top,
    {
      label: `Other (${rest.length})`,
      title: `Summed in the table, averaged in the chart: ${rest.map((s) => s.entity.name).join(', ')}`,
      counts,
      shares: share(counts).map((v) => (v === null ? null : Math.round((10 * v) / rest.length) / 10)),
      colour: OTHER_COLOUR,
      other: true,
    },
  ];
}

function chartSection(id, title, periods, exposure, series) {
  const lines = chartLines(series, exposure);
  const canvas = h('canvas', {
    id,
    role: 'img',
    'aria-label': `${title}: line chart of the ${lines.length} lines; the table below lists the documents`,
  });
  const table = h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Documents'), ...periods.map((p) => h('th', { scope: 'col' }, p))),
    ),
    h(
      'tbody',
      {},
      h(
        'tr',
        { class: 'exposure' },
        h('th', { scope: 'row' }, 'All in the selection'),
        ...exposure.map((n) => h('td', {}, String(n))),
      ),
      ...lines.map((l) =>
        h(
          'tr',
          { class: l.other ? 'other' : null },
          h('th', { scope: 'row', title: l.title ?? null }, l.label),
          ...l.counts.map((c) => h('td', {}, String(c))),
        ),
      ),
    ),
  );
  const el = h(
    'section',
    { class: 'card chart-card' },
    h('h2', {}, title),
    h('div', { class: 'chart-box' }, canvas),
    h('details', {}, h('summary', {}, 'Data table'), h('div', { class: 'table-scroll' }, table)),
  );
  return { el, canvas, lines };
}

/** The Chart.js configuration of one chart: a line per entry of `lines`, shares of the period's documents. */
export function chartConfig(periods, lines) {
  return {
    type: 'line',
    data: {
      labels: periods,
      datasets: lines.map((l) => ({
        label: l.label,
        data: l.shares,
        borderColor: l.colour,
        backgroundColor: l.colour,
        borderDash: l.other ? [6, 4] : undefined,
        // A period with no documents has no share: the line breaks there rather than suggesting values across it.
        spanGaps: false,
        tension: 0,
        pointRadius: 3,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: '% of documents' } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.formattedValue} %` } },
      },
    },
  };
}

/**
 * Which way a trend's share moves, read from its z (the slope over its standard error): beyond ±1.96 — a
 * two-sided 5 % test — it is rising or falling; within, no clear change. The list is ranked by z, so a falling
 * trend can appear in it and must say so.
 */
export function trendDirection(zScore) {
  if (zScore >= 1.96) return 'rising';
  if (zScore <= -1.96) return 'falling';
  return 'no clear change';
}

function rankedTrends(trends, unranked, interval) {
  return h(
    'section',
    { class: 'ranked', 'aria-labelledby': 'ranked-h' },
    h('h2', { id: 'ranked-h' }, 'Emerging trends'),
    h(
      'p',
      { class: 'muted small' },
      'Ranked by how sure a sustained rise is (z), from the share of documents mentioning each trend per period; ',
      'growth is the change of that share per period; beyond z ±1.96 a trend is marked rising or falling. ',
      'A trend needs two documents to be ranked.',
    ),
    trends.length
      ? h(
          'ol',
          { class: 'trend-list' },
          ...trends.map((t) =>
            h(
              'li',
              { class: 'card' },
              h(
                'div',
                { class: 'trend-head' },
                h('span', { class: 'rank' }, `#${t.rank}`),
                entityChip(t.entity),
                h(
                  'span',
                  { class: `chip direction ${trendDirection(t.zScore).replace(/ /g, '-')}` },
                  trendDirection(t.zScore),
                ),
                h(
                  'span',
                  { class: 'muted small' },
                  `${t.support ?? t.total} document${(t.support ?? t.total) === 1 ? '' : 's'} · growth ${formatGrowth(t.growth)} per ${interval === 'quarter' ? 'quarter' : 'year'} · z ${formatNumber(t.zScore, 2)}`,
                ),
              ),
              t.evidence?.length ? evidenceDetails(t.evidence, t.rank <= 2) : null,
            ),
          ),
        )
      : empty('No trend is mentioned in two documents of this selection.'),
    unranked.length
      ? h(
          'p',
          { class: 'muted small unranked' },
          `In one document only (not ranked): ${unranked.map((t) => t.entity.name).join(', ')}.`,
        )
      : null,
  );
}
