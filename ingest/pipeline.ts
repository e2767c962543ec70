/**
 * The ingest pipeline: the only module that reads the corpus from disk. For each document it runs
 * parse → chunk → link → embed → extract and hands one record to the store, which writes it in one transaction.
 * Unchanged documents (same content hash) are skipped; one bad file is reported and never stops the others.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { chunkText } from './chunk.js';
import type { Embedder } from './embed.js';
import { IngestError } from './errors.js';
import { linkAliases, linkSemantic, SEMANTIC_LINK_THRESHOLD, dot } from './link.js';
import { parseManifest } from './manifest.js';
import { detectFormat, parseFile } from './parse.js';
import { extractPractices, practiceId, PRACTICE_MERGE_THRESHOLD } from './practices.js';
import type { DocumentMetadata, Entity, Mention, ParsedDocument, PracticeCandidate, SourceRef } from './records.js';
import { extractRelations } from './relations.js';
import type { DocumentRecord, DocumentStore, PracticeRecord } from './document-store.js';
import { semanticText, type Taxonomy } from './taxonomy.js';

/** A file to ingest with the metadata its manifest gives. */
export interface SourceFile {
  id: string;
  path: string;
  metadata: DocumentMetadata;
}

export interface PipelineDeps {
  store: DocumentStore;
  embedder: Embedder;
  taxonomy: Taxonomy;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number;
  total: number;
  current: string;
  passages: number;
  embedded: number;
  embedMs: number;
}

export type Outcome = 'added' | 'updated' | 'unchanged' | 'removed' | 'failed';

export interface DocumentResult {
  id: string;
  path: string;
  outcome: Outcome;
  passages?: number;
  practices?: number;
  error?: { code: string; message: string };
  ms?: { parse: number; embed: number; merge: number; write: number };
}

export interface IngestSummary {
  documents: DocumentResult[];
  totals: Record<Outcome, number>;
  timings: { parse: number; embed: number; merge: number; write: number; total: number };
  counts: { nodes: Record<string, number>; relationships: Record<string, number> };
}

export interface IngestOptions {
  prune?: boolean;
  /**
   * With prune: the id prefixes (folders, relative like the ids) or exact ids whose documents this run owns;
   * only documents under them that were not seen are removed. Default: every document of the origin.
   */
  pruneScope?: string[];
  /** Documents of this origin are the ones --prune may remove (corpus files vs API uploads). */
  origin?: string;
  maxBytes?: number;
}

const MANIFEST_NAMES = ['manifest.yaml', 'manifest.yml', 'manifest.json'];
/** Bump when parsing, linking or extraction rules change, so unchanged files are processed again. */
export const PIPELINE_VERSION = 1;
const SEMANTIC_TOPICS_PER_PRACTICE = 2;

/**
 * Resolves CLI paths to source files. A directory with a manifest yields exactly the manifest's documents; a
 * directory without one yields its supported files (recursively, READMEs excluded); a file yields itself.
 * Ids are paths relative to `root` (default: the current directory), so they are stable across machines.
 */
export async function collectSources(
  paths: string[],
  manifestPath?: string,
  root = process.cwd(),
): Promise<SourceFile[]> {
  const out = new Map<string, SourceFile>();
  const add = (path: string, metadata: DocumentMetadata = {}) => {
    const id = relative(root, resolve(path)).split('\\').join('/');
    out.set(id, { id, path: resolve(path), metadata });
  };
  const fromManifest = async (file: string) => {
    const manifest = parseManifest(await readFile(file, 'utf8'), file);
    for (const { path, ...metadata } of manifest.documents) add(join(dirname(file), path), metadata);
  };
  if (manifestPath) await fromManifest(manifestPath);
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new IngestError('UNREADABLE', `${p}: no such file or directory`, { path: p });
    if (info.isFile()) {
      if (!out.has(relative(root, resolve(p)))) add(p);
      continue;
    }
    const manifest = MANIFEST_NAMES.map((n) => join(p, n)).find((f) => existsSync(f));
    if (manifest && manifest !== manifestPath) await fromManifest(manifest);
    else if (!manifest) for (const f of await listFiles(p)) add(f);
  }
  return [...out.values()];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !/^readme/i.test(e.name) && !/^(taxonomy|manifest)\.(ya?ml|json)$/.test(e.name))
    .filter((e) => {
      try {
        detectFormat(e.name);
        return true;
      } catch {
        return false;
      }
    })
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Upserts the taxonomy, embedding the descriptions of semantic entities that changed since last time. */
export async function syncTaxonomy(deps: PipelineDeps): Promise<Map<string, Float32Array>> {
  const stored = await deps.store.entityEmbeddings();
  const semantic = deps.taxonomy.entities.filter((e) => e.semantic);
  const wanted = semantic.map((e) => ({ e, text: semanticText(e), hash: sha256(semanticText(e)) }));
  const missing = wanted.filter((w) => stored.get(w.e.id)?.hash !== w.hash);
  const vectors = await deps.embedder.embed(missing.map((w) => w.text));
  const embeddings = new Map(stored);
  missing.forEach((w, i) => embeddings.set(w.e.id, { hash: w.hash, embedding: Array.from(vectors[i]) }));
  for (const id of embeddings.keys()) if (!semantic.some((e) => e.id === id)) embeddings.delete(id);
  await deps.store.upsertEntities(deps.taxonomy.entities, embeddings);
  return new Map([...embeddings].map(([id, v]) => [id, Float32Array.from(v.embedding)]));
}

