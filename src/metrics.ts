/** Prometheus metrics: HTTP by route, embedding latency, Neo4j query latency, ingest counters. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'iwg_' });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    httpRequests: new Counter({
      name: 'iwg_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpLatency: new Histogram({
      name: 'iwg_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route'] as const,
      buckets,
      registers: [registry],
    }),
    embedLatency: new Histogram({
      name: 'iwg_embedding_duration_seconds',
      help: 'Time to embed one request batch',
      buckets,
      registers: [registry],
    }),
    neo4jLatency: new Histogram({
      name: 'iwg_neo4j_query_duration_seconds',
      help: 'Neo4j query latency by query family',
      labelNames: ['query'] as const,
      buckets,
      registers: [registry],
    }),
    ingestDocuments: new Counter({
      name: 'iwg_ingest_documents_total',
      help: 'Documents ingested by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
