/**
 * Merge precision and recall of the practice merge decision (ingest/practice-merge.ts, `isSamePractice` on the
 * cosine of the two prescriptions, ingest/prescription.ts) on the labelled pairs of
 * test/fixtures/practices/merge-pairs.yaml, with the real embedding model; the decision before prescriptions (the
 * cosine of the quotes as extracted) beside it; and a threshold sweep of both on the dev split.
 *
 *   npx tsx bench/merge-calibration.ts     # writes bench/merge-calibration.md
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { dot } from '../ingest/link.js';
import { isSamePractice, PRACTICE_MERGE_THRESHOLD } from '../ingest/practice-merge.js';
import { prescriptionOf } from '../ingest/prescription.js';

const ROOT = new URL('../', import.meta.url);
export const MERGE_PAIRS = new URL('test/fixtures/practices/merge-pairs.yaml', ROOT);
const REPORT = new URL('bench/merge-calibration.md', ROOT);

const MergePair = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['paraphrase', 'related', 'unrelated']),
  origin: z.string().min(1),
  synthetic: z.boolean(),
  split: z.enum(['dev', 'held-out']),
  a: z.string().min(1),
  b: z.string().min(1),
  why: z.string().optional(),
});
export type MergePair = z.infer<typeof MergePair>;

/** A labelled pair with its cosines: of the two quotes as extracted, and of their prescriptions. */
export interface ScoredPair extends MergePair {
  cosine: number;
  prescriptionCosine: number;
}

export interface MergeFigures {
  pairs: number;
  precision: number;
  recall: number;
}

/** Reads and validates the labelled pairs. */
export async function loadMergePairs(url: URL = MERGE_PAIRS): Promise<MergePair[]> {
  return z.strictObject({ pairs: z.array(MergePair).min(1) }).parse(parse(await readFile(url, 'utf8'))).pairs;
}

/** Embeds every quote and its prescription once and scores each pair. */
export async function scoreMergePairs(
  pairs: MergePair[],
  embed: (texts: string[]) => Promise<Float32Array[]>,
): Promise<ScoredPair[]> {
  const quotes = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const vectors = await embed([...quotes, ...quotes.map(prescriptionOf)]);
  const at = new Map(quotes.map((q, i) => [q, { quote: vectors[i], prescription: vectors[quotes.length + i] }]));
  return pairs.map((p) => {
    const [a, b] = [at.get(p.a)!, at.get(p.b)!];
    return { ...p, cosine: dot(a.quote, b.quote), prescriptionCosine: dot(a.prescription, b.prescription) };
  });
}

/** Merge precision and recall of a decision over the pairs (precision 1 when nothing merges). */
export function measureMerges(pairs: ScoredPair[], merges: (p: ScoredPair) => boolean): MergeFigures {
  const merged = pairs.filter(merges);
  const tp = merged.filter((p) => p.kind === 'paraphrase').length;
  const positives = pairs.filter((p) => p.kind === 'paraphrase').length;
  return {
    pairs: pairs.length,
    precision: merged.length === 0 ? 1 : tp / merged.length,
    recall: positives === 0 ? 1 : tp / positives,
  };
}

/** The decision ingest takes today. */
export const ingestDecision = (p: ScoredPair): boolean => isSamePractice(p.prescriptionCosine);

/** The decision before prescriptions: the cosine of the quotes as extracted, at the same threshold. */
export const quoteDecision = (p: ScoredPair): boolean => p.cosine >= PRACTICE_MERGE_THRESHOLD;

const THRESHOLDS = Array.from({ length: 17 }, (_, i) => Math.round((0.45 + i * 0.025) * 1000) / 1000);
const f1 = (m: MergeFigures) =>
  m.precision + m.recall === 0 ? 0 : (2 * m.precision * m.recall) / (m.precision + m.recall);
const fmt = (x: number) => x.toFixed(2);

