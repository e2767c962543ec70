/** Placeholder wiring for the corpus ingest run at start; replaced by the ingest pipeline. */
import type { Runtime } from './runtime.js';

export async function ingestCorpusOnStart(runtime: Runtime, dir: string): Promise<void> {
  runtime.log.info({ dir }, 'corpus ingest not yet available');
}
