/** GET /api/trends: emerging trends by period with growth, significance and evidence. */
import { emergingTrends } from '../../queries/trends.js';
import { defineRoute } from './route.js';
import { TrendAnswer } from '../../queries/answers.js';
import { TrendsQuery } from './schemas.js';

export const trendRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/trends',
    family: 'trends',
    operationId: 'listEmergingTrends',
    summary: 'Emerging trends: mentions per period, growth of the latest window and its significance',
    description:
      'Counts passages mentioning each trend per period of the document date. The latest third of the periods is ' +
      'compared with the earlier baseline; zScore is a one-sided binomial z-score with continuity correction ' +
      'against exposure (dated passages per period), so tiny counts cannot rank high; growth is the rate ratio ' +
      'minus 1 with a pseudocount of ½.',
    access: 'read',
    query: TrendsQuery,
    response: { status: 200, schema: TrendAnswer, description: 'Ranked trends and topic counts' },
    errors: [400, 401, 503],
    handle: ({ query, scope }, ctx) => emergingTrends(ctx.graph, { ...query, readable: scope.read }, query.limit),
  }),
];
