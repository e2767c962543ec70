/**
 * `npx tsx bench/embed-runtime.ts --corpus DIR [--runs 3] [--passages 120] [--sentences 400]`: raw embedding
 * throughput of the pool (ingest/embed.ts) beside the worker it replaced (bench/legacy-embed-worker.js), on the
 * passages of a generated corpus as the pipeline cuts them and on their sentences. Each variant runs in its own
 * process (so one runtime's threads never bill another's CPU), variants interleaved round by round; a figure is
 * the median over rounds of texts/s (wall) and CPU ms per text (process.cpuUsage: every thread of the process,
 * spinning ones included), with the 1-minute load average beside it because the machine is shared.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { createWorkerEmbedder } from '../ingest/embed.js';
import { MODELS } from '../ingest/models.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import { sampleTexts } from './embed-sample.js';
import { median } from './measure.js';

const VARIANTS = {
  'xenova-default-1w': {
    script: 'legacy-embed-worker.js',
    workers: 1,
    what: 'today: @xenova 2.17.2, ort 1.14, default threads, 1 worker',
  },
  'xenova-default-2w': { script: 'legacy-embed-worker.js', workers: 2, what: 'the same, 2 workers' },
  'xenova-1t-1w': {
    script: 'legacy-embed-worker-1t.js',
    workers: 1,
    what: '@xenova 2.17.2, ort 1.14, 1 thread (wrapped), 1 worker',
  },
  'hf4-1t-1w': { script: null, workers: 1, what: '@huggingface 4, ort 1.30, 1 thread, 1 worker' },
  'hf4-1t-2w': { script: null, workers: 2, what: 'new default: @huggingface 4, ort 1.30, 1 thread, 2 workers' },
} as const;
type Variant = keyof typeof VARIANTS;

interface ChildResult {
  variant: Variant;
  kind: 'passages' | 'sentences';
  texts: number;
  wallMs: number;
  cpuMs: number;
  load1: number;
  vectors?: number[][];
}

/** Child: one variant, one pass over the texts after a warm-up; prints its figures as JSON. */
async function runChild(variant: Variant, kind: 'passages' | 'sentences', texts: string[], keep: boolean) {
  const v = VARIANTS[variant];
  const sut = await createWorkerEmbedder({
    modelDir: loadConfig().model.dir,
    model: MODELS['all-minilm-l6-v2'],
    workers: v.workers,
    workerScript: v.script ? new URL(`./${v.script}`, import.meta.url) : undefined,
  });
  await sut.embed(texts.slice(0, 8 * v.workers));
  const load1 = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const vectors = await sut.embed(texts);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await sut.close();
  const out: ChildResult = { variant, kind, texts: texts.length, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, load1 };
  if (keep) out.vectors = vectors.map((x) => Array.from(x));
  process.stdout.write(JSON.stringify(out));
}

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

async function main() {
  const opts = new Command()
    .requiredOption('--corpus <dir>', 'a corpus written by bench/generate.ts')
    .option('--runs <n>', 'interleaved rounds', '3')
    .option('--passages <n>', 'passages in the sample', '120')
    .option('--sentences <n>', 'sentences in the sample', '400')
    .option('--variants <list>', 'comma-separated variants', Object.keys(VARIANTS).join(','))
    .option('--child <variant>')
    .option('--kind <kind>', 'passages or sentences', 'passages')
    .option('--keep-vectors')
    .option('--out <file>', 'JSON results', join(PROJECT_ROOT, 'bench', 'results', 'embedding-runtime.json'))
    .parse()
    .opts<Record<string, string | boolean | undefined>>();
  const sample = await sampleTexts(String(opts.corpus), Number(opts.passages), Number(opts.sentences));
  const kind = opts.kind === 'sentences' ? 'sentences' : 'passages';
  if (opts.child) return runChild(opts.child as Variant, kind, sample[kind], Boolean(opts.keepVectors));

  const variants = String(opts.variants).split(',') as Variant[];
  const run = promisify(execFile);
  const results: ChildResult[] = [];
  for (let round = 0; round < Number(opts.runs); round++) {
    for (const k of ['passages', 'sentences'] as const) {
      for (const variant of variants) {
        const args = ['--import', 'tsx', process.argv[1], ...process.argv.slice(2), '--child', variant, '--kind', k];
        if (round === 0) args.push('--keep-vectors');
        const { stdout } = await run(process.execPath, args, { cwd: PROJECT_ROOT, maxBuffer: 256 * 2 ** 20 });
        const r = JSON.parse(stdout) as ChildResult;
        results.push(r);
        const perText = r.cpuMs / r.texts;
        console.error(
          `${round} ${k} ${variant}: ${((r.texts / r.wallMs) * 1000).toFixed(1)} texts/s, ` +
            `${perText.toFixed(1)} CPU ms/text, load ${r.load1.toFixed(2)}`,
        );
      }
    }
  }
  const summary = summarise(results, variants);
  console.log(JSON.stringify(summary, null, 2));
  await writeFile(String(opts.out), JSON.stringify({ date: new Date().toISOString(), summary }, null, 2));
}

/** Medians per variant and kind, and the worst cosine of each variant's vectors to today's worker's. */
function summarise(results: ChildResult[], variants: Variant[]) {
  return (['passages', 'sentences'] as const).map((kind) => {
    const of = (v: Variant) => results.filter((r) => r.kind === kind && r.variant === v);
    const reference = of('xenova-default-1w').find((r) => r.vectors)?.vectors;
    return {
      kind,
      texts: results.find((r) => r.kind === kind)?.texts,
      variants: variants.map((v) => {
        const rs = of(v);
        const vectors = rs.find((r) => r.vectors)?.vectors;
        return {
          variant: v,
          what: VARIANTS[v].what,
          textsPerS: median(rs.map((r) => (r.texts / r.wallMs) * 1000)),
          cpuMsPerText: median(rs.map((r) => r.cpuMs / r.texts)),
          load1: rs.map((r) => Number(r.load1.toFixed(2))),
          minCosineToToday:
            reference && vectors ? Math.min(...vectors.map((x, i) => cosine(x, reference[i]))) : undefined,
        };
      }),
    };
  });
}

await main();
