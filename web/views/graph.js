/**
 * Graph explorer: the neighbourhood of one entity (GET /api/graph/neighborhood) or the linkage paths between
 * two (GET /api/graph/paths). The URL holds the mode and the chosen entities.
 */
import { evidenceQuote } from '../excerpt.js';
import { api, qs } from '../api.js';
import { h, replace, loading, empty, errorBox, documentLine } from '../dom.js';
import { entityPicker } from './entity-picker.js';
import { drawGraph, pathsToGraph, edgeLabel } from './graph-canvas.js';

const PREFIX_KIND = { 'focus-group': 'focusGroup' };

/** The entity kind of an id such as 'country:BE' or 'focus-group:cybersecurity'. */
export function kindOfId(id) {
  const prefix = String(id).split(':')[0];
  return PREFIX_KIND[prefix] ?? prefix;
}

/** A labelled select; `values` are strings or [value, text] pairs. */
function select(id, values, label) {
  const option = (v) =>
    Array.isArray(v) ? h('option', { value: v[0] }, v[1]) : h('option', { value: String(v) }, String(v));
  return h(
    'div',
    { class: 'field narrow' },
    h('label', { for: id }, label),
    h('select', { id }, ...values.map(option)),
  );
}

/** The neighbourhood's defaults (GET /api/graph/neighborhood): what the URL leaves out. */
const HOOD_DEFAULTS = { depth: '1', limit: '25', minWeight: '0' };
const LIMITS = ['10', '25', '50', '100'];
// Co-occurrence strength is a smoothed Jaccard index: most links are below 0.1 (docs/graph-model.md).
const MIN_WEIGHTS = [
  ['0', 'any'],
  ['0.01', '≥ 0.01'],
  ['0.02', '≥ 0.02'],
  ['0.05', '≥ 0.05'],
  ['0.1', '≥ 0.1'],
  ['0.2', '≥ 0.2'],
];

/** The select's value when the URL's is one of its options, else the default. */
function setSelect(field, value, fallback) {
  const el = field.querySelector('select');
  el.value = [...el.options].some((o) => o.value === value) ? value : fallback;
  return el.value;
}