/** Ingests the files; see the module comment. Returns per-document outcomes, totals, timings and graph counts. */
export async function ingestSources(
  sources: SourceFile[],
  deps: PipelineDeps,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const t0 = Date.now();
  const origin = opts.origin ?? 'corpus';
  const log = deps.log ?? (() => {});
  const ctx = await createDocContext(deps, origin, opts.maxBytes);
  const known = await deps.store.documentHashes(origin);
  const results: DocumentResult[] = [];
  const progress: Progress = { done: 0, total: sources.length, current: '', passages: 0, embedded: 0, embedMs: 0 };
  // Two documents in flight: the next one is parsed and embedded (worker threads) while this one's practices are
  // merged and it is written (Neo4j); merging waits for the write before it, so it sees that document's practices.
  const prepare = (i: number) =>
    i < sources.length ? prepareOne(sources[i], known.get(sources[i].id), ctx, progress) : null;
  let next = prepare(0);
  for (let i = 0; i < sources.length; i++) {
    const prepared = await next!;
    next = prepare(i + 1);
    progress.current = sources[i].id;
    const result = await finishOne(prepared, ctx);
    results.push(result);
    progress.done++;
    deps.onProgress?.({ ...progress });
    log(`document ${result.outcome}`, { ...result });
  }
  if (opts.prune) {
    const seen = new Set(sources.map((s) => s.id));
    const scope = opts.pruneScope;
    const inScope = (id: string) =>
      !scope || scope.some((p) => p === '' || id === p || id.startsWith(p.endsWith('/') ? p : `${p}/`));
    for (const id of known.keys()) {
      if (seen.has(id) || !inScope(id)) continue;
      await deps.store.deleteDocument(id);
      results.push({ id, path: id, outcome: 'removed' });
      log('document removed', { id });
    }
  }
  if (results.some((r) => r.outcome !== 'unchanged' && r.outcome !== 'failed'))
    await deps.store.recomputeCooccurrence();
  const timings = { parse: 0, embed: 0, merge: 0, write: 0, total: Date.now() - t0 };
  for (const r of results) for (const k of ['parse', 'embed', 'merge', 'write'] as const) timings[k] += r.ms?.[k] ?? 0;
  const totals = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0 };
  for (const r of results) totals[r.outcome]++;
  return { documents: results, totals, timings, counts: await deps.store.counts() };
}

interface DocContext {
  deps: PipelineDeps;
  /** Hash of the taxonomy and the pipeline version: a change re-ingests every document. */
  rulesHash: string;
  origin: string;
  maxBytes?: number;
  semanticEntities: Entity[];
  semanticVectors: Float32Array[];
  topicEntities: Entity[];
}

type Prepared =
  | { base: { id: string; path: string }; knownHash: string | undefined; draft: Draft | null }
  | { base: { id: string; path: string }; failed: DocumentResult };

/** Reads, parses and embeds one document; never rejects (a failure is its result), so it can run ahead. */
async function prepareOne(
  source: SourceFile,
  knownHash: string | undefined,
  ctx: DocContext,
  progress: Progress,
): Promise<Prepared> {
  const base = { id: source.id, path: source.path };
  try {
    const bytes = await readFile(source.path).catch((err: Error) => {
      throw new IngestError('UNREADABLE', `${source.path}: cannot be read (${err.message})`, { path: source.path });
    });
    return { base, knownHash, draft: await draftRecord(bytes, source, ctx, progress, knownHash) };
  } catch (err) {
    return { base, failed: failure(base, err) };
  }
}

