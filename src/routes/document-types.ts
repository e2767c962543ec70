/**
 * What a manifest entry and an upload may declare: the taxonomy's document types (`documentTypes:`) and focus
 * groups (`focusGroups:`), so the upload form offers exactly what the upload's validation accepts.
 */
import { loadTaxonomy } from '../ingest-service.js';
import { defineRoute } from './route.js';
import { DocumentTypesResponse } from './schemas.js';

export const documentTypeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/document-types',
    family: 'documents',
    operationId: 'listDocumentTypes',
    summary: 'The document types and focus groups a manifest entry or an upload may declare',
    description:
      'Read from the `documentTypes:` section of corpus/taxonomy.yaml (loaded once at start): adding a type there ' +
      'and restarting is all it takes to accept it. A `type` outside this list is refused with 400. `focusGroups` ' +
      'lists the `focusGroups:` section likewise: the ids `metadata.focusGroups` accepts.',
    access: 'read',
    response: { status: 200, schema: DocumentTypesResponse, description: 'The accepted document types, in order' },
    errors: [401],
    async handle(_input, ctx) {
      const taxonomy = await loadTaxonomy(ctx.config.corpus.dir);
      const focusGroups = taxonomy.entities
        .filter((e) => e.kind === 'focusGroup')
        .map(({ id, name, description }) => ({ id, name, description }));
      return { documentTypes: taxonomy.documentTypes, focusGroups };
    },
  }),
];
