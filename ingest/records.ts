/**
 * Record shapes that flow through the ingest pipeline (parse → normalise → chunk → link → extract → embed)
 * and into graph/. Defined once as zod schemas; TypeScript types are inferred.
 */
import { z } from 'zod';

/** all-MiniLM-L6-v2 vectors: the embedder's output and the vector indexes' dimension. */
export const EMBEDDING_DIMENSIONS = 384;

/**
 * A document type's id, a lower-case slug (`meeting-summary`). Which types are accepted is not fixed here: the
 * `documentTypes:` section of corpus/taxonomy.yaml lists them (see `acceptedDocumentType`).
 */
export const DocumentType = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'expected a document type id such as "meeting-summary"');
export type DocumentType = z.infer<typeof DocumentType>;

/** A document type as the taxonomy declares it: what analysts call it and what belongs to it. */
export const DocumentTypeEntry = z
  .object({ id: DocumentType, name: z.string().min(1).max(100), description: z.string().min(1).max(500) })
  .strict();
export type DocumentTypeEntry = z.infer<typeof DocumentTypeEntry>;

/** A document type that must be one of `allowed` (the taxonomy's); the error names the allowed ones. */
export function acceptedDocumentType(allowed: readonly string[]) {
  const list = allowed.length ? allowed.join(', ') : 'none (the taxonomy has no documentTypes section)';
  return DocumentType.refine((t) => allowed.includes(t), {
    error: (issue) => `unknown document type "${String(issue.input)}"; allowed: ${list}`,
  });
}

/** A focus group's taxonomy id (`focus-group:cybersecurity`); which ones exist is the taxonomy's `focusGroups:`. */
export const FocusGroupId = z
  .string()
  .max(100)
  .regex(/^focus-group:[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'expected a focus group id such as "focus-group:cybersecurity"',
    abort: true,
  });

/** A document's declared focus groups, each one of `allowed` (the taxonomy's); the error names the allowed ones. */
export function acceptedFocusGroups(allowed: readonly string[]) {
  const list = allowed.length ? allowed.join(', ') : 'none (the taxonomy has no focusGroups section)';
  return z.array(
    FocusGroupId.refine((g) => allowed.includes(g), {
      error: (issue) => `unknown focus group "${String(issue.input)}"; allowed: ${list}`,
    }),
  );
}

export const AccessLabel = z.enum(['public', 'restricted']);
export type AccessLabel = z.infer<typeof AccessLabel>;

/** Whether `iso` (YYYY-MM-DD) names a day of the calendar: the shape alone lets 2023-13-01 and 2023-02-30 through. */
export function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/**
 * A calendar date as `YYYY-MM-DD` (a year or month alone is normalised to its first day by the parsers); trends
 * bucket documents by it, so an impossible day is refused rather than rolled over.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'expected a calendar date as YYYY-MM-DD');

/** Per-document metadata: given by a corpus manifest or with a document sent to the API. */
export const DocumentMetadata = z
  .object({
    title: z.string().min(1).max(500).optional(),
    type: DocumentType.optional(),
    date: IsoDate.optional(),
    language: z.string().min(2).max(16).optional(),
    source: z.string().min(1).max(2000).optional(),
    access: AccessLabel.optional(),
    /**
     * The focus groups the document belongs to (a group's meeting summary, its newsletter page): every passage of
     * the document counts for them in trends (docs/trends.md, "Attribution").
     */
    focusGroups: z.array(FocusGroupId).max(20).optional(),
  })
  .strict();
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

/** Where a document came from: its stable id (corpus-relative path or URL) and its format. */
export const SourceRef = z.object({
  id: z.string().min(1),
  format: z.enum(['html', 'pdf', 'text', 'markdown']),
  path: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** A structural block of the normalised text, by character offsets [start, end). */
export const Block = z.object({
  kind: z.enum(['heading', 'paragraph', 'list-item']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  level: z.number().int().min(1).max(6).optional(),
  page: z.number().int().positive().optional(),
});
export type Block = z.infer<typeof Block>;

/** A parsed document: normalised text plus its structure. All offsets index into `text`. */
export const ParsedDocument = z.object({
  id: z.string(),
  format: SourceRef.shape.format,
  text: z.string(),
  title: z.string().optional(),
  language: z.string().optional(),
  date: IsoDate.optional(),
  blocks: z.array(Block),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;

/** A chunk of a document: sentence-aligned, with exact offsets so `doc.text.slice(start, end) === text`. */
export const Passage = z.object({
  id: z.string(),
  documentId: z.string(),
  ordinal: z.number().int().nonnegative(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().nullable(),
  heading: z.string().nullable(),
});
export type Passage = z.infer<typeof Passage>;

/** A sentence of the normalised text by offsets. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export const ENTITY_KINDS = [
  'focusGroup',
  'topic',
  'country',
  'organisation',
  'instrument',
  'event',
  'attribute',
  'trend',
] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

/** A canonical entity of corpus/taxonomy.yaml. */
export const Entity = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z-]*:[A-Za-z0-9-]+$/, 'ids look like "country:BE" or "topic:security-culture"'),
    kind: EntityKind,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    description: z.string().min(1),
    /** Only for topics and trends: whether semantic (description) linking applies. */
    semantic: z.boolean().default(false),
  })
  .strict();
export type Entity = z.infer<typeof Entity>;

/** A passage mentions an entity: where (spans), how (method) and how sure (score in 0..1). */
export const Mention = z.object({
  passageId: z.string(),
  entityId: z.string(),
  method: z.enum(['alias', 'semantic']),
  score: z.number(),
  /** [start, end) offsets into the document text, flattened pairs: [s0, e0, s1, e1, ...]. */
  spans: z.array(z.number().int()),
});
export type Mention = z.infer<typeof Mention>;

export const RELATION_TYPES = [
  'CO_CHAIRS',
  'SUBSCRIBES_TO',
  'SPONSORS',
  'MEMBER_OF',
  'ORGANISED',
  'ADDRESSES',
  'MITIGATES',
  'AFFECTS',
] as const;
export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

/** A relation stated by one sentence of a document; the sentence is its evidence. */
export const Relation = z.object({
  type: RelationType,
  from: z.string(),
  to: z.string(),
  passageId: z.string(),
  sentence: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Relation = z.infer<typeof Relation>;

/** A fact with a value rather than a target entity, e.g. the IWG was established in 2020. */
export const Attribute = z.object({
  entityId: z.string(),
  key: z.enum(['establishedIn']),
  value: z.string(),
  passageId: z.string(),
  sentence: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type Attribute = z.infer<typeof Attribute>;

/** A normative statement (a good practice) found in a passage, with its exact quote. */
export const PracticeCandidate = z.object({
  text: z.string(),
  passageId: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** Why it was taken as a practice: the cue word(s) or the heading it sits under. */
  cue: z.string(),
  topics: z.array(z.string()),
  attributes: z.array(z.string()),
});
export type PracticeCandidate = z.infer<typeof PracticeCandidate>;
