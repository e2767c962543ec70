/**
 * The graph's schema: node labels, relationship types (the whitelists queries draw from), and the expected
 * constraints and vector, full-text and range indexes as one value (`expectedSchema`), which
 * `ensureSchema` (graph/ensure-schema.ts) applies and compares with what the database holds.
 */
import { EMBEDDING_DIMENSIONS, RELATION_TYPES, type EntityKind } from '../ingest/records.js';
import { query } from './cypher.js';
import { cypherInteger, type CypherQuery } from './driver.js';

export const SCHEMA_VERSION = 7;

/** Labels of canonical entities (from corpus/taxonomy.yaml), by entity kind. */
export const ENTITY_LABELS: { readonly [K in EntityKind]: string } = {
  focusGroup: 'FocusGroup',
  topic: 'Topic',
  country: 'Country',
  organisation: 'Organisation',
  instrument: 'Instrument',
  event: 'Event',
  attribute: 'InsiderAttribute',
  trend: 'Trend',
};
export type EntityKindName = EntityKind;
export const ENTITY_KIND_NAMES = Object.keys(ENTITY_LABELS) as EntityKindName[];

/** Every label a node can carry. */
export const LABELS = [
  'Document',
  'Passage',
  'Sentence',
  'Practice',
  'Entity',
  ...Object.values(ENTITY_LABELS),
  'SchemaInfo',
  // A community of entities, per access view (graph/communities.ts).
  'Community',
  // The stored emerging themes of one access view (graph/themes-store.ts).
  'ThemeSet',
  // The one node every write transaction locks first (graph/write-lock.ts).
  'WriteLock',
] as const;
export type Label = (typeof LABELS)[number];

/** Relationship types stated by documents (with an evidence sentence each) plus structural ones. */
/** Fact types come from the extraction's record shapes: one list for both layers. */
export const FACT_TYPES = RELATION_TYPES;
export const STRUCTURAL_TYPES = [
  'HAS_PASSAGE',
  'HAS_SENTENCE',
  'NEXT',
  'MENTIONS',
  'SOURCED_FROM',
  'QUOTES',
  'RELATED_TO',
  'STATES',
  'IN_COMMUNITY',
] as const;
export const RELATIONSHIP_TYPES = [...FACT_TYPES, ...STRUCTURAL_TYPES] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * The sentence index's HNSW build settings: m 32 and ef_construction 200 instead of Neo4j's 16 / 100. Neo4j 5.26
 * searches each Lucene segment's graph with ef = the k asked for, and once ingest's merges leave a few large
 * segments (311,647 distinct sentences at 10,000 documents) a graph built at 16 / 100 misses most near neighbours
 * at 100 look-ups. Measured on that graph, the index rebuilt into 7–8 segments either way (bench/hnsw-10000.md):
 * semantic nDCG@10 0.238 → 0.396 and hybrid 0.501 → 0.554 at 100 look-ups, for the same look-up CPU (12.3 vs
 * 11.5 ms of Neo4j per search) and 1.9× the build CPU (population 231 → 437 s). Search time does not pay for it;
 * ingest does (bench/RESULTS.md, ingest ratio).
 */
export const SENTENCE_INDEX_HNSW: VectorHnswOptions = Object.freeze({ m: 32, efConstruction: 200 });

/**
 * The vector indexes. Sentences are indexed once per distinct text: every Sentence keeps its vector in `embedding`,
 * and the one sentence of each text that holds `distinctHash` (= its textHash) also holds `distinctEmbedding`, the
 * indexed copy — a text repeated in thousands of documents takes one place in the index, not thousands
 * (bench/sentences.md, "Distinct sentences").
 */
export const VECTOR_INDEXES = {
  passage: { name: 'passage_embedding', label: 'Passage', property: 'embedding' },
  sentence: { name: 'sentence_embedding', label: 'Sentence', property: 'distinctEmbedding', hnsw: SENTENCE_INDEX_HNSW },
  practice: { name: 'practice_embedding', label: 'Practice', property: 'embedding' },
  topic: { name: 'topic_embedding', label: 'Topic', property: 'embedding' },
  trend: { name: 'trend_embedding', label: 'Trend', property: 'embedding' },
} as const;

export const FULLTEXT_INDEXES = {
  passage: { name: 'passage_text', labels: ['Passage'], properties: ['text'] },
  practice: { name: 'practice_text', labels: ['Practice'], properties: ['text'] },
  entity: { name: 'entity_names', labels: ['Entity'], properties: ['name', 'aliasText', 'description'] },
  document: { name: 'document_title', labels: ['Document'], properties: ['title'] },
} as const;

/** Asserts a label/type is on the whitelist before it is placed in Cypher text. */
export function label(name: string): Label {
  if (!(LABELS as readonly string[]).includes(name)) throw new Error(`not a whitelisted label: ${name}`);
  return name as Label;
}
export function relType(name: string): RelationshipType {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(name)) throw new Error(`not a whitelisted type: ${name}`);
  return name as RelationshipType;
}

/** A uniqueness constraint on one property of one label. */
export interface UniqueConstraintSpec {
  readonly kind: 'unique';
  readonly name: string;
  readonly label: string;
  readonly property: string;
}
/** A range index on one property of one label. */
export interface RangeIndexSpec {
  readonly kind: 'range';
  readonly name: string;
  readonly label: string;
  readonly property: string;
}
/** A vector index: dimensions and similarity function must match the vectors the embedding model writes. */
export interface VectorIndexSpec {
  readonly kind: 'vector';
  readonly name: string;
  readonly label: string;
  readonly property: string;
  readonly dimensions: number;
  readonly similarity: 'COSINE' | 'EUCLIDEAN';
  /**
   * HNSW and quantization settings of Neo4j 5.26's vector-2.0 indexes (`vector.hnsw.m`,
   * `vector.hnsw.ef_construction`, `vector.quantization.enabled`); absent = Neo4j's default (16, 100, true).
   */
  readonly hnsw?: VectorHnswOptions;
}

