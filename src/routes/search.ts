/** POST /api/search and GET /api/facets. */
import { facets } from '../../queries/facets.js';
import { searchGraph } from '../../queries/search.js';
import { defineRoute } from './route.js';
import { Facets, SearchAnswer } from '../../queries/answers.js';
import { SearchRequest } from './schemas.js';

export const searchRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/search',
    family: 'search',
    operationId: 'searchGraph',
    summary: 'Search passages, practices, topics, trends and documents',
    description:
      'semantic = sentence vector index (a passage or document ranks by its best sentence); keyword = full-text ' +
      "index (the query is Lucene-escaped); hybrid = the sum of both lists' min-max normalised scores, with the " +
      'filters applied to both lists before fusion. One Cypher statement; `confidence` says whether anything ' +
      'answers the query closely.',
    access: 'read',
    body: SearchRequest,
    response: { status: 200, schema: SearchAnswer, description: 'Ranked hits with evidence and why they matched' },
    errors: [400, 401, 429, 503],
    async handle({ body, scope }, ctx) {
      const t0 = performance.now();
      const embedding = body.mode === 'keyword' ? null : await ctx.embedQuery(body.query);
      const embedMs = performance.now() - t0;
      const answer = await searchGraph(
        ctx.graph,
        { ...body, filters: { ...body.filters, readable: scope.read } },
        embedding,
      );
      const graphMs = performance.now() - t0 - embedMs;
      return {
        ...answer,
        took_ms: Math.round(embedMs + graphMs),
        timings: { embed_ms: round(embedMs), graph_ms: round(graphMs) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/facets',
    family: 'facets',
    operationId: 'listFacets',
    summary: 'Filter values present in the graph',
    access: 'read',
    response: {
      status: 200,
      schema: Facets,
      description: 'Countries, focus groups, topics, trends, types, languages, dates',
    },
    errors: [401, 503],
    handle: ({ scope }, ctx) => facets(ctx.graph, scope.read),
  }),
];

const round = (ms: number) => Math.round(ms * 10) / 10;
