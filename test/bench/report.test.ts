import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderResults, type SizeResult } from '../../bench/report.js';

const scores = (ndcg: number) => ({ recallAt5: ndcg - 0.1, ndcgAt10: ndcg, mrr: ndcg + 0.1 });
const cell = (p50: number, rps: number) => ({
  connections: 1,
  requests: rps * 5,
  errors: 0,
  non2xx: 0,
  rps,
  p50,
  p95: p50 * 2,
  p99: p50 * 3,
  mean: p50,
  runs: 3,
});

function result(documents: number, passages: number, totalMs: number): SizeResult {
  const run = {
    totalMs,
    parseMs: totalMs * 0.05,
    embedMs: totalMs * 0.6,
    mergeMs: totalMs * 0.05,
    writeMs: totalMs * 0.5,
    documents,
    failed: 0,
    passages,
    practices: documents * 2,
    nodes: passages * 2,
    relationships: passages * 10,
    nodePeakMb: 500,
    neo4jPeakMb: 900,
  };
  const load = (p50: number, rps: number) => ({ 1: cell(p50, rps), 16: cell(p50 * 8, rps * 2) });
  return {
    label: 'full',
    seed: 908,
    documents,
    environment: { date: '2026-11-27T00:00:00Z', cores: 2, cpu: 'CPU', memoryGiB: 24, os: 'Linux', versions: {} },
    // ingest runs at passages / (totalMs / 1000) passages/s; raw is twice that
    raw: { passagesPerS: (2 * passages) / (totalMs / 1000), runs: [1], passages: 300, meanWords: 140 },
    ingest: {
      runs: [run],
      medianTotalMs: totalMs,
      medianParseMs: run.parseMs,
      medianEmbedMs: run.embedMs,
      medianMergeMs: run.mergeMs,
      medianWriteMs: run.writeMs,
    },
    quality: {
      keyword: scores(0.5),
      semantic: scores(0.2),
      hybrid: scores(0.4),
      'hybrid-practices': scores(0.6),
      'langchain-hybrid': scores(0.3),
    },
    split: {
      keyword: { totalMs: 10, embedMs: 0, graphMs: 9 },
      semantic: { totalMs: 10, embedMs: 4, graphMs: 5 },
      hybrid: { totalMs: 20, embedMs: 4, graphMs: 15 },
      'hybrid-practices': { totalMs: 25, embedMs: 4, graphMs: 20 },
      'langchain-hybrid': { totalMs: 10 },
    },
    load: {
      keyword: load(10, 50),
      semantic: load(12, 40),
      hybrid: load(20, 40),
      'langchain-hybrid': load(10, 80),
    },
    loadOptions: { durationS: 5, repeats: 3, connections: [1, 16] },
    trends: {
      planted: 2,
      recovered: 1,
      details: [
        { id: 'trend:a', direction: 'rising', growth: 1.2, zScore: 3, recovered: true },
        { id: 'trend:b', direction: 'falling', growth: 0.1, zScore: 0.2, recovered: false },
      ],
    },
    queries: 40,
  };
}

