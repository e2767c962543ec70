/** The entity graph: neighbourhood for visualisation and linkage paths between two entities. */
import { neighbourhood } from '../../queries/neighbourhood.js';
import { linkagePaths } from '../../queries/paths.js';
import { defineRoute, entityNotFound, notFoundProblem } from './route.js';
import { entityKind } from '../../queries/entities.js';
import { GraphView, LinkagePaths } from '../../queries/answers.js';
import { NeighbourhoodQuery, PathsQuery } from './schemas.js';

export const graphRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/graph/neighborhood',
    family: 'graph',
    operationId: 'getNeighbourhood',
    summary: 'Nodes and edges around an entity (depth 1..3, at most `limit` nodes)',
    access: 'read',
    query: NeighbourhoodQuery,
    response: { status: 200, schema: GraphView, description: 'Nodes and edges; fact edges carry evidence' },
    errors: [400, 401, 404, 503],
    async handle({ query, scope }, ctx) {
      const view = await neighbourhood(ctx.graph, { ...query, readable: scope.read });
      if (view) return view;
      const actual = await entityKind(ctx.graph, query.id);
      throw entityNotFound(query.id, query.type, actual, { type: 'query.type', id: 'query.id' });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/graph/paths',
    family: 'graph',
    operationId: 'findLinkagePaths',
    summary: 'Linkage paths between two entities, stated facts first, each hop with its strength and evidence',
    access: 'read',
    query: PathsQuery,
    response: {
      status: 200,
      schema: LinkagePaths,
      description:
        'Paths, strongest first (stated facts before co-occurrence); hops in walking order, each with the direction ' +
        'its fact is stored in',
    },
    errors: [400, 401, 404, 503],
    async handle({ query, scope }, ctx) {
      const answer = await linkagePaths(ctx.graph, { ...query, readable: scope.read });
      if (!('missing' in answer)) return answer;
      const ids = answer.missing.map((m) => m.id);
      throw notFoundProblem(
        `${ids.length > 1 ? 'Entities' : 'Entity'} ${ids.join(' and ')}`,
        answer.missing.map((m) => ({ field: `query.${m.parameter}`, message: `no entity ${m.id}` })),
      );
    },
  }),
];