/** Merges the prepared document's practices with the graph's and writes it in one transaction. */
async function finishOne(prepared: Prepared, ctx: DocContext): Promise<DocumentResult> {
  if ('failed' in prepared) return prepared.failed;
  const { base, knownHash, draft } = prepared;
  if (!draft) return { ...base, outcome: 'unchanged' };
  try {
    const t0 = Date.now();
    const record = await completeRecord(draft, ctx);
    const mergeMs = Date.now() - t0;
    const t = Date.now();
    await ctx.deps.store.writeDocument(record);
    return {
      ...base,
      outcome: knownHash === undefined ? 'added' : 'updated',
      passages: record.passages.length,
      practices: record.practices.length,
      ms: { ...draft.ms, merge: mergeMs, write: Date.now() - t },
    };
  } catch (err) {
    return failure(base, err);
  }
}

function failure(base: { id: string; path: string }, err: unknown): DocumentResult {
  const e = err as { code?: string; message: string };
  return { ...base, outcome: 'failed', error: { code: e.code ?? 'INGEST_FAILED', message: e.message } };
}

/**
 * Builds the graph record of one document from its bytes (null when its hash equals `knownHash`). Exported for the
 * API's single-document upload.
 */
export async function buildRecord(
  bytes: Uint8Array,
  source: SourceFile,
  ctx: DocContext,
  progress?: Progress,
  knownHash?: string,
): Promise<{ record: DocumentRecord; ms: { parse: number; embed: number } } | null> {
  const draft = await draftRecord(bytes, source, ctx, progress, knownHash);
  return draft && { record: await completeRecord(draft, ctx), ms: draft.ms };
}

/** A record whose practice candidates are not yet merged with the graph's practices. */
interface Draft {
  record: Omit<DocumentRecord, 'practices'>;
  candidates: PracticeCandidate[];
  practiceVectors: Float32Array[];
  sourceId: string;
  ms: { parse: number; embed: number };
}

/** Merging reads the graph's practices, so it runs after every earlier document is written. */
async function completeRecord(draft: Draft, ctx: DocContext): Promise<DocumentRecord> {
  const practices = await mergePractices(draft.candidates, draft.practiceVectors, draft.sourceId, ctx);
  return { ...draft.record, practices };
}

/** Everything of a record that does not depend on other documents: parse, chunk, link, extract, embed. */
async function draftRecord(
  bytes: Uint8Array,
  source: SourceFile,
  ctx: DocContext,
  progress?: Progress,
  knownHash?: string,
): Promise<Draft | null> {
  // What the graph record depends on: the bytes, the manifest metadata, the taxonomy and the pipeline's rules.
  const contentHash = sha256(
    Buffer.concat([Buffer.from(bytes), Buffer.from(JSON.stringify(source.metadata)), Buffer.from(ctx.rulesHash)]),
  );
  if (contentHash === knownHash) return null;
  const t0 = Date.now();
  const ref: SourceRef = { id: source.id, format: detectFormat(source.path), path: source.path };
  const parsed = await parseFile(bytes, ref, { maxBytes: ctx.maxBytes });
  const passages = chunkText(parsed);
  if (passages.length === 0) throw new IngestError('EMPTY_DOCUMENT', `${source.path}: no text to index`);
  const aliasMentions = linkAliases(passages, ctx.deps.taxonomy);
  const relations = extractRelations(parsed.text, passages, aliasMentions, ctx.deps.taxonomy);
  const candidates = extractPractices(parsed.text, passages, aliasMentions, ctx.deps.taxonomy, parsed.blocks);
  const parseMs = Date.now() - t0;

  const t1 = Date.now();
  const passageVectors = await embedPassages(
    passages.map((p) => p.text),
    ctx,
  );
  const practiceVectors = await ctx.deps.embedder.embed(candidates.map((c) => c.text));
  const embedMs = Date.now() - t1;
  if (progress) {
    progress.passages += passages.length;
    progress.embedded += passages.length + candidates.length;
    progress.embedMs += embedMs;
  }

  const hasAlias = new Set(aliasMentions.map((m) => `${m.passageId}|${m.entityId}`));
  const semantic = linkSemantic(
    passages,
    passageVectors,
    ctx.semanticEntities,
    ctx.semanticVectors,
    SEMANTIC_LINK_THRESHOLD,
  ).filter((m) => !hasAlias.has(`${m.passageId}|${m.entityId}`));
  const mentions: Mention[] = [...aliasMentions, ...semantic];
  const meta = documentMeta(parsed, source);
  return {
    record: {
      document: { ...meta, contentHash, text: parsed.text, origin: ctx.origin, format: parsed.format },
      passages: passages.map((p, i) => ({ ...p, embedding: Array.from(passageVectors[i]), textHash: sha256(p.text) })),
      mentions,
      relations: relations.relations,
      attributes: relations.attributes,
    },
    candidates,
    practiceVectors,
    sourceId: source.id,
    ms: { parse: parseMs, embed: embedMs },
  };
}

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
  };
}

