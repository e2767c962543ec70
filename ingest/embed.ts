/**
 * Embeddings: one model of ingest/models.ts (all-MiniLM-L6-v2 by default) computed in a pool of worker threads,
 * one onnxruntime session with one thread each, one text per model call, off the caller's event loop.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MODELS, type ModelSpec } from './models.js';

/** Queries and passages differ for models trained with prefixes (e5: "query: " / "passage: "). */
export type EmbedKind = 'query' | 'passage';

export interface Embedder {
  /** One unit-length vector per text, in order; texts are passages unless `kind` says otherwise. */
  embed(texts: readonly string[], opts?: { kind?: EmbedKind }): Promise<Float32Array[]>;
  readonly dimensions: number;
  /** What produces the vectors (ingest/models.ts `embedderId`), for the content hash; absent on test fakes. */
  readonly id?: string;
  close(): Promise<void>;
}

export interface EmbedderStats {
  loadMs: number;
  batches: number;
  texts: number;
  busyMs: number;
}

export interface WorkerEmbedderOptions {
  modelDir: string;
  /** all-MiniLM-L6-v2 when absent. */
  model?: ModelSpec;
  /** Put in the embedder's `id`. */
  id?: string;
  /** One per core (os.availableParallelism()) when absent. */
  workers?: number;
  /** Texts per message to a worker (at most; a call is spread over every worker). */
  batchSize?: number;
  allowRemote?: boolean;
  onBatch?: (info: { size: number; ms: number }) => void;
  /** Another worker script with the same messages (benchmarks compare runtimes with it). */
  workerScript?: URL;
}

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
  size: number;
  /** What the batch costs the model, in textCost units. */
  cost: number;
  started: number;
}

/** One worker thread with the batches it owes; `dead` once it crashed or exited. */
interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
}

export class EmbedderError extends Error {
  readonly code = 'MODEL_UNAVAILABLE';
}

export type WorkerEmbedder = Embedder & { stats: EmbedderStats; readonly workers: number; readonly id: string };

/**
 * Starts the worker pool and resolves once every worker has loaded the model. A worker that crashes rejects only
 * its own batches and leaves the pool; when none is left, calls fail with MODEL_UNAVAILABLE instead of hanging.
 */
export async function createWorkerEmbedder(o: WorkerEmbedderOptions): Promise<WorkerEmbedder> {
  const spec = o.model ?? MODELS['all-minilm-l6-v2'];
  const batchSize = o.batchSize ?? 32;
  const stats: EmbedderStats = { loadMs: 0, batches: 0, texts: 0, busyMs: 0 };
  let nextId = 0;
  let closed = false;
  const t0 = Date.now();

  const count = o.workers ?? availableParallelism();
  const settled = await Promise.allSettled(Array.from({ length: count }, () => startWorker(o, spec, stats)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const slots = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.all(slots.map((s) => stopWorker(s.worker)));
    throw failed.reason;
  }
  stats.loadMs = Date.now() - t0;

  function runBatch(texts: string[]): Promise<Float32Array[]> {
    if (closed) return Promise.reject(new EmbedderError('embedder is closed'));
    const alive = slots.filter((s) => !s.dead);
    if (alive.length === 0) return Promise.reject(new EmbedderError('no embedding worker is running'));
    const slot = alive.reduce((a, b) => (pendingCost(b) < pendingCost(a) ? b : a));
    const id = nextId++;
    const started = Date.now();
    const cost = texts.reduce((sum, t) => sum + textCost(t), 0);
    return new Promise<Float32Array[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, size: texts.length, cost, started });
      slot.worker.postMessage({ id, texts });
    }).then((vectors) => {
      o.onBatch?.({ size: texts.length, ms: Date.now() - started });
      return vectors;
    });
  }

  return {
    dimensions: spec.dimensions,
    id: o.id ?? spec.id,
    workers: count,
    stats,
    async embed(texts, opts) {
      if (texts.length === 0) return [];
      const prefix = opts?.kind === 'query' ? spec.queryPrefix : spec.passagePrefix;
      const input = prefix ? texts.map((t) => prefix + t) : [...texts];
      const batches = cutBatches(input, batchSize, slots.length).map(runBatch);
      return (await Promise.all(batches)).flat();
    },
    async close() {
      closed = true;
      for (const slot of slots) failSlot(slot, new EmbedderError('embedder closed'));
      await Promise.all(slots.map((s) => stopWorker(s.worker)));
    },
  };
}

