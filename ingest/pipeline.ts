/**
 * The ingest pipeline's scheduling. For each source it reads the file, drafts the document's record
 * (ingest/document-record.ts), then completes and hands it to the store, which writes it in one transaction.
 * Unchanged documents (same content hash) are skipped; one bad file is reported and never stops the others.
 */
import { readFile } from 'node:fs/promises';
import { createDocContext, type DocContext, type PipelineDeps, type Progress } from './context.js';
import { completeRecord, draftRecord, type Draft } from './document-record.js';
import type { DocumentStore } from './document-store.js';
import { IngestError } from './errors.js';
import type { SourceFile } from './sources.js';

/**
 * Documents parsed and embedded ahead of the one being written. Two keep the embedding workers fed while a write
 * takes longer than the next document's embedding (bench/ingest-speed.md); each holds one document's vectors.
 */
const PREPARED_AHEAD = 2;

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
  // Documents in flight: the next ones are parsed and embedded (worker threads) while this one's practices are
  // merged and it is written (Neo4j), so the workers never wait for a write; merging waits for the write before
  // it, so it sees that document's practices.
  const prepare = (i: number) =>
    i < sources.length ? prepareOne(sources[i], known.get(sources[i].id), ctx, progress) : null;
  const ahead = Array.from({ length: PREPARED_AHEAD }, (_, i) => prepare(i));
  for (let i = 0; i < sources.length; i++) {
    const prepared = await ahead.shift()!;
    ahead.push(prepare(i + PREPARED_AHEAD));
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
  await recomputeCooccurrenceAfter(results, deps.store);
  const timings = { parse: 0, embed: 0, merge: 0, write: 0, total: Date.now() - t0 };
  for (const r of results) for (const k of ['parse', 'embed', 'merge', 'write'] as const) timings[k] += r.ms?.[k] ?? 0;
  const totals = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0 };
  for (const r of results) totals[r.outcome]++;
  return { documents: results, totals, timings, counts: await deps.store.counts() };
}

/**
 * The per-document step, for a document already in memory (the API's upload): hash check and draft, practice
 * merge, write. Throws what fails, with its code. The caller recomputes co-occurrence afterwards.
 */
export async function ingestDocument(
  bytes: Uint8Array,
  source: SourceFile,
  knownHash: string | undefined,
  ctx: DocContext,
): Promise<DocumentResult> {
  const draft = await draftRecord(bytes, source, ctx, undefined, knownHash);
  return writeDraft({ id: source.id, path: source.path }, knownHash, draft, ctx);
}

/** Co-occurrence is derived from every document's mentions: recomputed once after documents were added or removed. */
export async function recomputeCooccurrenceAfter(results: DocumentResult[], store: DocumentStore): Promise<void> {
  if (results.some((r) => r.outcome !== 'unchanged' && r.outcome !== 'failed')) await store.recomputeCooccurrence();
}

type Base = { id: string; path: string };
type Prepared =
  { base: Base; knownHash: string | undefined; draft: Draft | null } | { base: Base; failed: DocumentResult };

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

/** Merges the prepared document's practices with the graph's and writes it; never rejects. */
async function finishOne(prepared: Prepared, ctx: DocContext): Promise<DocumentResult> {
  if ('failed' in prepared) return prepared.failed;
  try {
    return await writeDraft(prepared.base, prepared.knownHash, prepared.draft, ctx);
  } catch (err) {
    return failure(prepared.base, err);
  }
}

/** Completes a draft (merging its practices) and writes it in one transaction; 'unchanged' when there is none. */
async function writeDraft(
  base: Base,
  knownHash: string | undefined,
  draft: Draft | null,
  ctx: DocContext,
): Promise<DocumentResult> {
  if (!draft) return { ...base, outcome: 'unchanged' };
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
}

function failure(base: Base, err: unknown): DocumentResult {
  const e = err as { code?: string; message: string };
  return { ...base, outcome: 'failed', error: { code: e.code ?? 'INGEST_FAILED', message: e.message } };
}
