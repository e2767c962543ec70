/**
 * Entity filter ids are checked against the graph before a search or facet count runs: an id that names no entity
 * of its filter's kind is the caller's mistake (a typo, a stale link), answered 400 naming the field and the ids,
 * not a silent empty result.
 */
import type { Graph } from '../../graph/driver.js';
import { findUnknownFilterIds, type SearchFilters } from '../../queries/filters.js';
import { HttpProblem } from '../problems.js';

/** Throws a 400 problem listing each entity filter's unknown ids (field `body.filters.<kind>`). */
export async function assertKnownFilterIds(graph: Graph, filters: Omit<SearchFilters, 'readable'>): Promise<void> {
  const unknown = await findUnknownFilterIds(graph, filters);
  if (unknown.size === 0) return;
  const errors = [...unknown].map(([field, ids]) => ({
    field: `body.filters.${field}`,
    message: `unknown id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`,
  }));
  const detail = [...unknown].map(([field, ids]) => `filters.${field}: ${ids.join(', ')}`).join('; ');
  throw new HttpProblem(400, 'Unknown filter id', `These filter ids name no entity of their kind: ${detail}`, errors);
}
