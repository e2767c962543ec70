/**
 * Renders bench/RESULTS.md and bench/plots/*.svg from every saved result in bench/results/*.json: the full run's
 * sizes first (manual, `npm run bench`), then the quick run's (`npm run bench -- --quick`, what CI may run).
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Environment } from './env.js';
import type { LoadTable, QualityAndSplit, RawEmbedding, System, TrendRecovery, IngestRun } from './measure.js';
import { capsV1 } from './label-report.js';
import type { RelatednessResult } from './relatedness.js';
import { groupedBars, lines, stackedBars, writePlot } from './plots.js';

export interface SizeResult {
  label: 'quick' | 'full';
  seed: number;
  documents: number;
  environment: Environment;
  raw: RawEmbedding;
  ingest: {
    runs: (IngestRun & { nodePeakMb: number | null; neo4jPeakMb: number | null })[];
    medianTotalMs: number;
    medianParseMs: number;
    medianEmbedMs: number;
    medianMergeMs: number;
    medianWriteMs: number;
  };
  /** The label set `quality` was scored under; absent in results saved before labels v2 (they are v1). */
  labels?: 1 | 2;
  quality: QualityAndSplit['quality'];
  /** Present with labels v2: the same rankings scored under labels v1. */
  qualityV1?: QualityAndSplit['qualityV1'];
  ranks?: QualityAndSplit['ranks'];
  split: QualityAndSplit['split'];
  load: LoadTable;
  loadOptions: { durationS: number; repeats: number; connections: number[] };
  trends: TrendRecovery;
  queries: number;
  /** Related practices on the planted practice families; absent in results saved before them. */
  relatedness?: RelatednessResult;
}

const SYSTEMS: System[] = ['keyword', 'semantic', 'hybrid', 'langchain-hybrid'];
const QUALITY_SYSTEMS: System[] = ['keyword', 'semantic', 'hybrid', 'hybrid-practices', 'langchain-hybrid'];
const NAMES: Record<System, string> = {
  keyword: 'iwg-graph keyword',
  semantic: 'iwg-graph semantic',
  hybrid: 'iwg-graph hybrid',
  'hybrid-practices': 'iwg-graph hybrid, passages + practices (its default)',
  'langchain-hybrid': 'LangChain.js Neo4jVectorStore hybrid',
};

const f = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : (Math.round(x * 10 ** d) / 10 ** d).toLocaleString('en');
const s = (ms: number) => f(ms / 1000, 1);
const ratio = (a: number, b: number) => `×${f(a / b, 2)}`;
const last = <T>(xs: T[]) => xs[xs.length - 1];
/** The label set a result's `quality` was scored under (bench/labels.md): results before v2 hold v1 scores only. */
export const labelsOf = (r: SizeResult): 1 | 2 => r.labels ?? 1;
const versionsOf = (results: SizeResult[]) => [...new Set(results.map(labelsOf))].map((v) => `v${v}`).join('/');

/** Derived ingest figures of one size (medians of its runs). */
export function ingestFigures(r: SizeResult) {
  const run = r.ingest.runs[r.ingest.runs.length - 1];
  const totalS = r.ingest.medianTotalMs / 1000;
  const passagesPerS = run.passages / totalS;
  return {
    run,
    totalS,
    docsPerS: run.documents / totalS,
    passagesPerS,
    vsRaw: passagesPerS / r.raw.passagesPerS,
    busyMs: r.ingest.medianParseMs + r.ingest.medianEmbedMs + r.ingest.medianMergeMs + r.ingest.medianWriteMs,
    writeRate: (run.nodes + run.relationships) / (r.ingest.medianWriteMs / 1000),
    nodePeakMb: Math.max(...r.ingest.runs.map((x) => x.nodePeakMb ?? 0)),
    neo4jPeakMb: Math.max(...r.ingest.runs.map((x) => x.neo4jPeakMb ?? 0)),
  };
}

