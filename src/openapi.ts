/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas (@asteasolutions/zod-to-openapi). The
 * operations it documents are values (`describeOperations`), so the API tests check every answer against the
 * very schemas the document was built from.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodObject, ZodType } from 'zod';
import { HealthResponse, Problem, ReadyResponse } from './routes/schemas.js';
import type { RouteSpec } from './routes/route.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'Missing or wrong API key',
  403: 'Forbidden: writes disabled (no API keys configured), or the key may not do this',
  404: 'Not found',
  409: 'Conflict: the id is taken by a document this key may not replace',
  413: 'Too large',
  415: 'A body of a media type the route does not take (e.g. text/plain), a JSON body declared in a charset other than UTF-8, or an unsupported document format',
  422: 'Document cannot be parsed or fetched',
  429: 'Rate limited',
  503: 'Neo4j or the model is unavailable; see Retry-After',
};

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const json = (schema: ZodType) => ({ 'application/json': { schema } });
const problem = (status: number) => ({
  description: STATUS_TEXT[status] ?? 'Error',
  content: { 'application/problem+json': { schema: Problem } },
});

/**
 * Statuses every /api route can answer whatever it does, from the app's middleware (src/server.ts): the rate
 * limit, and the body checks for routes that take a body (malformed or not an object → 400, over IWG_BODY_LIMIT
 * → 413, another media type or a charset other than UTF-8 → 415).
 */
function middlewareStatuses(r: RouteSpec): number[] {
  return r.body || r.extraBodies ? [400, 413, 415, 429] : [429];
}

/** How the service asks for keys (src/routes/auth.ts): writes always need one; reads when IWG_READ_REQUIRES_KEY. */
export interface KeyPolicy {
  readRequiresKey: boolean;
}

const OPEN_READS: KeyPolicy = { readRequiresKey: false };

/** One API route as the operation the document describes. */
function describeRoute(r: RouteSpec, keys: KeyPolicy): RouteConfig {
  const keyRequired = r.access === 'write' || keys.readRequiresKey;
  const bodies = r.body ? { 'application/json': r.body } : (r.extraBodies ?? {});
  const content = Object.fromEntries(Object.entries(bodies).map(([type, schema]) => [type, { schema }]));
  const errors = [...new Set([...r.errors, ...middlewareStatuses(r)])].sort((a, b) => a - b);
  return {
    method: r.method,
    path: r.path.replace(/:(\w+)/g, '{$1}'),
    operationId: r.operationId,
    summary: r.summary,
    description: r.description,
    tags: [r.family],
    // An open read takes an optional key (`{}` is the no-key alternative), which decides the labels it reads.
    security: keyRequired ? [{ apiKey: [] }] : [{}, { apiKey: [] }],
    request: {
      params: r.params as ZodObject | undefined,
      query: r.query as ZodObject | undefined,
      body: Object.keys(content).length ? { content, required: true } : undefined,
    },
    responses: {
      [r.response.status]: {
        description: r.response.description,
        content: r.response.schema ? json(r.response.schema) : undefined,
      },
      ...Object.fromEntries(errors.map((s) => [s, problem(s)])),
    },
  };
}

/**
 * /health, /ready and /metrics: served by src/server.ts outside /api, open to probes (no rate limit); /metrics
 * needs a key like the reads when they do.
 */
const serviceOperations = (keys: KeyPolicy): RouteConfig[] => [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers',
    tags: ['service'],
    security: [],
    responses: { 200: { description: 'The process is up', content: json(HealthResponse) } },
  },
  {
    method: 'get',
    path: '/ready',
    operationId: 'getReadiness',
    summary: 'Readiness: Neo4j answers, the schema is applied, the model is loaded and the corpus ingested',
    tags: ['service'],
    security: [],
    responses: {
      200: { description: 'Ready to answer queries', content: json(ReadyResponse) },
      503: {
        description: 'Not ready yet; `checks` says what is missing; see Retry-After',
        content: json(ReadyResponse),
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics: HTTP, Neo4j and embedding latencies, ingest outcomes',
    description: 'Needs an API key when IWG_READ_REQUIRES_KEY is set, like the other reads.',
    tags: ['service'],
    security: keys.readRequiresKey ? [{ apiKey: [] }] : [],
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
      401: problem(401),
    },
  },
];

/** Every operation the document describes: the API's routes, then the service probes. */
export function describeOperations(routes: readonly RouteSpec[], keys: KeyPolicy = OPEN_READS): RouteConfig[] {
  return [...routes.map((r) => describeRoute(r, keys)), ...serviceOperations(keys)];
}

/** Builds the OpenAPI document for `routes`, its security as `keys` says the service asks for keys. */
export function buildOpenApi(routes: readonly RouteSpec[], keys: KeyPolicy = OPEN_READS): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'Authorization: Bearer <key> with a key of IWG_API_KEYS (reads every access label, writes) or a scoped key ' +
      'of IWG_KEYS_FILE (reads its labels, writes them when allowed). ' +
      (keys.readRequiresKey
        ? 'Reads need a key too (IWG_READ_REQUIRES_KEY).'
        : 'Without a key, reads see public documents; writes always need one.'),
  });
  for (const operation of describeOperations(routes, keys)) registry.registerPath(operation);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'iwg-graph API',
      version: '1.0.0',
      description:
        'Knowledge graph and semantic search over the documents of the Advancing INFCIRC/908 "Mitigating Insider ' +
        'Threats" International Working Group. Every answer carries evidence: document, offsets, passage.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
  });
}
