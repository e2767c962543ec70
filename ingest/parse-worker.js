// Worker thread of the parse pool (ingest/parse-pool.ts): runs parseFile on one document at a time, so a slow or
// hostile file costs this thread, never the service's event loop, and a deadline or memory limit can end it.
// Plain JavaScript so it starts under any loader: the TypeScript parsers load through tsx when no loader is set.
import { parentPort } from 'node:worker_threads';

const { parseFile } = await loadParsers();

// pdf.js leaves promises nobody awaits; one that rejects later ("FormatError: Invalid number") would end this
// thread mid-way through the next document. Reported to the pool instead, which logs it.
process.on('unhandledRejection', (reason) => {
  parentPort.postMessage({ type: 'stray', error: describe(reason) });
});

// Anything else thrown outside a parse leaves this thread in an unknown state: it ends, and the pool starts another.
process.on('uncaughtException', (err) => {
  parentPort.postMessage({ type: 'stray', error: describe(err) });
  process.exit(70);
});

parentPort.on('message', async ({ bytes, source, maxBytes }) => {
  try {
    const document = await parseFile(bytes, source, { maxBytes });
    parentPort.postMessage({ type: 'result', document });
  } catch (err) {
    const typed = err && typeof err.code === 'string' && err.name === 'IngestError';
    parentPort.postMessage({
      type: 'error',
      code: typed ? err.code : undefined,
      message: describe(err),
      path: typed ? err.path : undefined,
    });
  }
});
parentPort.postMessage({ type: 'ready' });

async function loadParsers() {
  try {
    return await import('./parse.js');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    return import('./parse.ts');
  }
}

function describe(err) {
  return err instanceof Error ? err.message : String(err);
}
