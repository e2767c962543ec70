/**
 * Themes found in the text itself, beyond the taxonomy: sentence embeddings clustered with k-means (ml-kmeans,
 * k-means++ seeded, so the same sentences in the same order always give the same clusters), each cluster labelled
 * with its c-TF-IDF key phrases (./key-phrases.ts), scored for growth over the periods and for novelty — how far
 * its centroid is from every taxonomy topic and trend, and from the clusters of the periods before it rose.
 * Pure: queries/themes.ts reads the sentences and the taxonomy's embeddings and maps the result.
 */
import { cosine } from '../graph/vector-score.js';
import { kmeansClusters } from './kmeans.js';
import { classTfIdf, keyPhrases } from './key-phrases.js';
import { fitTrend } from './trend-statistics.js';

/** A sentence to cluster: its period index (into the periods list) and unit-length embedding. */
export interface ThemeSentence {
  id: string;
  documentId: string;
  period: number;
  text: string;
  embedding: readonly number[];
}

/** A taxonomy entry a theme is compared with (a Topic or Trend and its embedding of name + description). */
export interface ReferenceEntry {
  id: string;
  name: string;
  embedding: readonly number[];
}

export interface DiscoveryOptions {
  /** Number of periods (sentences' `period` indexes run 0..periods-1). */
  periods: number;
  /** Exposure per period (e.g. sentences considered), the denominator of growth. */
  exposure: readonly number[];
  seed?: number;
  /** Clusters over all sentences; default √(2n) bounded to 4..120 (defaultK). */
  k?: number;
  /** A theme needs at least this many sentences and two documents. */
  minSentences?: number;
  keyPhraseCount?: number;
  evidenceCount?: number;
}

export interface Growth {
  /** Rate ratio per period minus 1 (0.5 = the share of sentences grows by half each period). */
  growth: number;
  /** Slope over its standard error: how sure the rise is. */
  zScore: number;
}

export interface DiscoveredTheme {
  keyPhrases: string[];
  counts: number[];
  total: number;
  documents: number;
  growth: number;
  zScore: number;
  /** 1 − cosine to the nearest taxonomy entry, and that entry. */
  taxonomyDistance: number;
  nearestEntry: { id: string; name: string } | null;
  /** 1 − cosine of its recent centroid to the nearest cluster of the periods before its recent window (1: none). */
  earlierDistance: number;
  novelty: number;
  score: number;
  /** Benjamini–Hochberg adjusted one-sided p-value of its rise, over every cluster tested (see `EMERGING_FDR`). */
  qValue: number;
  /** qValue ≤ EMERGING_FDR: its rise stands out from what that many flat clusters give by chance. */
  emerging: boolean;
  /** Members closest to the centroid first, at most `evidenceCount`, one per document and text. */
  evidence: ThemeSentence[];
}

export const DEFAULT_SEED = 908;

/**
 * The false discovery rate at which a theme is called emerging. Each cluster's zScore tests "its share does not
 * rise"; with ~80 clusters tested at once, some flat ones reach z ≈ 1.5–1.8 by chance alone (bench/themes.md), so a
 * z that would be notable for one pre-chosen series is not for the best of 80. Benjamini–Hochberg (1995) keeps the
 * expected share of chance risers among the themes called emerging at or below this rate; docs/trends.md
 * "Emerging themes" says why FDR rather than a family-wise bound.
 */
export const EMERGING_FDR = 0.05;

/**
 * P(Z ≥ z) for a standard normal Z: erfc(z/√2)/2, erfc by the Chebyshev fit of Numerical Recipes (Press et al.,
 * 3rd ed., §6.2, `erfccheb` family; fractional error below 1.2e-7 everywhere), ample for a threshold at 0.05.
 */
export function upperTailP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the order given: q_(i) = min over j ≥ i of p_(j)·m/j for the
 * p-values sorted ascending, capped at 1. A hypothesis is rejected at FDR α when its q ≤ α.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (p[order[r]] * m) / (r + 1));
    q[order[r]] = running;
  }
  return q;
}

/**
 * A theme's growth and z-score: the trend statistic of queries/trend-statistics.ts (Poisson regression of its
 * sentences per period on the period, log(readable dated sentences per period) as offset, the same weak prior on
 * the slope), so themes and trends rise by one measure.
 */
export function growthOf(counts: readonly number[], exposure: readonly number[]): Growth {
  const fit = fitTrend(counts, exposure);
  return { growth: round(fit.growth), zScore: round(fit.zScore) };
}

/** The mean of some vectors. */
export function centroidOf(vectors: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(vectors[0]?.length ?? 0).fill(0);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] += v[i] / vectors.length;
  return out;
}

/**
 * k-means over `vectors` with a fixed seed: same input, same clusters (ml-kmeans' k-means++ and Lloyd's iterations,
 * computed by ./kmeans.ts: the same clusters, a fraction of the CPU).
 */
export function clusterVectors(vectors: readonly (readonly number[])[], k: number, seed = DEFAULT_SEED): number[] {
  if (vectors.length === 0) return [];
  const K = Math.max(1, Math.min(k, vectors.length));
  if (K === 1) return vectors.map(() => 0);
  return kmeansClusters(vectors, K, { seed, maxIterations: 40, tolerance: 1e-4 });
}

/**
 * The default number of clusters for n sentences: √(2n) within 4..120. Measured on the generated corpus
 * (bench/themes.md): with √(n/2) (40 at 3,477 sentences) the planted theme's 36 sentences merged into a larger
 * cluster; with 80 they formed their own (a 64- or 128-dimension random projection ran 4× or 2.5× faster but
 * split them: 15 or 20 of 36 in the theme found).
 */
