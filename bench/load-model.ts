/** Provisions (if needed) and loads the embedding model once; used by bench/cold-start.sh to time it. */
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder } from '../src/runtime.js';

const embedder = await openEmbedder(loadConfig(), createLogger('warn', 'bench'));
await embedder.embed(['warm-up sentence']);
await embedder.close();
