/** Canonical entities: browse/autocomplete and detail. */
import { entityDetail, entityKind, listEntities } from '../../queries/entities.js';
import { defineRoute, entityNotFound } from './route.js';
import { EntityDetail, EntityList } from '../../queries/answers.js';
import { EntitiesQuery, EntityParams } from './schemas.js';

export const entityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/entities',
    family: 'entities',
    operationId: 'listEntities',
    summary: 'Browse entities by type, or autocomplete by name/alias prefix',
    access: 'read',
    query: EntitiesQuery,
    response: { status: 200, schema: EntityList, description: 'Entities with aliases and mention counts' },
    errors: [400, 401, 503],
    handle: ({ query, scope }, ctx) => listEntities(ctx.graph, { ...query, readable: scope.read }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/entities/:type/:id',
    family: 'entities',
    operationId: 'getEntity',
    summary: 'One entity: relations with evidence, passages, practices, co-occurring entities',
    description: 'The id is the full entity id, URL-encoded (country%3ABE).',
    access: 'read',
    params: EntityParams,
    response: { status: 200, schema: EntityDetail, description: 'The entity in full' },
    errors: [400, 401, 404, 503],
    async handle({ params, scope }, ctx) {
      const detail = await entityDetail(ctx.graph, params.type, params.id, scope.read);
      if (detail) return detail;
      const actual = await entityKind(ctx.graph, params.id);
      throw entityNotFound(params.id, params.type, actual, { type: 'params.type', id: 'params.id' });
    },
  }),
];
