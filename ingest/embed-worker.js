// Worker thread of the embedding pool (ingest/embed.ts): loads all-MiniLM-L6-v2 once with @xenova/transformers
// and answers batches. Plain JavaScript so it runs in a worker under any loader (tsx, vitest, node).
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@xenova/transformers';

const { modelDir, modelName, allowRemote } = workerData;
env.localModelPath = modelDir;
env.allowLocalModels = true;
env.allowRemoteModels = Boolean(allowRemote);

const started = Date.now();
let extractor;
try {
  extractor = await pipeline('feature-extraction', allowRemote ? `Xenova/${modelName}` : modelName, {
    quantized: true,
  });
  parentPort.postMessage({ type: 'ready', loadMs: Date.now() - started });
} catch (err) {
  parentPort.postMessage({ type: 'failed', error: String(err && err.message ? err.message : err) });
}

parentPort.on('message', async (msg) => {
  try {
    // One text per model call: padding a mixed-length batch changes the vectors (cosine ~0.99 to the unpadded
    // one) and is slower on CPU, so a batch is a unit of messaging, not of inference. Same text → same vector.
    const data = new Float32Array(msg.texts.length * 384);
    for (let i = 0; i < msg.texts.length; i++) {
      const out = await extractor(msg.texts[i], { pooling: 'mean', normalize: true });
      data.set(out.data, i * 384);
    }
    parentPort.postMessage({ type: 'result', id: msg.id, data }, [data.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, error: String(err && err.message ? err.message : err) });
  }
});
