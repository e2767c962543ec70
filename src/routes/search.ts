/** POST /api/search, and GET/POST /api/facets (over every readable document, or over a search's result set). */
import { facets } from '../../queries/facets.js';
import { searchGraph } from '../../queries/search.js';
import { defineRoute } from './route.js';
import { Facets, SearchAnswer } from '../../queries/answers.js';
import { assertKnownFilterIds } from './filter-ids.js';
import { FacetsRequest, SearchRequest } from './schemas.js';

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
      'filters applied to both lists before fusion. One Cypher statement (after a look-up of the filter ids, ' +
      'made while the query is embedded); `confidence` says whether anything answers the query closely.',
    access: 'read',
    body: SearchRequest,
    response: { status: 200, schema: SearchAnswer, description: 'Ranked hits with evidence and why they matched' },
    errors: [400, 401, 429, 503],
    async handle({ body, scope }, ctx) {
      const t0 = performance.now();
      let embedMs = 0;
      // The filter ids are looked up while the query is embedded.
      const [embedding] = await Promise.all([
        body.mode === 'keyword'
          ? null
          : ctx.embedQuery(body.query).then((vector) => {
              embedMs = performance.now() - t0;
              return vector;
            }),
        assertKnownFilterIds(ctx.graph, body.filters),
      ]);
      const answer = await searchGraph(
        ctx.graph,
        { ...body, filters: { ...body.filters, readable: scope.read }, model: ctx.config.model.spec.id },
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
    summary: 'Filter values with their document counts over every readable document',
    access: 'read',
    response: {
      status: 200,
      schema: Facets,
      description: 'Countries, focus groups, topics, trends, types, languages, dates',
    },
    errors: [401, 503],
    handle: ({ scope }, ctx) => facets(ctx.graph, { filters: { readable: scope.read } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/facets',
    family: 'facets',
    operationId: 'countFacets',
    summary: "Filter values with counts over a search's result set",
    description:
      'Takes the search request (query optional): counts documents over the passages the search would find ' +
      '(its candidate lists for the query, mode, filters and page, filters applied first), or over every passage ' +
      'the filters allow when no query is given. An entity filter id that names no entity of its kind is a 400.',
    access: 'read',
    body: FacetsRequest,
    response: {
      status: 200,
      schema: Facets,
      description: 'Values present in the result set, each with the documents that support it',
    },
    errors: [400, 401, 429, 503],
    async handle({ body, scope }, ctx) {
      await assertKnownFilterIds(ctx.graph, body.filters);
      const filters = { ...body.filters, readable: scope.read };
      if (body.query === undefined) return facets(ctx.graph, { filters });
      const embedding = body.mode === 'keyword' ? null : await ctx.embedQuery(body.query);
      const search = { query: body.query, mode: body.mode, limit: body.limit, offset: body.offset };
      return facets(ctx.graph, { filters, search }, embedding);
    },
  }),
];

const round = (ms: number) => Math.round(ms * 10) / 10;
