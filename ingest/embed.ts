/**
 * Embeddings: all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length) computed in worker threads, in
 * batches, off the caller's event loop.
 */
import { Worker } from 'node:worker_threads';
import { MODEL_NAME } from './model-files.js';
import { EMBEDDING_DIMENSIONS } from './records.js';

export interface Embedder {
  /** One unit-length vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  readonly dimensions: number;
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
  workers?: number;
  batchSize?: number;
  allowRemote?: boolean;
  onBatch?: (info: { size: number; ms: number }) => void;
}

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
  size: number;
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

/**
 * Starts the worker pool and resolves once every worker has loaded the model. A worker that crashes rejects only
 * its own batches and leaves the pool; when none is left, calls fail with MODEL_UNAVAILABLE instead of hanging.
 */
export async function createWorkerEmbedder(o: WorkerEmbedderOptions): Promise<Embedder & { stats: EmbedderStats }> {
  const batchSize = o.batchSize ?? 32;
  const stats: EmbedderStats = { loadMs: 0, batches: 0, texts: 0, busyMs: 0 };
  let nextId = 0;
  let closed = false;
  const t0 = Date.now();

  const starting = Array.from({ length: o.workers ?? 1 }, () => startWorker(o, stats));
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const slots = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw failed.reason;
  }
  stats.loadMs = Date.now() - t0;

  function runBatch(texts: string[]): Promise<Float32Array[]> {
    if (closed) return Promise.reject(new EmbedderError('embedder is closed'));
    const alive = slots.filter((s) => !s.dead);
    if (alive.length === 0) return Promise.reject(new EmbedderError('no embedding worker is running'));
    const slot = alive.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = nextId++;
    const started = Date.now();
    return new Promise<Float32Array[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, size: texts.length, started });
      slot.worker.postMessage({ id, texts });
    }).then((vectors) => {
      o.onBatch?.({ size: texts.length, ms: Date.now() - started });
      return vectors;
    });
  }

  return {
    dimensions: EMBEDDING_DIMENSIONS,
    stats,
    async embed(texts) {
      if (texts.length === 0) return [];
      const batches: Promise<Float32Array[]>[] = [];
      for (let i = 0; i < texts.length; i += batchSize) batches.push(runBatch(texts.slice(i, i + batchSize)));
      return (await Promise.all(batches)).flat();
    },
    async close() {
      closed = true;
      for (const slot of slots) failSlot(slot, new EmbedderError('embedder closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Marks a slot dead and rejects the batches it owed. */
function failSlot(slot: Slot, err: Error): void {
  slot.dead = true;
  for (const p of slot.pending.values()) p.reject(err);
  slot.pending.clear();
}

function startWorker(o: WorkerEmbedderOptions, stats: EmbedderStats): Promise<Slot> {
  const worker = new Worker(new URL('./embed-worker.js', import.meta.url), {
    workerData: { modelDir: o.modelDir, modelName: MODEL_NAME, allowRemote: o.allowRemote ?? false },
  });
  const slot: Slot = { worker, pending: new Map(), dead: false };
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') return resolve(slot);
      if (msg.type === 'failed') {
        void worker.terminate();
        return reject(new EmbedderError(`model ${MODEL_NAME} could not be loaded from ${o.modelDir}: ${msg.error}`));
      }
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (msg.type === 'error') return p.reject(new EmbedderError(msg.error));
      stats.batches++;
      stats.texts += p.size;
      stats.busyMs += Date.now() - p.started;
      p.resolve(splitRows(msg.data, p.size));
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
  | { type: 'error'; id: number; error: string };

function splitRows(data: Float32Array, n: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i++) out.push(data.slice(i * EMBEDDING_DIMENSIONS, (i + 1) * EMBEDDING_DIMENSIONS));
  return out;
}
