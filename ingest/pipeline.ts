/**
 * The ingest pipeline's scheduling. For each source it reads the file, drafts the document's record
 * (ingest/document-record.ts), then completes and hands it to the store, which writes it in one transaction.
 * Unchanged documents (same content hash) are skipped; one bad file is reported and never stops the others. A
 * store that cannot be reached stops the run at once (IngestInterrupted names what was and was not written).
 */
import { readFile } from 'node:fs/promises';
import { createDocContext, type DocContext, type PipelineDeps, type Progress } from './context.js';
import { completeRecord, draftRecord, type Draft } from './document-record.js';
import { isStoreUnavailable } from './document-store.js';
import { IngestError, IngestInterrupted } from './errors.js';
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
  /**
   * Stops the run at once when aborted, with the abort's reason handled like a store failure (a lost store
   * ends the run with IngestInterrupted): the caller learns of a lost store while a document is being embedded.
   */
  signal?: AbortSignal;
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
  const results: DocumentResult[] = [];
  const stop = (err: unknown, from: number) => interrupted(err, results, sources.slice(from), sources.length);
  const abortable = abortableBy(opts.signal);
  const [ctx, known] = await (async () => {
    const context = await createDocContext(deps, origin, opts.maxBytes);
    return [context, await deps.store.documentHashes(origin)] as const;
  })().catch((err: unknown) => {
    throw stop(err, 0);
  });
  const progress: Progress = { done: 0, total: sources.length, current: '', passages: 0, embedded: 0, embedMs: 0 };
  // Documents in flight: the next ones are parsed and embedded (worker threads) while this one's practices are
  // merged and it is written (Neo4j), so the workers never wait for a write; merging runs in the write's
  // transaction, so it sees every earlier document.
  const prepare = (i: number) =>
    i < sources.length ? prepareOne(sources[i], known.get(sources[i].id), ctx, progress) : null;
  const ahead = Array.from({ length: PREPARED_AHEAD }, (_, i) => prepare(i));
  for (let i = 0; i < sources.length; i++) {
    const result = await abortable(
      ahead.shift()!.then((prepared) => {
        ahead.push(prepare(i + PREPARED_AHEAD));
        progress.current = sources[i].id;
        return finishOne(prepared, ctx);
      }),
    ).catch((err: unknown) => {
      throw stop(err, i);
    });
    results.push(result);
    progress.done++;
    deps.onProgress?.({ ...progress });
    log(`document ${result.outcome}`, { ...result });
  }
  const counts = await pruneAndDerive(sources, known, results, deps, opts).catch((err: unknown) => {
    throw stop(err, sources.length);
  });
  const timings = { parse: 0, embed: 0, merge: 0, write: 0, total: Date.now() - t0 };
  for (const r of results) for (const k of ['parse', 'embed', 'merge', 'write'] as const) timings[k] += r.ms?.[k] ?? 0;
  const totals = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0 };
  for (const r of results) totals[r.outcome]++;
  return { documents: results, totals, timings, counts };
}

/**
 * With prune, removes the documents of earlier runs no longer among `sources`; then recomputes derived data and
 * returns the graph's counts.
 */
async function pruneAndDerive(
  sources: SourceFile[],
  known: Map<string, string>,
  results: DocumentResult[],
  deps: PipelineDeps,
  opts: IngestOptions,
): Promise<IngestSummary['counts']> {
  const log = deps.log ?? (() => {});
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
  // Also when every document is unchanged: a writer killed before its recompute left derived data stale.
  const derived = await deps.store.refreshDerived();
  if (derived.communities) log('communities computed', { ...derived.communities });
  if (derived.themes) log('themes computed', { ...derived.themes });
  return deps.store.counts();
}

/** Races a promise with `signal`: rejects with the abort's reason as soon as it is aborted. */
function abortableBy(signal: AbortSignal | undefined): <T>(work: Promise<T>) => Promise<T> {
  if (!signal) return (work) => work;
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined); // handled by whichever race is running
  return (work) => Promise.race([work, aborted]);
}

/**
 * The error a run stops with when the store is unreachable (any other error is passed on): the documents written
 * so far, and `pending`, the ones not written.
 */
function interrupted(err: unknown, results: DocumentResult[], pending: SourceFile[], total: number): unknown {
  if (!isStoreUnavailable(err)) return err;
  const written = results.filter((r) => r.outcome !== 'failed' && r.outcome !== 'unchanged').map((r) => r.path);
  const reason = (err as Error).message;
  const what =
    pending.length > 0
      ? `after ${results.length} of ${total} documents; ${pending.length} not written`
      : 'after every document; derived data (co-occurrence, pruning) not updated';
  return new IngestInterrupted(
    `lost the graph store ${what}: ${reason}`,
    written,
    pending.map((s) => s.path),
    {
      cause: err,
    },
  );
}

/**
 * The per-document step, for a document already in memory (the API's upload): hash check and draft, practice
 * merge, write. Throws what fails, with its code. The caller refreshes co-occurrence afterwards.
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

type Base = { id: string; path: string };
type Prepared =
  | { base: Base; knownHash: string | undefined; draft: Draft | null }
  | { base: Base; failed: DocumentResult; cause?: unknown };

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
    return { base, failed: failure(base, err), cause: err };
  }
}

/**
 * Merges the prepared document's practices with the graph's and writes it; rejects only when the store cannot be
 * reached (here or while the document was prepared), every other failure being the document's result.
 */
async function finishOne(prepared: Prepared, ctx: DocContext): Promise<DocumentResult> {
  if ('failed' in prepared) {
    if (prepared.cause !== undefined && isStoreUnavailable(prepared.cause)) throw prepared.cause;
    return prepared.failed;
  }
  try {
    return await writeDraft(prepared.base, prepared.knownHash, prepared.draft, ctx);
  } catch (err) {
    if (isStoreUnavailable(err)) throw err;
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
  let mergeMs = 0;
  const t = Date.now();
  const { record, previousHash } = await ctx.deps.store.writeDocument(async (lookup) => {
    const t0 = Date.now();
    const completed = await completeRecord(draft, ctx, lookup);
    mergeMs = Date.now() - t0;
    return completed;
  });
  return {
    ...base,
    // Asked in the write's transaction: another process may have written the document since `knownHash` was read.
    outcome: previousHash === undefined ? 'added' : 'updated',
    passages: record.passages.length,
    practices: record.practices.length,
    ms: { ...draft.ms, merge: mergeMs, write: Date.now() - t - mergeMs },
  };
}

function failure(base: Base, err: unknown): DocumentResult {
  const e = err as { code?: string; message: string };
  return { ...base, outcome: 'failed', error: { code: e.code ?? 'INGEST_FAILED', message: e.message } };
}
