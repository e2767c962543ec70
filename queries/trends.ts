/**
 * Emerging trends: per period of the document date, the documents mentioning each Trend (and Topic) against the
 * documents of the period (the exposure), ranked by a Poisson regression of the one on the other
 * (queries/trend-statistics.ts, docs/trends.md). A focus group's documents are those declaring it and those with
 * a sentence naming it; a mention counts for the group when its document declares the group or its sentence
 * names the group too (docs/trends.md, "Attribution").
 */
import type { CypherQuery, Graph } from '../graph/driver.js';
import { query } from '../graph/cypher.js';
import { readableDocument, readableParam, type Readable } from './access.js';
import { entityRef } from './cypher.js';
import { sentenceEvidence, toEvidence, type RawEvidence } from './evidence.js';
import type { EntityRef } from './shapes.js';
import type { TrendAnswer } from './answers.js';
import { fitTrend, MIN_SUPPORT } from './trend-statistics.js';

export interface TrendInput {
  interval: 'year' | 'quarter';
  focusGroup?: string;
  topic?: string;
  from?: string;
  to?: string;
  /** The caller's readable access labels: only their documents count and give evidence. */
  readable: Readable;
}

/** Document `d` declares the focus group (manifest `focusGroups`), or no group is asked for. */
const DECLARED = `($focusGroup IS NULL OR $focusGroup IN coalesce(d.focusGroups, []))`;

/** Sentence `s` names the focus group `g` (bound once by GROUP_SCOPE). */
const NAMES_GROUP = (s: string) => `EXISTS { (${s})-[:MENTIONS]->(g) }`;

/**
 * What the selection needs once per statement, from the entity side: the focus group's node `g`, and the
 * documents with a passage mentioning the topic. Asking each document for them instead walks every sentence of
 * the corpus.
 */
const groupScope = (i: TrendInput) =>
  [
    i.focusGroup ? `OPTIONAL MATCH (g:Entity {id: $focusGroup})` : '',
    i.topic
      ? `CALL () { OPTIONAL MATCH (:Entity {id: $topic})<-[:MENTIONS]-(tp:Passage)
      RETURN collect(DISTINCT tp.documentId) AS topicDocs }`
      : '',
  ]
    .filter(Boolean)
    .join('\n    ');

/**
 * The focus group's candidate documents, each once: those declaring it and those with a sentence naming it (found
 * from the group's sentences). A UNION of documents, not `d.id IN namingDocs OR …`: the planner turned that OR into
 * a union whose de-duplication kept the list of naming documents in every row, out of transaction memory at 10k.
 */
const GROUP_DOCUMENTS = `CALL (g) {
      MATCH (d:Document) WHERE $focusGroup IN coalesce(d.focusGroups, [])
      RETURN d
    UNION
      MATCH (g)<-[:MENTIONS]-(gs:Sentence)
      WITH DISTINCT gs.documentId AS documentId
      MATCH (d:Document {id: documentId})
      RETURN d
    }
    WITH *`;

/** Document `d` is dated, in the date range and readable by the caller. */
const DATED_READABLE = `d.date IS NOT NULL AND ${readableDocument('d')}
      AND ($from IS NULL OR d.date >= $from) AND ($to IS NULL OR d.date <= $to)`;

/** Entity `e` is counted: a trend or a topic. By kind, not label (countedMentions says why). */
const COUNTED_KIND = `e.kind IN ['trend', 'topic']`;

/**
 * The dated, readable documents of the selection: in the date range, of the focus group (declaring it or with a
 * sentence naming it), mentioning the topic. Without a focus group or topic their predicates are left out.
 */
const selectedDocuments = (i: TrendInput) => `${groupScope(i)}
    ${i.focusGroup ? GROUP_DOCUMENTS : 'MATCH (d:Document)'}
    WHERE ${DATED_READABLE}${
      i.topic
        ? `
      AND d.id IN topicDocs`
        : ''
    }`;

/**
 * The WHERE clause for passage `p` (of document `d`, `declared` in scope) counting for entity `e`: it mentions the
 * topic, and its document declares the focus group or the sentence naming `e` names the group. Empty when neither
 * is asked for.
 */
function attributed(i: TrendInput, p: string, e: string): string {
  const conditions = [
    i.topic ? `EXISTS { (${p})-[:MENTIONS]->(:Entity {id: $topic}) }` : '',
    i.focusGroup
      ? `(declared OR EXISTS { MATCH (${p})-[:HAS_SENTENCE]->(ts:Sentence)-[:MENTIONS]->(${e}) WHERE ${NAMES_GROUP('ts')} })`
      : '',
  ].filter(Boolean);
  return conditions.length ? `WHERE ${conditions.join('\n        AND ')}` : '';
}

