// Worker thread of the embedding pool (ingest/embed.ts): loads one model (ingest/models.ts) once with
// @huggingface/transformers and answers batches. Plain JavaScript so it runs in a worker under any loader.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

const { modelDir, folder, remoteId, allowRemote, pooling, normalize, dimensions } = workerData;
env.localModelPath = modelDir;
env.allowLocalModels = true;
env.allowRemoteModels = Boolean(allowRemote);

const started = Date.now();
let extractor;
try {
  extractor = await pipeline('feature-extraction', allowRemote ? remoteId : folder, {
    dtype: 'q8',
    device: 'cpu',
    // One thread per session, one session per worker, one worker per core: onnxruntime's default intra-op pool
    // (one thread per core) spins while other processes hold the cores and costs ~3× the CPU per text.
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
  parentPort.postMessage({ type: 'ready', loadMs: Date.now() - started });
} catch (err) {
  parentPort.postMessage({ type: 'failed', error: String(err && err.message ? err.message : err) });
}

// Closing: the batch in progress stops after its current text, the session is released, then the pool may terminate
// this thread. Terminating a worker while onnxruntime runs (or still holds a session) aborts the whole process.
let closing = false;
let inFlight = 0;
async function closeWhenIdle() {
  if (!closing || inFlight > 0) return;
  await extractor?.dispose?.().catch(() => undefined);
  parentPort.postMessage({ type: 'closed' });
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'close') {
    closing = true;
    return closeWhenIdle();
  }
  if (closing) return;
  inFlight++;
  try {
    // One text per model call: padding a mixed-length batch changes q8 vectors (cosine ~0.99 to the unpadded
    // one) and is slower on CPU, so a batch is a unit of messaging, not of inference. Same text → same vector.
    const data = new Float32Array(msg.texts.length * dimensions);
    for (let i = 0; i < msg.texts.length && !closing; i++) {
      const out = await extractor(msg.texts[i], { pooling, normalize });
      data.set(out.data, i * dimensions);
    }
    if (!closing) parentPort.postMessage({ type: 'result', id: msg.id, data }, [data.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, error: String(err && err.message ? err.message : err) });
  } finally {
    inFlight--;
    await closeWhenIdle();
  }
});