export function mount(el, ctx) {
  let query = ctx.query;
  let drawn = null;
  let inflight = null;

  const centre = entityPicker({ label: 'Entity', id: 'g-entity' });
  const from = entityPicker({ label: 'From', id: 'g-from' });
  const to = entityPicker({ label: 'To', id: 'g-to' });
  const depth = select('g-depth', [1, 2, 3], 'Depth');
  const limit = select('g-limit', LIMITS, 'Neighbours');
  const minWeight = select('g-min-weight', MIN_WEIGHTS, 'Min. strength');
  const hoodFacts = h('input', { type: 'checkbox', id: 'g-hood-facts' });
  const hops = select('g-hops', [1, 2, 3, 4, 5], 'Max hops');
  const practices = h('input', { type: 'checkbox', id: 'g-practices' });
  const factsOnly = h('input', { type: 'checkbox', id: 'g-facts-only' });
  const hoodForm = h(
    'form',
    { class: 'controls', onsubmit: (e) => (e.preventDefault(), submitHood()) },
    centre.el,
    depth,
    limit,
    minWeight,
    h('div', { class: 'check' }, hoodFacts, h('label', { for: 'g-hood-facts' }, 'Stated facts only')),
    h('div', { class: 'check' }, practices, h('label', { for: 'g-practices' }, 'Include practices')),
    h('button', { type: 'submit', class: 'primary' }, 'Show neighbourhood'),
  );
  const pathForm = h(
    'form',
    { class: 'controls', onsubmit: (e) => (e.preventDefault(), submitPaths()) },
    from.el,
    to.el,
    hops,
    h('div', { class: 'check' }, factsOnly, h('label', { for: 'g-facts-only' }, 'Stated facts only')),
    h('button', { type: 'submit', class: 'primary' }, 'Find paths'),
  );
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Explorer mode' });
  const canvas = h('div', {
    id: 'cy',
    class: 'graph-canvas',
    role: 'application',
    'aria-label': 'Graph: drag to pan, scroll to zoom, click a node to open it, click an edge for its evidence',
  });
  const panel = h('aside', { class: 'graph-panel card', 'aria-label': 'Graph details' });
  const status = h('div', { class: 'graph-status', 'aria-live': 'polite' });
  const pathList = h('div', { class: 'path-list' });
  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Graph explorer'),
    tabs,
    hoodForm,
    pathForm,
    status,
    h('div', { class: 'graph-layout' }, canvas, panel),
    pathList,
  );

  async function resolvePick(picker) {
    const picked = picker.value();
    if (picked) return picked;
    const text = picker.input.value.trim();
    if (!text) return null;
    const answer = await api(`/api/entities${qs({ q: text, limit: 1 })}`).catch(() => null);
    return answer?.results?.[0] ?? null;
  }

  async function submitHood() {
    const ref = await resolvePick(centre);
    if (!ref) return void replace(status, empty('Choose an entity from the suggestions first.'));
    const params = {
      type: ref.type,
      id: ref.id,
      depth: depth.querySelector('select').value,
      limit: limit.querySelector('select').value,
      minWeight: minWeight.querySelector('select').value,
    };
    for (const [k, v] of Object.entries(HOOD_DEFAULTS)) if (params[k] === v) params[k] = '';
    const checks = { factsOnly: hoodFacts.checked ? 'true' : '', practices: practices.checked ? 'true' : '' };
    ctx.navigate(`/graph${qs({ ...params, ...checks })}`);
  }

  async function submitPaths() {
    const [a, b] = await Promise.all([resolvePick(from), resolvePick(to)]);
    if (!a || !b) return void replace(status, empty('Choose both entities from the suggestions first.'));
    const params = { mode: 'paths', from: a.id, to: b.id, maxHops: hops.querySelector('select').value };
    ctx.navigate(`/graph${qs({ ...params, factsOnly: factsOnly.checked ? 'true' : '' })}`);
  }

  function clear() {
    inflight?.abort();
    drawn?.destroy();
    drawn = null;
    replace(pathList);
  }

  async function run() {
    clear();
    const isPaths = query.get('mode') === 'paths';
    document.title = `Graph explorer · iwg-graph`;
    replace(
      tabs,
      h('a', { href: '/graph', 'aria-current': isPaths ? null : 'page' }, 'Neighbourhood'),
      h('a', { href: '/graph?mode=paths', 'aria-current': isPaths ? 'page' : null }, 'Paths between entities'),
    );
    hoodForm.hidden = isPaths;
    pathForm.hidden = !isPaths;
    const controller = new AbortController();
    inflight = controller;
    let url;
    let focusId = null;
    if (isPaths) {
      const a = query.get('from');
      const b = query.get('to');
      hops.querySelector('select').value = query.get('maxHops') ?? '3';
      factsOnly.checked = query.get('factsOnly') === 'true';
      if (a) from.set(from.value()?.id === a ? from.value() : { id: a, type: kindOfId(a), name: a });
      if (b) to.set(to.value()?.id === b ? to.value() : { id: b, type: kindOfId(b), name: b });
      if (!a || !b) return idle('Choose two entities to see how the documents link them.');
      const onlyFacts = factsOnly.checked ? 'true' : 'false';
      url = `/api/graph/paths${qs({ from: a, to: b, maxHops: query.get('maxHops') ?? 3, limit: 5, factsOnly: onlyFacts })}`;
    } else {
      focusId = query.get('id');
      const bounds = {
        depth: setSelect(depth, query.get('depth'), HOOD_DEFAULTS.depth),
        limit: setSelect(limit, query.get('limit'), HOOD_DEFAULTS.limit),
        minWeight: setSelect(minWeight, query.get('minWeight'), HOOD_DEFAULTS.minWeight),
      };
      hoodFacts.checked = query.get('factsOnly') === 'true';
      practices.checked = query.get('practices') === 'true';
      if (!focusId) return idle('Choose an entity to see its neighbourhood, e.g. the IWG, a country or a focus group.');
      const type = query.get('type') ?? kindOfId(focusId);
      if (centre.value()?.id !== focusId) centre.set({ id: focusId, type, name: focusId });
      const checks = { factsOnly: String(hoodFacts.checked), practices: String(practices.checked) };
      url = `/api/graph/neighborhood${qs({ type, id: focusId, ...bounds, ...checks })}`;
    }
    replace(status, loading('Loading the graph'));
    panel.hidden = false;
    canvas.hidden = false;
    try {
      const answer = await api(url, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const graph = isPaths ? pathsToGraph(answer.paths ?? []) : answer;
      if (!graph.nodes?.length) {
        canvas.hidden = true;
        panel.hidden = true;
        return void replace(
          status,
          empty(
            isPaths
              ? 'No path links these two entities within the hop limit.'
              : 'This entity has no neighbours in the graph.',
          ),
        );
      }
      nameFromGraph(graph, isPaths);
      replace(status, h('p', { class: 'muted small' }, `${graph.nodes.length} nodes · ${graph.edges.length} edges`));
      drawn = await drawGraph(canvas, panel, graph, {
        focusId,
        rootId: isPaths ? query.get('from') : null,
        navigate: ctx.navigate,
      });
      if (isPaths) replace(pathList, pathsSection(answer.paths));
    } catch (err) {
      if (!controller.signal.aborted) replace(status, errorBox(err, run));
    }
  }

  /** The URL holds only ids: show the pickers with the names the answer carries. */
  function nameFromGraph(graph, isPaths) {
    const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
    for (const picker of isPaths ? [from, to] : [centre]) {
      const v = picker.value();
      if (v && names.has(v.id)) picker.set({ ...v, name: names.get(v.id) });
    }
  }

  function idle(message) {
    canvas.hidden = true;
    panel.hidden = true;
    replace(status, empty(message));
  }

  run();
  return {
    update(next) {
      query = next.query;
      run();
    },
    destroy: clear,
  };
}

