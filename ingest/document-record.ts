/**
 * One document's graph record, in two steps: `draftRecord` does everything that depends on this document alone
 * (parse, chunk, link, extract, embed); `completeRecord` merges its practices with the graph's.
 */
import { basename } from 'node:path';
import { chunkText } from './chunk.js';
import type { DocContext, Progress } from './context.js';
import type { DocumentRecord, EmbeddedUnit, PracticeLookup } from './document-store.js';
import { IngestError } from './errors.js';
import { embeddingKey, hashContent } from './hash.js';
import { linkAliases, linkSemantic } from './link.js';
import { modelIdOfEmbedder, modelThresholds } from './models.js';
import { detectFormat } from './parse.js';
import { inProcessParser } from './parse-pool.js';
import { mergePractices } from './practice-merge.js';
import { extractPractices } from './practices.js';
import { prescriptionOf } from './prescription.js';
import type { Mention, ParsedDocument, PracticeCandidate, SourceRef } from './records.js';
import { documentSentences, extractRelations } from './relations.js';
import { draftSentences, quotedSentence } from './sentence-records.js';
import type { SourceFile } from './sources.js';

/** A record whose practice candidates are not yet merged with the graph's practices. */
export interface Draft {
  record: Omit<DocumentRecord, 'practices'>;
  candidates: PracticeCandidate[];
  practiceVectors: Float32Array[];
  /** The sentence each candidate quotes (null when none holds it). */
  quotedSentenceIds: (string | null)[];
  sourceId: string;
  ms: { parse: number; embed: number };
}

/**
 * Merging reads the graph's practices, so it runs inside the document's write transaction (through `lookup`),
 * after every earlier write of any process.
 */
export async function completeRecord(draft: Draft, ctx: DocContext, lookup: PracticeLookup): Promise<DocumentRecord> {
  const { candidates, practiceVectors, quotedSentenceIds, sourceId } = draft;
  const practices = await mergePractices(candidates, practiceVectors, quotedSentenceIds, sourceId, ctx, lookup);
  return { ...draft.record, practices };
}

/**
 * Everything of a record that does not depend on other documents: parse, chunk, link, extract, embed. Null when
 * the document's content hash equals `knownHash` (nothing it depends on changed).
 */
export async function draftRecord(
  bytes: Uint8Array,
  source: SourceFile,
  ctx: DocContext,
  progress?: Progress,
  knownHash?: string,
): Promise<Draft | null> {
  const contentHash = hashContent(bytes, source.metadata, ctx.rulesHash);
  if (contentHash === knownHash) return null;
  const t0 = Date.now();
  const ref: SourceRef = { id: source.id, format: detectFormat(source.path), path: source.path };
  const parsed = await (ctx.deps.parser ?? inProcessParser).parse(bytes, ref, { maxBytes: ctx.maxBytes });
  const passages = chunkText(parsed);
  if (passages.length === 0) throw new IngestError('EMPTY_DOCUMENT', `${source.path}: no text to index`);
  const aliasMentions = linkAliases(passages, ctx.deps.taxonomy);
  const relations = extractRelations(parsed.text, passages, aliasMentions, ctx.deps.taxonomy);
  const candidates = extractPractices(parsed.text, passages, aliasMentions, ctx.deps.taxonomy, parsed.blocks);
  const sentences = draftSentences(
    source.id,
    documentSentences(parsed.text, passages, aliasMentions, ctx.deps.taxonomy),
  );
  const parseMs = Date.now() - t0;

  const t1 = Date.now();
  // A practice's vector is its prescription's (ingest/prescription.ts): that is what merging compares. It is the
  // quoted sentence's vector when the quote is the whole sentence and has no framing to strip.
  const quoted = candidates.map((c) => quotedSentence(c, sentences));
  const prescriptions = candidates.map((c) => prescriptionOf(c.text));
  const isSentence = (i: number) => prescriptions[i] === candidates[i].text && quoted[i]?.text === candidates[i].text;
  const vectors = await embedDocument(
    passages.map((p) => p.text),
    sentences.map((x) => x.text),
    prescriptions.filter((_, i) => !isSentence(i)),
    ctx,
  );
  const { passages: passageVectors, sentences: sentenceVectors, quotes: ownVectors } = vectors;
  let own = 0;
  const practiceVectors = candidates.map((_, i) =>
    isSentence(i) ? sentenceVectors[quoted[i]!.ordinal] : ownVectors[own++],
  );
  const embedMs = Date.now() - t1;
  if (progress) {
    progress.passages += passages.length;
    progress.embedded += passages.length + sentences.length + ownVectors.length;
    progress.embedMs += embedMs;
  }

  const hasAlias = new Set(aliasMentions.map((m) => `${m.passageId}|${m.entityId}`));
  const semantic = linkSemantic(
    passages,
    passageVectors,
    ctx.semanticEntities,
    ctx.semanticVectors,
    modelThresholds(modelIdOfEmbedder(ctx.embedderId)).semanticLink.cosine,
  ).filter((m) => !hasAlias.has(`${m.passageId}|${m.entityId}`));
  const mentions: Mention[] = [...aliasMentions, ...semantic];
  const meta = documentMeta(parsed, source);
  return {
    record: {
      document: { ...meta, contentHash, text: parsed.text, origin: ctx.origin, format: parsed.format },
      passages: passages.map((p, i) => ({
        ...p,
        embedding: Array.from(passageVectors[i]),
        textHash: embeddingKey(ctx.embedderId, p.text),
      })),
      sentences: sentences.map((x, i) => ({
        ...x,
        embedding: Array.from(sentenceVectors[i]),
        textHash: embeddingKey(ctx.embedderId, x.text),
      })),
      mentions,
      relations: relations.relations,
      attributes: relations.attributes,
    },
    candidates,
    practiceVectors,
    quotedSentenceIds: quoted.map((x) => x?.id ?? null),
    sourceId: source.id,
    ms: { parse: parseMs, embed: embedMs },
  };
}

