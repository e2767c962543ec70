// The real parse worker (ingest/parse-worker.js), busy for 1.5 s on its own thread before each document: a parse
// that is slow whatever the document, to show the caller's event loop does not wait for it.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {
  const until = Date.now() + 1500;
  while (Date.now() < until);
});
await import('../../ingest/parse-worker.js');
