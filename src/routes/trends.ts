/** GET /api/trends: emerging trends by period with growth, significance and evidence. */
import type { Graph } from '../../graph/driver.js';
import { findUnknownFilterIds } from '../../queries/filters.js';
import { emergingTrends } from '../../queries/trends.js';
import { HttpProblem } from '../problems.js';
import { defineRoute } from './route.js';
import { TrendAnswer } from '../../queries/answers.js';
import { TrendsQuery } from './schemas.js';

/** A focus group or topic id that names no entity of its kind is the caller's mistake: 400 naming the field. */
async function assertKnownIds(graph: Graph, q: { focusGroup?: string; topic?: string }): Promise<void> {
  const unknown = await findUnknownFilterIds(graph, {
    focusGroups: q.focusGroup ? [q.focusGroup] : undefined,
    topics: q.topic ? [q.topic] : undefined,
  });
  if (unknown.size === 0) return;
  const field = { focusGroups: 'focusGroup', topics: 'topic' } as Record<string, string>;
  const errors = [...unknown].map(([f, ids]) => ({ field: `query.${field[f]}`, message: `unknown id: ${ids[0]}` }));
  throw new HttpProblem(400, 'Unknown filter id', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export const trendRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/trends',
    family: 'trends',
    operationId: 'listEmergingTrends',
    summary: 'Emerging trends: documents mentioning each trend per period, growth per period and its significance',
    description:
      'Counts, per period of the document date, the documents of the selection mentioning each trend, against the ' +
      'documents of the selection (the exposure). A focus group selects the documents declaring it (manifest or ' +
      'upload `focusGroups`) and those with a sentence naming it; a mention counts for the group when its ' +
      'document declares the group or its sentence names the group too. Each trend mentioned in at least 2 ' +
      'documents is fitted with a Poisson regression of its counts on the period with log(exposure) as offset ' +
      '(a N(0, (2 / span)²) prior on the slope): growth = e^slope − 1 is the change of its share per period, ' +
      'zScore = slope / SE ranks the trends, so a sustained rise outranks one recent mention and a share that ' +
      'stays flat while the volume grows is no trend (docs/trends.md).',
    access: 'read',
    query: TrendsQuery,
    response: { status: 200, schema: TrendAnswer, description: 'Ranked trends and topic counts' },
    errors: [400, 401, 503],
    handle: async ({ query, scope }, ctx) => {
      await assertKnownIds(ctx.graph, query);
      return emergingTrends(ctx.graph, { ...query, readable: scope.read }, query.limit);
    },
  }),
];
