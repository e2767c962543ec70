/**
 * Ingest entry points for the service, the CLI and the API: the corpus at start, paths from the CLI, one uploaded
 * document, a deletion. Wires the pipeline to the graph store and the runtime's embedder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunitiesSummary } from '../graph/communities.js';
import { createDocumentStore, refreshDerived as refreshDerivedNow } from '../graph/neo4j-document-store.js';
import { refreshThemesInBackground, type ThemesSummary } from '../graph/themes-store.js';
import type { Graph } from '../graph/driver.js';
import type { DocumentStore } from '../ingest/document-store.js';
import { createDocContext, type DocContext, type PipelineDeps, type Progress } from '../ingest/context.js';
import { IngestError } from '../ingest/errors.js';
import { ingestDocument, ingestSources, type IngestSummary } from '../ingest/pipeline.js';
import type { DocumentMetadata } from '../ingest/records.js';
import { collectSources, sourceId } from '../ingest/sources.js';
import { documentAccess } from '../queries/documents.js';
import { computeDefaultThemes } from '../queries/themes.js';
import { parseTaxonomy, type Taxonomy } from '../ingest/taxonomy.js';
import { PROJECT_ROOT } from './config.js';
import { ApiError } from './problems.js';
import type { Runtime } from './runtime.js';

const taxonomies = new Map<string, Promise<Taxonomy>>();

/**
 * Loads and validates corpus/taxonomy.yaml (or the one in `corpusDir`) once per process: a file being edited
 * while the service runs cannot turn an upload into a graph-wide change; restart to apply taxonomy edits.
 */
export function loadTaxonomy(corpusDir: string): Promise<Taxonomy> {
  const file = join(corpusDir, 'taxonomy.yaml');
  let loading = taxonomies.get(file);
  if (!loading) {
    loading = readFile(file, 'utf8').then((text) => parseTaxonomy(text, file));
    loading.catch(() => taxonomies.delete(file));
    taxonomies.set(file, loading);
  }
  return loading;
}

let writing: Promise<unknown> = Promise.resolve();

/**
 * Runs graph-changing work one at a time in this process: every path that changes the graph (CLI and start-up
 * ingests, uploads, deletions) goes through here, so an upload during the start-up ingest waits for it. This is
 * for order and throughput only: correctness across processes comes from the write lock every write
 * transaction takes in the database (graph/write-lock.ts).
 */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const next = writing.then(work, work);
  writing = next.catch(() => undefined);
  return next;
}

/** What derived data is computed with: the stored themes are queries/themes.ts's default answer per view. */
const derivedOf = (graph: Graph) => ({ computeThemes: (labels: string[]) => computeDefaultThemes(graph, labels) });

/** The graph store with its derived computations wired. */
const storeOf = (graph: Graph) => createDocumentStore(graph, derivedOf(graph));

function pipelineDeps(runtime: Runtime, taxonomy: Taxonomy, onProgress?: (p: Progress) => void): PipelineDeps {
  const log = runtime.log.child({ component: 'ingest' });
  return {
    store: storeOf(runtime.graph),
    embedder: runtime.embedder,
    parser: runtime.parser,
    taxonomy,
    log: (msg, fields) => log.info(fields ?? {}, msg),
    onProgress,
  };
}

export interface IngestPathsOptions {
  manifest?: string;
  prune?: boolean;
  onProgress?: (p: Progress) => void;
  /** Ids are paths relative to this folder (default: the project root). */
  root?: string;
}

/** Ingests files and folders (see collectSources) into the graph, after any graph change already under way. */
export function ingestPaths(runtime: Runtime, paths: string[], opts: IngestPathsOptions = {}): Promise<IngestSummary> {
  return exclusive(() => ingestPathsNow(runtime, paths, opts));
}

async function ingestPathsNow(runtime: Runtime, paths: string[], opts: IngestPathsOptions): Promise<IngestSummary> {
  const taxonomy = await loadTaxonomy(runtime.config.corpus.dir);
  const root = opts.root ?? PROJECT_ROOT;
  const documentTypes = taxonomy.documentTypes.map((t) => t.id);
  const focusGroups = taxonomy.entities.filter((e) => e.kind === 'focusGroup').map((e) => e.id);
  const sources = await collectSources(paths, opts.manifest, root, documentTypes, focusGroups);
  // A lost Neo4j stops the run within seconds, even while a long document is being embedded.
  const lost = new AbortController();
  const stopMonitor = runtime.graph.monitor();
  const unsubscribe = runtime.graph.onUnavailable((reason) => lost.abort(reason));
  try {
    return await ingestSources(sources, pipelineDeps(runtime, taxonomy, opts.onProgress), {
      prune: opts.prune,
      // --prune removes only documents under the given paths: `iwg ingest corpus --prune` never touches others.
      pruneScope: paths.map((p) => sourceId(root, p, p)),
      origin: 'corpus',
      maxBytes: runtime.config.http.uploadLimitBytes,
      signal: lost.signal,
    });
  } finally {
    unsubscribe();
    stopMonitor();
  }
}

/** The main job's ingest: the bundled corpus (its manifest), pruning documents removed from it. */
export async function ingestCorpusOnStart(runtime: Runtime, dir: string): Promise<IngestSummary> {
  const summary = await ingestPaths(runtime, [dir], { prune: true });
  runtime.log.info({ totals: summary.totals, timings: summary.timings, counts: summary.counts }, 'corpus ingested');
  for (const d of summary.documents.filter((x) => x.outcome === 'failed')) {
    runtime.log.error({ path: d.path, error: d.error }, 'document failed');
  }
  return summary;
}

export interface UploadedDocument {
  bytes: Uint8Array;
  /** The file name (its extension decides the format). */
  filename: string;
  metadata: DocumentMetadata;
  /** Stable id; default `upload:<filename>` or the source URL. */
  id?: string;
}