/** The day the sizes were measured, or each size's day when they were measured on different days. */
function measuredOn(results: SizeResult[]): string {
  const days = results.map((r) => r.environment.date.slice(0, 10));
  if (new Set(days).size === 1) return days[0];
  return results.map((r, i) => `${days[i]} (${r.documents.toLocaleString('en')} documents)`).join(', ');
}

function section(label: string, results: SizeResult[], anatomy?: string): string {
  const env = results[0].environment;
  const out: string[] = [];
  const largest = last(results);
  const conns = largest.loadOptions.connections;
  const hi = last(conns);
  const lf = ingestFigures(largest);
  const hyb = largest.load.hybrid!;
  const lc = largest.load['langchain-hybrid']!;
  out.push(
    `## ${label === 'full' ? 'Full run' : 'Quick run (`npm run bench -- --quick`)'}`,
    '',
    `Measured ${measuredOn(results)} on ${env.cores} cores (${env.cpu}), ${env.memoryGiB} GiB, ${env.os}; ` +
      Object.entries(env.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      '.',
    `Corpus: SYNTHETIC documents from \`bench/generate.ts\` (seed ${largest.seed}): Markdown newsletters, text meeting ` +
      `summaries, HTML pages with site chrome and PDFs across 2019–2026, with ${largest.queries} labelled queries ` +
      'and planted trends. Each size is ingested into a fresh managed Neo4j.',
    '',
    `### Headline (${largest.documents.toLocaleString('en')} documents, ${lf.run.passages.toLocaleString('en')} passages)`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| ingest vs raw embedding of the same passages | ${f(lf.passagesPerS)} vs ${f(largest.raw.passagesPerS)} passages/s = **${ratio(lf.passagesPerS, largest.raw.passagesPerS)}** of the physical limit |`,
    `| where ingest time goes (stage time summed over documents; stages of consecutive documents overlap) | embed ${pct(largest.ingest.medianEmbedMs, lf.busyMs)}, write ${pct(largest.ingest.medianWriteMs, lf.busyMs)}, practice merge look-ups ${pct(largest.ingest.medianMergeMs, lf.busyMs)}, parse ${pct(largest.ingest.medianParseMs, lf.busyMs)}; ${s(lf.busyMs)} s of stage time in ${s(largest.ingest.medianTotalMs)} s of wall time |`,
    `| hybrid search p50 / p95, 1 client: iwg-graph vs LangChain.js | ${f(hyb[conns[0]].p50)} / ${f(hyb[conns[0]].p95)} ms vs ${f(lc[conns[0]].p50)} / ${f(lc[conns[0]].p95)} ms (iwg-graph ÷ LangChain.js: ${ratio(hyb[conns[0]].p50, lc[conns[0]].p50)}) |`,
    `| hybrid throughput, ${hi} clients: iwg-graph vs LangChain.js | ${f(hyb[hi].rps)} vs ${f(lc[hi].rps)} requests/s (**${ratio(hyb[hi].rps, lc[hi].rps)}**) |`,
    `| nDCG@10 over the same passages (labels v${labelsOf(largest)}): iwg-graph hybrid vs LangChain.js hybrid | **${f(largest.quality.hybrid.ndcgAt10, 3)}** vs ${f(largest.quality['langchain-hybrid'].ndcgAt10, 3)} |`,
    ...(largest.quality['hybrid-practices']
      ? [
          `| nDCG@10 of iwg-graph's default search (passages + extracted practices; labels v${labelsOf(largest)}) | **${f(largest.quality['hybrid-practices'].ndcgAt10, 3)}** (MRR ${f(largest.quality['hybrid-practices'].mrr, 3)}${largest.qualityV1?.['hybrid-practices'] ? `; labels v1: ${f(largest.qualityV1['hybrid-practices'].ndcgAt10, 3)}` : ''}) |`,
        ]
      : []),
    ...(largest.relatedness
      ? [
          `| related practices (practice families, weights ${weightsOf(largest.relatedness)}): nDCG@10 / MRR | **${f(largest.relatedness.ndcgAt10, 3)}** / ${f(largest.relatedness.mrr, 3)} (planted labels only)${largest.relatedness.labelsV2 ? `; labels v2 (+ a reader's judgments): **${f(largest.relatedness.labelsV2.ndcgAt10, 3)}** / ${f(largest.relatedness.labelsV2.mrr, 3)}` : ''} |`,
        ]
      : []),
    `| one hybrid query (1 client): embedding vs Neo4j | ${f(largest.split.hybrid.embedMs)} ms vs ${f(largest.split.hybrid.graphMs)} ms (medians) |`,
    '',
  );

  out.push(
    '### Ingest',
    '',
    `![ingest stages](plots/${label}-ingest-stages.svg) ![ingest vs raw embedding](plots/${label}-ingest-vs-raw.svg)`,
    '',
    '| documents | passages | practices | runs | total (median) | documents/s | passages/s | raw embedding passages/s | ingest ÷ raw | stage time: parse / embed / merge / write | Neo4j write rate | peak RSS: Node / Neo4j | failed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const x = ingestFigures(r);
      return `| ${r.documents.toLocaleString('en')} | ${x.run.passages.toLocaleString('en')} | ${x.run.practices.toLocaleString('en')} | ${r.ingest.runs.length} | ${s(r.ingest.medianTotalMs)} s | ${f(x.docsPerS, 2)} | ${f(x.passagesPerS)} | ${f(r.raw.passagesPerS)} (${r.raw.passages} passages${r.raw.sentences ? ` + their ${r.raw.sentences} sentences` : ''}, ${f(r.raw.meanWords, 0)} words each, ${r.raw.runs.length} runs) | ${ratio(x.passagesPerS, r.raw.passagesPerS)} | ${s(r.ingest.medianParseMs)} / ${s(r.ingest.medianEmbedMs)} / ${s(r.ingest.medianMergeMs)} / ${s(r.ingest.medianWriteMs)} s | ${f(x.writeRate, 0)} nodes+relationships/s (${(x.run.nodes + x.run.relationships).toLocaleString('en')} written) | ${x.nodePeakMb} / ${x.neo4jPeakMb} MB | ${x.run.failed} |`;
    }),
    '',
    'Raw embedding: the same embedder (one worker thread, one text per model call) on the passages of the ' +
      "corpus's first 30 documents, nothing else — the ceiling this pipeline could reach. Stage times are summed " +
      'over documents: embed = passages and practice candidates; merge = vector look-ups of near-duplicate ' +
      "practices; write = each document's Neo4j transaction. The next document is parsed and embedded while the " +
      'previous one is merged and written, so stage times may add up to more than the wall time, which also ' +
      'includes the taxonomy sync and the co-occurrence update. Neo4j write rate = nodes + relationships in the ' +
      'graph ÷ write time. ' +
      'Peak RSS = VmHWM during the ingest (reset before it).',
    '',
  );

  out.push(
    '### Search under load',
    '',
    `![latency](plots/${label}-latency.svg) ![throughput](plots/${label}-throughput.svg)`,
    '',
    `\`POST /api/search\` (passages, top 10) and the peer's \`POST /search\` (k = 10), loaded by autocannon in a ` +
      `separate process for ${largest.loadOptions.durationS} s after a 1 s warm-up, rotating through the ` +
      `${largest.queries} labelled queries; no query-embedding cache on either side; medians of ` +
      `${largest.loadOptions.repeats} runs per cell. Latency in ms.`,
    '',
    `| documents | system | ${conns.map((c) => `${c} client${c > 1 ? 's' : ''}: p50 / p95 / p99 · req/s`).join(' | ')} |`,
    `| --- | --- | ${conns.map(() => '---').join(' | ')} |`,
    ...results.flatMap((r) =>
      SYSTEMS.map(
        (sys) =>
          `| ${r.documents.toLocaleString('en')} | ${NAMES[sys]} | ${conns
            .map((c) => {
              const x = r.load[sys]?.[c];
              return x ? `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)} · ${f(x.rps, 0)}` : '–';
            })
            .join(' | ')} |`,
      ),
    ),
    '',
    '**Where a query spends its time** (one client, median over the labelled queries, from `timings` in the answer; ' +
      'measured in the quality pass right after the ingest, before the load phases warm Neo4j up):',
    '',
    '| documents | mode | client-side total | query embedding | Neo4j (index look-ups, fusion, hit details) |',
    '| --- | --- | --- | --- | --- |',
    ...results.flatMap((r) =>
      QUALITY_SYSTEMS.filter((sys) => r.split[sys]).map(
        (sys) =>
          `| ${r.documents.toLocaleString('en')} | ${NAMES[sys]} | ${f(r.split[sys].totalMs)} ms | ${sys === 'langchain-hybrid' ? 'not split' : `${f(r.split[sys].embedMs)} ms`} | ${sys === 'langchain-hybrid' ? 'not split' : `${f(r.split[sys].graphMs)} ms`} |`,
      ),
    ),
    '',
    '**Side by side with the peer** (same Neo4j, same model, same passages, same run; ratio > 1 favours iwg-graph):',
    '',
    `| documents | ${conns.map((c) => `${c} client${c > 1 ? 's' : ''}: p50 ratio · throughput ratio`).join(' | ')} | nDCG@10 iwg-graph hybrid / LangChain.js (labels) |`,
    `| --- | ${conns.map(() => '---').join(' | ')} | --- |`,
    ...results.map(
      (r) =>
        `| ${r.documents.toLocaleString('en')} | ${conns
          .map((c) => {
            const a = r.load.hybrid?.[c];
            const b = r.load['langchain-hybrid']?.[c];
            return a && b ? `${ratio(b.p50, a.p50)} · ${ratio(a.rps, b.rps)}` : '–';
          })
          .join(
            ' | ',
          )} | ${f(r.quality.hybrid.ndcgAt10, 3)} / ${f(r.quality['langchain-hybrid'].ndcgAt10, 3)} (v${labelsOf(r)}) |`,
    ),
    '',
    ...(anatomy ? ['**Anatomy of one search in Neo4j** (`bench/search-anatomy.ts`):', '', anatomy.trim(), ''] : []),
    'The peer is `Neo4jVectorStore.fromExistingIndex` in `searchType: "hybrid"` over our Passage vector and ' +
      'full-text indexes (its documented set-up for an existing graph; a `retrievalQuery` keeps passage ids), ' +
      'with our model behind its `Embeddings` interface, served by a minimal Express app.',
    '',
  );

  out.push(
    '### Retrieval quality',
    '',
    `![quality](plots/${label}-quality.svg)`,
    '',
    `${largest.queries} labelled queries, each phrased differently from the sentences it should find, each with 5 ` +
      'planted sentences in 5 documents, the same number at every size, so larger corpora are harder: 3 needles ' +
      'that answer it (grade 2) and 2 near sentences from the same practice area with another prescription. ' +
      '**Labels v2** (since 2026-12-01, `bench/labels.md`) grade the near sentences 0, as distractors: ' +
      'recall@5 = share of the 3 needles in the top 5 passages; nDCG@10 with gain 2^grade − 1 over the needles; ' +
      'MRR = reciprocal rank of the first needle; **distractor first** = share of queries where a distractor is in ' +
      'the top 10 above the first needle (or no needle is found); **distractors@10** = mean distractors in the top ' +
      '10. **Labels v1** (every result saved before, whose rankings were not kept) graded the near sentences 1: ' +
      `recall@5 over all 5 and an ideal that includes them, which caps a perfect needle ranking at nDCG@10 ` +
      `${f(capsV1().ndcgAt10, 3)} and recall@5 ${f(capsV1().recallAt5, 1)} while they do not answer the query ` +
      '(79 of 80 judged so in `bench/labels.md`). Runs since v2 report ' +
      'both; v1 and v2 figures are not comparable with each other. The studies below this section (sentences, ' +
      'embedding, fusion, confidence) were scored under labels v1. "Passages + practices" is the API\'s default ' +
      "`types`: a practice hit is judged by the quote it shows and that quote's document, like a passage.",
    '',
    '| documents | system | labels | recall@5 | nDCG@10 | MRR | distractor first | distractors@10 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap((r) =>
      QUALITY_SYSTEMS.flatMap((sys) => {
        const rows: [number, QualityAndSplit['quality'][System] | undefined][] = [
          [labelsOf(r), r.quality[sys]],
          [1, labelsOf(r) === 2 ? r.qualityV1?.[sys] : undefined],
        ];
        return rows
          .filter(([, q]) => q)
          .map(
            ([v, q]) =>
              `| ${r.documents.toLocaleString('en')} | ${NAMES[sys]} | v${v} | ${f(q!.recallAt5, 3)} | ${f(q!.ndcgAt10, 3)} | ${f(q!.mrr, 3)} | ${v === 2 ? f(q!.distractorFirst, 3) : '–'} | ${v === 2 ? f(q!.distractorsAt10, 2) : '–'} |`,
          );
      }),
    ),
    '',
    '**Planted trends** (`GET /api/trends?interval=year`; growth as the statistic of that run defined it: with a ' +
      'rank (#), the change of the share of documents per year of the Poisson statistic, docs/trends.md; without, ' +
      "the earlier statistic's latest-years rate over the earlier baseline − 1):",
    '',
    '| documents | recovered | trends (planted direction: growth) |',
    '| --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.documents.toLocaleString('en')} | ${r.trends.recovered} of ${r.trends.planted} | ${r.trends.details
          .map((d) => `${d.id} (${d.direction}: ${f(d.growth, 2)}${d.rank ? `, #${d.rank}` : ''})`)
          .join('; ')} |`,
    ),
    '',
    ...relatednessLines(results),
  );

  if (results.length > 1) {
    const p95 = (r: SizeResult, c: number) => r.load.hybrid?.[c]?.p95 ?? NaN;
    out.push('### Scaling', '', `![scaling](plots/${label}-scaling.svg)`, '');
    for (let i = 1; i < results.length; i++) {
      const [from, to] = [results[i - 1], results[i]];
      const a = ingestFigures(from);
      const b = ingestFigures(to);
      const grow = b.run.passages / a.run.passages;
      out.push(
        `- From ${a.run.passages.toLocaleString('en')} to ${b.run.passages.toLocaleString('en')} passages ` +
          `(${ratio(b.run.passages, a.run.passages)}): ingest time ${ratio(b.totalS, a.totalS)} ` +
          `(${b.totalS / a.totalS <= grow ? 'linear or better' : b.totalS / a.totalS <= grow * 1.1 ? 'about linear: within 10% of it' : 'worse than linear'}); hybrid p95 at ` +
          `${conns[0]} client ${ratio(p95(to, conns[0]), p95(from, conns[0]))}, at ${hi} clients ` +
          `${ratio(p95(to, hi), p95(from, hi))} (${Math.max(p95(to, conns[0]) / p95(from, conns[0]), p95(to, hi) / p95(from, hi)) < grow / 2 ? 'sub-linear' : 'not sub-linear'}).`,
      );
    }
    out.push('');
  }
  if (label === 'full') {
    const perPassage = lf.totalS / lf.run.passages;
    out.push(
      '### Stretch: 1M passages',
      '',
      `Not run. At the measured ${f(lf.passagesPerS)} passages/s of the ${largest.documents.toLocaleString('en')}-` +
        `document ingest, 1M passages (~100k documents) would take about ${f((perPassage * 1e6) / 3600, 1)} hours on ` +
        `this machine if ingest stays linear, ${f(1e6 / largest.raw.passagesPerS / 3600, 1)} hours of which is the ` +
        'embedding alone (raw throughput), which does not fit a working session on 2 cores. Memory was not the ' +
        `limit at ${largest.documents.toLocaleString('en')} documents (Neo4j peak RSS ${lf.neo4jPeakMb} MB with ` +
        `the heap stated above, this process ${lf.nodePeakMb} MB); ten times the passages would need a larger ` +
        'page cache to keep the vector index in memory, which is not measured here.',
      '',
    );
  }
  return out.join('\n');
}

const pct = (part: number, whole: number) => `${f((100 * part) / whole, 0)}%`;

const weightsOf = (r: RelatednessResult) => `${r.weights.similarity} / ${r.weights.sharedTags} / ${r.weights.coCited}`;

/** The related-practices table: one row per size measured with families. */
export function relatednessLines(results: SizeResult[]): string[] {
  const measured = results.filter((r) => r.relatedness);
  if (measured.length === 0) return [];
  return [
    '**Related practices** (`GET /api/practices/:id/related?limit=10` from the query practice of each planted ' +
      'practice family; paraphrase nodes grade 2, related 1; weights similarity / shared topics+attributes / ' +
      'co-citation as shipped, chosen on the dev families: "Related practices: the blend weights, measured" below):',
    '',
    '| documents | families scored | labels | weights | nDCG@10 | MRR | dev nDCG@10 / MRR | held-out nDCG@10 / MRR |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...measured.flatMap((r) => {
      const x = r.relatedness!;
      const row = (labels: string, y: Pick<typeof x, 'ndcgAt10' | 'mrr' | 'dev' | 'heldOut'>) =>
        `| ${r.documents.toLocaleString('en')} | ${x.families} of ${x.planted} | ${labels} | ${weightsOf(x)} | ${f(y.ndcgAt10, 3)} | ${f(y.mrr, 3)} | ${f(y.dev.ndcgAt10, 3)} / ${f(y.dev.mrr, 3)} | ${f(y.heldOut.ndcgAt10, 3)} / ${f(y.heldOut.mrr, 3)} |`;
      return [
        row('planted only (strict)', x),
        ...(x.labelsV2
          ? [row(`v2: + a reader's judgments (${x.labelsV2.unjudgedAt10} unjudged in the top 10s)`, x.labelsV2)]
          : []),
      ];
    }),
    '',
    "Labels v2 add a reader's judgments of the practices no family plants that reach a family's top 10 (bench/relatedness.md).",
    '',
  ];
}

