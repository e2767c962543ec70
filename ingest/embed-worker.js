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
    const out = await extractor(msg.texts, { pooling: 'mean', normalize: true });
    const data = Float32Array.from(out.data);
    parentPort.postMessage({ type: 'result', id: msg.id, data, dims: out.dims }, [data.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, error: String(err && err.message ? err.message : err) });
  }
});
