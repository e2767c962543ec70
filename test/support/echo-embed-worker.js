// A stand-in for ingest/embed-worker.js speaking the same messages without a model: the vector of a text holds
// its length and first character codes, so tests can see what reached the worker. "crash" ends the thread.
import { parentPort, workerData } from 'node:worker_threads';

const { dimensions } = workerData;
parentPort.postMessage({ type: 'ready', loadMs: 0 });
parentPort.on('message', (msg) => {
  if (msg.texts.includes('crash')) process.exit(3);
  const data = new Float32Array(msg.texts.length * dimensions);
  msg.texts.forEach((text, i) => {
    data[i * dimensions] = text.length;
    for (let c = 0; c < Math.min(text.length, dimensions - 1); c++) data[i * dimensions + 1 + c] = text.charCodeAt(c);
  });
  parentPort.postMessage({ type: 'result', id: msg.id, data }, [data.buffer]);
});
