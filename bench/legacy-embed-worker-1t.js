// bench/legacy-embed-worker.js with one intra-op thread per onnxruntime session (see there).
globalThis.iwgLegacyOneThread = true;
await import('./legacy-embed-worker.js');
