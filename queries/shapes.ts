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

/**
 * Why a piece of evidence was chosen: `mention` — the sentence names the entities (a stated fact's sentence is
 * one); `span` — the entities are named in different sentences of one passage, and the evidence is the shortest
 * run of its sentences that names each; `meaning` — an entity is linked to the passage by meaning (a semantic
 * topic or trend, no name in the text), and the evidence is the passage's sentence closest to its description.
 */
export const EvidenceBasis = z.enum(['mention', 'span', 'meaning']).meta({ id: 'EvidenceBasis' });
export type EvidenceBasis = z.infer<typeof EvidenceBasis>;

/**
 * A sentence that evidences an answer, with where it sits in its document and where, inside it, the entities it
 * is evidence for are named (so a page can highlight them).
 */
export const Evidence = z
  .object({
    sentence: z
      .string()
      .describe('The evidence text: one sentence, or for `basis: span` the run of sentences naming each entity'),
    document: DocumentRef,
    span: Span.describe("The evidence text's offsets into the document text: text = document.text[start:end]"),
    passageId: z.string(),
    mentions: z
      .array(Span)
      .describe(
        'Offsets (into the document text, inside span) of the names of the entities it evidences; [] by meaning',
      ),
    basis: EvidenceBasis,
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;
