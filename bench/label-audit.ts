/**
 * `npx tsx bench/label-audit.ts [--ranks FILE] [--out bench/labels.md]`: the evidence behind labels v2. For every
 * labelled sentence of the generator (bench/generate/needles.ts), its cosine to its query with the default model
 * (the sentence embedded as a passage, the query as a query, as search does); the distribution per kind; the
 * nDCG@10 and recall@5 that labels v1 allow when the near sentences never rank; how often they reach a system's
 * top 10 in a real run (FILE: a bench result with `ranks`, e.g. bench/results/labels/ranks-quick-100.json); and
 * a reader's judgment of each near sentence (bench/label-judgments.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openEmbedder } from '../src/runtime.js';
import { NEEDLE_CONCEPTS } from './generate/needles.js';
import { NEAR_JUDGMENTS } from './label-judgments.js';
import { renderLabelsReport, type ConceptCosines, type RunRanks } from './label-report.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

/** Cosines of every needle and near sentence to its query with the default model and the search's prefixes. */
async function measureCosines(): Promise<ConceptCosines[]> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const embedder = await openEmbedder(config, createLogger('warn', 'bench'));
  try {
    const queries = await embedder.embed(
      NEEDLE_CONCEPTS.map((c) => c.query),
      { kind: 'query' },
    );
    const sentences = await embedder.embed(NEEDLE_CONCEPTS.flatMap((c) => [...c.needles, ...c.near]));
    return NEEDLE_CONCEPTS.map((c, q) => {
      const own = sentences.slice(q * 5, q * 5 + 5).map((v) => dot(v, queries[q]));
      const judged = NEAR_JUDGMENTS[c.id];
      if (!judged) throw new Error(`bench/label-judgments.ts: no judgment for ${c.id}`);
      return {
        id: c.id,
        query: c.query,
        needles: own.slice(0, 3),
        near: own.slice(3),
        nearText: c.near,
        judgments: judged,
      };
    });
  } finally {
    await embedder.close();
  }
}

async function main() {
  const opts = new Command()
    .option('--ranks <file>', 'a bench result (or rank file) with per-query entry ranks')
    .option('--out <file>', 'where to write the report', 'bench/labels.md')
    .parse()
    .opts<{ ranks?: string; out: string }>();
  const run = opts.ranks ? (JSON.parse(await readFile(opts.ranks, 'utf8')) as RunRanks) : undefined;
  if (run && !run.ranks) throw new Error(`${opts.ranks}: no ranks (saved by bench/run.ts since labels v2)`);
  const cosines = await measureCosines();
  await writeFile(opts.out, renderLabelsReport(cosines, run));
  console.error(`wrote ${opts.out}`);
}

await main();
