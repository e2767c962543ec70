/**
 * Emerging trends: passages mentioning each Trend (and Topic) per period of the document's date, and the
 * growth of the latest window over the earlier baseline with a significance that does not reward tiny counts.
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { entityRef } from './cypher.js';
import { mentionEvidence, toEvidence, type RawEvidence } from './evidence.js';
import type { EntityRef } from './shapes.js';
import type { TrendAnswer } from './answers.js';

export interface TrendInput {
  interval: 'year' | 'quarter';
  focusGroup?: string;
  topic?: string;
  from?: string;
  to?: string;
  /** The caller's readable access labels: only their documents count and give evidence. */
  readable: Readable;
}

const DATED_PASSAGES = `MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)
    WHERE d.date IS NOT NULL AND ${readableDocument('d')}
      AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)
      AND ($focusGroup IS NULL OR EXISTS { (p)-[:MENTIONS]->(:Entity {id: $focusGroup}) })
      AND ($topic IS NULL OR EXISTS { (p)-[:MENTIONS]->(:Entity {id: $topic}) })`;

function filterParams(i: TrendInput) {
  return {
    from: i.from ?? null,
    to: i.to ?? null,
    focusGroup: i.focusGroup ?? null,
    topic: i.topic ?? null,
    ...readableParam(i.readable),
  };
}

/** TREND_COUNTS: per period, the dated passages (exposure) and the passages mentioning each trend/topic. */
export function buildTrendCounts(i: TrendInput): CypherQuery {
  return query(
    `
    ${DATED_PASSAGES}
    WITH p, CASE $interval
      WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
      ELSE substring(d.date, 0, 4) END AS period
    WITH period, collect(p) AS ps
    RETURN period, size(ps) AS passages,
      COLLECT { UNWIND ps AS x MATCH (x)-[:MENTIONS]->(e:Entity) WHERE e:Trend OR e:Topic
        WITH e, count(DISTINCT x) AS n RETURN {entity: ${entityRef('e')}, n: n} } AS mentions
    ORDER BY period
    `,
    { ...filterParams(i), interval: i.interval },
  );
}

/**
 * TREND_EVIDENCE: the latest passages (within the filters) mentioning each trend, `perTrend` each, and in each the
 * sentence that evidences it: the first naming the trend (its names as mentions), else — a passage linked by
 * meaning — the sentence closest to the trend's description (no mentions).
 */
export function buildTrendEvidence(i: TrendInput, trendIds: readonly string[], perTrend: number): CypherQuery {
  return query(
    `
    UNWIND $trendIds AS tid
    MATCH (t:Trend {id: tid})
    CALL (t) {
      ${DATED_PASSAGES}
        AND EXISTS { (p)-[:MENTIONS]->(t) }
      WITH d, p ORDER BY d.date DESC, p.ordinal LIMIT toInteger($perTrend)
      RETURN ${mentionEvidence('p', 'd', 't')} AS ev
    }
    WITH t, ev WHERE ev IS NOT NULL
    RETURN t.id AS tid, collect(ev) AS evidence
    `,
    { ...filterParams(i), trendIds: [...trendIds], perTrend },
  );
}

/** The periods from first to last, gaps included ('2021', '2021-Q3'). */
export function periodRange(first: string, last: string, interval: 'year' | 'quarter'): string[] {
  const toIndex = (p: string) => (interval === 'year' ? Number(p) : Number(p.slice(0, 4)) * 4 + Number(p.slice(6)) - 1);
  const toLabel = (n: number) => (interval === 'year' ? String(n) : `${Math.floor(n / 4)}-Q${(n % 4) + 1}`);
  const out: string[] = [];
  for (let n = toIndex(first); n <= toIndex(last); n++) out.push(toLabel(n));
  return out;
}

export interface TrendSignal {
  growth: number;
  zScore: number;
}

