/**
 * Entity filter ids are checked against the graph before a search or facet count runs: an id that names no entity
 * of its filter's kind is the caller's mistake (a typo, a stale link), answered 400 naming the field and the ids,
 * not a silent empty result.
 */
import type { Request } from 'express';
import type { Graph } from '../../graph/driver.js';
import { findUnknownFilterIds, type SearchFilters } from '../../queries/filters.js';
import { HttpProblem } from '../problems.js';

/** One look-up per request, however many handlers or steps ask. */
const checked = new WeakMap<Request, Promise<Map<string, string[]>>>();

/** Throws a 400 problem listing each entity filter's unknown ids (field `body.filters.<kind>`). */
export async function assertKnownFilterIds(
  req: Request,
  graph: Graph,
  filters: Omit<SearchFilters, 'readable'>,
): Promise<void> {
  let lookup = checked.get(req);
  if (!lookup) {
    lookup = findUnknownFilterIds(graph, filters);
    checked.set(req, lookup);
  }
  const unknown = await lookup;
  if (unknown.size === 0) return;
  const errors = [...unknown].map(([field, ids]) => ({
    field: `body.filters.${field}`,
    message: `unknown id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`,
  }));
  const detail = [...unknown].map(([field, ids]) => `filters.${field}: ${ids.join(', ')}`).join('; ');
  throw new HttpProblem(400, 'Unknown filter id', `These filter ids name no entity of their kind: ${detail}`, errors);
}