function filterParams(i: TrendInput) {
  return {
    from: i.from ?? null,
    to: i.to ?? null,
    focusGroup: i.focusGroup ?? null,
    topic: i.topic ?? null,
    ...readableParam(i.readable),
  };
}

/**
 * The trends and topics document `d` counts for: every one its passages mention when it declares the focus group
 * (or none is asked for); otherwise those named in a sentence that also names the group (`g`), found from the
 * document's sentences by their index (only documents that name the group without declaring it get here). With a
 * topic, only passages mentioning it count. Both start from the document: started from the group or the trends,
 * the planner expanded every mention of them per document, hundreds of millions of page hits at 10k documents.
 */
function countedMentions(i: TrendInput): string {
  const topic = i.topic ? ' AND EXISTS { (p)-[:MENTIONS]->(:Entity {id: $topic}) }' : '';
  // By kind, not label: with a label the planner scans the trends and topics and expands every mention of each
  // (millions at 10k documents) per document, instead of expanding the document's own passages.
  const all = `MATCH (d)-[:HAS_PASSAGE]->(p:Passage)-[:MENTIONS]->(e) WHERE ${COUNTED_KIND}${topic}`;
  if (!i.focusGroup) return all;
  return `CALL (d, declared, g) {
          WITH d WHERE declared
          ${all}
          RETURN DISTINCT e
        UNION
          WITH d, g WHERE NOT declared
          MATCH (ts:Sentence {documentId: d.id}) USING INDEX ts:Sentence(documentId)
          WHERE EXISTS { (ts)-[:MENTIONS]->(g) }
          MATCH (ts)-[:MENTIONS]->(e) WHERE ${COUNTED_KIND}
          MATCH (p:Passage)-[:HAS_SENTENCE]->(ts) WHERE EXISTS { (p)-[:MENTIONS]->(e) }${topic}
          RETURN DISTINCT e
        }`;
}

/**
 * TREND_COUNTS: per period, the selected documents (the exposure) and, per trend or topic, the documents with a
 * passage mentioning it that counts for the selection. Each document is reduced to the ids it counts for before
 * anything is grouped by period: expanding every mention of a period's documents inside one aggregation ran out
 * of Neo4j's transaction memory at 10k documents (~1.2 M mention rows; bench/trends.md).
 */
export function buildTrendCounts(i: TrendInput): CypherQuery {
  const scope = i.focusGroup ? 'd, declared, g' : 'd';
  return query(
    `
    ${selectedDocuments(i)}
    WITH d, ${DECLARED} AS declared${i.focusGroup ? ', g' : ''}, CASE $interval
      WHEN 'quarter' THEN substring(d.date, 0, 4) + '-Q' + toString((toInteger(substring(d.date, 5, 2)) + 2) / 3)
      ELSE substring(d.date, 0, 4) END AS period
    CALL (${scope}) {
      ${countedMentions(i)}
      RETURN collect(DISTINCT e.id) AS counted
    }
    WITH period, count(d) AS documents, collect(counted) AS perDocument
    RETURN period, documents,
      COLLECT { UNWIND perDocument AS counted UNWIND counted AS eid
        WITH eid, count(*) AS n MATCH (e:Entity {id: eid})
        RETURN {entity: ${entityRef('e')}, n: n} } AS mentions
    ORDER BY period
    `,
    { ...filterParams(i), interval: i.interval },
  );
}

/**
 * TREND_EVIDENCE: per trend, its latest `perTrend` documents of the selection, one sentence each: the first sentence
 * naming the trend (and the focus group, when the document does not declare it), with both names marked; in a
 * declaring document a passage linked to the trend by meaning gives its sentence closest to the trend's description.
 */