/**
 * Growth of the latest window (the last third of the periods, at least one) against the earlier baseline.
 *
 * Significance: a one-sided binomial z-score with continuity correction. Under "no change", each of the n
 * mentions falls in the recent window with probability q = recent exposure / total exposure (exposure = dated
 * passages, so a period with more documents is not mistaken for a trend); z = (x − nq − ½) / √(nq(1−q)).
 * One mention in the recent window scores ≈ 0.4, eight of ten ≈ 3: tiny counts cannot rank high.
 * Growth: ratio of mention rates recent/baseline minus 1, with a pseudocount of ½ on both sides so a trend
 * absent from the baseline gets a finite value.
 */
export function trendSignal(counts: readonly number[], exposure: readonly number[]): TrendSignal {
  const periods = counts.length;
  if (periods < 2) return { growth: 0, zScore: 0 };
  const window = Math.max(1, Math.floor(periods / 3));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const x = sum(counts.slice(-window));
  const n = sum(counts);
  const expRecent = Math.max(sum(exposure.slice(-window)), 1);
  const expBase = Math.max(sum(exposure.slice(0, -window)), 1);
  const q = expRecent / (expRecent + expBase);
  const sd = Math.sqrt(n * q * (1 - q));
  const zScore = n === 0 || sd === 0 ? 0 : (x - n * q - 0.5 * Math.sign(x - n * q)) / sd;
  const growth = (x + 0.5) / expRecent / ((n - x + 0.5) / expBase) - 1;
  return { growth: round(growth), zScore: round(zScore) };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

interface CountRow {
  period: string;
  passages: number;
  mentions: { entity: EntityRef; n: number }[];
}

/** Counts, scores and ranks trends; topics are counted alongside. */
export async function emergingTrends(graph: Graph, input: TrendInput, limit = 20): Promise<TrendAnswer> {
  const rows = await graph.read<CountRow>(buildTrendCounts(input));
  if (rows.length === 0) return { interval: input.interval, periods: [], trends: [], topics: [] };
  const periods = periodRange(rows[0].period, rows[rows.length - 1].period, input.interval);
  const exposure = periods.map((p) => rows.find((r) => r.period === p)?.passages ?? 0);
  const series = new Map<string, { entity: EntityRef; counts: number[] }>();
  for (const row of rows) {
    const at = periods.indexOf(row.period);
    for (const m of row.mentions) {
      const s = series.get(m.entity.id) ?? { entity: m.entity, counts: periods.map(() => 0) };
      s.counts[at] += m.n;
      series.set(m.entity.id, s);
    }
  }
  const all = [...series.values()].map((s) => ({ ...s, total: s.counts.reduce((a, b) => a + b, 0) }));
  const trends = all
    .filter((s) => s.entity.type === 'trend')
    .map((s) => ({ ...s, ...trendSignal(s.counts, exposure) }))
    .sort((a, b) => b.zScore - a.zScore || b.total - a.total || a.entity.id.localeCompare(b.entity.id))
    .slice(0, limit);
  const evidenceRows = trends.length
    ? await graph.read<{ tid: string; evidence: RawEvidence[] }>(
        buildTrendEvidence(
          input,
          trends.map((t) => t.entity.id),
          3,
        ),
      )
    : [];
  const evidenceOf = new Map(evidenceRows.map((r) => [r.tid, r.evidence]));
  return {
    interval: input.interval,
    periods,
    trends: trends.map((t, i) => ({
      ...t,
      rank: i + 1,
      evidence: (evidenceOf.get(t.entity.id) ?? []).map((e) => {
        const ev = toEvidence(e);
        return { ...ev, text: ev.sentence };
      }),
    })),
    topics: all
      .filter((s) => s.entity.type === 'topic')
      .sort((a, b) => b.total - a.total || a.entity.id.localeCompare(b.entity.id))
      .map(({ entity, counts, total }) => ({ entity, counts, total })),
  };
}
