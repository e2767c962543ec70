/** Good practices: one practice, and related practices of a practice or of free text. */
import { getPractice, relatedPractices, RELATED_WEIGHTS } from '../../queries/practices.js';
import { defineRoute, notFoundProblem } from './route.js';
import { PracticeDetail, RelatedPractices } from '../../queries/answers.js';
import { PracticeIdParams, RelatedByTextRequest, RelatedQuery } from './schemas.js';

export const practiceRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/practices/related',
    family: 'practices',
    operationId: 'relatePracticesToText',
    summary: 'Practices related to a free text',
    access: 'read',
    body: RelatedByTextRequest,
    response: { status: 200, schema: RelatedPractices, description: 'Related practices with reasons and sources' },
    errors: [400, 401, 503],
    async handle({ body, scope }, ctx) {
      const embedding = await ctx.embedQuery(body.text);
      return relatedPractices(ctx.graph, { embedding, model: ctx.config.model.spec.id }, body.limit, scope.read);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/practices/:id',
    family: 'practices',
    operationId: 'getPractice',
    summary: 'One good practice with its sources, topics and insider attributes',
    access: 'read',
    params: PracticeIdParams,
    response: { status: 200, schema: PracticeDetail, description: 'The practice' },
    errors: [400, 401, 404, 503],
    async handle({ params, scope }, ctx) {
      return (
        (await getPractice(ctx.graph, params.id, scope.read)) ??
        Promise.reject(notFoundProblem(`Practice ${params.id}`))
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/practices/:id/related',
    family: 'practices',
    operationId: 'relatePractices',
    summary: 'Related practices: similarity blended with shared topics/attributes and co-citation',
    description:
      `score = ${RELATED_WEIGHTS.similarity}·similarity + ${RELATED_WEIGHTS.sharedTags}·Jaccard(topics ∪ attributes) + ` +
      `${RELATED_WEIGHTS.coCited}·min(coCited, 3)/3 (weights chosen by bench/relatedness.ts)`,
    access: 'read',
    params: PracticeIdParams,
    query: RelatedQuery,
    response: { status: 200, schema: RelatedPractices, description: 'Related practices with reasons and sources' },
    errors: [400, 401, 404, 503],
    async handle({ params, query, scope }, ctx) {
      const out = await relatedPractices(ctx.graph, { id: params.id }, query.limit, scope.read);
      return out ?? Promise.reject(notFoundProblem(`Practice ${params.id}`));
    },
  }),
];
