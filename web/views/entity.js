/**
 * Entity page: relations with their evidence sentences, the sentences that mention it most (each expandable to its
 * passage), practices and co-occurring entities; the names in every evidence sentence are marked.
 */
import { api } from '../api.js';
import { evidenceQuote } from '../excerpt.js';
import {
  h,
  replace,
  loading,
  empty,
  errorBox,
  entityChip,
  documentLine,
  practiceHref,
  kindLabel,
  facts,
  showNotFound,
} from '../dom.js';

const FILTER_PARAM = { country: 'country', focusGroup: 'focusGroup', topic: 'topic', trend: 'trend' };

export function mount(el, ctx) {
  const { type, id } = ctx.params;
  const controller = new AbortController();

  async function load() {
    replace(el, h('h1', { tabindex: '-1' }, kindLabel(type)), loading('Loading the entity'));
    try {
      const answer = await api(`/api/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}`, {
        signal: controller.signal,
      });
      if (!controller.signal.aborted) render(answer);
    } catch (err) {
      if (controller.signal.aborted) return;
      // An unknown kind in the address (/entity/widget/…) is a page that does not exist, not an error to show.
      const unknownKind = err?.kind === 'invalid' && err.errors?.some((e) => e.field === 'params.type');
      if (unknownKind) return showNotFound(el, 'Page not found', `There is no kind of entity called “${type}”.`);
      if (err?.kind === 'not-found')
        return showNotFound(
          el,
          `${kindLabel(type)} not found`,
          `No ${kindLabel(type).toLowerCase()} has the id “${id}” in the knowledge graph.`,
        );
      replace(el, h('h1', { tabindex: '-1' }, `${kindLabel(type)} ${id}`), errorBox(err, load));
    }
  }

  function render(answer) {
    const entity = answer.entity;
    document.title = `${entity.name} · iwg-graph`;
    replace(
      el,
      h('p', { class: `eyebrow kind-text-${entity.type}` }, kindLabel(entity.type)),
      h('h1', { tabindex: '-1' }, entity.name),
      entity.description ? h('p', { class: 'lead' }, entity.description) : null,
      details(entity),
      communityLine(answer.community),
      actions(entity),
      h(
        'div',
        { class: 'two-col' },
        relationsSection(answer.relations ?? []),
        h('div', {}, practicesSection(answer.practices ?? []), relatedSection(answer.related ?? [])),
      ),
      passagesSection(answer.passages ?? []),
    );
  }

  load();
  return { destroy: () => controller.abort() };
}

function details(entity) {
  const items = [];
  if (entity.aliases?.length) items.push(['Also called', entity.aliases.join(' · ')]);
  if (entity.establishedIn) {
    const e = entity.establishedIn;
    items.push(['Established in', typeof e === 'object' && e.id ? entityChip(e) : String(e.name ?? e)]);
  }
  items.push(['Id', entity.id]);
  return facts(items);
}

/** "In community 3 (Belgium · IAEA) with A, B, C and 4 more", linking to the communities page. */
function communityLine(community) {
  if (!community) return null;
  const others = community.members ?? [];
  const more = community.size - 1 - others.length;
  const withList = others.flatMap((m, i) => [
    i === 0 ? '' : i === others.length - 1 && more <= 0 ? ' and ' : ', ',
    entityChip(m),
  ]);
  return h(
    'p',
    { class: 'community-line' },
    'In ',
    h('a', { href: '/communities' }, `community ${community.ordinal} (${community.name})`),
    others.length ? ' with ' : '',
    ...withList,
    more > 0 ? ` and ${more} more` : '',
    '.',
  );
}

