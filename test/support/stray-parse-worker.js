// The real parse worker (ingest/parse-worker.js), plus a promise rejected with nobody to handle it at every
// document, as pdf.js leaves behind for some malformed PDFs ("FormatError: Invalid number").
import { parentPort } from 'node:worker_threads';
import '../../ingest/parse-worker.js';

parentPort.on('message', () => {
  void Promise.reject(new Error('FormatError: Invalid number: y (charCode 121)'));
});
