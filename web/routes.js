/**
 * The page's paths, one table for both sides: web/app.js maps each name to its view, and the server (src/web.ts)
 * answers each path with index.html, so every page the app links to also loads directly (a bookmark, a reload).
 * Pure data: no DOM, so Node imports it too.
 */

/** Path patterns of the History-API router; `keys` name the captured parameters. */
export const PAGE_ROUTES = Object.freeze([
  { name: 'search', pattern: /^\/(?:search)?$/ },
  { name: 'practice', pattern: /^\/practice\/([^/]+)$/, keys: ['id'] },
  { name: 'entity', pattern: /^\/entity\/([^/]+)\/([^/]+)$/, keys: ['type', 'id'] },
  { name: 'trends', pattern: /^\/trends$/ },
  { name: 'graph', pattern: /^\/graph$/ },
  { name: 'communities', pattern: /^\/communities$/ },
  { name: 'document', pattern: /^\/document\/([^/]+)$/, keys: ['id'] },
  { name: 'upload', pattern: /^\/upload$/ },
]);

/** Whether `pathname` is one of the page's own paths. */
export function isPagePath(pathname) {
  return PAGE_ROUTES.some((route) => route.pattern.test(pathname));
}