/** The build settings of a vector index that Neo4j 5.26 lets a user choose. */
export interface VectorHnswOptions {
  readonly m?: number;
  readonly efConstruction?: number;
  readonly quantization?: boolean;
}
/** A full-text (Lucene) index over some properties of some labels, with its analyzer. */
export interface FulltextIndexSpec {
  readonly kind: 'fulltext';
  readonly name: string;
  readonly labels: readonly string[];
  readonly properties: readonly string[];
  readonly analyzer: string;
}
export type IndexSpec = RangeIndexSpec | VectorIndexSpec | FulltextIndexSpec;
export type SchemaObjectSpec = UniqueConstraintSpec | IndexSpec;

/** Everything `ensureSchema` creates and checks, as a value. */
export interface SchemaSpec {
  readonly constraints: readonly UniqueConstraintSpec[];
  readonly indexes: readonly IndexSpec[];
}

/** Neo4j's default full-text analyzer, stated so that an index edited to another analyzer is noticed. */
export const FULLTEXT_ANALYZER = 'standard-no-stop-words';

/** The schema this version expects; the vector indexes take the embedding model's dimension. */
export function expectedSchema(embeddingDimensions: number = EMBEDDING_DIMENSIONS): SchemaSpec {
  const unique = (l: string): UniqueConstraintSpec => ({
    kind: 'unique',
    name: `${l.toLowerCase()}_id`,
    label: l,
    property: 'id',
  });
  const range = (name: string, l: string, property: string): RangeIndexSpec => ({
    kind: 'range',
    name,
    label: l,
    property,
  });
  return {
    constraints: [
      'Document',
      'Passage',
      'Sentence',
      'Practice',
      'Entity',
      ...Object.values(ENTITY_LABELS),
      'Community',
      'ThemeSet',
      'WriteLock',
    ].map(unique),
    indexes: [
      range('passage_document', 'Passage', 'documentId'),
      range('passage_text_hash', 'Passage', 'textHash'),
      range('sentence_document', 'Sentence', 'documentId'),
      range('sentence_text_hash', 'Sentence', 'textHash'),
      range('sentence_distinct_hash', 'Sentence', 'distinctHash'),
      range('document_date', 'Document', 'date'),
      range('practice_affected', 'Practice', 'affectedBy'),
      range('community_view', 'Community', 'view'),
      ...Object.values(VECTOR_INDEXES).map((v): VectorIndexSpec => ({
        kind: 'vector',
        name: v.name,
        label: v.label,
        property: v.property,
        dimensions: embeddingDimensions,
        similarity: 'COSINE',
        ...('hnsw' in v ? { hnsw: v.hnsw } : {}),
      })),
      ...Object.values(FULLTEXT_INDEXES).map((f): FulltextIndexSpec => ({
        kind: 'fulltext',
        ...f,
        analyzer: FULLTEXT_ANALYZER,
      })),
    ],
  };
}

/** Quotes a name for Cypher text: schema commands take no parameters for names. */
export const quoteName = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** The `CREATE … IF NOT EXISTS` statement for one expected object; settings go in as parameters. */
export function createStatement(spec: SchemaObjectSpec): CypherQuery {
  const name = quoteName(spec.name);
  switch (spec.kind) {
    case 'unique':
      return query(
        `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${quoteName(spec.label)}) REQUIRE n.${quoteName(spec.property)} IS UNIQUE`,
      );
    case 'range':
      return query(
        `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${quoteName(spec.label)}) ON (n.${quoteName(spec.property)})`,
      );
    case 'vector': {
      const { m, efConstruction, quantization } = spec.hnsw ?? {};
      const extra = [
        m === undefined ? '' : ', `vector.hnsw.m`: $m',
        efConstruction === undefined ? '' : ', `vector.hnsw.ef_construction`: $efConstruction',
        quantization === undefined ? '' : ', `vector.quantization.enabled`: $quantization',
      ].join('');
      return query(
        `CREATE VECTOR INDEX ${name} IF NOT EXISTS FOR (n:${quoteName(spec.label)}) ON (n.${quoteName(spec.property)}) ` +
          `OPTIONS { indexConfig: { \`vector.dimensions\`: $dimensions, \`vector.similarity_function\`: $similarity${extra} } }`,
        {
          dimensions: cypherInteger(spec.dimensions),
          similarity: spec.similarity,
          ...(m === undefined ? {} : { m: cypherInteger(m) }),
          ...(efConstruction === undefined ? {} : { efConstruction: cypherInteger(efConstruction) }),
          ...(quantization === undefined ? {} : { quantization }),
        },
      );
    }
    case 'fulltext':
      return query(
        `CREATE FULLTEXT INDEX ${name} IF NOT EXISTS FOR (n:${spec.labels.map(quoteName).join('|')}) ` +
          `ON EACH [${spec.properties.map((p) => `n.${quoteName(p)}`).join(', ')}] ` +
          'OPTIONS { indexConfig: { `fulltext.analyzer`: $analyzer } }',
        { analyzer: spec.analyzer },
      );
  }
}
