/**
 * What each query family answers, defined once as zod schemas: the families type their results with the
 * inferred types, and the API documents (OpenAPI) and, in its tests, checks every response with the same schemas.
 */
import { z } from 'zod';
import { DocumentRef, EntityRef, Evidence, Span } from './shapes.js';

// ---- search
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
    match: z
      .object({ text: z.string(), span: Span })
      .nullable()
      .describe(
        'The sentence that best answers the query inside this hit, with its offsets (null for topics and trends)',
      ),
    entities: z.array(EntityRef),
    why: z.object({
      lists: z.object({ semantic: ListRank.optional(), keyword: ListRank.optional() }),
      matchedTerms: z.array(z.string()),
      matchedEntities: z.array(EntityRef),
    }),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

export const Confidence = z
  .object({
    level: z.enum(['high', 'low']).describe('"low" means no good match: the hits are only the nearest there are'),
    bestSimilarity: z.number().nullable().describe('Cosine of the best semantic candidate (null in keyword mode)'),
    termCoverage: z.number().describe("Share of the query's content words found in the top hit"),
  })
  .meta({ id: 'Confidence' });
export type Confidence = z.infer<typeof Confidence>;

export const SearchAnswer = z
  .object({
    results: z.array(SearchHit),
    total: z.number().int(),
    took_ms: z.number().describe('Milliseconds from the query to the answer (embedding + Neo4j)'),
    mode: z.string(),
    scoring: z
      .enum(['fused', 'semantic', 'keyword'])
      .describe(
        "What each hit's `score` is: `fused`, the sum of both lists' min-max normalised scores (0–2); " +
          '`semantic`, the vector similarity (1 + cosine) / 2 (0–1); `keyword`, the full-text BM25 score (no fixed ' +
          'maximum). Hybrid mode falls back to one list when the other does not run (a query of stop words runs ' +
          'no keyword list)',
      ),
    confidence: Confidence,
    timings: z
      .object({
        embed_ms: z.number().describe('Embedding the query text (≈0 when cached or in keyword mode)'),
        graph_ms: z.number().describe('Neo4j: index lookups, fusion and hit details'),
      })
      .optional(),
  })
  .meta({ id: 'SearchResponse' });
export type SearchAnswer = z.infer<typeof SearchAnswer>;

const FacetEntity = EntityRef.extend({
  count: z.number().int().describe('Documents of the result set with a passage in it that mentions the entity'),
}).meta({ id: 'FacetEntity' });
const FacetValue = z.object({ value: z.string(), count: z.number().int() }).meta({ id: 'FacetValue' });
export const Facets = z
  .object({
    documents: z.number().int().describe('Readable documents with a passage in the result set'),
    countries: z.array(FacetEntity),
    focusGroups: z.array(FacetEntity),
    topics: z.array(FacetEntity),
    trends: z.array(FacetEntity),
    documentTypes: z.array(z.string()),
    languages: z.array(z.string()),
    documentTypeCounts: z.array(FacetValue).describe('Each type with its documents in the result set'),
    languageCounts: z.array(FacetValue).describe('Each language with its documents in the result set'),
    dateRange: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  })
  .meta({ id: 'Facets' });
export type Facets = z.infer<typeof Facets>;

// ---- practices
export const PracticeSource = z.object({ quote: z.string(), document: DocumentRef, span: Span, passageId: z.string() });
export type PracticeSource = z.infer<typeof PracticeSource>;

export const PracticeDetail = z
  .object({
    id: z.string(),
    text: z.string(),
    sources: z.array(PracticeSource),
    topics: z.array(EntityRef),
    attributes: z.array(EntityRef),
  })
  .meta({ id: 'Practice' });
export type PracticeDetail = z.infer<typeof PracticeDetail>;

export const RelatedPractice = z.object({
  id: z.string(),
  text: z.string(),
  score: z.number(),
  similarity: z
    .number()
    .describe("Neo4j's vector similarity of the two practices' embeddings: (1 + cosine) / 2, in [0, 1]"),
  sharedTopics: z.array(EntityRef),
  sharedAttributes: z.array(EntityRef),
  coCited: z.number().int(),
  reason: z.string(),
  sources: z.array(PracticeSource.omit({ passageId: true })),
});
export type RelatedPractice = z.infer<typeof RelatedPractice>;

