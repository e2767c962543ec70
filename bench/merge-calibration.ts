/**
 * Merge precision and recall of the practice merge decision (ingest/practice-merge.ts, `isSamePractice`) on the
 * labelled pairs of test/fixtures/practices/merge-pairs.yaml, with the real embedding model, and a threshold sweep
 * on the dev split. Also measures one alternative that ingest does not use yet: comparing the prescriptions with
 * their framing stripped ("It is good practice for operators to …", "Belgium stressed that licensees ought to …").
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

/** A labelled pair with its cosines: of the quotes as ingest embeds them, and of their stripped prescriptions. */
export interface ScoredPair extends MergePair {
  cosine: number;
  coreCosine: number;
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

// Framing that says who recommends or to whom, not what is prescribed (bench/generate/vocabulary.ts,
// NORMATIVE_TEMPLATES and negatives.ts HARD_PRACTICES).
const LEAD_INS = [
  /^(?:as a rule|to reduce insider risk|where resources allow),\s*/i,
  /^(?:according to|in the view of) [^,]+,\s*/i,
  /^[A-Z][\w\s’'-]*? (?:recommended|recommends|stressed|agreed|requires|encourages? \w+ \w+ to) that\s*/,
  /^(?:participants|we|members) (?:agreed|recommend) that\s*/i,
  /^it is (?:a )?good practice (?:for [^,]+? )?(?:to|that)\s*/i,
  /^a good practice is to\s*/i,
  /^it is (?:recommended|essential) that\s*/i,
  /^subscribing states commit to ensuring that\s*/i,
  /^regulators are strongly encouraged to ask [\w\s]+? to\s*/i,
];
const ACTOR_AND_MODAL =
  /^(?:operators|licensees|facility managers|regulators|security managers|competent authorities|human resources departments|training coordinators|site security teams|plant managers|the operator|staff|employees|organisations|facilities|states)\s+(?:should|must|ought to|need to|have to|are (?:strongly )?(?:encouraged|recommended|required|expected) to)\s+(?:also\s+)?/i;

/** The prescription of a practice quote without its framing and actor (an experiment, not used by ingest). */
export function prescriptionCore(quote: string): string {
  let s = quote;
  for (let round = 0; round < 3; round++) for (const lead of LEAD_INS) s = s.replace(lead, '');
  return s.replace(ACTOR_AND_MODAL, '');
}

/** Embeds every quote (and its prescription core) once and scores each pair. */
export async function scoreMergePairs(
  pairs: MergePair[],
  embed: (texts: string[]) => Promise<Float32Array[]>,
): Promise<ScoredPair[]> {
  const quotes = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const vectors = await embed([...quotes, ...quotes.map(prescriptionCore)]);
  const at = new Map(quotes.map((q, i) => [q, { quote: vectors[i], core: vectors[quotes.length + i] }]));
  return pairs.map((p) => {
    const [a, b] = [at.get(p.a)!, at.get(p.b)!];
    return { ...p, cosine: dot(a.quote, b.quote), coreCosine: dot(a.core, b.core) };
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
export const ingestDecision = (p: ScoredPair): boolean => isSamePractice(p.cosine);

const THRESHOLDS = Array.from({ length: 17 }, (_, i) => Math.round((0.45 + i * 0.025) * 1000) / 1000);
const f1 = (m: MergeFigures) =>
  m.precision + m.recall === 0 ? 0 : (2 * m.precision * m.recall) / (m.precision + m.recall);
const fmt = (x: number) => x.toFixed(2);

/** The Markdown report: figures of the ingest decision per split and kind, and the dev sweep of both cosines. */
export function renderMergeReport(scored: ScoredPair[]): string {
  const split = (s: string) => scored.filter((p) => p.split === s);
  const [dev, held] = [split('dev'), split('held-out')];
  const lines = [
    '# Practice merge calibration',
    '',
    `Measured by \`npx tsx bench/merge-calibration.ts\` (all-MiniLM-L6-v2 q8) on the ${scored.length} labelled pairs of`,
    '`test/fixtures/practices/merge-pairs.yaml` (labelling rule at its top): ' +
      ['paraphrase', 'related', 'unrelated']
        .map((k) => `${scored.filter((p) => p.kind === k).length} ${k}`)
        .join(', ') +
      `; dev ${dev.length}, held-out ${held.length}. A pair is predicted merged when the decision holds; precision =`,
    'merged paraphrases / merged pairs, recall = merged paraphrases / paraphrases. Target (issue 12): ≥ 0.90 each.',
    '',
    `## The ingest decision (cosine of the quotes ≥ ${PRACTICE_MERGE_THRESHOLD})`,
    '',
    '| split | pairs | precision | recall |',
    '| --- | --- | --- | --- |',
    ...(
      [
        ['dev', dev],
        ['held-out', held],
        ['all', scored],
      ] as const
    ).map(([name, ps]) => {
      const m = measureMerges([...ps], ingestDecision);
      return `| ${name} | ${m.pairs} | ${fmt(m.precision)} | ${fmt(m.recall)} |`;
    }),
    '',
    'Recall by origin of the paraphrases (all splits):',
    '',
    ...[...new Set(scored.map((p) => p.origin))].map((origin) => {
      const ps = scored.filter((p) => p.origin === origin);
      const m = measureMerges(ps, ingestDecision);
      const negatives = ps.filter((p) => p.kind !== 'paraphrase');
      const wrong = negatives.filter(ingestDecision).length;
      return `- ${origin}: recall ${fmt(m.recall)} of ${ps.length - negatives.length} paraphrases; ${wrong} of ${negatives.length} other pairs merged`;
    }),
    '',
    '## Sweep on the dev split (held-out at the dev-best threshold)',
    '',
    '`quote`: the cosine ingest uses (the quotes as extracted). `core`: the cosine of the prescriptions with their',
    'framing and actor stripped (`prescriptionCore`), an alternative ingest does not use yet.',
    '',
    '| threshold | quote P | quote R | quote F1 | core P | core R | core F1 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const best = { quote: { t: 0, f: -1 }, core: { t: 0, f: -1 } };
  for (const t of THRESHOLDS) {
    const q = measureMerges(dev, (p) => p.cosine >= t);
    const c = measureMerges(dev, (p) => p.coreCosine >= t);
    if (f1(q) > best.quote.f) best.quote = { t, f: f1(q) };
    if (f1(c) > best.core.f) best.core = { t, f: f1(c) };
    lines.push(
      `| ${t.toFixed(3)} | ${fmt(q.precision)} | ${fmt(q.recall)} | ${fmt(f1(q))} | ${fmt(c.precision)} | ${fmt(c.recall)} | ${fmt(f1(c))} |`,
    );
  }
  const hq = measureMerges(held, (p) => p.cosine >= best.quote.t);
  const hc = measureMerges(held, (p) => p.coreCosine >= best.core.t);
  lines.push(
    '',
    `Dev-best F1: quote at ${best.quote.t} (held-out P ${fmt(hq.precision)} R ${fmt(hq.recall)}); core at ` +
      `${best.core.t} (held-out P ${fmt(hc.precision)} R ${fmt(hc.recall)}).`,
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
