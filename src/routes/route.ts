/**
 * A route as a value: method, path, access, the zod schemas of its params/query/body/response and a thin
 * handler. `mountRoute` wires one into Express (auth → extra middleware → validation → handler); the OpenAPI
 * document is generated from the same values.
 */
import type { Express, Request, RequestHandler } from 'express';
import type { z, ZodType } from 'zod';
import type { Graph } from '../../graph/driver.js';
import type { Config } from '../config.js';
import type { Scope } from '../keys.js';
import type { Metrics } from '../metrics.js';
import { requireBody } from '../client-errors.js';
import { HttpProblem, fieldErrors, type FieldError } from '../problems.js';
import type { Runtime } from '../runtime.js';

export interface RouteContext {
  config: Config;
  runtime: Runtime;
  /** The graph with read latency observed under this route's family. */
  graph: Graph;
  metrics: Metrics;
  /** The query text's embedding (LRU-cached, computed in the worker pool). */
  embedQuery(text: string): Promise<number[]>;
}

export interface RouteSpec<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Express path (`:param`); OpenAPI path derived. */
  path: string;
  family: string;
  /** The OpenAPI operationId: verb first, camelCase, unique across the API. */
  operationId: string;
  summary: string;
  description?: string;
  access: 'read' | 'write';
  params?: P;
  query?: Q;
  body?: B;
  /** Extra request content (documented only, e.g. multipart) alongside `body`. */
  extraBodies?: Record<string, ZodType>;
  response: { status: 200 | 201 | 204; schema?: ZodType; description: string };
  errors: number[];
  middleware?: RequestHandler[];
  handle(
    input: {
      params: z.output<P>;
      query: z.output<Q>;
      body: z.output<B>;
      req: Request;
      /** The caller's scope (auth middleware); `scope.read` is what every read passes to queries/ as readable. */
      scope: Scope;
    },
    ctx: RouteContext,
  ): Promise<unknown>;
}

const NO_ACCESS: Scope = Object.freeze({ name: 'none', read: [], write: false });

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<P extends ZodType, Q extends ZodType, B extends ZodType>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

function validate(schema: ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  if (where === 'query') refuseRepeatedParams(value as Request['query']);
  const parsed = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!parsed.success)
    throw new HttpProblem(400, 'Invalid request', `Invalid ${where}`, fieldErrors(parsed.error, where));
  return parsed.data;
}

/**
 * Every query parameter is one value: `?limit=2&limit=3` arrives as a list, which the schema would report as
 * "expected number, received NaN"; it is refused naming the parameter instead.
 */
function refuseRepeatedParams(query: Request['query']): void {
  const repeated = Object.keys(query ?? {}).filter((k) => Array.isArray(query[k]));
  if (repeated.length === 0) return;
  const errors = repeated.map((k) => ({ field: `query.${k}`, message: 'given more than once; give it once' }));
  throw new HttpProblem(400, 'Invalid request', 'Invalid query', errors);
}

/** The media types a route's request body may have: JSON for `body`, its own for `extraBodies`; none without. */
function bodyTypes(spec: RouteSpec): string[] {
  return spec.body ? ['application/json'] : Object.keys(spec.extraBodies ?? {});
}

/** Wires one route; `auth` decides access, the rest validates and calls the handler. */
export function mountRoute(
  app: Express,
  spec: RouteSpec,
  ctx: RouteContext,
  auth: (access: 'read' | 'write') => RequestHandler,
) {
  const run: RequestHandler = async (req, res) => {
    const params = validate(spec.params, req.params, 'params');
    const query = validate(spec.query, req.query, 'query');
    const body = spec.body ? validate(spec.body, req.body, 'body') : req.body;
    // Fail closed: a route mounted without the auth middleware reads nothing.
    const scope = res.locals.scope ?? NO_ACCESS;
    const out = await spec.handle({ params, query, body, req, scope } as never, ctx);
    if (spec.response.status === 204) res.status(204).end();
    else res.status(spec.response.status).json(out);
  };
  const types = bodyTypes(spec);
  const body = types.length ? [requireBody(types)] : [];
  app[spec.method](spec.path, auth(spec.access), ...body, ...(spec.middleware ?? []), run);
}