async function plots(dir: string, label: string, results: SizeResult[]) {
  const conns = last(results).loadOptions.connections;
  const size = (r: SizeResult) => `${r.documents.toLocaleString('en')} docs`;
  const stages = results.flatMap((r) => {
    return [
      { size: size(r), stage: 'parse', s: r.ingest.medianParseMs / 1000 },
      { size: size(r), stage: 'embed', s: r.ingest.medianEmbedMs / 1000 },
      { size: size(r), stage: 'merge', s: r.ingest.medianMergeMs / 1000 },
      { size: size(r), stage: 'write', s: r.ingest.medianWriteMs / 1000 },
    ];
  });
  await writePlot(
    join(dir, `${label}-ingest-stages.svg`),
    stackedBars('Ingest stage time (summed over documents)', stages, 'size', 's', 'stage', 'seconds (median)'),
  );
  const vsRaw = results.flatMap((r) => [
    { size: size(r), what: 'ingest end to end', v: ingestFigures(r).passagesPerS },
    { size: size(r), what: 'raw embedding', v: r.raw.passagesPerS },
  ]);
  await writePlot(
    join(dir, `${label}-ingest-vs-raw.svg`),
    groupedBars('Ingest vs raw embedding', vsRaw, 'size', 'v', 'what', 'passages/s'),
  );
  const largest = last(results);
  const lat = SYSTEMS.flatMap((sys) =>
    conns.map((c) => ({ clients: c, system: NAMES[sys], p95: largest.load[sys]?.[c]?.p95 ?? 0 })),
  );
  await writePlot(
    join(dir, `${label}-latency.svg`),
    lines(`Search p95 latency, ${size(largest)}`, lat, 'clients', 'p95', 'system', {
      x: 'concurrent clients',
      y: 'p95 ms',
      logX: true,
    }),
  );
  const thr = SYSTEMS.flatMap((sys) =>
    conns.map((c) => ({ clients: c, system: NAMES[sys], rps: largest.load[sys]?.[c]?.rps ?? 0 })),
  );
  await writePlot(
    join(dir, `${label}-throughput.svg`),
    lines(`Search throughput, ${size(largest)}`, thr, 'clients', 'rps', 'system', {
      x: 'concurrent clients',
      y: 'requests/s',
      logX: true,
    }),
  );
  const q = results.flatMap((r) =>
    QUALITY_SYSTEMS.filter((sys) => r.quality[sys]).map((sys) => ({
      size: size(r),
      system: NAMES[sys],
      v: r.quality[sys].ndcgAt10,
    })),
  );
  const title = `nDCG@10 (labels ${versionsOf(results)})`;
  await writePlot(join(dir, `${label}-quality.svg`), groupedBars(title, q, 'size', 'v', 'system', 'nDCG@10'));
  if (results.length > 1) {
    const base = results[0];
    const rows = results.flatMap((r) => [
      {
        passages: ingestFigures(r).run.passages,
        what: 'ingest time',
        v: r.ingest.medianTotalMs / base.ingest.medianTotalMs,
      },
      {
        passages: ingestFigures(r).run.passages,
        what: `hybrid p95, ${last(conns)} clients`,
        v: r.load.hybrid![last(conns)].p95 / base.load.hybrid![last(conns)].p95,
      },
      {
        passages: ingestFigures(r).run.passages,
        what: 'passages (linear)',
        v: ingestFigures(r).run.passages / ingestFigures(base).run.passages,
      },
    ]);
    await writePlot(
      join(dir, `${label}-scaling.svg`),
      lines('Growth relative to the smallest size', rows, 'passages', 'v', 'what', {
        x: 'passages',
        y: '× smallest size',
        logX: true,
        logY: true,
      }),
    );
  }
}

