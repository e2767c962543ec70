/**
 * Request shapes of the HTTP API and its own responses (ingest result, problem, health) as zod schemas: requests
 * are validated with them (unknown keys rejected) and src/openapi.ts generates the OpenAPI document from them and
 * from the answers' shapes (queries/answers.ts), so the contract cannot drift.
 */
import { z } from 'zod';
import { ENTITY_KIND_NAMES } from '../../graph/schema.js';
import { DocumentMetadata as DocumentMetadataRecord, DocumentTypeEntry, IsoDate } from '../../ingest/records.js';
import { HIT_TYPES } from '../../queries/search.js';

export const EntityKind = z.enum(ENTITY_KIND_NAMES as [string, ...string[]]).meta({ id: 'EntityKind' });
export const EntityId = z
  .string()
  .max(200)
  .regex(/^[a-z][a-zA-Z-]*:[A-Za-z0-9._-]+$/, 'expected an entity id such as "country:BE"')
  .meta({ example: 'country:BE' });
/**
 * A number in a query string, in decimal notation only: z.coerce would read "0x2" as 2, "1e400" as Infinity and an
 * empty "limit=" as 0 ("too small"); anything else stays a string and is refused as "expected a number".
 */
const DECIMAL = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;
const decimal = (v: unknown) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v);
export const queryNumber = (schema: z.ZodNumber = z.number()) => z.preprocess(decimal, schema);
const smallInt = (min: number, max: number, dflt: number) =>
  queryNumber(z.number().int().min(min).max(max)).default(dflt);

/**
 * A date range (`from`, `to`, both YYYY-MM-DD, so they compare as strings) whose `to` comes before its `from` is
 * the caller's mistake, answered 400 on `to` alike by every endpoint that takes one (not an empty answer).
 */
export function inDateOrder<T extends z.ZodType<{ from?: string; to?: string }>>(schema: T): T {
  return schema.refine((r) => !r.from || !r.to || r.from <= r.to, {
    message: 'expected a date not before from',
    path: ['to'],
  });
}

// ---- search
export const SearchFilters = inDateOrder(
  z
    .object({
      countries: z.array(EntityId).max(50).optional(),
      focusGroups: z.array(EntityId).max(50).optional(),
      topics: z.array(EntityId).max(50).optional(),
      trends: z.array(EntityId).max(50).optional(),
      documentTypes: z.array(z.string().min(1).max(40)).max(20).optional(),
      languages: z.array(z.string().min(2).max(16)).max(20).optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
    })
    .strict(),
).meta({
  id: 'SearchFilters',
  description: 'AND across kinds, OR within a kind; applied to both lists before fusion',
});
export const SearchRequest = z
  .object({
    query: z.string().max(1000).trim().min(1),
    limit: z.number().int().min(1).max(100).default(10),
    offset: z.number().int().min(0).max(1000).default(0),
    mode: z.enum(['hybrid', 'semantic', 'keyword']).default('hybrid'),
    types: z.array(z.enum(HIT_TYPES)).min(1).max(5).default(['passage', 'practice']),
    filters: SearchFilters.default({}),
  })
  .strict()
  .meta({ id: 'SearchRequest' });
/** POST /api/facets: the search request without hit types, its query optional (no query: the filters alone). */
export const FacetsRequest = SearchRequest.omit({ types: true, query: true })
  .extend({ query: z.string().max(1000).trim().min(1).optional() })
  .strict()
  .meta({ id: 'FacetsRequest' });
// ---- practices
export const PracticeIdParams = z.object({ id: z.string().min(1).max(200) }).strict();
export const RelatedQuery = z.object({ limit: smallInt(1, 50, 10) }).strict();
export const RelatedByTextRequest = z
  .object({ text: z.string().max(5000).trim().min(1), limit: z.number().int().min(1).max(50).default(10) })
  .strict()
  .meta({ id: 'RelatedByTextRequest' });
// ---- trends
export const TrendsQuery = inDateOrder(
  z
    .object({
      focusGroup: EntityId.optional().describe(
        'Only documents declaring this focus group or with a sentence naming it; a mention counts when its document ' +
          'declares the group or its sentence names it',
      ),
      topic: EntityId.optional().describe('Only passages mentioning this topic'),
      from: IsoDate.optional().describe('First document date included (YYYY-MM-DD)'),
      to: IsoDate.optional().describe('Last document date included (YYYY-MM-DD), not before `from`'),
      interval: z.enum(['year', 'quarter']).default('year'),
      limit: smallInt(1, 50, 20).describe('Ranked trends returned at most'),
    })
    .strict(),
);
// ---- entities
export const EntitiesQuery = z
  .object({ type: EntityKind.optional(), q: z.string().trim().min(1).max(100).optional(), limit: smallInt(1, 200, 50) })
  .strict();
