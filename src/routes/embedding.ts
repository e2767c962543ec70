/**
 * Query embeddings: computed by the runtime's worker pool (off the event loop), cached by exact query text in
 * an LRU so repeated and paginated searches do not re-embed; latency of every computed embedding observed.
 */
import { LRUCache } from 'lru-cache';
import type { Metrics } from '../metrics.js';
import type { Runtime } from '../runtime.js';

export function createQueryEmbedder(embedder: Runtime['embedder'], metrics: Metrics, max = 2000) {
  const cache = max > 0 ? new LRUCache<string, Promise<number[]>>({ max }) : null;
  return function embedQuery(text: string): Promise<number[]> {
    const hit = cache?.get(text);
    if (hit) return hit;
    const end = metrics.embedLatency.startTimer();
    const pending = embedder
      .embed([text], { kind: 'query' })
      .then(([v]) => Array.from(v))
      .finally(end);
    if (!cache) return pending;
    cache.set(text, pending);
    pending.catch(() => cache.delete(text)); // failures are not cached
    return pending;
  };
}
