/**
 * The measurements of one corpus size: raw embedding throughput (the physical limit of the pipeline), ingest
 * split into stages, search latency/throughput under load per mode, the peer under the same load, retrieval
 * quality of every system on the labelled queries, and recovery of the planted trends.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chunkText } from '../ingest/chunk.js';
import type { Embedder } from '../ingest/embed.js';
import { detectFormat, parseFile } from '../ingest/parse.js';
import type { Progress } from '../ingest/context.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import { documentSentences } from '../ingest/relations.js';
import type { Taxonomy } from '../ingest/taxonomy.js';
import type { SearchAnswer } from '../queries/answers.js';
import { ingestPaths } from '../src/ingest-service.js';
import type { Runtime } from '../src/runtime.js';
import type { GroundTruth } from './generate.js';
import { runLoad, type LoadResult } from './load.js';
import {
  labelsV1,
  labelsV2,
  meanScores,
  rankEntries,
  scoreRanks,
  type QueryScores,
  type RankedPassage,
} from './quality.js';

export const MODES = ['keyword', 'semantic', 'hybrid'] as const;
/** iwg-graph's modes over passages (as the peer), its default search (passages + practices), and the peer. */
export type System = (typeof MODES)[number] | 'hybrid-practices' | 'langchain-hybrid';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The nearest-rank percentile `p` (0–100) of `xs`. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

type Log = (msg: string, fields?: Record<string, unknown>) => void;

/** The texts the pipeline embeds for the given files of a generated corpus: their passages and sentences. */
export async function sampleUnits(dir: string, paths: string[]): Promise<{ passages: string[]; sentences: string[] }> {
  const passages: string[] = [];
  const sentences: string[] = [];
  for (const path of paths) {
    const file = join(dir, path);
    const parsed = await parseFile(await readFile(file), { id: path, path: file, format: detectFormat(file) });
    const cut = chunkText(parsed);
    passages.push(...cut.map((p) => p.text));
    // Alias mentions only decide which entities a sentence holds, not the sentences: none are needed here.
    sentences.push(...documentSentences(parsed.text, cut, [], NO_TAXONOMY).map((e) => e.sentence.text));
  }
  if (passages.length === 0) throw new Error(`no passages in the ${paths.length} sampled documents of ${dir}`);
  return { passages, sentences };
}
const NO_TAXONOMY = { entities: [], byId: new Map() } as unknown as Taxonomy;

export interface RawEmbedding {
  /** Passages per second, each with its sentences embedded too (the units ingest embeds). */
  passagesPerS: number;
  runs: number[];
  passages: number;
  /** Absent in results measured before sentences were embedded. */
  sentences?: number;
  meanWords: number;
}

/** The model alone on the pipeline's own units, with the pipeline's embedder: the ceiling for ingest. */
export async function measureRawEmbedding(
  embedder: Embedder,
  units: { passages: string[]; sentences: string[] },
  repeats: number,
): Promise<RawEmbedding> {
  const { passages, sentences } = units;
  await embedder.embed(passages.slice(0, 8)); // warm the worker
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await Promise.all([embedder.embed(passages), embedder.embed(sentences)]);
    runs.push(passages.length / ((performance.now() - t0) / 1000));
  }
  const words = passages.reduce((s, t) => s + t.split(/\s+/).length, 0);
  return {
    passagesPerS: median(runs),
    runs,
    passages: passages.length,
    sentences: sentences.length,
    meanWords: words / passages.length,
  };
}

export interface IngestRun {
  totalMs: number;
  parseMs: number;
  embedMs: number;
  mergeMs: number;
  writeMs: number;
  documents: number;
  failed: number;
  passages: number;
  practices: number;
  nodes: number;
  relationships: number;
}

