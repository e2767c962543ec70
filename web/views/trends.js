/**
 * Trends view: mentions over time for the chosen focus group or topic (GET /api/trends), charted with Chart.js,
 * and the emerging trends ranked with the sentences that evidence them (the trend's name marked).
 */
import { evidenceQuote } from '../excerpt.js';
import { api, qs, getFacets } from '../api.js';
import { h, replace, loading, empty, errorBox, entityChip, documentLine, formatNumber, field } from '../dom.js';
import { loadChart } from '../vendor.js';
import { loadThemes } from './themes.js';

export const PALETTE = ['#1f5fa8', '#c4432b', '#2b8a3e', '#8a4fbf', '#d08700', '#0b7a87', '#b3367a', '#5c6b2e'];
const SERIES = 8;

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
  const form = h(
    'form',
    { class: 'controls', onsubmit: (e) => (e.preventDefault(), apply()) },
    field('Focus group', fg),
    field('Topic', topic),
    field('Per', interval),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
  );
  for (const s of [fg, topic, interval]) s.addEventListener('change', () => apply());
  const body = h('div', { class: 'trends-body', 'aria-live': 'polite' });
  const themes = h('div', { class: 'themes-body', 'aria-live': 'polite' });
  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Trends'),
    h('p', { class: 'lead' }, 'Mentions over time and the emerging trends in the IWG documents.'),
    form,
    body,
    themes,
  );

  getFacets().then(
    (facets) => {
      for (const f of facets.focusGroups ?? []) fg.append(h('option', { value: f.id }, f.name));
      for (const t of facets.topics ?? []) topic.append(h('option', { value: t.id }, t.name));
      syncControls();
    },
    () => {},
  );

  function syncControls() {
    fg.value = query.get('focusGroup') ?? '';
    topic.value = query.get('topic') ?? '';
    interval.value = query.get('interval') === 'quarter' ? 'quarter' : 'year';
  }

  function apply() {
    const q = qs({
      focusGroup: fg.value,
      topic: topic.value,
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
      from: query.get('from'),
      to: query.get('to'),
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
    const trends = [...(answer.trends ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const topics = [...(answer.topics ?? [])].sort((a, b) => b.total - a.total);
    if (!periods.length || (!trends.length && !topics.length)) {
      replace(
        body,
        empty('No dated mentions for this selection. Choose another focus group or topic, or ingest dated documents.'),
      );
      return;
    }
    const sections = [];
    if (trends.length)
      sections.push(chartSection('trend-chart', 'Trend mentions per period', periods, trends.slice(0, SERIES)));
    if (topics.length)
      sections.push(chartSection('topic-chart', 'Topic mentions per period', periods, topics.slice(0, SERIES)));
    replace(body, h('div', { class: 'charts' }, ...sections.map((s) => s.el)), rankedTrends(trends));
    charts = sections.map((s) => new Chart(s.canvas, chartConfig(periods, s.series)));
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

function chartSection(id, title, periods, series) {
  const canvas = h('canvas', {
    id,
    role: 'img',
    'aria-label': `${title}: line chart; the table below lists the values`,
  });
  const table = h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Entity'), ...periods.map((p) => h('th', { scope: 'col' }, p))),
    ),
    h(
      'tbody',
      {},
      ...series.map((s) =>
        h('tr', {}, h('th', { scope: 'row' }, s.entity.name), ...s.counts.map((c) => h('td', {}, String(c)))),
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
  return { el, canvas, series };
}

function chartConfig(periods, series) {
  return {
    type: 'line',
    data: {
      labels: periods,
      datasets: series.map((s, i) => ({
        label: s.entity.name,
        data: s.counts,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        tension: 0,
        pointRadius: 3,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Mentions' } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    },
  };
}

function rankedTrends(trends) {
  return h(
    'section',
    { class: 'ranked', 'aria-labelledby': 'ranked-h' },
    h('h2', { id: 'ranked-h' }, 'Emerging trends'),
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
                  { class: 'muted small' },
                  `${t.total} mention${t.total === 1 ? '' : 's'} · growth ${growth(t.growth)} · z ${formatNumber(t.zScore, 2)}`,
                ),
              ),
              t.evidence?.length
                ? h(
                    'details',
                    { open: t.rank <= 2 },
                    h('summary', {}, `Evidence (${t.evidence.length})`),
                    h(
                      'ul',
                      { class: 'evidence' },
                      ...t.evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
                    ),
                  )
                : null,
            ),
          ),
        )
      : empty('No trend mentions in this selection.'),
  );
}

function growth(g) {
  if (typeof g !== 'number' || !Number.isFinite(g)) return '–';
  return `${g >= 0 ? '+' : ''}${formatNumber(g * 100, 0)}%`;
}
