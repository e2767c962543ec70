/**
 * Sentences as graph records: the unit that search ranks and every answer cites. Each sentence of a document is
 * one record (overlapping passages share sentences, so a sentence belongs to the first passage containing it, as
 * relation and practice extraction already attribute it), with exact offsets, its ordinal in the document and the
 * entities it mentions by alias (spans inside the sentence).
 */
import type { PracticeCandidate } from './records.js';
import type { SentenceEvidence } from './relations.js';

/** One sentence of a document, without its embedding. */
export interface SentenceDraft {
  id: string;
  documentId: string;
  passageId: string;
  ordinal: number;
  start: number;
  end: number;
  text: string;
  /** Alias mentions inside the sentence: entity id and flattened [start, end, …] document offsets. */
  mentions: { entityId: string; spans: number[] }[];
}

/** Sentence ids are stable per document and offset-ordered: `<documentId>#s<ordinal>`. */
export function sentenceId(documentId: string, ordinal: number): string {
  return `${documentId}#s${ordinal}`;
}

/** The document's sentences (from `documentSentences`), in text order, as drafts with their mentions. */
export function draftSentences(documentId: string, evidence: readonly SentenceEvidence[]): SentenceDraft[] {
  return evidence.map((e, ordinal) => {
    const spans = new Map<string, number[]>();
    for (const h of e.hits) spans.set(h.entityId, [...(spans.get(h.entityId) ?? []), h.start, h.end]);
    return {
      id: sentenceId(documentId, ordinal),
      documentId,
      passageId: e.passageId,
      ordinal,
      start: e.sentence.start,
      end: e.sentence.end,
      text: e.sentence.text,
      mentions: [...spans].map(([entityId, s]) => ({ entityId, spans: s })),
    };
  });
}

/** The sentence a practice candidate quotes: the one holding the quote's first character. */
export function quotedSentence(
  candidate: Pick<PracticeCandidate, 'start'>,
  sentences: readonly SentenceDraft[],
): SentenceDraft | undefined {
  return sentences.find((s) => s.start <= candidate.start && candidate.start < s.end);
}
