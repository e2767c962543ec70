/**
 * The reference shapes every answer shares (an entity, a document, a span of its text, a sentence of evidence),
 * defined once as zod schemas: the query families type their answers with the inferred types and the API
 * documents and checks its responses with the same schemas (src/routes/schemas.ts).
 */
import { z } from 'zod';

export const EntityRef = z.object({ type: z.string(), id: z.string(), name: z.string() }).meta({ id: 'EntityRef' });
export type EntityRef = z.infer<typeof EntityRef>;

export const DocumentRef = z
  .object({
    id: z.string(),
    title: z.string(),
    type: z.string(),
    date: z.string().nullable(),
    source: z.string().nullable(),
  })
  .meta({ id: 'DocumentRef' });
export type DocumentRef = z.infer<typeof DocumentRef>;

export const Span = z
  .object({ start: z.number().int(), end: z.number().int(), page: z.number().int().optional() })
  .meta({ id: 'Span', description: "Offsets into the document's normalised text" });
export type Span = z.infer<typeof Span>;

export const Evidence = z
  .object({ sentence: z.string(), document: DocumentRef, span: Span, passageId: z.string() })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;