/** Ingests the corpus folder (ids = paths relative to it), logging progress every 5%. */
export async function ingestCorpus(runtime: Runtime, dir: string, log: Log): Promise<IngestRun> {
  const t0 = performance.now();
  let nextReport = 0;
  const onProgress = (p: Progress) => {
    if (p.done < nextReport && p.done !== p.total) return;
    nextReport = p.done + Math.max(1, Math.round(p.total / 20));
    const s = (performance.now() - t0) / 1000;
    const eta = p.done > 0 ? Math.round((s / p.done) * (p.total - p.done)) : null;
    log('ingest progress', { done: p.done, total: p.total, passages: p.passages, elapsedS: Math.round(s), etaS: eta });
  };
  const summary: IngestSummary = await ingestPaths(runtime, [dir], { root: dir, onProgress });
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return {
    totalMs: performance.now() - t0,
    parseMs: summary.timings.parse,
    embedMs: summary.timings.embed,
    mergeMs: summary.timings.merge,
    writeMs: summary.timings.write,
    documents: summary.totals.added + summary.totals.updated,
    failed: summary.totals.failed,
    passages: summary.counts.nodes.Passage ?? 0,
    practices: summary.counts.nodes.Practice ?? 0,
    nodes: sum(summary.counts.nodes),
    relationships: sum(summary.counts.relationships),
  };
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

export interface QualityAndSplit {
  /** Scores under labels v2 (distractors graded 0, with the distractor metrics). */
  quality: Record<System, QueryScores>;
  /** The same rankings scored under labels v1 (distractors graded 1), comparable with results saved before v2. */
  qualityV1: Record<System, QueryScores>;
  /**
   * Per system, per labelled query (ground-truth order), the rank (1–10) at which each entry was credited —
   * its needles, then its distractors — or null: enough to rescore the run under other grades.
   */
  ranks: Record<System, (number | null)[][]>;
  /** Sequential queries (one client): median client-side latency and, for iwg-graph, its embed / Neo4j split. */
  split: Record<System, { totalMs: number; embedMs?: number; graphMs?: number }>;
}

type Searcher = (query: string) => Promise<{ ranked: RankedPassage[]; timings?: SearchAnswer['timings'] }>;

/** iwg-graph's /api/search in one mode over the given hit types, as ranked passages with its own timings. */
function apiSearcher(apiUrl: string, mode: string, types: string[]): Searcher {
  return async (query) => {
    const answer = (await post(`${apiUrl}/api/search`, { query, mode, types, limit: 10 })) as SearchAnswer;
    const ranked = answer.results.map((h) => ({ id: h.id, documentId: h.document?.id ?? '', text: h.text }));
    return { ranked, timings: answer.timings };
  };
}

/** Runs every labelled query once per system, one at a time, scoring the top 10 passages. */
export async function measureQuality(
  apiUrl: string,
  peer: { search(query: string, k: number): Promise<RankedPassage[]> },
  truth: GroundTruth,
): Promise<QualityAndSplit> {
  const systems: [System, Searcher][] = [
    ...MODES.map((mode): [System, Searcher] => [mode, apiSearcher(apiUrl, mode, ['passage'])]),
    // A practice hit is judged by the quote it shows and that quote's document, like a passage.
    ['hybrid-practices', apiSearcher(apiUrl, 'hybrid', ['passage', 'practice'])],
    ['langchain-hybrid', async (query) => ({ ranked: await peer.search(query, 10) })],
  ];
  const quality = {} as QualityAndSplit['quality'];
  const qualityV1 = {} as QualityAndSplit['qualityV1'];
  const ranks = {} as QualityAndSplit['ranks'];
  const split = {} as QualityAndSplit['split'];
  for (const [system, search] of systems) {
    const scores: QueryScores[] = [];
    const scoresV1: QueryScores[] = [];
    ranks[system] = [];
    const totals: number[] = [];
    const timings: NonNullable<SearchAnswer['timings']>[] = [];
    for (const q of truth.queries) {
      const t0 = performance.now();
      const answer = await search(q.text);
      totals.push(performance.now() - t0);
      if (answer.timings) timings.push(answer.timings);
      // Within a query every entry is in its own document, so the ranks do not depend on the grades.
      const entryRanks = rankEntries(answer.ranked.slice(0, 10), labelsV2(q));
      ranks[system].push(entryRanks);
      scores.push(scoreRanks(entryRanks, labelsV2(q)));
      scoresV1.push(scoreRanks(entryRanks, labelsV1(q)));
    }
    quality[system] = meanScores(scores);
    qualityV1[system] = meanScores(scoresV1);
    split[system] =
      timings.length > 0
        ? {
            totalMs: median(totals),
            embedMs: median(timings.map((t) => t.embed_ms)),
            graphMs: median(timings.map((t) => t.graph_ms)),
          }
        : { totalMs: median(totals) };
  }
  return { quality, qualityV1, ranks, split };
}

export type LoadTable = Partial<Record<System, Record<number, LoadResult & { runs: number }>>>;

/** Loads each system at each concurrency `repeats` times (autocannon in its own process); medians per cell. */
export async function measureLoad(
  apiUrl: string,
  peerUrl: string,
  truth: GroundTruth,
  opts: { connections: number[]; durationS: number; repeats: number },
  log: Log,
): Promise<LoadTable> {
  const table = {} as LoadTable;
  const systems: System[] = [...MODES, 'langchain-hybrid'];
  for (const system of systems) {
    const cells: Record<number, LoadResult & { runs: number }> = {};
    table[system] = cells;
    const url = system === 'langchain-hybrid' ? `${peerUrl}/search` : `${apiUrl}/api/search`;
    const bodies = truth.queries.map((q) =>
      JSON.stringify(
        system === 'langchain-hybrid'
          ? { query: q.text, k: 10 }
          : { query: q.text, mode: system, types: ['passage'], limit: 10 },
      ),
    );
    for (const connections of opts.connections) {
      const runs: LoadResult[] = [];
      for (let i = 0; i < opts.repeats; i++)
        runs.push(await runLoad({ url, bodies, connections, durationS: opts.durationS, warmupS: 1 }));
      const pick = (k: keyof LoadResult) => median(runs.map((r) => r[k]));
      const cell = {
        connections,
        requests: pick('requests'),
        errors: Math.max(...runs.map((r) => r.errors)),
        non2xx: Math.max(...runs.map((r) => r.non2xx)),
        rps: pick('rps'),
        p50: pick('p50'),
        p95: pick('p95'),
        p99: pick('p99'),
        mean: pick('mean'),
        runs: runs.length,
      };
      if (cell.errors > 0 || cell.non2xx > 0)
        throw new Error(`${system} at ${connections} clients: ${cell.errors} errors, ${cell.non2xx} non-2xx answers`);
      cells[connections] = cell;
      log('load measured', { system, connections, p50: cell.p50, p95: cell.p95, rps: Math.round(cell.rps) });
    }
  }
  return table;
}

export interface TrendRecovery {
  planted: number;
  recovered: number;
  details: {
    id: string;
    direction: string;
    growth: number | null;
    zScore: number | null;
    rank?: number | null;
    recovered: boolean;
  }[];
}

/**
 * Whether /api/trends ranks each planted trend with the planted direction of growth: a rising one among the top
 * (as many as are planted rising), a falling one among the bottom as many.
 */
export async function measureTrends(apiUrl: string, truth: GroundTruth): Promise<TrendRecovery> {
  const res = await fetch(`${apiUrl}/api/trends?interval=year&limit=50`);
  if (!res.ok) throw new Error(`/api/trends answered ${res.status}`);
  const body = (await res.json()) as {
    trends: { entity: { id: string }; growth: number; zScore: number; rank: number }[];
  };
  const rising = truth.plantedTrends.filter((t) => t.direction === 'rising').length;
  const falling = truth.plantedTrends.length - rising;
  const details = truth.plantedTrends.map((t) => {
    const found = body.trends.find((x) => x.entity.id === t.id);
    const growth = found?.growth ?? null;
    const rank = found?.rank ?? null;
    const placed = rank !== null && (t.direction === 'rising' ? rank <= rising : rank > body.trends.length - falling);
    const ok = placed && growth !== null && (t.direction === 'rising' ? growth > 0 : growth < 0);
    return { id: t.id, direction: t.direction, growth, zScore: found?.zScore ?? null, rank, recovered: ok };
  });
  return { planted: details.length, recovered: details.filter((d) => d.recovered).length, details };
}
