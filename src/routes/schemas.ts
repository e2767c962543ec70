/**
 * Request and response shapes of the HTTP API as zod schemas: requests are validated with them (unknown keys
 * rejected) and src/openapi.ts generates the OpenAPI document from them, so the contract cannot drift.
 */
import { z } from 'zod';
import { ENTITY_KIND_NAMES } from '../../graph/schema.js';
import { HIT_TYPES } from '../../queries/search.js';

export const EntityKind = z.enum(ENTITY_KIND_NAMES as [string, ...string[]]).meta({ id: 'EntityKind' });
export const EntityId = z
  .string()
  .max(200)
  .regex(/^[a-z][a-zA-Z-]*:[A-Za-z0-9._-]+$/, 'expected an entity id such as "country:BE"')
  .meta({ example: 'country:BE' });
/** A calendar date as YYYY-MM-DD: the shape alone lets 2023-13-01 through, and trends would bucket it. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'expected a calendar date as YYYY-MM-DD');
function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const smallInt = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

export const EntityRef = z.object({ type: z.string(), id: z.string(), name: z.string() }).meta({ id: 'EntityRef' });
export const DocumentRef = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    date: z.string().nullable(),
    source: z.string().nullable(),
  })
  .meta({ id: 'DocumentRef' });
export const Span = z
  .object({ start: z.number().int(), end: z.number().int(), page: z.number().int().optional() })
  .meta({ id: 'Span', description: "Offsets into the document's normalised text" });
export const Evidence = z
  .object({ sentence: z.string(), document: DocumentRef, span: Span, passageId: z.string() })
  .meta({ id: 'Evidence' });

// ---- search
export const SearchFilters = z
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
  .strict()
  .meta({
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
const ListRank = z.object({ rank: z.number().int(), score: z.number() });
export const SearchHit = z
  .object({
    type: z.string(),
    id: z.string(),
    title: z.string().optional(),
    name: z.string().optional(),
    text: z.string(),
    score: z.number(),
    rank: z.number().int(),
    document: DocumentRef.nullable(),
    span: Span.nullable(),
    entities: z.array(EntityRef),
    why: z.object({
      lists: z.object({ semantic: ListRank.optional(), keyword: ListRank.optional() }),
      matchedTerms: z.array(z.string()),
      matchedEntities: z.array(EntityRef),
    }),
  })
  .meta({ id: 'SearchHit' });
export const SearchResponse = z
  .object({
    results: z.array(SearchHit),
    total: z.number().int(),
    took_ms: z.number().describe('Milliseconds from the query to the answer (embedding + Neo4j)'),
    mode: z.string(),
    timings: z
      .object({
        embed_ms: z.number().describe('Embedding the query text (≈0 when cached or in keyword mode)'),
        graph_ms: z.number().describe('Neo4j: index lookups, fusion and hit details'),
      })
      .optional(),
  })
  .meta({ id: 'SearchResponse' });

// ---- practices
export const PracticeIdParams = z.object({ id: z.string().min(1).max(200) }).strict();
export const RelatedQuery = z.object({ limit: smallInt(1, 50, 10) }).strict();
export const RelatedByTextRequest = z
  .object({ text: z.string().max(5000).trim().min(1), limit: z.number().int().min(1).max(50).default(10) })
  .strict()
  .meta({ id: 'RelatedByTextRequest' });
const PracticeSource = z.object({ quote: z.string(), document: DocumentRef, span: Span, passageId: z.string() });
export const PracticeResponse = z
  .object({
    id: z.string(),
    text: z.string(),
    sources: z.array(PracticeSource),
    topics: z.array(EntityRef),
    attributes: z.array(EntityRef),
  })
  .meta({ id: 'Practice' });
export const RelatedResponse = z
  .object({
    practice: z.object({ id: z.string(), text: z.string() }).optional(),
    results: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        score: z.number(),
        similarity: z.number(),
        sharedTopics: z.array(EntityRef),
        sharedAttributes: z.array(EntityRef),
        coCited: z.number().int(),
        reason: z.string(),
        sources: z.array(PracticeSource.omit({ passageId: true })),
      }),
    ),
  })
  .meta({ id: 'RelatedPractices' });

// ---- trends
export const TrendsQuery = z
  .object({
    focusGroup: EntityId.optional(),
    topic: EntityId.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    interval: z.enum(['year', 'quarter']).default('year'),
    limit: smallInt(1, 50, 20),
  })
  .strict();
export const TrendsResponse = z
  .object({
    interval: z.enum(['year', 'quarter']),
    periods: z.array(z.string()),
    trends: z.array(
      z.object({
        entity: EntityRef,
        counts: z.array(z.number().int()),
        total: z.number().int(),
        growth: z.number(),
        zScore: z.number(),
        rank: z.number().int(),
        evidence: z.array(z.object({ text: z.string(), document: DocumentRef, span: Span, passageId: z.string() })),
      }),
    ),
    topics: z.array(z.object({ entity: EntityRef, counts: z.array(z.number().int()), total: z.number().int() })),
  })
  .meta({ id: 'Trends' });

// ---- entities
export const EntitiesQuery = z
  .object({ type: EntityKind.optional(), q: z.string().trim().min(1).max(100).optional(), limit: smallInt(1, 200, 50) })
  .strict();
const EntitySummary = EntityRef.extend({
  aliases: z.array(z.string()),
  description: z.string(),
  mentions: z.number().int(),
});
export const EntitiesResponse = z.object({ results: z.array(EntitySummary) }).meta({ id: 'Entities' });
export const EntityParams = z.object({ type: EntityKind, id: EntityId }).strict();
export const EntityResponse = z
  .object({
    entity: EntityRef.extend({
      aliases: z.array(z.string()),
      description: z.string(),
      establishedIn: z.unknown().optional(),
    }),
    relations: z.array(
      z.object({ type: z.string(), direction: z.enum(['out', 'in']), other: EntityRef, evidence: z.array(Evidence) }),
    ),
    passages: z.array(z.object({ id: z.string(), text: z.string(), document: DocumentRef, span: Span })),
    practices: z.array(z.object({ id: z.string(), text: z.string() })),
    related: z.array(EntityRef.extend({ weight: z.number() })),
  })
  .meta({ id: 'EntityDetail' });

// ---- graph
export const NeighbourhoodQuery = z
  .object({
    type: EntityKind,
    id: EntityId,
    depth: smallInt(1, 3, 1),
    limit: smallInt(1, 300, 100),
    practices: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export const GraphResponse = z
  .object({
    nodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string() })),
    edges: z.array(
      z.object({
        id: z.string(),
        source: z.string(),
        target: z.string(),
        type: z.string(),
        weight: z.number().optional(),
        evidence: z.array(Evidence).optional(),
      }),
    ),
  })
  .meta({ id: 'GraphView' });
// allShortestPaths refuses equal endpoints, so the same entity twice is the client's mistake, not a 500.
export const PathsQuery = z
  .object({ from: EntityId, to: EntityId, maxHops: smallInt(1, 5, 4), limit: smallInt(1, 10, 5) })
  .strict()
  .refine((q) => q.from !== q.to, { message: 'from and to must differ', path: ['to'] });
export const PathsResponse = z
  .object({
    paths: z.array(
      z.object({
        kind: z.enum(['shortest', 'strongest']),
        length: z.number().int(),
        strength: z.number(),
        nodes: z.array(EntityRef),
        hops: z.array(z.object({ from: EntityRef, to: EntityRef, type: z.string(), evidence: z.array(Evidence) })),
      }),
    ),
  })
  .meta({ id: 'Paths' });

// ---- facets, documents
export const FacetsResponse = z
  .object({
    countries: z.array(EntityRef),
    focusGroups: z.array(EntityRef),
    topics: z.array(EntityRef),
    trends: z.array(EntityRef),
    documentTypes: z.array(z.string()),
    languages: z.array(z.string()),
    dateRange: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  })
  .meta({ id: 'Facets' });
export const DocumentParams = z.object({ id: z.string().min(1).max(2000) }).strict();
export const DocumentResponse = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    type: z.string().nullable(),
    date: z.string().nullable(),
    passages: z.array(
      z.object({
        id: z.string(),
        ordinal: z.number().int(),
        heading: z.string().nullable(),
        text: z.string(),
        span: Span,
        entities: z.array(EntityRef),
      }),
    ),
  })
  .passthrough()
  .meta({ id: 'Document' });
export const DocumentMetadata = z
  .object({
    title: z.string().min(1).max(500).optional(),
    type: z.enum(['web-page', 'brochure', 'newsletter', 'meeting-summary', 'guide', 'other']).optional(),
    date: IsoDate.optional(),
    language: z.string().min(2).max(16).optional(),
    source: z.string().min(1).max(2000).optional(),
    access: z.enum(['public', 'restricted']).optional(),
  })
  .strict()
  .meta({ id: 'DocumentMetadata' });
export const DocumentJsonRequest = z
  .object({
    text: z.string().min(1).optional(),
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
