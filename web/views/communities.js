/**
 * Communities view: the communities of the entity graph (GET /api/communities), largest first, each with its
 * members as chips and its central connectors — by PageRank and by betweenness — with the sentence that evidences
 * each connector's strongest link inside the community (the two names marked).
 */
import { api, qs } from '../api.js';
import { evidenceQuote } from '../excerpt.js';
import { h, replace, loading, empty, errorBox, entityChip, documentLine, formatNumber, field } from '../dom.js';

const SIZES = [10, 20, 50, 100];

export function mount(el, ctx) {
  let query = ctx.query;
  let inflight = null;
  const limit = h('select', { id: 'c-limit', name: 'limit' }, ...SIZES.map((n) => h('option', { value: n }, n)));
  limit.addEventListener('change', () =>
    ctx.navigate(`/communities${qs({ limit: limit.value === '20' ? '' : limit.value })}`),
  );
  const body = h('div', { class: 'communities-body', 'aria-live': 'polite' });
  replace(
    el,
    h('h1', { tabindex: '-1' }, 'Communities'),
    h(
      'p',
      { class: 'lead' },
      'Groups of entities the documents tie together (Louvain over co-occurrence strength), with ',
      'their central connectors: by PageRank (most linked within the graph) and by betweenness (bridges between groups).',
    ),
    h('form', { class: 'controls', onsubmit: (e) => e.preventDefault() }, field('Communities', limit)),
    body,
  );

  async function run() {
    document.title = 'Communities · iwg-graph';
    const n = SIZES.includes(Number(query.get('limit'))) ? Number(query.get('limit')) : 20;
    limit.value = String(n);
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    replace(body, loading('Loading communities'));
    try {
      const answer = await api(`/api/communities${qs({ limit: n })}`, { signal: controller.signal });
      if (!controller.signal.aborted) render(answer);
    } catch (err) {
      if (!controller.signal.aborted) replace(body, errorBox(err, run));
    }
  }

  function render(answer) {
    if (!answer.communities.length) {
      replace(body, empty('No communities yet: they are computed once documents link entities.'));
      return;
    }
    const shown = answer.communities.length;
    replace(
      body,
      h(
        'p',
        { class: 'muted small' },
        `${shown} of ${answer.total} communities` +
          (answer.computedAt ? ` · computed ${answer.computedAt.slice(0, 16).replace('T', ' ')} UTC` : '') +
          (answer.seed !== null ? ` · seed ${answer.seed}` : ''),
      ),
      h('ol', { class: 'communities' }, ...answer.communities.map(communityCard)),
    );
  }

  run();
  return {
    update(next) {
      query = next.query;
      run();
    },
    destroy: () => inflight?.abort(),
  };
}

function communityCard(c) {
  const headingId = `community-${c.ordinal}`;
  return h(
    'li',
    { class: 'card community', 'aria-labelledby': headingId },
    h(
      'h2',
      { id: headingId },
      `Community ${c.ordinal}: ${c.name}`,
      h('span', { class: 'muted small' }, ` · ${c.size} entities`),
    ),
    h('ul', { class: 'chips' }, ...c.members.map((m) => h('li', {}, entityChip(m)))),
    c.size > c.members.length ? h('p', { class: 'muted small' }, `and ${c.size - c.members.length} more`) : null,
    c.connectors.length
      ? h(
          'details',
          { open: c.ordinal <= 3 },
          h('summary', {}, `Central connectors (${c.connectors.length})`),
          h('ul', { class: 'connectors' }, ...c.connectors.map(connectorItem)),
        )
      : null,
  );
}

function connectorItem(k) {
  const scores = `PageRank ${formatNumber(k.pagerank, 3)} · betweenness ${formatNumber(k.betweenness, 3)}`;
  return h(
    'li',
    { class: 'connector' },
    h(
      'p',
      { class: 'relation' },
      entityChip(k.entity),
      h('span', { class: 'muted small', title: scores }, ` top by ${k.by.join(' and ')} · ${scores}`),
    ),
    k.link
      ? h(
          'p',
          { class: 'relation small' },
          h(
            'span',
            { class: 'rel-type' },
            // Co-occurrence states no direction; a stated fact points one way.
            k.link.type === 'RELATED_TO' ? 'co-occurs with' : `${humanise(k.link.type)} →`,
          ),
          entityChip(k.link.other),
          k.link.type === 'RELATED_TO'
            ? h('span', { class: 'weight' }, ` strength ${formatNumber(k.link.strength, 3)}`)
            : null,
        )
      : null,
    k.evidence.length
      ? h(
          'ul',
          { class: 'evidence' },
          ...k.evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
        )
      : null,
  );
}

function humanise(relType) {
  return String(relType).toLowerCase().replace(/_/g, ' ');
}
