/**
 * Parsing off the caller's thread: a small pool of worker threads running `parseFile` (ingest/parse-worker.js),
 * each document with a deadline and a heap limit. A document that takes too long or needs too much memory is
 * refused with PARSE_LIMIT naming the limit and the file; its worker is ended and replaced, the caller's event
 * loop never waits on a parser, and a parser's stray promise rejection (pdf.js) stays inside its worker.
 */
import { Worker } from 'node:worker_threads';
import { IngestError, type IngestErrorCode } from './errors.js';
import { parseFile } from './parse.js';
import type { ParsedDocument, SourceRef } from './records.js';

/** What turns a file's bytes into a ParsedDocument; `parseFile` in-process, or a worker pool. */
export interface DocumentParser {
  parse(bytes: Uint8Array, source: SourceRef, opts?: { maxBytes?: number }): Promise<ParsedDocument>;
  close(): Promise<void>;
}

/** `parseFile` on the caller's thread: for tests and tools that parse trusted files. */
export const inProcessParser: DocumentParser = { parse: parseFile, close: async () => {} };

export interface ParsePoolOptions {
  /** Worker threads (documents parsed at once); 1 when absent. */
  workers?: number;
  /** A document still parsing after this is refused (PARSE_LIMIT); 20 s when absent. */
  timeoutMs?: number;
  /** A worker's V8 old-generation heap limit; a document needing more is refused (PARSE_LIMIT); 1024 when absent. */
  maxMemoryMb?: number;
  /** Told about a parser's stray error (a promise rejection nobody handled) that its worker contained. */
  onStrayError?: (message: string) => void;
  /** Another worker script with the same messages (tests slow it down). */
  workerScript?: URL;
}

interface Job {
  bytes: Uint8Array;
  source: SourceRef;
  maxBytes?: number;
  resolve: (doc: ParsedDocument) => void;
  reject: (err: Error) => void;
}

/** A worker and the job it is parsing, if any. */
interface Slot {
  worker: Worker;
  /** Set once the worker has loaded the parsers: jobs go to ready workers only, so start-up is not parse time. */
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'stray'; error: string }
  | { type: 'result'; document: ParsedDocument }
  | { type: 'error'; code?: IngestErrorCode; message: string; path?: string };

/** Starts a parse pool; workers start on first use and are replaced when one is ended. */
export function createParsePool(o: ParsePoolOptions = {}): DocumentParser {
  const size = Math.max(1, o.workers ?? 1);
  const timeoutMs = o.timeoutMs ?? 20_000;
  const maxMemoryMb = o.maxMemoryMb ?? 1024;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let closed = false;

  const limit = (job: Job, what: string) => {
    const name = job.source.path ?? job.source.id;
    return new IngestError('PARSE_LIMIT', `${name}: refused, ${what}`, { path: job.source.path });
  };

  /** Ends a slot's worker (its job, if any, fails with `err`) and lets the queue go on with a fresh one. */
  const endSlot = (slot: Slot, err: Error | null): void => {
    if (!slots.includes(slot)) return;
    slots.splice(slots.indexOf(slot), 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    if (job && err) job.reject(err);
    void slot.worker.terminate();
    pump();
  };

  const startSlot = (): Slot => {
    const worker = new Worker(o.workerScript ?? new URL('./parse-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'stray') return o.onStrayError?.(msg.error);
      if (msg.type === 'ready') slot.ready = true;
      else {
        const job = slot.job;
        if (!job) return;
        clearTimeout(slot.timer);
        slot.job = null;
        if (msg.type === 'result') job.resolve(msg.document);
        else job.reject(rebuildError(msg, job));
      }
      // An idle worker never keeps the process alive.
      worker.unref();
      pump();
    });
    const fail = (why: string, code?: string): void => {
      const job = slot.job;
      if (!slot.ready) {
        // A worker that cannot even start fails what waits for it, rather than being restarted forever.
        for (const queued of queue.splice(0)) queued.reject(crashed(queued, `the parser did not start: ${why}`));
      }
      const out = !job
        ? null
        : code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? limit(job, `parsing needs more than the ${maxMemoryMb} MB memory limit`)
          : crashed(job, why);
      endSlot(slot, out);
    };
    worker.on('error', (err: Error & { code?: string }) => fail(err.message, err.code));
    worker.on('exit', (code) => fail(`parser exited (code ${code})`));
    slots.push(slot);
    return slot;
  };

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.ready && s.job === null);
      if (!slot) {
        if (slots.length < size) startSlot();
        return;
      }
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(
        () => endSlot(slot, limit(job, `parsing took longer than the ${timeoutMs} ms time limit`)),
        timeoutMs,
      );
      // A copy the worker owns: the caller's bytes stay intact, and only this document's bytes cross over.
      const copy = Uint8Array.from(job.bytes);
      slot.worker.postMessage({ bytes: copy, source: job.source, maxBytes: job.maxBytes }, [copy.buffer]);
    }
  }

  return {
    parse(bytes, source, opts = {}) {
      if (closed) return Promise.reject(new Error('the parse pool is closed'));
      return new Promise<ParsedDocument>((resolve, reject) => {
        queue.push({ bytes, source, maxBytes: opts.maxBytes, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the parse pool is closed'));
      const workers = slots.map((s) => s.worker);
      for (const slot of [...slots]) endSlot(slot, new Error('the parse pool is closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function rebuildError(msg: Extract<WorkerMessage, { type: 'error' }>, job: Job): IngestError {
  if (msg.code !== undefined) return new IngestError(msg.code, msg.message, { path: msg.path });
  return crashed(job, msg.message);
}

function crashed(job: Job, why: string): IngestError {
  const name = job.source.path ?? job.source.id;
  return new IngestError('UNREADABLE', `${name}: could not be parsed (${why})`, { path: job.source.path });
}