export const EntityParams = z.object({ type: EntityKind, id: EntityId }).strict();
// ---- graph
/**
 * The neighbourhood of an entity: its strongest `limit` neighbours within `depth` hops by normalised weight (stated
 * facts 1, co-occurrence its association strength), every neighbour reached by stated facts alone besides.
 */
export const NeighbourhoodQuery = z
  .object({
    type: EntityKind,
    id: EntityId,
    depth: smallInt(1, 3, 1).describe('Hops from the entity'),
    limit: smallInt(1, 200, 25).describe(
      'Neighbours kept, strongest first (neighbours reached by stated facts alone are kept beyond it)',
    ),
    minWeight: queryNumber(z.number().min(0).max(1))
      .default(0)
      .describe('Least normalised weight of a co-occurrence link followed or drawn (its strength, 0..1)'),
    factsOnly: z
      .enum(['true', 'false'])
      .describe('Only stated facts (no co-occurrence)')
      .default('false')
      .transform((v) => v === 'true'),
    practices: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
// allShortestPaths refuses equal endpoints, so the same entity twice is the client's mistake, not a 500.
export const PathsQuery = z
  .object({
    from: EntityId,
    to: EntityId,
    maxHops: smallInt(1, 5, 4),
    limit: smallInt(1, 10, 5),
    factsOnly: z
      .enum(['true', 'false'])
      .describe('Only paths of stated facts (no co-occurrence hops)')
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict()
  .refine((q) => q.from !== q.to, { message: 'from and to must differ', path: ['to'] });
// ---- communities
export const CommunitiesQuery = z
  .object({
    limit: smallInt(1, 100, 20).describe('Communities to return, largest first'),
    members: smallInt(1, 200, 50).describe('Members listed per community, highest PageRank first'),
    connectors: smallInt(1, 10, 3).describe('Top connectors per ranking (PageRank, betweenness)'),
  })
  .strict();
// ---- documents
export const DocumentParams = z.object({ id: z.string().min(1).max(2000) }).strict();
/** A page of a document's text, in characters: long documents are read a page at a time. */
export const DocumentPageQuery = z
  .object({
    offset: queryNumber(z.number().int().min(0).max(100_000_000))
      .default(0)
      .describe('Where the page starts (a character offset)'),
    limit: smallInt(100, 100_000, 20_000).describe('Characters in the page (a page never cuts a sentence)'),
  })
  .strict();
export const DocumentMetadata = DocumentMetadataRecord.meta({ id: 'DocumentMetadata' });
export const DocumentJsonRequest = z
  .object({
    // Whitespace alone would reach the parser as an empty file ("document.txt: the file is empty"), though none was sent.
    text: z
      .string()
      .regex(/\S/, { message: 'the text is empty: it has no character other than whitespace' })
      .optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    filename: z.string().min(1).max(200).optional(),
    metadata: DocumentMetadata.default({}),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.url === undefined), { message: 'give exactly one of text or url' })
  .meta({ id: 'DocumentJsonRequest' });
export const DocumentUploadRequest = z
  .object({
    file: z.string().meta({ format: 'binary' }),
    metadata: z.string().optional().meta({ description: 'DocumentMetadata as a JSON string' }),
  })
  .meta({ id: 'DocumentUpload' });
export const IngestResponse = z
  .object({
    id: z.string(),
    status: z.enum(['added', 'updated', 'unchanged']),
    passages: z.number().int(),
    practices: z.number().int(),
  })
  .meta({ id: 'IngestResult' });
export const DocumentTypesResponse = z
  .object({
    documentTypes: z.array(DocumentTypeEntry.meta({ id: 'DocumentType' })),
    focusGroups: z
      .array(
        z.object({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: 'DeclarableFocusGroup' }),
      )
      .describe("The focus groups a document may declare (`metadata.focusGroups`): the taxonomy's `focusGroups:`"),
  })
  .meta({ id: 'DocumentTypes' });
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instance: z.string(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });

// ---- service
export const HealthResponse = z
  .object({ status: z.literal('ok'), uptimeSeconds: z.number().int() })
  .meta({ id: 'Health' });
export const ReadyResponse = z
  .object({
    status: z.enum(['ready', 'not ready']),
    checks: z.object({ neo4j: z.boolean(), schema: z.boolean(), model: z.boolean(), corpus: z.boolean() }),
  })
  .meta({ id: 'Readiness' });
