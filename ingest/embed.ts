/**
 * Embeddings: all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length) computed in worker threads, in
 * batches, off the caller's event loop.
 */
import { Worker } from 'node:worker_threads';
import { MODEL_NAME } from './model-files.js';

export const EMBEDDING_DIMENSIONS = 384;

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

interface Slot {
  worker: Worker;
  busy: number;
}

export class EmbedderError extends Error {
  readonly code = 'MODEL_UNAVAILABLE';
}

/** Starts the worker pool and resolves once every worker has loaded the model. */
export async function createWorkerEmbedder(o: WorkerEmbedderOptions): Promise<Embedder & { stats: EmbedderStats }> {
  const batchSize = o.batchSize ?? 32;
  const stats: EmbedderStats = { loadMs: 0, batches: 0, texts: 0, busyMs: 0 };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;
  const t0 = Date.now();

  const slots: Slot[] = await Promise.all(Array.from({ length: o.workers ?? 1 }, () => startWorker(o, pending, stats)));
  stats.loadMs = Date.now() - t0;

  function runBatch(texts: string[]): Promise<Float32Array[]> {
    if (closed) return Promise.reject(new EmbedderError('embedder is closed'));
    const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    const started = Date.now();
    slot.busy++;
    return new Promise<Float32Array[]>((resolve, reject) => {
      pending.set(id, {
        resolve: (v) => {
          slot.busy--;
          resolve(v);
        },
        reject: (e) => {
          slot.busy--;
          reject(e);
        },
        size: texts.length,
        started: Date.now(),
      });
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
      for (const p of pending.values()) p.reject(new EmbedderError('embedder closed'));
      pending.clear();
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

function startWorker(o: WorkerEmbedderOptions, pending: Map<number, Pending>, stats: EmbedderStats): Promise<Slot> {
  const worker = new Worker(new URL('./embed-worker.js', import.meta.url), {
    workerData: { modelDir: o.modelDir, modelName: MODEL_NAME, allowRemote: o.allowRemote ?? false },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') resolve({ worker, busy: 0 });
      else if (msg.type === 'failed')
        reject(new EmbedderError(`model ${MODEL_NAME} could not be loaded from ${o.modelDir}: ${msg.error}`));
      else {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.type === 'error') return p.reject(new EmbedderError(msg.error));
        stats.batches++;
        stats.texts += p.size;
        stats.busyMs += Date.now() - p.started;
        p.resolve(splitRows(msg.data, p.size));
      }
    });
    worker.on('error', (err) => {
      for (const p of pending.values()) p.reject(new EmbedderError(`embedding worker failed: ${err.message}`));
      pending.clear();
      reject(err);
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

/** Cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Float32Array | readonly number[], b: Float32Array | readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