/** Embeds passage texts, reusing vectors already stored for identical texts (computed once per content hash). */
async function embedPassages(texts: string[], ctx: DocContext): Promise<Float32Array[]> {
  const hashes = texts.map(sha256);
  const stored = await ctx.deps.store.passageEmbeddingsByHash([...new Set(hashes)]);
  const missing = texts.filter((_, i) => !stored.has(hashes[i]));
  const computed = await ctx.deps.embedder.embed(missing);
  let k = 0;
  return hashes.map((h) => (stored.has(h) ? Float32Array.from(stored.get(h)!) : computed[k++]));
}

/**
 * Turns candidates into practices: a candidate close enough (≥ PRACTICE_MERGE_THRESHOLD) to a practice of another
 * document, or to an earlier candidate of this one, becomes another source of it instead of a new practice.
 */
async function mergePractices(
  candidates: PracticeCandidate[],
  vectors: Float32Array[],
  documentId: string,
  ctx: DocContext,
): Promise<PracticeRecord[]> {
  const out: (PracticeRecord & { vector: Float32Array })[] = [];
  // One look-up for all candidates: the graph's nearest practice does not depend on this document's own merges.
  const nearest = await ctx.deps.store.nearestPractices(
    vectors.map((v) => Array.from(v)),
    documentId,
  );
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const v = vectors[i];
    const source = { passageId: c.passageId, quote: c.text, start: c.start, end: c.end, cue: c.cue };
    const topics = [
      ...c.topics.map((id) => ({ id, method: 'alias', score: 1 })),
      ...semanticTopics(v, ctx).filter((t) => !c.topics.includes(t.id)),
    ];
    const attributes = c.attributes.map((id) => ({ id, method: 'alias', score: 1 }));
    const local = out.find((p) => dot(p.vector, v) >= PRACTICE_MERGE_THRESHOLD);
    if (local) {
      local.sources.push(source);
      local.topics.push(...topics.filter((t) => !local.topics.some((x) => x.id === t.id)));
      local.attributes.push(...attributes.filter((t) => !local.attributes.some((x) => x.id === t.id)));
      continue;
    }
    const existing = nearest[i];
    const id = existing && existing.score >= PRACTICE_MERGE_THRESHOLD ? existing.id : practiceId(c.text);
    out.push({ id, text: c.text, embedding: Array.from(v), vector: v, sources: [source], topics, attributes });
  }
  return out.map(({ vector: _vector, ...p }) => p);
}

function semanticTopics(v: Float32Array, ctx: DocContext): { id: string; method: string; score: number }[] {
  return ctx.topicEntities
    .map((e) => ({ id: e.id, method: 'semantic', score: dot(v, ctx.semanticVectors[ctx.semanticEntities.indexOf(e)]) }))
    .filter((t) => t.score >= SEMANTIC_LINK_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, SEMANTIC_TOPICS_PER_PRACTICE);
}

/** Prepares the context `buildRecord` needs (taxonomy synced, semantic vectors loaded). */
export async function createDocContext(deps: PipelineDeps, origin: string, maxBytes?: number): Promise<DocContext> {
  const entityVectors = await syncTaxonomy(deps);
  const semanticEntities = deps.taxonomy.entities.filter((e) => entityVectors.has(e.id));
  return {
    deps,
    rulesHash: sha256(JSON.stringify({ pipeline: PIPELINE_VERSION, taxonomy: deps.taxonomy.entities })),
    origin,
    maxBytes,
    semanticEntities,
    semanticVectors: semanticEntities.map((e) => entityVectors.get(e.id)!),
    topicEntities: semanticEntities.filter((e) => e.kind === 'topic'),
  };
}
export type { DocContext };

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