export const RelatedPractices = z
  .object({
    practice: z.object({ id: z.string(), text: z.string() }).optional(),
    results: z.array(RelatedPractice),
    confidence: z
      .object({
        level: z.enum(['high', 'low']),
        bestSimilarity: z.number().nullable().describe('The closest practice’s cosine to the text'),
      })
      .optional()
      .describe(
        'For free text only: "high" when the closest practice reaches the model’s high-confidence cosine, ' +
          'else "low" (no close practice: the results are only the nearest ones)',
      ),
  })
  .meta({ id: 'RelatedPractices' });
export type RelatedPractices = z.infer<typeof RelatedPractices>;

// ---- trends
const PerPeriod = z.array(z.number().int());
export const TrendAnswer = z
  .object({
    interval: z.enum(['year', 'quarter']),
    periods: z.array(z.string()),
    exposure: PerPeriod.describe(
      'Per period, the dated documents of the selection (date range, focus group, topic) the caller may read',
    ),
    trends: z
      .array(
        z.object({
          entity: EntityRef,
          counts: PerPeriod.describe('Per period, the documents of the selection mentioning the trend'),
          total: z.number().int(),
          support: z.number().int().describe('Documents mentioning the trend; at least 2 to be ranked'),
          growth: z
            .number()
            .describe(
              "Relative change of the trend's share of the documents per period, e^slope − 1 of a Poisson " +
                'regression of counts on the period with log(exposure) as offset: 0.25 = +25 % a period',
            ),
          zScore: z
            .number()
            .describe(
              'slope / standard error of that regression (a N(0, 1) prior on the slope): how sure the rise is; ' +
                'trends are ranked by it',
            ),
          rank: z.number().int(),
          evidence: z
            .array(
              Evidence.extend({
                text: z.string().meta({
                  deprecated: true,
                  description: 'Deprecated: the same as `sentence` (its name when evidence was a passage)',
                }),
              }),
            )
            .describe(
              'Latest documents first, one sentence each: the sentence naming the trend (and the focus group when ' +
                'the document does not declare it), else the one closest to it in meaning',
            ),
        }),
      )
      .describe('Ranked by zScore, highest first: trends mentioned in at least 2 documents'),
    unranked: z
      .array(z.object({ entity: EntityRef, counts: PerPeriod, total: z.number().int() }))
      .describe('Trends mentioned in fewer than 2 documents of the selection: counted, not ranked'),
    topics: z.array(
      z.object({
        entity: EntityRef,
        counts: PerPeriod.describe('Per period, the documents of the selection mentioning the topic'),
        total: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Trends' });
export type TrendAnswer = z.infer<typeof TrendAnswer>;

// ---- entities
const EntitySummary = EntityRef.extend({
  aliases: z.array(z.string()),
  description: z.string(),
  mentions: z.number().int(),
});
export const EntityList = z.object({ results: z.array(EntitySummary) }).meta({ id: 'Entities' });
export type EntityList = z.infer<typeof EntityList>;

export const EntityCommunity = z
  .object({
    id: z.string(),
    ordinal: z.number().int(),
    name: z.string(),
    size: z.number().int(),
    pagerank: z.number(),
    betweenness: z.number(),
    members: z.array(EntityRef).describe('The other members, highest PageRank first (at most 8)'),
  })
  .meta({ id: 'EntityCommunity' });
export type EntityCommunity = z.infer<typeof EntityCommunity>;

export const EntityDetail = z
  .object({
    entity: EntityRef.extend({
      aliases: z.array(z.string()),
      description: z.string(),
      establishedIn: z.unknown().optional(),
    }),
    relations: z.array(
      z.object({ type: z.string(), direction: z.enum(['out', 'in']), other: EntityRef, evidence: z.array(Evidence) }),
    ),
    passages: z
      .array(
        z.object({
          id: z.string(),
          text: z.string(),
          document: DocumentRef,
          span: Span,
          evidence: Evidence.describe('The sentence of this passage that names the entity (or is closest to it)'),
        }),
      )
      .describe('The passages that mention the entity most, each with the sentence that evidences it'),
    practices: z.array(z.object({ id: z.string(), text: z.string() })),
    related: z.array(EntityRef.extend({ weight: z.number() })),
    community: EntityCommunity.nullable().describe(
      'The community the entity is in (as the caller may read the graph), or null',
    ),
  })
  .meta({ id: 'EntityDetail' });
export type EntityDetail = z.infer<typeof EntityDetail>;

// ---- graph
export const GraphView = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        label: z.string(),
        score: z
          .number()
          .optional()
          .describe(
            'Neighbourhood: normalised weight from the entity (1 by stated facts, else the product of strengths)',
          ),
      }),
    ),
    edges: z.array(
      z.object({
        id: z.string(),
        source: z.string(),
        target: z.string(),
        type: z.string(),
        strength: z
          .number()
          .optional()
          .describe('Normalised weight: 1 for a stated fact, for co-occurrence its association strength in (0, 1)'),
        weight: z.number().optional().describe('Co-occurrence: the sentences and passages naming both, readable ones'),
        evidence: z.array(Evidence).optional(),
      }),
    ),
  })
  .meta({ id: 'GraphView' });