/**
 * A known API path asked with a method it does not answer (`GET /api/search`) is 405 with the `Allow` header
 * listing the methods it does answer (RFC 9110 §15.5.6), not 404 "No route". Mounted after the routes, so a
 * request that reaches it matched no route's method.
 */
export function refuseOtherMethods(app: Express, routes: readonly Pick<RouteSpec, 'method' | 'path'>[]): void {
  const patterns = routes.map((r) => ({ method: r.method, pattern: pathPattern(r.path) }));
  app.use((req, res, next) => {
    const allow = allowed(patterns.filter((p) => p.pattern.test(req.path)).map((p) => p.method));
    if (allow.length === 0) return next();
    res.setHeader('Allow', allow.join(', '));
    // OPTIONS asks which methods a path answers: the answer, not a refusal (CORS preflights are cors()'s).
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next(methodNotAllowed(req.method, req.path, allow));
  });
}

/**
 * The same refusal for the paths without parameters (`/api/practices/related`), mounted BEFORE the routes: there a
 * parameter route of another method (`GET /api/practices/:id`) would otherwise take the request and answer 404
 * "Practice related not found" instead of 405.
 */
export function refuseOtherMethodsOnFixedPaths(app: Express, routes: readonly Pick<RouteSpec, 'method' | 'path'>[]) {
  const fixed = routes.filter((r) => !r.path.includes(':'));
  for (const path of new Set(fixed.map((r) => r.path))) {
    const allow = allowed(fixed.filter((r) => r.path === path).map((r) => r.method));
    app.all(path, (req, res, next) => {
      if (allow.includes(req.method) || req.method === 'OPTIONS') return next();
      res.setHeader('Allow', allow.join(', '));
      next(methodNotAllowed(req.method, req.path, allow));
    });
  }
}

/** The methods a path answers, upper-case, once each; Express answers HEAD with a GET route. */
const allowed = (methods: readonly string[]): string[] => [
  ...new Set(methods.flatMap((m) => (m.toUpperCase() === 'GET' ? ['GET', 'HEAD'] : [m.toUpperCase()]))),
];

const methodNotAllowed = (method: string, path: string, allow: readonly string[]) =>
  new HttpProblem(405, 'Method not allowed', `${method} is not allowed on ${path}; allowed: ${allow.join(', ')}`);

/** An Express path (`/api/documents/:id`) as the regular expression of the request paths it matches. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`, 'i');
}

/** A graph whose reads are timed into the Neo4j latency histogram under `family`. */
export function timedGraph(graph: Graph, metrics: Metrics, family: string): Graph {
  return {
    ...graph,
    database: graph.database,
    async read<T>(q: Parameters<Graph['read']>[0]): Promise<T[]> {
      const end = metrics.neo4jLatency.startTimer({ query: family });
      try {
        return await graph.read<T>(q);
      } finally {
        end();
      }
    },
  };
}

/** 404 for `what`; `errors` name the request's parameters that hold the unknown ids (e.g. `query.to`). */
export const notFoundProblem = (what: string, errors: FieldError[] = []) =>
  new HttpProblem(404, 'Not found', `${what} not found`, errors);

/**
 * 404 for an entity id asked as one kind: when the id names an entity of another kind (`topic` asked, `country:BE`
 * is a country), says so on the kind's field rather than "not found"; else names the id's field.
 */
export function entityNotFound(
  id: string,
  asked: string,
  actual: string | null,
  fields: { type: string; id: string },
): HttpProblem {
  if (actual === null) return notFoundProblem(`Entity ${id}`, [{ field: fields.id, message: `no entity ${id}` }]);
  return notFoundProblem(`Entity ${id} as a ${asked} (it is a ${actual})`, [
    { field: fields.type, message: `${id} is a ${actual}, not a ${asked}` },
  ]);
}
