/**
 * The analysts' page: a small History-API router. The URL holds the view and all of its state (query, mode,
 * filters, selected entities), so every screen can be shared as a link and the back button works.
 */
import { h, replace } from './dom.js';
import * as searchView from './views/search.js';
import * as practiceView from './views/practice.js';
import * as entityView from './views/entity.js';
import * as trendsView from './views/trends.js';
import * as graphView from './views/graph.js';
import * as documentView from './views/document.js';
import * as uploadView from './views/upload.js';
import * as communitiesView from './views/communities.js';
import { PAGE_ROUTES } from './routes.js';

/** The view module of each page route (web/routes.js); each exports mount(el, ctx) → { update?(ctx), destroy?() }. */
const VIEWS = {
  search: searchView,
  practice: practiceView,
  entity: entityView,
  trends: trendsView,
  graph: graphView,
  communities: communitiesView,
  document: documentView,
  upload: uploadView,
};
const ROUTES = PAGE_ROUTES.map((route) => ({ ...route, view: VIEWS[route.name] }));

const main = document.getElementById('main');
let current = null;

function match(pathname) {
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params = {};
    (route.keys ?? []).forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
    return { route, params };
  }
  return null;
}

/** Goes to a page URL; replace=true rewrites the current history entry (used while typing). */
export function navigate(url, { replace: replaceEntry = false } = {}) {
  const target = new URL(url, location.origin);
  if (target.pathname + target.search + target.hash === location.pathname + location.search + location.hash) return;
  if (replaceEntry) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  render();
}

function context(found) {
  return { params: found.params, query: new URLSearchParams(location.search), navigate };
}

function markNav(name) {
  for (const a of document.querySelectorAll('.site-nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function render() {
  const found = match(location.pathname);
  if (!found) {
    current?.instance?.destroy?.();
    current = null;
    markNav('');
    document.title = 'Page not found · iwg-graph';
    replace(
      main,
      h('h1', { tabindex: '-1' }, 'Page not found'),
      h('p', {}, 'This address is not a page of iwg-graph. ', h('a', { href: '/' }, 'Go to search'), '.'),
    );
    return;
  }
  markNav(found.route.name);
  const ctx = context(found);
  const sameView =
    current && current.route === found.route && JSON.stringify(current.params) === JSON.stringify(found.params);
  if (sameView && current.instance?.update) {
    current.instance.update(ctx);
    return;
  }
  current?.instance?.destroy?.();
  const el = h('div', { class: `view view-${found.route.name}` });
  replace(main, el);
  const instance = found.route.view.mount(el, ctx) ?? {};
  current = { route: found.route, params: found.params, instance };
  // Move focus to the new view's heading so keyboard and screen-reader users start at the top of it.
  if (document.activeElement === document.body || document.activeElement?.closest('a')) {
    el.querySelector('h1')?.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
}

function isPageLink(a, event) {
  if (!a || event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (a.target && a.target !== '_self') return false;
  if (a.hasAttribute('download')) return false;
  const url = new URL(a.href, location.origin);
  return url.origin === location.origin && match(url.pathname) !== null;
}

document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!isPageLink(a, event)) return;
  event.preventDefault();
  navigate(a.href);
});
window.addEventListener('popstate', render);
render();
