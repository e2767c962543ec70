/**
 * What the pipeline hands to the graph: one record per document, and the store interface graph/ implements
 * (graph/neo4j-document-store.ts). Kept here so ingest/ depends on no other layer.
 */
import type { Attribute, Entity, Mention, Passage, Relation } from './records.js';
import type { SentenceDraft } from './sentence-records.js';

/** What a communities recompute reports, per access view (graph/communities.ts). */
export interface CommunitiesRefresh {
  seed: number;
  /** When the communities were computed (ISO time). */
  computedAt: string;
  ms: number;
  views: { view: string; communities: number; linked: number; edges: number; modularity: number }[];
}

/** What a themes recompute reports (graph/themes-store.ts). */
export interface ThemesRefresh {
  writes: number;
  ms: number;
  views: { view: string; themes: number }[];
  superseded: boolean;
  /** Why the refresh failed (the stored sets then stay stale and are not served). */
  error?: string;
}

/** What bringing derived data up to date did: each part null (or false) when it was current. */
export interface DerivedRefresh {
  cooccurrence: boolean;
  communities: CommunitiesRefresh | null;
  themes: ThemesRefresh | null;
}

export interface DocumentProps {
  id: string;
  title: string;
  type: string;
  date: string | null;
  year: number | null;
  language: string;
  source: string;
  access: string;
  /** The focus groups the document declares (manifest or upload metadata), taxonomy ids. */
  focusGroups: string[];
  format: string;
  contentHash: string;
  text: string;
  origin: string;
}

export interface PracticeRecord {
  id: string;
  text: string;
  embedding: number[];
  /** Where it is quoted: the passage, the sentence holding the quote (null when none does), offsets and cue. */
  sources: { passageId: string; sentenceId: string | null; quote: string; start: number; end: number; cue: string }[];
  topics: { id: string; method: string; score: number }[];
  attributes: { id: string; method: string; score: number }[];
}

/** The texts that carry their own embedding. */
export type EmbeddedUnit = 'passage' | 'sentence';

/** Everything one document contributes to the graph. */
export interface DocumentRecord {
  document: DocumentProps;
  passages: (Passage & { embedding: number[]; textHash: string })[];
  /** Every sentence once, with its own embedding: the unit search ranks and answers cite. */
  sentences: (SentenceDraft & { embedding: number[]; textHash: string })[];
  mentions: Mention[];
  relations: Relation[];
  attributes: Attribute[];
  practices: PracticeRecord[];
}

/** The graph read of the practice merge, made inside the transaction that writes the document. */
export interface PracticeLookup {
  /**
   * For each embedding, the closest practice sourced from another document (or null), by exact cosine, with
   * Neo4j's score for it ((1 + cos) / 2) and its stored embedding, on which ingest/practice-merge.ts decides.
   */
  nearestPractices(
    embeddings: number[][],
    excludeDocumentId: string,
  ): Promise<({ id: string; score: number; embedding: number[] } | null)[]>;
}

/** What a document write committed: the record, and the content hash the document had before (if any). */
export interface WrittenDocument {
  record: DocumentRecord;
  previousHash: string | undefined;
}

/**
 * Whether a store operation failed because the store itself cannot be reached (its errors then carry
 * `unavailable: true`): the rest of a run cannot be written either, so the run stops rather than failing every
 * remaining document one by one.
 */
export function isStoreUnavailable(err: unknown): boolean {
  return (err as { unavailable?: unknown } | null)?.unavailable === true;
}

/** The graph operations the pipeline needs; implemented by graph/neo4j-document-store.ts over Neo4j. */
export interface DocumentStore {
  documentHashes(origin?: string): Promise<Map<string, string>>;
  /** The stored content hash of one document of any origin (undefined when absent). */
  documentHash(id: string): Promise<string | undefined>;
  /** How many passages and distinct practices a stored document contributes. */
  documentContribution(id: string): Promise<{ passages: number; practices: number }>;
  /** Embeddings already stored for passage or sentence texts, by text hash. */
  embeddingsByHash(unit: EmbeddedUnit, hashes: string[]): Promise<Map<string, number[]>>;
  entityEmbeddings(): Promise<Map<string, { hash: string; embedding: number[] }>>;
  upsertEntities(
    entities: readonly Entity[],
    embeddings: ReadonlyMap<string, { hash: string; embedding: number[] }>,
  ): Promise<void>;
  /**
   * Writes a document in one transaction that first excludes every other writer (of any process), then lets
   * `build` complete the record with reads in it (the practice merge's), so those reads see every earlier write.
   * `build` may run again when the database asks for a retry: it must have no other effect.
   */
  writeDocument(build: (lookup: PracticeLookup) => Promise<DocumentRecord>): Promise<WrittenDocument>;
  deleteDocument(id: string): Promise<boolean>;
  /**
   * Brings derived data up to date, in order, each part only when a write since its last recompute (in any
   * process, or one killed before it recomputed) left it stale: co-occurrence, the communities drawn from it, the
   * stored emerging themes.
   */
  refreshDerived(): Promise<DerivedRefresh>;
  counts(): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }>;
}
