/**
 * Query plans warmed up: once at start, and again each time Neo4j comes back after an outage (a restarted server
 * has no plans, a cold page cache and a cold JIT; under load its first queries ran into the query timeout). While
 * the warm-up after a reconnect runs, API requests get a fast 503 with Retry-After (src/server.ts) except the
 * warm-up's own, which carry this process's token.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import type { Runtime } from './runtime.js';
import type { AppState } from './server.js';

/** The header that lets the warm-up's own requests through while the service is warming up. */
export const WARM_UP_HEADER = 'x-iwg-warm-up';

// A warm-up that takes longer than this is given up (and logged); the service then serves cold.
const WARM_UP_TIMEOUT_MS = 20_000;

/** A random token known to this process only: what the warm-up's requests carry in WARM_UP_HEADER. */
export function createWarmUpToken(): string {
  return randomUUID();
}

/**
 * Asks the service once per query family so Neo4j plans those queries now rather than on an analyst's first
 * request (a cold plan costs up to a second). Failures here are logged, never fatal.
 */
export async function warmUp(url: string, log: Logger, token: string, reason: 'start' | 'reconnect'): Promise<void> {
  const t0 = Date.now();
  const headers = { [WARM_UP_HEADER]: token };
  const signal = AbortSignal.timeout(WARM_UP_TIMEOUT_MS);
  const get = (path: string) => fetch(`${url}${path}`, { headers, signal });
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  const requests = [
    ...(['hybrid', 'semantic', 'keyword'] as const).map((mode) =>
      post('/api/search', { query: 'insider threat', mode }),
    ),
    get('/api/facets'),
    get('/api/trends'),
    get('/api/entities?q=bel'),
    get(`/api/entities/organisation/${encodeURIComponent('organisation:iwg')}`),
    get('/api/graph/neighborhood?type=organisation&id=organisation:iwg'),
  ];
  const statuses = await Promise.all(requests.map((r) => r.then((res) => res.status).catch(() => 0)));
  log.info({ ms: Date.now() - t0, statuses, reason }, 'query plans warmed up');
}

/**
 * Warms the query plans up again each time the graph is reachable after an outage, holding other API requests
 * (`state.warmingUp`) meanwhile; returns the unsubscribe function.
 */
export function keepWarm(runtime: Runtime, state: AppState, url: string, log: Logger): () => void {
  const token = state.warmUpToken ?? createWarmUpToken();
  state.warmUpToken = token;
  return runtime.graph.onRecovered(() => {
    if (state.warmingUp) return;
    state.warmingUp = true;
    void warmUp(url, log, token, 'reconnect').finally(() => (state.warmingUp = false));
  });
}
