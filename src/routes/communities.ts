/** GET /api/communities: communities of the entity graph with their members and central connectors. */
import { listCommunities } from '../../queries/communities.js';
import { defineRoute } from './route.js';
import { Communities } from '../../queries/answers.js';
import { CommunitiesQuery } from './schemas.js';

export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/communities',
    family: 'communities',
    operationId: 'listCommunities',
    summary: 'Communities of the entity graph: members and top connectors (PageRank, betweenness) with evidence',
    description:
      'Louvain communities of the entity graph (co-occurrence strength; a stated fact counts through its sentence), ' +
      'seeded and recomputed after ' +
      'every ingest, upload or deletion. Each caller is served the communities computed from the documents it may ' +
      'read; connector evidence comes from those documents only.',
    access: 'read',
    query: CommunitiesQuery,
    response: { status: 200, schema: Communities, description: 'Communities, largest first' },
    errors: [400, 401, 503],
    handle: ({ query, scope }, ctx) => listCommunities(ctx.graph, { ...query, readable: scope.read }),
  }),
];