/** Reads bench/results/*.json and writes RESULTS.md and the plots. */
export async function renderResults(benchDir: string): Promise<void> {
  const resultsDir = join(benchDir, 'results');
  const files = (await readdir(resultsDir).catch(() => [] as string[])).filter((x) => x.endsWith('.json'));
  const all: SizeResult[] = [];
  for (const file of files) all.push(JSON.parse(await readFile(join(resultsDir, file), 'utf8')) as SizeResult);
  await mkdir(join(benchDir, 'plots'), { recursive: true });
  const parts = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts) from the saved results in `bench/results/`; plots in `bench/plots/`. ' +
      'All corpora are SYNTHETIC (bench/generate.ts). Timings are medians of the stated number of runs; every ratio ' +
      'compares figures measured in the same run.',
    '',
  ];
  for (const label of ['full', 'quick'] as const) {
    const results = all.filter((r) => r.label === label).sort((a, b) => a.documents - b.documents);
    if (results.length === 0) continue;
    const anatomy =
      label === 'full' ? await readFile(join(benchDir, 'search-anatomy.md'), 'utf8').catch(() => undefined) : undefined;
    parts.push(section(label, results, anatomy), '');
    await plots(join(benchDir, 'plots'), label, results);
  }
  // Studies measured by their own scripts, kept beside this file and included as they are.
  const studies: [string, string, string][] = [
    ['sentences.md', 'Sentences at 1,000 and 10,000 documents', 'npm run bench -- --sizes 1000'],
    ['embedding.md', 'Embedding runtime and model choice', 'npx tsx bench/embed-runtime.ts / embed-models.ts'],
    ['candidates.md', 'Candidate count: quality against latency', 'npx tsx bench/candidate-curve.ts --docs 1000'],
    [
      'candidates-10000.md',
      'Candidate count at 10,000 documents',
      'npx tsx bench/candidate-curve.ts --docs 10000 --k 10,30,100',
    ],
    [
      'lookups-1000.md',
      'Sentence look-ups beyond the list, 1,000 documents',
      'npx tsx bench/candidate-curve.ts --docs 1000 --k 30 --lookups 30,60,100,200,400',
    ],
    [
      'lookups-10000.md',
      'Sentence look-ups beyond the list, 10,000 documents, the index (HNSW m 32) as ingest and its merges left it',
      'npx tsx bench/candidate-curve.ts --docs 10000 --k 30 --lookups 30,50,100,150,200,400',
    ],
    [
      'lookups-10000-m16.md',
      'Sentence look-ups beyond the list, 10,000 documents, the index under the old build settings (HNSW m 16)',
      'npx tsx bench/candidate-curve.ts --docs 10000 --k 30 --lookups 30,100,200 (then 400,800,1600), before f418e4e',
    ],
    [
      'lookups-10000-rebuilt.md',
      'Sentence look-ups beyond the list, 10,000 documents, the index rebuilt by population',
      'the measurement described in the file (candidate-curve.ts --lookups on a rebuilt index, renamed)',
    ],
    [
      'hnsw-10000.md',
      'HNSW build settings of the sentence index, 10,000 documents',
      'npx tsx bench/hnsw-rebuild.ts, then candidate-curve.ts --lookups (see the file)',
    ],
    ['fusion.md', 'Fusing the semantic and keyword lists', 'the measurement described in the file'],
    ['confidence.md', 'Confidence of an answer', 'npx tsx bench/calibrate-confidence.ts'],
    ['cold-start.md', 'First provisioning versus cached start', 'bash bench/cold-start.sh'],
    ['ingest-speed.md', "Ingest's write side", 'the measurement described in the file'],
    ['vector-index.md', 'Vector index settings: Neo4j CPU against quality', 'npx tsx bench/vector-index.ts --docs 100'],
    ['extraction.md', 'Practice extraction: precision and recall', 'npx tsx bench/practice-precision.ts'],
    ['merge-calibration.md', 'Practice merging: precision and recall', 'npx tsx bench/merge-calibration.ts'],
    [
      'link-thresholds.md',
      'Semantic linking: the threshold per model',
      'npx tsx bench/calibrate-thresholds.ts --model <id>',
    ],
    ['relatedness.md', 'Related practices: the blend weights, measured', 'npx tsx bench/relatedness.ts'],
    [
      'relatedness-variants.md',
      'Related practices: other similarity signals, tried',
      'npx tsx bench/relatedness-variants.ts --documents 1000 (on the graph of bench/relatedness.ts)',
    ],
    ['themes.md', 'Themes beyond the taxonomy: the planted theme found', 'npx tsx bench/themes.ts --sizes 100'],
    ['themes-profile.md', 'Themes: where the time went (PROFILE, CPU per step)', 'npx tsx bench/profile-themes.ts'],
    ['reliability.md', 'Reliability: kill trials and outages', 'npx tsx bench/kill-trials.ts (see its header)'],
    ['fuzz.md', 'Parser fuzzing', 'nice -n 10 npx tsx bench/fuzz-parsers.ts'],
    [
      'communities.md',
      'Communities: planted groups recovered (ARI, purity)',
      'npx tsx bench/communities.ts --sizes 100',
    ],
    ['trends.md', 'Planted trends: the trend statistic', 'npx tsx bench/trends.ts --sizes 100,1000,10000'],
    ['entity-page.md', 'Entity pages: where the time went', 'npx tsx bench/entity-page.ts --ingest (see its header)'],
  ];
  for (const [file, heading, how] of studies) {
    const text = await readFile(join(benchDir, file), 'utf8').catch(() => `Not measured yet: run \`${how}\`.\n`);
    parts.push(
      `## ${heading}`,
      '',
      text
        .replace(/^# .*\n+/, '')
        .replace(/^## /gm, '### ')
        .trim(),
      '',
    );
  }
  await writeFile(join(benchDir, 'RESULTS.md'), parts.join('\n'));
}

if (process.argv[1]?.endsWith('report.ts')) await renderResults(join(import.meta.dirname));
