/**
 * The interactive graph of the explorer (Cytoscape): pan and zoom, click a node to open its page, click an edge
 * to show its evidence in the side panel. Every node and edge is also listed as links and buttons beside the
 * canvas, so the graph is usable from the keyboard.
 */
import { evidenceQuote } from '../excerpt.js';
import { h, replace, documentLine, entityHref, kindLabel, empty } from '../dom.js';
import { loadCytoscape } from '../vendor.js';

const KIND_COLOURS = {
  focusGroup: '#1f5fa8',
  topic: '#2b8a3e',
  country: '#c4432b',
  organisation: '#8a4fbf',
  instrument: '#5c6b2e',
  event: '#d08700',
  attribute: '#b3367a',
  trend: '#0b7a87',
  practice: '#4a5568',
  document: '#7a6f5a',
};

/** Label size on screen, in CSS pixels, whatever the zoom (the style's sizes are divided by the zoom). */
const LABEL_PX = 13;
const EDGE_LABEL_PX = 11;

/** The style at zoom `zoom`: labels keep their on-screen size; a label that would not fit is left off. */
function styleFor(zoom, labelled) {
  const px = (n) => n / zoom;
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        label: '',
        color: '#1a202c',
        'font-size': px(LABEL_PX),
        'text-wrap': 'wrap',
        'text-max-width': px(110),
        // Outward from the focus (set after the layout): labels grow into the free space around their ring.
        'text-valign': 'data(valign)',
        'text-halign': 'data(halign)',
        'text-margin-y': 'data(marginY)',
        'text-margin-x': 'data(marginX)',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': px(2),
        'text-background-shape': 'roundrectangle',
        width: px(16),
        height: px(16),
      },
    },
    { selector: labelled, style: { label: 'data(short)', 'z-index': 2 } },
    {
      selector: 'node[?focus]',
      style: { width: px(26), height: px(26), 'border-width': px(3), 'border-color': '#111', 'font-weight': 'bold' },
    },
    { selector: 'node[type = "practice"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[type = "document"]', style: { shape: 'rectangle' } },
    {
      selector: 'edge',
      style: {
        // Co-occurrence: width and shade by strength (most links are below 0.2), no label — the type says nothing new.
        width: `mapData(strength, 0, 0.2, ${px(1)}, ${px(5)})`,
        'line-color': '#a0aec0',
        'line-opacity': 'mapData(strength, 0, 0.2, 0.35, 0.9)',
        'curve-style': 'bezier',
        'font-size': px(EDGE_LABEL_PX),
        color: '#2d3748',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': px(1),
      },
    },
    {
      selector: 'edge[?fact]',
      style: {
        width: px(2.5),
        'line-color': '#2b6cb0',
        'line-opacity': 1,
        'target-arrow-color': '#2b6cb0',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 1.2,
      },
    },
    // Links between two neighbours cross the middle: drawn faintly, under the focus's own links.
    { selector: 'edge[!fact][!spoke]', style: { 'line-opacity': 0.22, width: px(1) } },
    { selector: 'edge[?fact][?labelled]', style: { label: 'data(label)' } },
    {
      selector: ':selected',
      style: {
        label: 'data(label)',
        'line-color': '#d08700',
        'line-opacity': 1,
        'target-arrow-color': '#d08700',
        'border-width': px(3),
        'border-color': '#d08700',
      },
    },
  ];
}

/** How strongly a neighbour is linked to the focus, for the node list (the answer ranks by it). */
function scoreText(node, focusId) {
  if (node.score === undefined || node.id === focusId) return '';
  return node.score >= 1 ? ' · stated facts' : ` · strength ${Number(node.score).toPrecision(2)}`;
}

/** Labels longer than this are cut (the full name is in the list and on hover); a wrapped label has 2 lines at most. */
const SHORT_LABEL = 34;
const shortLabel = (label) => (label.length > SHORT_LABEL ? `${label.slice(0, SHORT_LABEL - 1).trimEnd()}…` : label);

export function edgeLabel(type) {
  return String(type ?? '')
    .toLowerCase()
    .replace(/_/g, ' ');
}

/**
 * Draws { nodes, edges } (the neighbourhood shape of docs/api.md) into `container` and fills `panel`.
 * @returns {Promise<{ destroy: () => void, cy: object }>}
 */
