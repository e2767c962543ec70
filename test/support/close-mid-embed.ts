/**
 * Child process of the embedder-close test: starts a two-worker pool on the model folder in argv[2], asks it for
 * 400 texts, closes it while they are being embedded, and exits with status 3. A worker terminated inside
 * onnxruntime aborts the whole process instead (SIGABRT, status 134).
 */
import { createWorkerEmbedder } from '../../ingest/embed.js';

const pool = await createWorkerEmbedder({ modelDir: process.argv[2], workers: 2 });
const texts = Array.from({ length: 400 }, (_, i) => `Guards at gate ${i} compare every badge with the roster.`);
const pending = pool.embed(texts).then(
  () => 'finished',
  (err: Error) => err.message,
);
await new Promise((resolve) => setTimeout(resolve, Number(process.argv[3] ?? 100)));
await pool.close();
process.stdout.write(`${await pending}\n`);
process.exitCode = 3;
