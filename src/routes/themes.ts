/** GET /api/themes: emerging themes not in the taxonomy, found by clustering the readable sentences. */
import { z } from 'zod';
import { IsoDate } from '../../ingest/records.js';
import { ThemeAnswer } from '../../queries/answers.js';
import { emergingThemes } from '../../queries/themes.js';
import { defineRoute } from './route.js';
import { inDateOrder, queryNumber } from './schemas.js';

export const ThemesQuery = inDateOrder(
  z
    .object({
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      interval: z.enum(['year', 'quarter']).default('year'),
      limit: queryNumber(z.number().int().min(1).max(50)).default(10),
    })
    .strict(),
);

export const themeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/themes',
    family: 'themes',
    operationId: 'listEmergingThemes',
    summary: 'Emerging themes not in the taxonomy: clusters of sentences that rise over time',
    description:
      'Clusters (k-means, seeded) the embeddings of the dated sentences the caller may read that name no taxonomy ' +
      'topic or trend, labels each cluster with its class-based TF-IDF key phrases, and ranks them by ' +
      'max(zScore, 0) × novelty: zScore from a Poisson regression of its sentences on period with the ' +
      "period's sentences as exposure; novelty the mean distance of its centroid to the nearest taxonomy topic or " +
      "trend and of its recent centroid to the earlier periods' own clusters. Only readable sentences are used.",
    access: 'read',
    query: ThemesQuery,
    response: { status: 200, schema: ThemeAnswer, description: 'Ranked candidate themes' },
    errors: [400, 401, 503],
    handle: ({ query, scope }, ctx) => emergingThemes(ctx.graph, { ...query, readable: scope.read }),
  }),
];