/** The Document node's properties: the manifest's metadata first, then what the parser found, then defaults. */
function documentMeta(parsed: ParsedDocument, source: SourceFile) {
  const m = source.metadata;
  const date = m.date ?? parsed.date ?? null;
  return {
    id: source.id,
    title: m.title ?? parsed.title ?? basename(source.path),
    type: m.type ?? 'other',
    date,
    year: date ? Number(date.slice(0, 4)) : null,
    language: m.language ?? parsed.language ?? 'en',
    source: m.source ?? source.id,
    access: m.access ?? 'public',
    focusGroups: [...new Set(m.focusGroups ?? [])].sort(),
  };
}

/**
 * Embeds a document's passages, sentences and practice prescriptions in one call, so the worker pool gets them as one
 * queue (three calls in a row leave a worker idle at the end of each); passages and sentences whose text already
 * has a stored vector (same embedder, same text) reuse it.
 */
async function embedDocument(
  passages: string[],
  sentences: string[],
  quotes: string[],
  ctx: DocContext,
): Promise<{ passages: Float32Array[]; sentences: Float32Array[]; quotes: Float32Array[] }> {
  const [p, s] = await Promise.all([
    storedVectors('passage', passages, ctx),
    storedVectors('sentence', sentences, ctx),
  ]);
  const missing = (texts: string[], stored: (Float32Array | undefined)[]) => texts.filter((_, i) => !stored[i]);
  const computed = await ctx.deps.embedder.embed([...missing(passages, p), ...missing(sentences, s), ...quotes]);
  let k = 0;
  const fill = (stored: (Float32Array | undefined)[]) => stored.map((v) => v ?? computed[k++]);
  return { passages: fill(p), sentences: fill(s), quotes: computed.slice(k) };
}

/** The stored vector of each text (undefined where none is stored), looked up once per distinct text hash. */
async function storedVectors(
  unit: EmbeddedUnit,
  texts: string[],
  ctx: DocContext,
): Promise<(Float32Array | undefined)[]> {
  const hashes = texts.map((t) => embeddingKey(ctx.embedderId, t));
  const stored = await ctx.deps.store.embeddingsByHash(unit, [...new Set(hashes)]);
  return hashes.map((h) => (stored.has(h) ? Float32Array.from(stored.get(h)!) : undefined));
}
