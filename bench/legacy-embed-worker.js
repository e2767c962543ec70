// The embedding worker as it was before issue 11 (@xenova/transformers 2.17.2, onnxruntime-node 1.14, the
// session's default intra-op threads), kept for bench/embed-runtime.ts to measure the new pool beside it. With
// bench/legacy-embed-worker-1t.js it wraps onnxruntime's InferenceSession.create to ask for one intra-op thread: 2.17.2
// passes no session options of its own, so this is the only way to isolate the thread setting from the runtime.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@xenova/transformers';
// The onnxruntime-node 1.14 that @xenova/transformers resolves (hoisted; 1.30 sits under @huggingface/transformers).
import * as ort from 'onnxruntime-node';

const { modelDir, folder, pooling, normalize, dimensions } = workerData;
const oneThread = globalThis.iwgLegacyOneThread === true;
env.localModelPath = modelDir;
env.allowLocalModels = true;
env.allowRemoteModels = false;
if (oneThread) {
  const session = (ort.default ?? ort).InferenceSession;
  const create = session.create.bind(session);
  session.create = (model, options) => create(model, { ...options, intraOpNumThreads: 1, interOpNumThreads: 1 });
}

let extractor;
try {
  extractor = await pipeline('feature-extraction', folder, { quantized: true });
  parentPort.postMessage({ type: 'ready', loadMs: 0 });
} catch (err) {
  parentPort.postMessage({ type: 'failed', error: String(err && err.message ? err.message : err) });
}

parentPort.on('message', async (msg) => {
  try {
    const data = new Float32Array(msg.texts.length * dimensions);
    for (let i = 0; i < msg.texts.length; i++) {
      const out = await extractor(msg.texts[i], { pooling, normalize });
      data.set(out.data, i * dimensions);
    }
    parentPort.postMessage({ type: 'result', id: msg.id, data }, [data.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id: msg.id, error: String(err && err.message ? err.message : err) });
  }
});