describe('renderResults', () => {
  it('when two sizes are saved, then RESULTS.md states the ratios of the same run and the plots are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-report-'));
    await mkdir(join(dir, 'results'));
    await writeFile(join(dir, 'results', 'full-100.json'), JSON.stringify(result(100, 1000, 20_000)));
    await writeFile(join(dir, 'results', 'full-1000.json'), JSON.stringify(result(1000, 10_000, 100_000)));
    await writeFile(join(dir, 'cold-start.md'), 'cold start table\n');
    await renderResults(dir);
    const sut = await readFile(join(dir, 'RESULTS.md'), 'utf8');

    expect(sut).toContain('### Headline (1,000 documents, 10,000 passages)');
    expect(sut).toContain('100 vs 200 passages/s = **×0.5** of the physical limit');
    expect(sut).toMatch(
      /hybrid throughput, 16 clients: iwg-graph vs LangChain\.js \| 80 vs 160 requests\/s \(\*\*×0\.5\*\*\)/,
    );
    expect(sut).toContain(
      '| 1,000 | iwg-graph hybrid, passages + practices (its default) | v1 | 0.5 | 0.6 | 0.7 | – | – |',
    );
    expect(sut).toContain('| 1,000 | 1 of 2 | trend:a (rising: 1.2); trend:b (falling: 0.1) |');
    // 100 → 1000 documents: passages ×10, ingest time ×5
    expect(sut).toContain('From 1,000 to 10,000 passages (×10): ingest time ×5 (linear or better)');
    expect(sut).toContain('cold start table');
    const plots = await readdir(join(dir, 'plots'));
    expect(plots.sort()).toEqual(
      ['ingest-stages', 'ingest-vs-raw', 'latency', 'quality', 'scaling', 'throughput'].map((p) => `full-${p}.svg`),
    );
    const quality = await readFile(join(dir, 'plots', 'full-quality.svg'), 'utf8');
    expect(quality).toMatch(/^<svg/);
    for (const system of ['keyword', 'semantic', 'hybrid', 'passages + practices', 'LangChain.js'])
      expect(quality).toContain(system);
  });

  it('when the sizes were measured on different days, then the section names each size with its day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-report-'));
    await mkdir(join(dir, 'results'));
    const later = { ...result(1000, 10_000, 100_000) };
    later.environment = { ...later.environment, date: '2026-12-02T10:00:00Z' };
    await writeFile(join(dir, 'results', 'full-100.json'), JSON.stringify(result(100, 1000, 20_000)));
    await writeFile(join(dir, 'results', 'full-1000.json'), JSON.stringify(later));
    await renderResults(dir);
    const sut = await readFile(join(dir, 'RESULTS.md'), 'utf8');

    expect(sut).toContain('Measured 2026-11-27 (100 documents), 2026-12-02 (1,000 documents) on 2 cores');
  });

  it('when a labels v2 result sits beside a v1 one, then each quality figure names its labels and v2 adds v1 and the distractor metrics', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-report-'));
    await mkdir(join(dir, 'results'));
    const v2 = result(1000, 10_000, 100_000);
    v2.labels = 2;
    v2.quality = {
      ...v2.quality,
      'hybrid-practices': { ...scores(0.7), distractorFirst: 0.025, distractorsAt10: 0.3 },
    };
    v2.qualityV1 = { ...v2.quality, 'hybrid-practices': scores(0.65) };
    await writeFile(join(dir, 'results', 'full-100.json'), JSON.stringify(result(100, 1000, 20_000)));
    await writeFile(join(dir, 'results', 'full-1000.json'), JSON.stringify(v2));
    await renderResults(dir);
    const sut = await readFile(join(dir, 'RESULTS.md'), 'utf8');

    expect(sut).toContain(
      '| 100 | iwg-graph hybrid, passages + practices (its default) | v1 | 0.5 | 0.6 | 0.7 | – | – |',
    );
    expect(sut).toContain(
      '| 1,000 | iwg-graph hybrid, passages + practices (its default) | v2 | 0.6 | 0.7 | 0.8 | 0.025 | 0.3 |',
    );
    expect(sut).toContain(
      '| 1,000 | iwg-graph hybrid, passages + practices (its default) | v1 | 0.55 | 0.65 | 0.75 | – | – |',
    );
    expect(sut).toContain(
      "nDCG@10 of iwg-graph's default search (passages + extracted practices; labels v2) | **0.7** (MRR 0.8; labels v1: 0.65)",
    );
    expect(sut).toContain('caps a perfect needle ranking at nDCG@10 0.887 and recall@5 0.6');
    expect(await readFile(join(dir, 'plots', 'full-quality.svg'), 'utf8')).toContain('labels v1/v2');
  });

  it('when a size carries related-practices figures, then the headline and the table report them and the study is included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwg-report-'));
    await mkdir(join(dir, 'results'));
    const measured = result(1000, 10_000, 100_000);
    measured.relatedness = {
      weights: { similarity: 0.7, sharedTags: 0.2, coCited: 0.1 },
      ndcgAt10: 0.912,
      mrr: 0.95,
      families: 15,
      planted: 16,
      dev: { ndcgAt10: 0.93, mrr: 1, families: 8 },
      heldOut: { ndcgAt10: 0.89, mrr: 0.9, families: 7 },
      labelsV2: {
        ndcgAt10: 0.934,
        mrr: 0.95,
        families: 15,
        dev: { ndcgAt10: 0.94, mrr: 1, families: 8 },
        heldOut: { ndcgAt10: 0.925, mrr: 0.9, families: 7 },
        unjudgedAt10: 3,
      },
    };
    await writeFile(join(dir, 'results', 'full-100.json'), JSON.stringify(result(100, 1000, 20_000)));
    await writeFile(join(dir, 'results', 'full-1000.json'), JSON.stringify(measured));
    await writeFile(join(dir, 'relatedness.md'), '# Related practices, measured\n\nthe sweep table\n');
    await renderResults(dir);
    const sut = await readFile(join(dir, 'RESULTS.md'), 'utf8');

    expect(sut).toContain(
      "| related practices (practice families, weights 0.7 / 0.2 / 0.1): nDCG@10 / MRR | **0.912** / 0.95 (planted labels only); labels v2 (+ a reader's judgments): **0.934** / 0.95 |",
    );
    expect(sut).toContain(
      '| 1,000 | 15 of 16 | planted only (strict) | 0.7 / 0.2 / 0.1 | 0.912 | 0.95 | 0.93 / 1 | 0.89 / 0.9 |',
    );
    expect(sut).toContain(
      "| 1,000 | 15 of 16 | v2: + a reader's judgments (3 unjudged in the top 10s) | 0.7 / 0.2 / 0.1 | 0.934 | 0.95 | 0.94 / 1 | 0.925 / 0.9 |",
    );
    expect(sut).not.toContain('| 100 | 15 of 16 |');
    expect(sut).toContain('## Related practices: the blend weights, measured\n\nthe sweep table');
  });
});
