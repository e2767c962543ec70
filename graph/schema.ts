/**
 * The graph's schema: node labels, relationship types (the whitelists queries draw from), constraints and the
 * vector and full-text indexes. `ensureSchema` is idempotent and records the schema version in the graph.
 */
import { EMBEDDING_DIMENSIONS, RELATION_TYPES, type EntityKind } from '../ingest/records.js';
import { query as q } from './cypher.js';
import type { Graph, CypherQuery } from './driver.js';

export const SCHEMA_VERSION = 2;

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
  'Practice',
  'Entity',
  ...Object.values(ENTITY_LABELS),
  'SchemaInfo',
] as const;
export type Label = (typeof LABELS)[number];

/** Relationship types stated by documents (with an evidence sentence each) plus structural ones. */
/** Fact types come from the extraction's record shapes: one list for both layers. */
export const FACT_TYPES = RELATION_TYPES;
export const STRUCTURAL_TYPES = ['HAS_PASSAGE', 'NEXT', 'MENTIONS', 'SOURCED_FROM', 'RELATED_TO', 'STATES'] as const;
export const RELATIONSHIP_TYPES = [...FACT_TYPES, ...STRUCTURAL_TYPES] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export const VECTOR_INDEXES = {
  passage: { name: 'passage_embedding', label: 'Passage' },
  practice: { name: 'practice_embedding', label: 'Practice' },
  topic: { name: 'topic_embedding', label: 'Topic' },
  trend: { name: 'trend_embedding', label: 'Trend' },
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

function schemaStatements(): CypherQuery[] {
  const out: CypherQuery[] = [];
  for (const l of ['Document', 'Passage', 'Practice', 'Entity', ...Object.values(ENTITY_LABELS)]) {
    out.push(q(`CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`));
  }
  out.push(q('CREATE INDEX passage_document IF NOT EXISTS FOR (n:Passage) ON (n.documentId)'));
  out.push(q('CREATE INDEX passage_text_hash IF NOT EXISTS FOR (n:Passage) ON (n.textHash)'));
  out.push(q('CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date)'));
  out.push(q('CREATE INDEX practice_affected IF NOT EXISTS FOR (n:Practice) ON (n.affectedBy)'));
  for (const v of Object.values(VECTOR_INDEXES)) {
    out.push(
      q(
        `CREATE VECTOR INDEX ${v.name} IF NOT EXISTS FOR (n:${v.label}) ON (n.embedding) ` +
          `OPTIONS { indexConfig: { \`vector.dimensions\`: ${EMBEDDING_DIMENSIONS}, \`vector.similarity_function\`: 'cosine' } }`,
      ),
    );
  }
  for (const f of Object.values(FULLTEXT_INDEXES)) {
    const props = f.properties.map((p) => `n.${p}`).join(', ');
    out.push(q(`CREATE FULLTEXT INDEX ${f.name} IF NOT EXISTS FOR (n:${f.labels.join('|')}) ON EACH [${props}]`));
  }
  return out;
}

export interface IndexState {
  name: string;
  type: string;
  state: string;
}

/**
 * Creates constraints and indexes if missing (each statement in its own transaction, as Neo4j requires for
 * schema changes), waits until every index is ONLINE, records the schema version. Collects all problems.
 */
export async function ensureSchema(graph: Graph): Promise<IndexState[]> {
  const problems: string[] = [];
  for (const stmt of schemaStatements()) {
    try {
      await graph.write([stmt]);
    } catch (err) {
      problems.push(`${stmt.cypher.slice(0, 80)}…: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`Schema could not be applied:\n${problems.join('\n')}`);
  await graph.write([{ cypher: 'CALL db.awaitIndexes(300)', params: {} }]).catch(() => undefined);
  await graph.write([
    {
      cypher: 'MERGE (s:SchemaInfo {id: "schema"}) SET s.version = $version, s.appliedAt = datetime()',
      params: { version: SCHEMA_VERSION },
    },
  ]);
  const states = await indexStates(graph);
  const expected = [...Object.values(VECTOR_INDEXES), ...Object.values(FULLTEXT_INDEXES)].map((i) => i.name);
  const notOnline = expected.filter((n) => states.find((s) => s.name === n)?.state !== 'ONLINE');
  if (notOnline.length > 0) throw new Error(`Indexes not ONLINE: ${notOnline.join(', ')}`);
  return states;
}

/** SHOW INDEXES, reduced to name/type/state. */
export async function indexStates(graph: Graph): Promise<IndexState[]> {
  return graph.read<IndexState>({
    cypher: 'SHOW INDEXES YIELD name, type, state RETURN name, type, state',
    params: {},
  });
}

/** The schema version recorded in the graph, or null before ensureSchema ran. */
export async function schemaVersion(graph: Graph): Promise<number | null> {
  const rows = await graph.read<{ version: number }>({
    cypher: 'MATCH (s:SchemaInfo {id: "schema"}) RETURN s.version AS version',
    params: {},
  });
  return rows[0]?.version ?? null;
}
