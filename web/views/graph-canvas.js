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

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#1a202c',
      'font-size': 11,
      'text-wrap': 'ellipsis',
      'text-max-width': 140,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': 2,
      width: 22,
      height: 22,
    },
  },
  {
    selector: 'node[?focus]',
    style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' },
  },
  { selector: 'node[type = "practice"]', style: { shape: 'round-rectangle' } },
  { selector: 'node[type = "document"]', style: { shape: 'rectangle' } },
  {
    selector: 'edge',
    style: {
      width: 'mapData(weight, 0, 10, 1.5, 6)',
      'line-color': '#a0aec0',
      'target-arrow-color': '#a0aec0',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      color: '#4a5568',
      'text-rotation': 'autorotate',
      'text-opacity': 0.85,
    },
  },
  { selector: 'edge[?hasEvidence]', style: { 'line-color': '#718096', 'target-arrow-color': '#718096' } },
  {
    selector: ':selected',
    style: { 'line-color': '#d08700', 'target-arrow-color': '#d08700', 'border-width': 3, 'border-color': '#d08700' },
  },
];

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
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const elements = [
    ...graph.nodes.map((n) => ({
      group: 'nodes',
      data: {
        id: n.id,
        label: n.label,
        type: n.type,
        colour: KIND_COLOURS[n.type] ?? '#718096',
        focus: n.id === focusId,
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
          weight: e.weight ?? 1,
          hasEvidence: Boolean(e.evidence?.length),
          touchesFocus: e.source === focusId || e.target === focusId,
        },
      })),
  ];
  // Labels on every edge of a dense graph are unreadable: then only the selected edge and the focus's edges say theirs.
  const dense = graph.edges.length > 40;
  const style = dense
    ? [
        ...STYLE,
        { selector: 'edge', style: { label: '', 'line-opacity': 0.45 } },
        { selector: 'edge[?touchesFocus], edge:selected', style: { label: 'data(label)', 'line-opacity': 1 } },
      ]
    : STYLE;
  const cy = cytoscape({ container, elements, style, minZoom: 0.2, maxZoom: 3 });
  cy.layout(layoutFor(graph, focusId, rootId)).run();
  // A small graph fitted to a large canvas zooms in until labels are huge: cap the initial zoom.
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
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
      h('span', { class: 'muted small' }, ` ${kindLabel(n.type)}`),
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

/** Hops from `start` to every node, treating edges as undirected. */
function distancesFrom(graph, start) {
  const adjacent = new Map(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    adjacent.get(e.source)?.push(e.target);
    adjacent.get(e.target)?.push(e.source);
  }
  const dist = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const id = queue.shift();
    for (const next of adjacent.get(id) ?? []) {
      if (!dist.has(next)) {
        dist.set(next, dist.get(id) + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

/** Rings around the focus for a neighbourhood, left-to-right levels for paths, force-directed otherwise. */
function layoutFor(graph, focusId, rootId) {
  const common = { animate: false, padding: 30 };
  if (focusId && graph.nodes.some((n) => n.id === focusId)) {
    const dist = distancesFrom(graph, focusId);
    const far = Math.max(...dist.values()) + 1;
    return {
      ...common,
      name: 'concentric',
      concentric: (n) => far - (dist.get(n.id()) ?? far),
      levelWidth: () => 1,
      minNodeSpacing: 40,
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
    edge.weight !== undefined ? h('p', { class: 'muted small' }, `Weight ${edge.weight}`) : null,
    edge.evidence?.length
      ? h(
          'ul',
          { class: 'evidence' },
          ...edge.evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
        )
      : empty('No evidence sentence recorded for this edge.'),
  ];
}

/** Converts the paths answer to the neighbourhood shape so one drawing serves both. */
export function pathsToGraph(paths) {
  const nodes = new Map();
  const edges = new Map();
  for (const path of paths) {
    for (const n of path.nodes ?? []) nodes.set(n.id, { id: n.id, type: n.type, label: n.name });
    for (const hop of path.hops ?? []) {
      nodes.set(hop.from.id, { id: hop.from.id, type: hop.from.type, label: hop.from.name });
      nodes.set(hop.to.id, { id: hop.to.id, type: hop.to.type, label: hop.to.name });
      const id = `${hop.from.id}|${hop.type}|${hop.to.id}`;
      if (!edges.has(id))
        edges.set(id, { id, source: hop.from.id, target: hop.to.id, type: hop.type, evidence: hop.evidence ?? [] });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