/** Strengths below 1 are shown to 3 significant digits: products of associations are often small. */
const formatStrength = (s) => Number(s ?? 0).toPrecision(3);

/** What a path's kind says (docs/api.md): 'longer' is another route, weaker than the strongest. */
const KIND_TEXT = { shortest: 'shortest', strongest: 'strongest', longer: 'longer route' };

/** A path of stated facts says so; one through co-occurrence shows its strength. */
const strengthText = (p) =>
  p.hops.every((hop) => hop.type !== 'RELATED_TO') ? 'stated facts' : `strength ${formatStrength(p.strength)}`;

/**
 * A hop as the fact it states, subject first: a path walked against a fact's direction still reads the way the
 * fact is stored ("United States — co chairs → International Working Group"). Co-occurrence has no direction.
 */
function hopText(hop) {
  if (hop.direction === 'undirected' || hop.type === 'RELATED_TO')
    return `${hop.from.name} — ${edgeLabel(hop.type)} (${formatStrength(hop.strength)}) — ${hop.to.name}`;
  const [subject, object] = hop.direction === 'backward' ? [hop.to, hop.from] : [hop.from, hop.to];
  return `${subject.name} — ${edgeLabel(hop.type)} → ${object.name}`;
}

function pathsSection(paths) {
  return h(
    'section',
    { 'aria-labelledby': 'paths-h' },
    h('h2', { id: 'paths-h' }, `Paths (${paths.length})`),
    h(
      'ol',
      { class: 'paths' },
      ...paths.map((p) =>
        h(
          'li',
          { class: 'card' },
          h(
            'p',
            {},
            ...p.nodes.flatMap((n, i) => [
              i ? ' → ' : '',
              h('a', { href: `/entity/${encodeURIComponent(n.type)}/${encodeURIComponent(n.id)}` }, n.name),
            ]),
          ),
          h(
            'p',
            { class: 'muted small' },
            `${p.kind ? `${KIND_TEXT[p.kind] ?? p.kind} · ` : ''}${p.length} hop${p.length === 1 ? '' : 's'} · ${strengthText(p)}`,
          ),
          h(
            'ul',
            { class: 'hops' },
            ...p.hops.map((hop) =>
              h(
                'li',
                {},
                hopText(hop),
                hop.evidence?.[0]
                  ? [evidenceQuote(hop.evidence[0]), documentLine(hop.evidence[0].document, hop.evidence[0].span)]
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