export async function drawGraph(container, panel, graph, { focusId, rootId, navigate }) {
  const cytoscape = await loadCytoscape();
  // The answer lists the focus first, then neighbours strongest first.
  const rank = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const elements = [
    ...graph.nodes.map((n) => ({
      group: 'nodes',
      data: {
        id: n.id,
        label: n.label,
        short: shortLabel(n.label),
        type: n.type,
        colour: KIND_COLOURS[n.type] ?? '#718096',
        focus: n.id === focusId,
        rank: rank.get(n.id),
        halign: 'center',
        valign: 'bottom',
        marginX: 0,
        marginY: 3,
      },
    })),
    ...graph.edges
      .filter((e) => labels.has(e.source) && labels.has(e.target))
      .map((e) => ({
        group: 'edges',
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          label: edgeLabel(e.type),
          strength: e.strength ?? (e.type === 'RELATED_TO' ? 0 : 1),
          fact: e.type !== 'RELATED_TO',
          spoke: e.source === focusId || e.target === focusId,
          // Fact labels on the focus's edges only when there are many: the rest show theirs when selected.
          labelled: graph.edges.length <= 30 || e.source === focusId || e.target === focusId,
        },
      })),
  ];
  const cy = cytoscape({ container, elements, style: styleFor(1, 'node'), minZoom: 0.2, maxZoom: 3 });
  cy.layout(layoutFor(graph, focusId, rootId)).run();
  if (focusId) spreadRings(cy, container);
  // A small graph fitted to a large canvas zooms in until it looks crude: cap the initial zoom.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  fitLabels(cy, container);
  // Labels reach past the nodes at the canvas's edges: fit once more with them.
  if (focusId) {
    cy.fit(undefined, 12);
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    fitLabels(cy, container);
  }
  cy.on('zoom', () => fitLabels(cy, container));
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));

  const detail = h(
    'div',
    { class: 'edge-detail', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Click an edge (or a button below) to see its evidence; click a node to open its page.'),
  );
  const showEdge = (edge) => {
    cy.elements().unselect();
    cy.getElementById(edge.id).select();
    replace(detail, edgeEvidence(edge, labels));
  };
  cy.on('tap', 'node', (evt) => {
    const node = nodeById.get(evt.target.id());
    if (!node) return;
    // Documents have no page of their own: show what the node is instead.
    if (node.type === 'document') replace(detail, h('h3', {}, `${kindLabel(node.type)}: ${node.label}`));
    else navigate(entityHref(node));
  });
  cy.on('tap', 'edge', (evt) => {
    const edge = edgeById.get(evt.target.id());
    if (edge) showEdge(edge);
  });

  const nodeLinks = graph.nodes.map((n) =>
    h(
      'li',
      {},
      h('span', { class: `dot kind-${n.type}`, 'aria-hidden': 'true' }),
      n.type === 'document' ? n.label : h('a', { href: entityHref(n) }, n.label),
      h('span', { class: 'muted small' }, ` ${kindLabel(n.type)}${scoreText(n, focusId)}`),
    ),
  );
  const edgeButtons = graph.edges.map((e) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'link-button', onclick: () => showEdge(e) },
        `${labels.get(e.source) ?? e.source} — ${edgeLabel(e.type)} → ${labels.get(e.target) ?? e.target}`,
      ),
    ),
  );
  replace(
    panel,
    h('h2', {}, 'Evidence'),
    detail,
    h(
      'details',
      { open: graph.nodes.length <= 30 },
      h('summary', {}, `Nodes (${graph.nodes.length})`),
      h('ul', { class: 'node-list' }, ...nodeLinks),
    ),
    h(
      'details',
      {},
      h('summary', {}, `Edges (${graph.edges.length})`),
      h('ul', { class: 'edge-list' }, ...edgeButtons),
    ),
  );
  return { cy, destroy: () => cy.destroy() };
}

/**
 * Node labels are sized for the screen (LABEL_PX whatever the zoom), so how many fit depends on the zoom: the focus
 * and then each node in rank order (strongest first) is labelled when its label overlaps no label already placed.
 * The list beside the canvas names every node.
 */
function fitLabels(cy, container) {
  const zoom = cy.zoom();
  const key = `${zoom.toFixed(3)}|${container.clientWidth}`;
  if (container.dataset.styled === key) return;
  container.dataset.styled = key;
  cy.nodes().forEach((n) => n.data('labelled', true));
  cy.style(styleFor(zoom, 'node[?labelled]'));
  const placed = [];
  const gap = 2 / zoom;
  const overlaps = (a, b) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;
  const byRank = cy.nodes().sort((a, b) => (a.data('rank') ?? 1e9) - (b.data('rank') ?? 1e9));
  byRank.forEach((n) => {
    const box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    const fits = !placed.some((p) => overlaps(p, box));
    n.data('labelled', fits);
    if (fits) placed.push(box);
  });
  cy.style(styleFor(zoom, 'node[?labelled]'));
  container.dataset.labelled = String(cy.nodes('[?labelled]').length);
}