/**
 * What one text costs the model, roughly: its characters plus a fixed cost per call. A ~1,000-character passage
 * costs about as much as six ~120-character sentences (bench/embedding.md), which counting texts ignores.
 */
function textCost(text: string): number {
  return text.length + 60;
}

function pendingCost(slot: Slot): number {
  let n = 0;
  for (const p of slot.pending.values()) n += p.cost;
  return n;
}

/**
 * Cuts one call into batches of at most `batchSize` texts and about 1/workers of the call's cost each, so a call
 * of long passages and short sentences keeps every worker busy to its end (40 equal texts on 2 workers are 2
 * messages of 20, not 32 + 8).
 */
function cutBatches(texts: string[], batchSize: number, workers: number): string[][] {
  const share = texts.reduce((sum, t) => sum + textCost(t), 0) / workers;
  const batches: string[][] = [];
  let batch: string[] = [];
  let cost = 0;
  for (const t of texts) {
    batch.push(t);
    cost += textCost(t);
    if (batch.length >= batchSize || cost >= share) {
      batches.push(batch);
      batch = [];
      cost = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Asks a worker to stop after the text it is embedding and release its session, and waits for that (at most
 * `QUIESCE_MS`): terminating a thread inside onnxruntime aborts the whole process (SIGABRT, exit 134).
 */
function quiesce(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return Promise.resolve(); // already exited
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', done);
      resolve();
    };
    const onMessage = (msg: { type?: string }) => {
      if (msg.type === 'closed') done();
    };
    const timer = setTimeout(done, QUIESCE_MS);
    worker.on('message', onMessage);
    worker.once('exit', done);
    worker.postMessage({ type: 'close' });
  });
}

const QUIESCE_MS = 5_000;

/** Ends a worker that may hold a model session: quiesced first, then terminated. */
const stopWorker = (worker: Worker) => quiesce(worker).then(() => worker.terminate());

/** Marks a slot dead and rejects the batches it owed. */
function failSlot(slot: Slot, err: Error): void {
  slot.dead = true;
  for (const p of slot.pending.values()) p.reject(err);
  slot.pending.clear();
}

function startWorker(o: WorkerEmbedderOptions, spec: ModelSpec, stats: EmbedderStats): Promise<Slot> {
  const worker = new Worker(o.workerScript ?? new URL('./embed-worker.js', import.meta.url), {
    workerData: {
      modelDir: o.modelDir,
      folder: spec.folder,
      remoteId: spec.remoteId,
      allowRemote: o.allowRemote ?? false,
      pooling: spec.pooling,
      normalize: spec.normalize,
      dimensions: spec.dimensions,
    },
  });
  const slot: Slot = { worker, pending: new Map(), dead: false };
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') return resolve(slot);
      if (msg.type === 'failed') {
        void worker.terminate();
        return reject(new EmbedderError(`model ${spec.folder} could not be loaded from ${o.modelDir}: ${msg.error}`));
      }
      if (msg.type === 'closed') return; // quiesce() waits for it
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (msg.type === 'error') return p.reject(new EmbedderError(msg.error));
      stats.batches++;
      stats.texts += p.size;
      stats.busyMs += Date.now() - p.started;
      p.resolve(splitRows(msg.data, p.size, spec.dimensions));
    });
    worker.on('error', (err) => {
      failSlot(slot, new EmbedderError(`embedding worker failed: ${err.message}`));
      reject(err);
    });
    worker.on('exit', (code) => {
      failSlot(slot, new EmbedderError(`embedding worker exited (code ${code})`));
      reject(new EmbedderError(`embedding worker exited during model load (code ${code})`));
    });
  });
}

type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'failed'; error: string }
  | { type: 'result'; id: number; data: Float32Array }
  | { type: 'error'; id: number; error: string }
  | { type: 'closed' };

function splitRows(data: Float32Array, n: number, dimensions: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i++) out.push(data.slice(i * dimensions, (i + 1) * dimensions));
  return out;
}