/** The Markdown report: both decisions per split, recall by origin, and the dev sweep of both cosines. */
export function renderMergeReport(scored: ScoredPair[]): string {
  const [dev, held] = [scored.filter((p) => p.split === 'dev'), scored.filter((p) => p.split === 'held-out')];
  const kinds = ['paraphrase', 'related', 'unrelated'].map((k) => `${scored.filter((p) => p.kind === k).length} ${k}`);
  const row = (name: string, ps: ScoredPair[]) => {
    const [n, q] = [measureMerges(ps, ingestDecision), measureMerges(ps, quoteDecision)];
    return `| ${name} | ${n.pairs} | ${fmt(n.precision)} | ${fmt(n.recall)} | ${fmt(q.precision)} | ${fmt(q.recall)} |`;
  };
  const lines = [
    '# Practice merge calibration',
    '',
    `Measured by \`npx tsx bench/merge-calibration.ts\` (all-MiniLM-L6-v2 q8) on the ${scored.length} labelled pairs`,
    `of \`test/fixtures/practices/merge-pairs.yaml\` (labelling rule at its top): ${kinds.join(', ')}; dev`,
    `${dev.length}, held-out ${held.length}. Precision = merged paraphrases / merged pairs, recall = merged`,
    'paraphrases / paraphrases. Target (issue 12): ≥ 0.90 each.',
    '',
    `## The merge decision: cosine ≥ ${PRACTICE_MERGE_THRESHOLD}`,
    '',
    '`prescription`: what ingest compares, the prescriptions with their framing and actor stripped',
    '(ingest/prescription.ts). `quote`: the quotes as extracted, which ingest compared before.',
    '',
    '| split | pairs | prescription P | prescription R | quote P | quote R |',
    '| --- | --- | --- | --- | --- | --- |',
    row('dev', dev),
    row('held-out', held),
    row('all', scored),
    '',
    'By origin (all splits, prescription decision):',
    '',
    ...[...new Set(scored.map((p) => p.origin))].map((origin) => {
      const ps = scored.filter((p) => p.origin === origin);
      const negatives = ps.filter((p) => p.kind !== 'paraphrase');
      const merged = negatives.filter(ingestDecision).length;
      const recall = fmt(measureMerges(ps, ingestDecision).recall);
      return `- ${origin}: recall ${recall} of ${ps.length - negatives.length} paraphrases; ${merged} of ${negatives.length} other pairs merged`;
    }),
    '',
    '## Sweep on the dev split',
    '',
    '| threshold | prescription P | prescription R | prescription F1 | quote P | quote R | quote F1 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const best = { prescription: { t: 0, f: -1 }, quote: { t: 0, f: -1 } };
  for (const t of THRESHOLDS) {
    const c = measureMerges(dev, (p) => p.prescriptionCosine >= t);
    const q = measureMerges(dev, (p) => p.cosine >= t);
    if (f1(c) > best.prescription.f) best.prescription = { t, f: f1(c) };
    if (f1(q) > best.quote.f) best.quote = { t, f: f1(q) };
    lines.push(
      `| ${t.toFixed(3)} | ${fmt(c.precision)} | ${fmt(c.recall)} | ${fmt(f1(c))} | ${fmt(q.precision)} | ${fmt(q.recall)} | ${fmt(f1(q))} |`,
    );
  }
  const hc = measureMerges(held, (p) => p.prescriptionCosine >= best.prescription.t);
  const hq = measureMerges(held, (p) => p.cosine >= best.quote.t);
  lines.push(
    '',
    `Dev-best F1: prescription at ${best.prescription.t} (held-out P ${fmt(hc.precision)} R ${fmt(hc.recall)}); ` +
      `quote at ${best.quote.t} (held-out P ${fmt(hq.precision)} R ${fmt(hq.recall)}).`,
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { createLogger } = await import('../src/logger.js');
  const { openEmbedder } = await import('../src/runtime.js');
  const embedder = await openEmbedder(loadConfig(), createLogger('warn', 'bench'));
  try {
    const scored = await scoreMergePairs(await loadMergePairs(), (texts) => embedder.embed(texts));
    const report = renderMergeReport(scored);
    await writeFile(REPORT, report);
    console.log(report);
  } finally {
    await embedder.close();
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