export function buildTrendEvidence(i: TrendInput, trendIds: readonly string[], perTrend: number): CypherQuery {
  const g = i.focusGroup ? ', g' : '';
  const named = `COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)-[em:MENTIONS]->(t)
          WHERE declared${i.focusGroup ? ` OR ${NAMES_GROUP('es')}` : ''}
          RETURN ${sentenceEvidence('es', 'd', '[em.spans] + COLLECT { MATCH (es)-[gm:MENTIONS]->(:Entity {id: $focusGroup}) RETURN gm.spans }', 'mention', 'p.page')}
          ORDER BY es.start LIMIT 1 }[0]`;
  const byMeaning = `CASE WHEN declared THEN COLLECT { MATCH (p)-[:HAS_SENTENCE]->(es:Sentence)
          RETURN ${sentenceEvidence('es', 'd', '[]', 'meaning', 'p.page')}
          ORDER BY vector.similarity.cosine(es.embedding, t.embedding) DESC, es.start LIMIT 1 }[0] END`;
  // From the trend's passages, not the selection's documents: a passage that counts (the same test as TREND_COUNTS)
  // puts its document in the selection, and a focus group's ~9,000 documents walked per trend took seconds at 10k.
  // The latest documents are chosen first and only their first counting passage is turned into a sentence.
  return query(
    `
    ${i.focusGroup ? 'OPTIONAL MATCH (g:Entity {id: $focusGroup})' : ''}
    UNWIND $trendIds AS tid
    MATCH (t:Trend {id: tid})
    CALL (t${g}) {
      MATCH (t)<-[:MENTIONS]-(p:Passage)
      MATCH (d:Document {id: p.documentId})
      WHERE ${DATED_READABLE}
      WITH d, p, ${DECLARED} AS declared${g}
      ${attributed(i, 'p', 't')}
      WITH d, p, declared${g} ORDER BY d.date DESC, d.id, p.ordinal
      WITH d, declared${g}, head(collect(p)) AS p ORDER BY d.date DESC, d.id LIMIT toInteger($perTrend)
      WITH d, p, coalesce(${named}, ${byMeaning}) AS ev
      WHERE ev IS NOT NULL
      RETURN collect(ev) AS evidence
    }
    RETURN t.id AS tid, evidence
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

const round = (v: number) => Math.round(v * 1000) / 1000;

interface CountRow {
  period: string;
  documents: number;
  mentions: { entity: EntityRef; n: number }[];
}

/** Per entity, its documents per period over `periods`, from the count rows. */
function seriesOf(rows: readonly CountRow[], periods: readonly string[]) {
  const series = new Map<string, { entity: EntityRef; counts: number[] }>();
  for (const row of rows) {
    const at = periods.indexOf(row.period);
    for (const m of row.mentions) {
      const s = series.get(m.entity.id) ?? { entity: m.entity, counts: periods.map(() => 0) };
      s.counts[at] += m.n;
      series.set(m.entity.id, s);
    }
  }
  return [...series.values()].map((s) => ({ ...s, total: s.counts.reduce((a, b) => a + b, 0) }));
}

/**
 * Counts, fits and ranks trends; topics are counted alongside. A trend in fewer than MIN_SUPPORT documents is
 * left out of the ranking (its count still shows under `unranked`).
 */
export async function emergingTrends(graph: Graph, input: TrendInput, limit = 20): Promise<TrendAnswer> {
  const rows = await graph.read<CountRow>(buildTrendCounts(input));
  if (rows.length === 0)
    return { interval: input.interval, periods: [], exposure: [], trends: [], unranked: [], topics: [] };
  const periods = periodRange(rows[0].period, rows[rows.length - 1].period, input.interval);
  const exposure = periods.map((p) => rows.find((r) => r.period === p)?.documents ?? 0);
  const all = seriesOf(rows, periods);
  const trendSeries = all.filter((s) => s.entity.type === 'trend');
  const trends = trendSeries
    .filter((s) => s.total >= MIN_SUPPORT)
    .map((s) => {
      const fit = fitTrend(s.counts, exposure);
      return { ...s, support: s.total, growth: round(fit.growth), zScore: round(fit.zScore) };
    })
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
    exposure,
    trends: trends.map((t, i) => ({
      ...t,
      rank: i + 1,
      evidence: (evidenceOf.get(t.entity.id) ?? []).map((e) => {
        const ev = toEvidence(e);
        return { ...ev, text: ev.sentence };
      }),
    })),
    unranked: trendSeries
      .filter((s) => s.total < MIN_SUPPORT)
      .sort((a, b) => a.entity.id.localeCompare(b.entity.id))
      .map(({ entity, counts, total }) => ({ entity, counts, total })),
    topics: all
      .filter((s) => s.entity.type === 'topic')
      .sort((a, b) => b.total - a.total || a.entity.id.localeCompare(b.entity.id))
      .map(({ entity, counts, total }) => ({ entity, counts, total })),
  };
}