const uploadContexts = new WeakMap<Runtime, Promise<DocContext>>();

/** The upload context of this runtime, made once: the taxonomy is synced to the graph on the first upload only. */
function uploadContext(runtime: Runtime, deps: PipelineDeps): Promise<DocContext> {
  let ctx = uploadContexts.get(runtime);
  if (!ctx) {
    ctx = createDocContext(deps, 'api', runtime.config.http.uploadLimitBytes);
    ctx.catch(() => uploadContexts.delete(runtime));
    uploadContexts.set(runtime, ctx);
  }
  return ctx;
}

export interface UploadResult {
  id: string;
  status: 'added' | 'updated' | 'unchanged';
  passages: number;
  practices: number;
}

/** Whether the caller may replace or delete a stored document of this access label (default: any). */
export type MayChange = (access: string) => boolean;

/**
 * Ingests one document given by the API, in one transaction. An id taken by a document of a label `mayReplace`
 * refuses is ID_TAKEN (409): checked inside the exclusive section, so no other upload slips in between.
 */
export function ingestOneDocument(
  runtime: Runtime,
  doc: UploadedDocument,
  mayReplace: MayChange = () => true,
): Promise<UploadResult> {
  return exclusive(() => ingestOneDocumentNow(runtime, doc, mayReplace));
}

async function ingestOneDocumentNow(
  runtime: Runtime,
  doc: UploadedDocument,
  mayReplace: MayChange,
): Promise<UploadResult> {
  const taxonomy = await loadTaxonomy(runtime.config.corpus.dir);
  const deps = pipelineDeps(runtime, taxonomy);
  const id = doc.id ?? doc.metadata.source ?? `upload:${doc.filename}`;
  const stored = await documentAccess(runtime.graph, id);
  if (stored !== null && !mayReplace(stored)) {
    throw new ApiError('ID_TAKEN', `The id ${id} belongs to a document this API key may not replace`);
  }
  const known = await deps.store.documentHash(id);
  const ctx = await uploadContext(runtime, deps);
  const result = await ingestDocument(doc.bytes, { id, path: doc.filename, metadata: doc.metadata }, known, ctx);
  await refreshAfterOneDocument(runtime);
  if (result.outcome === 'unchanged')
    return { id, status: 'unchanged', ...(await deps.store.documentContribution(id)) };
  return {
    id,
    status: result.outcome === 'added' ? 'added' : 'updated',
    passages: result.passages ?? 0,
    practices: result.practices ?? 0,
  };
}

/**
 * Deletes a document with what only it supported; false when there was no such document, or when `mayDelete`
 * refuses its label (a document the caller may not read does not exist for it).
 */
export function deleteDocument(runtime: Runtime, id: string, mayDelete: MayChange = () => true): Promise<boolean> {
  return exclusive(() => deleteDocumentNow(runtime, id, mayDelete));
}

async function deleteDocumentNow(runtime: Runtime, id: string, mayDelete: MayChange): Promise<boolean> {
  const stored = await documentAccess(runtime.graph, id);
  if (stored === null || !mayDelete(stored)) return false;
  const store = storeOf(runtime.graph);
  const deleted = await store.deleteDocument(id);
  await refreshAfterOneDocument(runtime);
  return deleted;
}

/**
 * Brings derived data (co-occurrence) up to date if a writer left it stale, e.g. one killed between its last
 * document write and its recompute; for a start without the corpus ingest, which does this itself.
 */
export function refreshDerivedData(runtime: Runtime): Promise<boolean> {
  return exclusive(() => refreshDerived(runtime, storeOf(runtime.graph)));
}

/** Co-occurrence, communities, stored themes, each only when stale; a log line for what was recomputed. */
async function refreshDerived(runtime: Runtime, store: DocumentStore): Promise<boolean> {
  const { cooccurrence, communities, themes } = await store.refreshDerived();
  if (communities) runtime.log.info({ component: 'communities', ...communities }, 'communities computed');
  logThemes(runtime, themes?.error ? new Error(themes.error) : themes);
  return cooccurrence || communities !== null || themes !== null;
}

/** One log line for a theme refresh's outcome (nothing when the sets were current). */
function logThemes(runtime: Runtime, outcome: ThemesSummary | null | Error): void {
  if (outcome instanceof Error)
    runtime.log.warn({ component: 'themes', error: outcome.message }, 'themes not refreshed: computed on request');
  else if (outcome) runtime.log.info({ component: 'themes', ...outcome }, 'themes computed');
}

/**
 * After an upload or a deletion: co-occurrence and communities before the answer (they are quick), the stored
 * themes in the background (graph/themes-store.ts `refreshThemesInBackground`).
 */
async function refreshAfterOneDocument(runtime: Runtime): Promise<void> {
  await refreshDerived(runtime, createDocumentStore(runtime.graph));
  refreshThemesInBackground(runtime.graph, derivedOf(runtime.graph).computeThemes, (outcome) =>
    logThemes(runtime, outcome),
  );
}

/** Recomputes the communities now, whether or not anything changed (`iwg communities`), after any write under way. */
export function recomputeCommunities(graph: Graph): Promise<CommunitiesSummary> {
  // The one derived sequence, given no theme computation: co-occurrence when stale, then the communities.
  return exclusive(async () => (await refreshDerivedNow(graph, {}, { force: true })).communities!);
}

/**
 * Recomputes every derived part now, whether or not anything changed (`iwg derive`): co-occurrence when stale,
 * then the communities and the stored themes.
 */
export function recomputeDerived(graph: Graph) {
  return exclusive(() => refreshDerivedNow(graph, derivedOf(graph), { force: true }));
}

export { IngestError };