function actions(entity) {
  const q = new URLSearchParams({ q: entity.name, mode: 'hybrid' });
  const param = FILTER_PARAM[entity.type];
  const links = [
    h('a', { class: 'button', href: `/search?${q}` }, 'Search for it'),
    param
      ? h(
          'a',
          {
            class: 'button',
            href: `/search?${new URLSearchParams({ q: entity.name, mode: 'hybrid', [param]: entity.id })}`,
          },
          'Search within it',
        )
      : null,
    h(
      'a',
      { class: 'button', href: `/graph?${new URLSearchParams({ type: entity.type, id: entity.id })}` },
      'Explore in graph',
    ),
    entity.type === 'focusGroup' || entity.type === 'topic'
      ? h('a', { class: 'button', href: `/trends?${new URLSearchParams({ [entity.type]: entity.id })}` }, 'Trends')
      : null,
  ];
  return h('p', { class: 'actions' }, ...links);
}

function evidenceList(evidence) {
  if (!evidence?.length) return null;
  return h(
    'ul',
    { class: 'evidence' },
    ...evidence.map((ev) => h('li', {}, evidenceQuote(ev), documentLine(ev.document, ev.span))),
  );
}

function relationsSection(relations) {
  return h(
    'section',
    { 'aria-labelledby': 'rel-h', class: 'card' },
    h('h2', { id: 'rel-h' }, `Relations (${relations.length})`),
    relations.length
      ? h(
          'ul',
          { class: 'relations' },
          ...relations.map((r) =>
            h(
              'li',
              {},
              h(
                'p',
                { class: 'relation' },
                ...(r.direction === 'in'
                  ? [
                      entityChip(r.other),
                      h('span', { class: 'rel-type' }, `${humanise(r.type)} →`),
                      h('span', {}, 'this'),
                    ]
                  : [
                      h('span', {}, 'This'),
                      h('span', { class: 'rel-type' }, `${humanise(r.type)} →`),
                      entityChip(r.other),
                    ]),
              ),
              r.evidence?.length
                ? h(
                    'details',
                    { open: relations.length <= 6 },
                    h('summary', {}, `Evidence (${r.evidence.length})`),
                    evidenceList(r.evidence),
                  )
                : h('p', { class: 'muted small' }, 'No evidence sentence recorded.'),
            ),
          ),
        )
      : empty('No relation recorded.'),
  );
}

function humanise(relType) {
  return String(relType).toLowerCase().replace(/_/g, ' ');
}

function practicesSection(practices) {
  return h(
    'section',
    { 'aria-labelledby': 'prac-h', class: 'card' },
    h('h2', { id: 'prac-h' }, `Practices (${practices.length})`),
    practices.length
      ? h(
          'ul',
          { class: 'practice-links' },
          ...practices.map((p) => h('li', {}, h('a', { href: practiceHref(p.id) }, p.text))),
        )
      : empty('No practice linked.'),
  );
}

function relatedSection(related) {
  return h(
    'section',
    { 'aria-labelledby': 'co-h', class: 'card' },
    h('h2', { id: 'co-h' }, 'Co-occurring entities'),
    related.length
      ? h(
          'ul',
          { class: 'chips' },
          ...related.map((r) =>
            h(
              'li',
              {},
              entityChip(r),
              h(
                'span',
                { class: 'weight', title: 'Sentences naming both (and passages linking one by meaning)' },
                ` ${r.weight ?? ''}`,
              ),
            ),
          ),
        )
      : empty('None.'),
  );
}

/** The passages that mention it most, each shown as its sentence naming it (expandable to the passage). */
function passagesSection(passages) {
  return h(
    'section',
    { 'aria-labelledby': 'pass-h' },
    h('h2', { id: 'pass-h' }, 'Where the documents mention it'),
    passages.length
      ? h(
          'ol',
          { class: 'passages' },
          ...passages.map((p) =>
            p.evidence
              ? h('li', { class: 'card' }, evidenceQuote(p.evidence, p), documentLine(p.document, p.evidence.span))
              : h('li', { class: 'card' }, h('blockquote', {}, p.text), documentLine(p.document, p.span)),
          ),
        )
      : empty('No passage mentions it.'),
  );
}