export type GraphView = z.infer<typeof GraphView>;

/** How a hop's stored relationship points relative to the walking order `from` → `to`. */
export const HopDirection = z
  .enum(['forward', 'backward', 'undirected'])
  .describe(
    "Which way the stored relationship points, relative to the walking order: 'forward' it points `from` → `to`, so the fact " +
      "reads `from` —type→ `to`; 'backward' it points `to` → `from`, so the fact reads `to` —type→ `from`; " +
      "'undirected' for co-occurrence (RELATED_TO), which states no direction",
  );
export type HopDirection = z.infer<typeof HopDirection>;

export const LinkagePath = z.object({
  kind: z
    .enum(['shortest', 'strongest', 'longer'])
    .describe(
      "'shortest': as few hops as any path between the two; 'strongest': more hops, but stronger than every " +
        "shortest path and as strong as any path found; 'longer': more hops and not the strongest, another route",
    ),
  length: z.number().int(),
  strength: z
    .number()
    .describe('Product of the hop strengths: 1 for a path of stated facts, below 1 through co-occurrence'),
  nodes: z.array(EntityRef),
  hops: z
    .array(
      z.object({
        from: EntityRef,
        to: EntityRef,
        type: z.string(),
        direction: HopDirection,
        strength: z
          .number()
          .describe('1 for a stated fact; for co-occurrence (RELATED_TO) the association strength, in (0, 1)'),
        evidence: z.array(Evidence),
      }),
    )
    .describe(
      'In walking order: each hop goes `from` → `to` along `nodes`; `direction` says which way its fact points',
    ),
});
export type LinkagePath = z.infer<typeof LinkagePath>;

export const LinkagePaths = z.object({ paths: z.array(LinkagePath) }).meta({ id: 'Paths' });
export type LinkagePaths = z.infer<typeof LinkagePaths>;