/**
 * Rings drawn as ellipses as wide as the canvas allows, and each label placed outward from the focus (right of a
 * node on the right, above one at the top …), where the space between and around the rings is.
 */
function spreadRings(cy, container) {
  const focus = cy.nodes('[?focus]').first();
  if (focus.empty()) return;
  const c = focus.position();
  const stretch = Math.max(1, Math.min(1.8, container.clientWidth / Math.max(container.clientHeight, 1)));
  cy.nodes().positions((n) => ({ x: c.x + (n.position('x') - c.x) * stretch, y: n.position('y') }));
  cy.fit(undefined, 30);
  cy.nodes().forEach((n) => {
    if (n.same(focus)) return;
    const dx = n.position('x') - c.x;
    const dy = n.position('y') - c.y;
    const side = Math.abs(dx) > Math.abs(dy) * 0.8;
    n.data({
      halign: side ? (dx > 0 ? 'right' : 'left') : 'center',
      valign: side ? 'center' : dy > 0 ? 'bottom' : 'top',
      marginX: side ? (dx > 0 ? 3 : -3) : 0,
      marginY: side ? 0 : dy > 0 ? 3 : -3,
    });
  });
}

/** Ring sizes around the focus, strongest nearest: 9, 18, 27 …, as many as each ring's circumference holds. */
const RINGS = [9, 18, 27, 36, 45, 54, 63];

/** The ring of the node ranked `rank` (0 = the focus). */
function bandOf(rank) {
  let first = 1;
  for (let i = 0; i < RINGS.length; i++) {
    if (rank < first + RINGS[i]) return i + 1;
    first += RINGS[i];
  }
  return RINGS.length + 1;
}

/** Rings around the focus for a neighbourhood (strongest nearest), left-to-right levels for paths, else force-directed. */
function layoutFor(graph, focusId, rootId) {
  const common = { animate: false, padding: 30 };
  if (focusId && graph.nodes.some((n) => n.id === focusId)) {
    // Rank, not hops: the answer ranks a neighbour two hops away by its path's strength too.
    return {
      ...common,
      name: 'concentric',
      concentric: (n) => {
        const band = bandOf(n.data('rank') ?? graph.nodes.length);
        return RINGS.length + 2 - (n.data('focus') ? 0 : band);
      },
      levelWidth: () => 1,
      minNodeSpacing: 70,
      spacingFactor: 1,
    };
  }
  if (rootId && graph.nodes.some((n) => n.id === rootId)) {
    return { ...common, name: 'breadthfirst', roots: [rootId], directed: false, spacingFactor: 1.2 };
  }
  return { ...common, name: 'cose', nodeRepulsion: () => 9000, idealEdgeLength: () => 110 };
}

function edgeEvidence(edge, labels) {
  const title = `${labels.get(edge.source) ?? edge.source} — ${edgeLabel(edge.type)} → ${labels.get(edge.target) ?? edge.target}`;
  return [
    h('h3', {}, title),
    edge.type === 'RELATED_TO' && edge.strength !== undefined
      ? h(
          'p',
          { class: 'muted small' },
          `Co-occurrence strength ${Number(edge.strength).toPrecision(2)}`,
          edge.weight !== undefined ? ` · ${edge.weight} sentences or passages name both` : '',
        )
      : null,
    edge.evidence?.length
      ? h(
          'ul',
          { class: 'evidence' },
          ...edge.evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
        )
      : empty('No evidence sentence recorded for this edge.'),
  ];
}

/**
 * Converts the paths answer to the neighbourhood shape so one drawing serves both. An edge points the way its fact is
 * stored (a hop walked `backward` is drawn from `to` to `from`), as the neighbourhood draws it.
 */
export function pathsToGraph(paths) {
  const nodes = new Map();
  const edges = new Map();
  for (const path of paths) {
    for (const n of path.nodes ?? []) nodes.set(n.id, { id: n.id, type: n.type, label: n.name });
    for (const hop of path.hops ?? []) {
      nodes.set(hop.from.id, { id: hop.from.id, type: hop.from.type, label: hop.from.name });
      nodes.set(hop.to.id, { id: hop.to.id, type: hop.to.type, label: hop.to.name });
      const [source, target] = hop.direction === 'backward' ? [hop.to.id, hop.from.id] : [hop.from.id, hop.to.id];
      const id = `${source}|${hop.type}|${target}`;
      if (!edges.has(id)) edges.set(id, { id, source, target, type: hop.type, evidence: hop.evidence ?? [] });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