export const defaultK = (n: number) => Math.max(4, Math.min(120, Math.round(Math.sqrt(2 * n))));

/**
 * Clusters the sentences (all periods together, so a theme has one series), drops clusters under `minSentences`
 * or in one document, labels and scores the rest: the emerging ones (rise significant at EMERGING_FDR over every
 * cluster tested) first, then by score. score = max(zScore, 0) × novelty, novelty the mean of the taxonomy and
 * earlier-period distances: a theme ranks high when it rises steadily, says something the taxonomy does not, and
 * was not there before.
 */
export function discoverThemes(
  sentences: readonly ThemeSentence[],
  references: readonly ReferenceEntry[],
  opts: DiscoveryOptions,
): DiscoveredTheme[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const minSentences = opts.minSentences ?? 3;
  const labels = clusterVectors(
    sentences.map((s) => s.embedding),
    opts.k ?? defaultK(sentences.length),
    seed,
  );
  const members: ThemeSentence[][] = [];
  labels.forEach((c, i) => (members[c] ??= []).push(sentences[i]));
  const clusters = members.filter(Boolean);
  const phrases = classTfIdf(clusters.map((m) => m.map((s) => s.text)));
  const window = Math.max(1, Math.floor(opts.periods / 3));
  const earlierCentroids = periodCentroids(sentences, opts.periods, seed);
  const themes: DiscoveredTheme[] = [];
  clusters.forEach((m, c) => {
    const documents = new Set(m.map((s) => s.documentId)).size;
    if (m.length < minSentences || documents < 2) return;
    const centroid = centroidOf(m.map((s) => s.embedding));
    const counts = new Array<number>(opts.periods).fill(0);
    for (const s of m) counts[s.period] += 1;
    const { growth, zScore } = growthOf(counts, opts.exposure);
    const nearest = nearestOf(centroid, references);
    const recent = m.filter((s) => s.period >= opts.periods - window);
    const recentCentroid = recent.length ? centroidOf(recent.map((s) => s.embedding)) : centroid;
    const before = earlierCentroids.filter((e) => e.period < opts.periods - window).map((e) => e.centroid);
    const earlierDistance = before.length ? 1 - Math.max(...before.map((v) => cosine(recentCentroid, v))) : 1;
    const taxonomyDistance = nearest ? 1 - nearest.similarity : 1;
    const novelty = (taxonomyDistance + earlierDistance) / 2;
    themes.push({
      keyPhrases: keyPhrases(phrases[c], opts.keyPhraseCount ?? 6),
      counts,
      total: m.length,
      documents,
      growth,
      zScore,
      taxonomyDistance: round(taxonomyDistance),
      nearestEntry: nearest ? { id: nearest.id, name: nearest.name } : null,
      earlierDistance: round(earlierDistance),
      novelty: round(novelty),
      score: round(Math.max(zScore, 0) * novelty),
      qValue: 1,
      emerging: false,
      evidence: evidenceOf(m, centroid, opts.evidenceCount ?? 3),
    });
  });
  // Every cluster that passed the size rules was tested, so all of them count in m.
  const q = benjaminiHochberg(themes.map((t) => upperTailP(t.zScore)));
  themes.forEach((t, i) => {
    t.qValue = Math.round(q[i] * 10_000) / 10_000;
    t.emerging = q[i] <= EMERGING_FDR;
  });
  return themes.sort(
    (a, b) =>
      Number(b.emerging) - Number(a.emerging) ||
      b.score - a.score ||
      b.total - a.total ||
      a.keyPhrases.join().localeCompare(b.keyPhrases.join()),
  );
}

/** Each period's own clusters (k-means within the period), as centroids. */
export function periodCentroids(sentences: readonly ThemeSentence[], periods: number, seed: number) {
  const out: { period: number; centroid: number[] }[] = [];
  for (let p = 0; p < periods; p++) {
    const inPeriod = sentences.filter((s) => s.period === p);
    if (inPeriod.length === 0) continue;
    const labels = clusterVectors(
      inPeriod.map((s) => s.embedding),
      defaultK(inPeriod.length),
      seed,
    );
    const groups: (readonly number[])[][] = [];
    labels.forEach((c, i) => (groups[c] ??= []).push(inPeriod[i].embedding));
    for (const g of groups) if (g) out.push({ period: p, centroid: centroidOf(g) });
  }
  return out;
}

function nearestOf(centroid: readonly number[], references: readonly ReferenceEntry[]) {
  let best: (ReferenceEntry & { similarity: number }) | null = null;
  for (const r of references) {
    const similarity = cosine(centroid, r.embedding);
    if (!best || similarity > best.similarity) best = { ...r, similarity };
  }
  return best;
}

/** The members closest to the centroid, one per document and each text once. */
function evidenceOf(members: readonly ThemeSentence[], centroid: readonly number[], count: number): ThemeSentence[] {
  const ranked = members
    .map((s) => ({ s, sim: cosine(s.embedding, centroid) }))
    .sort((a, b) => b.sim - a.sim || a.s.id.localeCompare(b.s.id));
  const seen = new Set<string>();
  const out: ThemeSentence[] = [];
  for (const { s } of ranked) {
    if (out.length >= count) break;
    const text = s.text.trim().toLowerCase();
    if (seen.has(s.documentId) || seen.has(text)) continue;
    seen.add(s.documentId).add(text);
    out.push(s);
  }
  return out;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