// ---- documents
/** A document's stored properties (null when not recorded). */
const StoredDocument = z.object({
  id: z.string(),
  title: z.string().nullable(),
  type: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  language: z.string().nullable(),
  source: z.string().nullable().describe('Where it came from: a URL, or its path in the corpus'),
  access: z.string().nullable().describe('Its access label (public, restricted)'),
  format: z.string().nullable().describe('The format it was parsed from: html, pdf, text or markdown'),
  contentHash: z.string().nullable(),
  passageCount: z.number().int().nullable(),
  ingestedAt: z.string().nullable(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** A page of the normalised text; offsets are absolute (into the whole text), in UTF-16 code units. */
export const DocumentTextPage = z
  .object({
    offset: z.number().int().describe('Where the page starts: the requested offset, moved back to its sentence start'),
    end: z.number().int().describe('Where the page ends (exclusive): offset + limit, moved on to its sentence end'),
    text: z.string().describe('The normalised text from offset to end'),
    previous: z.number().int().nullable().describe('The offset of the page before this one; null at the start'),
    next: z.number().int().nullable().describe("The offset of the next page (this page's end); null at the end"),
  })
  .meta({ id: 'DocumentTextPage' });

export const DocumentDetail = StoredDocument.extend({
  focusGroups: z
    .array(EntityRef)
    .describe(
      'The focus groups the document declares (manifest or upload `focusGroups`); trends attribute its mentions to them',
    ),
  length: z.number().int().describe('Characters in the whole normalised text'),
  page: DocumentTextPage,
  passages: z
    .array(
      z.object({
        id: z.string(),
        ordinal: z.number().int(),
        heading: z.string().nullable(),
        text: z.string(),
        span: Span,
        entities: z.array(EntityRef),
      }),
    )
    .describe('The passages overlapping the page, in reading order, whole (a passage may run past the page)'),
  sentences: z
    .array(z.object({ id: z.string(), ordinal: z.number().int(), text: z.string(), span: Span, passageId: z.string() }))
    .describe('The sentences on the page, in reading order; passageId is the first passage holding the sentence'),
}).meta({ id: 'Document' });
export type DocumentDetail = z.infer<typeof DocumentDetail>;

// ---- communities
export const CommunityConnector = z
  .object({
    entity: EntityRef,
    pagerank: z.number(),
    betweenness: z.number().describe('Normalised betweenness over the whole entity graph: how much it bridges'),
    by: z.array(z.enum(['pagerank', 'betweenness'])).describe('Which ranking made it a top connector'),
    link: z
      .object({ other: EntityRef, type: z.string(), strength: z.number() })
      .nullable()
      .describe('Its strongest link inside the community (a stated fact, strength 1, or a co-occurrence)'),
    evidence: z.array(Evidence).describe('Sentences evidencing that link, from documents the caller may read'),
  })
  .meta({ id: 'CommunityConnector' });
export type CommunityConnector = z.infer<typeof CommunityConnector>;

export const Community = z
  .object({
    id: z.string(),
    ordinal: z.number().int().describe('1 = the largest community'),
    name: z.string().describe('Its two highest-PageRank members'),
    size: z.number().int(),
    members: z.array(EntityRef).describe('Highest PageRank first (at most `members` of them)'),
    connectors: z.array(CommunityConnector),
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof Community>;

export const Communities = z
  .object({
    communities: z.array(Community),
    total: z.number().int().describe("Communities in the caller's view"),
    computedAt: z.string().nullable(),
    seed: z.number().int().nullable(),
  })
  .meta({ id: 'Communities' });
export type Communities = z.infer<typeof Communities>;

// ---- themes
export const ThemeAnswer = z
  .object({
    interval: z.enum(['year', 'quarter']),
    periods: z.array(z.string()),
    sentences: z
      .number()
      .int()
      .describe('Readable dated sentences naming no taxonomy topic or trend: the candidates for new themes'),
    sampled: z.number().int().describe('How many of them were clustered (a seeded sample when there are more)'),
    themes: z.array(
      z.object({
        id: z.string().describe('theme:<slug of its first key phrase>; `iwg themes promote` takes it'),
        label: z.string(),
        keyPhrases: z.array(z.string()).describe('Its most distinctive n-grams by class-based TF-IDF, best first'),
        counts: z.array(z.number().int()).describe('Its sentences per period'),
        total: z.number().int(),
        documents: z.number().int(),
        growth: z.number().describe('Poisson regression on period with exposure: e^slope − 1 per period'),
        zScore: z.number().describe('The slope over its standard error'),
        novelty: z.number().describe('Mean of taxonomyDistance and earlierDistance'),
        taxonomyDistance: z.number().describe('1 − cosine of its centroid to the nearest taxonomy topic or trend'),
        nearestEntry: z.object({ id: z.string(), name: z.string() }).nullable(),
        earlierDistance: z
          .number()
          .describe("1 − cosine of its recent centroid to the nearest of the earlier periods' own clusters"),
        score: z.number().describe('max(zScore, 0) × novelty: the rank order within emerging and other themes'),
        qValue: z
          .number()
          .describe(
            'Benjamini–Hochberg adjusted one-sided p-value of the rise, over every cluster tested (docs/trends.md)',
          ),
        emerging: z
          .boolean()
          .describe('qValue ≤ 0.05: a rise beyond what that many flat clusters give by chance; listed first'),
        rank: z.number().int(),
        evidence: z
          .array(Evidence)
          .describe('Its sentences closest to its centroid, one per document; mentions mark the key phrases'),
      }),
    ),
  })
  .meta({ id: 'Themes' });
export type ThemeAnswer = z.infer<typeof ThemeAnswer>;
